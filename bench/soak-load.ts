// The soak's load generator (bench/soak.ts starts it as its own process, so its work never shares a CPU queue with
// the measuring process): mixed traffic at a fixed rate, open loop — a request is sent when it is due, whether or
// not earlier ones have been answered — so a slow server shows as latency, not as a quietly lower rate.
//
//   node bench/soak-load.ts <plan.json>    writes the result to plan.resultFile, a progress line to stdout every 10 s
import fs from 'node:fs';
import { percentile } from './postgres.ts';
import { kinds } from './soak-plan.ts';
import type { Kind, KindResult, LoadPlan, LoadResult } from './soak-plan.ts';

// 20 slots, cycled: sign-ups 20 %, staff reads 60 % (lists and details of prospects, customers and leads; one
// prospects list in four is a search), partner user changes 20 % (one add to three edits). Interleaved so no kind
// comes in bursts.
const pattern: Kind[] = [
  'sign-up', 'prospects list', 'prospect detail', 'customers list', 'leads list',
  'partner user edit', 'customer detail', 'lead detail', 'sign-up', 'prospect detail',
  'partner user add', 'prospects list', 'lead detail', 'sign-up', 'customers list',
  'partner user edit', 'leads list', 'customer detail', 'sign-up', 'partner user edit',
];

const requestTimeoutMs = 30_000;

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;

/** The newest ids seen, for detail reads; bounded so the generator's own memory stays flat. */
class Pool {
  private ids: string[];
  constructor(seed: string[]) {
    this.ids = [...seed];
  }
  add(id: string) {
    if (this.ids.includes(id)) return;
    this.ids.push(id);
    if (this.ids.length > 500) this.ids.shift();
  }
  pick(): string | undefined {
    return this.ids[Math.floor(Math.random() * this.ids.length)];
  }
}
const prospects = new Pool(plan.seeds.prospects);
const customers = new Pool(plan.seeds.customers);
const leads = new Pool(plan.seeds.leads);
const partnerUsers = plan.partners.map((p) => new Pool(p.userIds));
const recentSignUps = new Pool([]);

/** Per kind: [seconds into the load when sent, milliseconds to the answer] of every good answer. */
const latencies = Object.fromEntries(kinds.map((k) => [k, [] as [number, number][]])) as Record<Kind, [number, number][]>;
const counts = Object.fromEntries(kinds.map((k) => [k, { sent: 0, ok: 0, errors: 0 }])) as Record<Kind, { sent: number; ok: number; errors: number }>;
const acceptedSignUps: string[] = [];
const errorSamples: string[] = [];
let sequence = 0;

interface Call {
  /** The kind it counts as (a prospects list slot may turn into a search). */
  kind: Kind;
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  expected: number;
  /** What a good answer teaches the generator (ids for later detail reads). */
  learn?: (body: any) => void;
}

const page = () => `limit=25&offset=${25 * Math.floor(Math.random() * 4)}`;

function next(kind: Kind): Call {
  const staff = plan.staffToken;
  const partnerIndex = Math.floor(Math.random() * plan.partners.length);
  const partner = plan.partners[partnerIndex]!;
  sequence += 1;
  switch (kind) {
    case 'sign-up': {
      const email = `soak.${plan.tag}.${sequence}@load.test`;
      return {
        kind,
        method: 'POST',
        path: '/api/store/partner-requests',
        expected: 202,
        body: {
          firstName: 'Soak',
          lastName: `Applicant ${sequence}`,
          email,
          companyName: `Soak ${plan.tag} ${sequence} Ltd`,
          phone: '+372 555 0100',
          address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' },
          comments: 'Soak run',
        },
        learn: () => {
          acceptedSignUps.push(email);
          recentSignUps.add(email);
        },
      };
    }
    case 'prospects list':
    case 'prospects search': {
      // One list in four is a search for a recent applicant, as staff look one up.
      const email = sequence % 4 === 0 ? recentSignUps.pick() : undefined;
      return {
        kind: email ? 'prospects search' : 'prospects list',
        method: 'GET',
        path: email ? `/api/hq/prospects?search=${encodeURIComponent(email)}` : `/api/hq/prospects?${page()}`,
        token: staff,
        expected: 200,
        learn: (body) => body.items.forEach((p: { id: string }) => prospects.add(p.id)),
      };
    }
    case 'prospect detail':
      return { kind, method: 'GET', path: `/api/hq/prospects/${encodeURIComponent(prospects.pick()!)}`, token: staff, expected: 200 };
    case 'customers list':
      return { kind, method: 'GET', path: `/api/hq/customers?${page()}`, token: staff, expected: 200, learn: (body) => body.items.forEach((c: { account: string }) => customers.add(c.account)) };
    case 'customer detail':
      return { kind, method: 'GET', path: `/api/hq/customers/${encodeURIComponent(customers.pick()!)}`, token: staff, expected: 200 };
    case 'leads list':
      return { kind, method: 'GET', path: `/api/sales/leads?view=all-commerce-b2b-leads&${page()}`, token: staff, expected: 200, learn: (body) => body.items.forEach((l: { id: string }) => leads.add(l.id)) };
    case 'lead detail':
      return { kind, method: 'GET', path: `/api/sales/leads/${encodeURIComponent(leads.pick()!)}`, token: staff, expected: 200 };
    case 'partner user add':
      return {
        kind,
        method: 'POST',
        path: '/api/store/organization/users',
        token: partner.adminToken,
        expected: 201,
        body: { firstName: 'Soak', lastName: `User ${sequence}`, email: `soak.user.${plan.tag}.${sequence}@partner.test`, role: 'User', spendingLimit: 100 + (sequence % 900) },
        learn: (body) => partnerUsers[partnerIndex]!.add(body.id),
      };
    case 'partner user edit':
      return {
        kind,
        method: 'PATCH',
        path: `/api/store/organization/users/${encodeURIComponent(partnerUsers[partnerIndex]!.pick()!)}`,
        token: partner.adminToken,
        expected: 200,
        body: sequence % 3 === 0 ? { monthlySpendingLimit: 1000 + (sequence % 5000) } : { spendingLimit: 100 + (sequence % 900), lastName: `Edited ${sequence}` },
      };
  }
}

