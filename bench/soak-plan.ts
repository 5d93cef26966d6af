// What bench/soak.ts hands its load generator (bench/soak-load.ts), and what the generator hands back.

export interface LoadPlan {
  base: string;
  requestsPerSecond: number;
  seconds: number;
  /** Unique per run: part of every e-mail this run invents. */
  tag: string;
  staffToken: string;
  partners: { adminToken: string; userIds: string[] }[];
  /** Ids to read details of before the first list answers (list answers add more). */
  seeds: { prospects: string[]; customers: string[]; leads: string[] };
  /** Latencies are also reported for these two stretches of the load (seconds from its start): early and late. */
  windows: { early: [number, number]; late: [number, number] };
  resultFile: string;
}

export const kinds = ['sign-up', 'prospects list', 'prospects search', 'prospect detail', 'customers list', 'customer detail', 'leads list', 'lead detail', 'partner user add', 'partner user edit'] as const;
export type Kind = (typeof kinds)[number];

export interface KindResult {
  sent: number;
  ok: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  early: { p50Ms: number; p99Ms: number };
  late: { p50Ms: number; p99Ms: number };
}

export interface LoadResult {
  scheduledSeconds: number;
  sent: number;
  answered: number;
  errors: number;
  errorSamples: string[];
  /** How late the scheduler sent its latest request: large values mean the generator, not the server, fell behind. */
  maxSendLagMs: number;
  kinds: Record<Kind, KindResult>;
  acceptedSignUps: string[];
}
