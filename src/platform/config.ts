// Reads every setting from the environment once, so the same code runs embedded or in production.
import path from 'node:path';

export type ContextName = 'platform' | 'storefront' | 'hq' | 'sales' | 'dualwrite' | 'mail' | 'onboarding';
export const contextNames: readonly ContextName[] = ['platform', 'storefront', 'hq', 'sales', 'dualwrite', 'mail', 'onboarding'];

/** What one process runs: `web` the HTTP server only, `worker` the background work (jobs, dual-write, mail) only. */
export type Role = 'all' | 'web' | 'worker';

export interface Config {
  role: Role;
  port: number;
  host: string;
  /** Where the embedded database lives when no DATABASE_URL is given. */
  dataDir: string;
  /** `memory://` keeps the embedded database in memory (tests). */
  databaseUrl: string | undefined;
  contextDatabaseUrls: Partial<Record<ContextName, string>>;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** `near-real-time` runs a distribution job as soon as there is work; `schedule` only on its recurrence. */
  distributionMode: 'near-real-time' | 'schedule' | 'off';
  /** How often the process running the jobs looks for due and requested runs when nothing signalled. */
  distributionPollMs: number;
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
  signUpLimitPerAddress: number;
  signUpLimitPerEmail: number;
  signInLimitPerAddress: number;
  signInLimitPerAccount: number;
  /** Window for the limits above, in seconds. */
  throttleWindowSeconds: number;
  channelId: string;
  publicUrl: string;
  serveWeb: boolean;
  /** Changes the dual-write engine applies per batch, and how often it looks when nothing signalled a change. */
  dualWriteBatchSize: number;
  dualWriteInitialBatchSize: number;
  dualWritePollMs: number;
  /** How long a transaction may hold dual-write back before the map's status line says so. */
  dualWriteHeldBackMs: number;
  /** SMTP relay, e.g. smtps://user:pass@smtp.example.com:465; without it messages stay in the local mailbox. */
  smtpUrl: string | undefined;
  smtpRejectUnauthorized: boolean;
  mailFrom: string;
  /** First retry delay after a temporary failure; it doubles per attempt. */
  mailRetryBaseMs: number;
  mailMaxAttempts: number;
  /** PostgreSQL connections per database URL, and how long a request waits for one before it gets 503. */
  databasePoolSize: number;
  databaseConnectTimeoutMs: number;
  /** Requests one process works on at once; past it a new request gets 503 at once instead of joining a queue (0: no limit). */
  maxRequestsInFlight: number;
  /** Days without an answer before the applicant is reminded of a question, once (ONBOARDING_REMINDER_DAYS). */
  onboardingReminderDays: number;
  /** The embedded database's shared buffers (PostgreSQL's `shared_buffers`), e.g. 16MB; they are part of the process's memory. */
  pgliteSharedBuffers: string;
  /** Let V8 re-compile the embedded database's hot WebAssembly functions optimised (more memory, see db.ts). */
  pgliteWasmTierUp: boolean;
}

function memorySize(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9][0-9]{0,5}(kB|MB|GB)$/.test(raw)) throw new Error(`${name} must be a size such as 16MB (kB, MB or GB), not "${raw}"`);
  return raw;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.DISTRIBUTION_MODE ?? 'near-real-time';
  if (mode !== 'near-real-time' && mode !== 'schedule' && mode !== 'off') {
    throw new Error(`DISTRIBUTION_MODE must be near-real-time, schedule or off, got "${mode}"`);
  }
  const port = int(env, 'PORT', 3000);
  const contextDatabaseUrls: Partial<Record<ContextName, string>> = {};
  for (const name of contextNames) {
    const url = env[`${name.toUpperCase()}_DATABASE_URL`];
    if (url) contextDatabaseUrls[name] = url;
  }
  const role = env.HANDSHAKE_ROLE || 'all';
  if (role !== 'all' && role !== 'web' && role !== 'worker') throw new Error(`HANDSHAKE_ROLE must be all, web or worker, got "${role}"`);
  const anyUrl = env.DATABASE_URL || Object.values(contextDatabaseUrls)[0];
  if (role !== 'all' && (!anyUrl || anyUrl === 'memory://')) {
    throw new Error(
      `HANDSHAKE_ROLE=${role} needs PostgreSQL (DATABASE_URL): the embedded database is a data folder only one process can open, so that process runs both the web server and the background work. Leave HANDSHAKE_ROLE unset (all) or set DATABASE_URL.`,
    );
  }
  return {
    role,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    pgliteSharedBuffers: memorySize(env, 'PGLITE_SHARED_BUFFERS', '16MB'),
    pgliteWasmTierUp: env.PGLITE_WASM_TIER_UP === 'true',
    databaseUrl: env.DATABASE_URL || undefined,
    contextDatabaseUrls,
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    distributionMode: mode,
    distributionPollMs: Math.max(10, int(env, 'DISTRIBUTION_POLL_MS', 1000)),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    signUpLimitPerAddress: int(env, 'SIGN_UP_LIMIT_PER_ADDRESS', 20),
    signUpLimitPerEmail: int(env, 'SIGN_UP_LIMIT_PER_EMAIL', 3),
    signInLimitPerAddress: int(env, 'SIGN_IN_LIMIT_PER_ADDRESS', 30),
    signInLimitPerAccount: int(env, 'SIGN_IN_LIMIT_PER_ACCOUNT', 5),
    throttleWindowSeconds: int(env, 'THROTTLE_WINDOW_SECONDS', 900),
    channelId: env.CHANNEL_ID ?? 'B2B-ONLINE',
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    serveWeb: env.SERVE_WEB !== 'false',
    dualWriteBatchSize: Math.max(1, int(env, 'DUALWRITE_BATCH_SIZE', 1000)),
    dualWriteInitialBatchSize: Math.min(10_000, Math.max(1, int(env, 'DUALWRITE_INITIAL_BATCH_SIZE', 2000))),
    dualWritePollMs: Math.max(10, int(env, 'DUALWRITE_POLL_MS', 500)),
    dualWriteHeldBackMs: Math.max(100, int(env, 'DUALWRITE_HELD_BACK_MS', 30_000)),
    smtpUrl: env.SMTP_URL || undefined,
    smtpRejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED !== 'false',
    mailFrom: env.MAIL_FROM ?? 'Handshake <no-reply@handshake.local>',
    mailRetryBaseMs: Math.max(10, int(env, 'MAIL_RETRY_BASE_MS', 30_000)),
    mailMaxAttempts: Math.max(1, int(env, 'MAIL_MAX_ATTEMPTS', 8)),
    databasePoolSize: Math.max(1, int(env, 'DATABASE_POOL_SIZE', 10)),
    databaseConnectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5000),
    maxRequestsInFlight: int(env, 'MAX_REQUESTS_IN_FLIGHT', 500),
    onboardingReminderDays: int(env, 'ONBOARDING_REMINDER_DAYS', 3),
  };
}