let inFlight = 0;
let answered = 0;
let errors = 0;
const interval = { answered: 0, errors: 0, latencies: [] as number[] };

async function send(slot: Kind) {
  const call = next(slot);
  const kind = call.kind;
  counts[kind].sent += 1;
  inFlight += 1;
  const t0 = performance.now();
  const at = (t0 - started) / 1000;
  let problem: string | undefined;
  try {
    const res = await fetch(plan.base + call.path, {
      method: call.method,
      headers: { ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) },
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await res.text();
    if (res.status !== call.expected) problem = `${res.status} ${text.slice(0, 300)}`;
    else call.learn?.(text ? JSON.parse(text) : undefined);
  } catch (error) {
    // fetch says only "fetch failed"; the cause says which (ECONNRESET, a connect timeout, …).
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${(error.cause as { code?: string }).code ?? ''} ${error.cause.message}` : '';
    problem = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${requestTimeoutMs / 1000} s` : `${String(error)}${cause}`;
  }
  const ms = performance.now() - t0;
  inFlight -= 1;
  answered += 1;
  interval.answered += 1;
  interval.latencies.push(ms);
  if (problem) {
    errors += 1;
    interval.errors += 1;
    counts[kind].errors += 1;
    if (errorSamples.length < 30) errorSamples.push(`${kind}: ${call.method} ${call.path} → ${problem}`);
  } else {
    counts[kind].ok += 1;
    latencies[kind].push([at, ms]);
  }
}

const started = performance.now();
const total = Math.round(plan.requestsPerSecond * plan.seconds);
let sent = 0;
let maxSendLagMs = 0;
const pending = new Set<Promise<void>>();

const progress = setInterval(() => {
  const sorted = interval.latencies.sort((a, b) => a - b);
  const elapsed = (performance.now() - started) / 1000;
  process.stdout.write(
    `${elapsed.toFixed(0).padStart(4)} s  sent ${sent}  answered ${answered}  errors ${errors}  in flight ${inFlight}  ` +
      `last 10 s: ${(interval.answered / 10).toFixed(0)} req/s, p50 ${percentile(sorted, 50)?.toFixed(1)} ms, p99 ${percentile(sorted, 99)?.toFixed(1)} ms, errors ${interval.errors}\n`,
  );
  interval.answered = 0;
  interval.errors = 0;
  interval.latencies = [];
}, 10_000);

// A 5 ms tick sends every request that has come due; the lag of each send from its due time is kept.
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const now = performance.now();
    while (sent < total && started + (sent * 1000) / plan.requestsPerSecond <= now) {
      maxSendLagMs = Math.max(maxSendLagMs, now - (started + (sent * 1000) / plan.requestsPerSecond));
      const kind = pattern[sent % pattern.length]!;
      sent += 1;
      const p = send(kind);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    if (sent >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 5);
});
const scheduledSeconds = (performance.now() - started) / 1000;
// Every request ends within its own timeout, so this wait is bounded too.
await Promise.all(pending);
clearInterval(progress);

const result: LoadResult = {
  scheduledSeconds,
  sent,
  answered,
  errors,
  errorSamples,
  maxSendLagMs,
  kinds: Object.fromEntries(
    kinds.map((k) => {
      const sorted = latencies[k].map(([, ms]) => ms).sort((a, b) => a - b);
      const within = ([from, to]: [number, number]) => {
        const part = latencies[k].filter(([at]) => at >= from && at < to).map(([, ms]) => ms).sort((a, b) => a - b);
        return { p50Ms: percentile(part, 50), p99Ms: percentile(part, 99) };
      };
      return [k, { ...counts[k], p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN, early: within(plan.windows.early), late: within(plan.windows.late) }];
    }),
  ) as Record<Kind, KindResult>,
  acceptedSignUps,
};
fs.writeFileSync(plan.resultFile, JSON.stringify(result));
