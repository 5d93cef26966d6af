// npm run bench: partner-request submission (POST /api/store/partner-requests) against a bare Fastify + pg insert,
// both measured in the same run, the same process and the same fresh database.
//
//   BENCH_DB=pglite            run on the embedded database (DATABASE_URL=memory://) instead of PostgreSQL
//   BENCH_DATABASE_URL=...     PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/test);
//                              a database hs_bench_<random> is created on it and dropped at the end
//   BENCH_THROTTLE=off         turn the sign-up rate limits off (by default they stay on, set too high to refuse anything)
//
// Figures go to stdout and to .test-artifacts/bench.json. Exit code 1 when any request was not answered 201/202,
// when a run had errors or timeouts, or when not every submitted request became a prospect.
import fs from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import { BenchFailure, api, onAdmin, runBench, sleep, until } from './postgres.ts';
import { startBaseline } from './baseline.ts';
import autocannon from 'autocannon';
import type { Result as LoadResult } from 'autocannon';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';
import type { App } from '../src/app.ts';

const usePglite = process.env.BENCH_DB === 'pglite';
// The sign-up limits stay on by default (set too high to refuse anything): their cost is part of every real request.
const keepThrottle = process.env.BENCH_THROTTLE !== 'off';
const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `hs_bench_${crypto.randomBytes(5).toString('hex')}`;
const adminEmail = 'bench-admin@handshake.test';
const adminPassword = 'bench-admin-password-1';
const poolSize = 10;

const plan = {
  warmUpSeconds: 2,
  max: { seconds: 8, connections: 10 },
  rate: { seconds: 10, connections: 20, requestsPerSecond: 200 },
  drainTimeoutMs: 60_000,
};
const targets = { throughputRatio: 0.4, p99Ms: 50 };

// ---------------------------------------------------------------------------------------------------------------
// Helpers


function databaseUrl(): string {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

let sequence = 0;
/** A valid partner request with an e-mail (and company) no other request in this run has. */
function partnerRequestBody(): string {
  sequence += 1;
  const tag = `${sequence}-${crypto.randomBytes(3).toString('hex')}`;
  return JSON.stringify({
    firstName: 'Bench',
    lastName: `Mark ${sequence}`,
    email: `bench.${tag}@load.test`,
    companyName: `Load Test ${tag} Ltd`,
    phone: '+372 555 0100',
    address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' },
    comments: 'Benchmark request',
  });
}

interface Run {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  averageMs: number;
  maxMs: number;
  answered: number;
  seconds: number;
}

async function load(name: string, url: string, expectedStatus: number, options: { seconds: number; connections: number; rate?: number }): Promise<Run> {
  const result: LoadResult = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate
      ? {
          overallRate: options.rate,
          // autocannon's coordinated-omission correction uses an expected interval of ceil(1 / per-connection rate) = 1 ms,
          // which back-fills a 20 ms answer with 19 made-up samples of 19…1 ms and halves p50. The raw latencies are the honest ones.
          ignoreCoordinatedOmission: true,
        }
      : {}),
    requests: [{ setupRequest: (request) => ({ ...request, body: partnerRequestBody() }) }],
  });
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => `${code}×${stat?.count ?? 0}`);
  const wrong = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => Number(code) !== expectedStatus);
  if (wrong.length > 0 || result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.resets > 0) {
    throw new BenchFailure(
      `${name}: expected every answer to be ${expectedStatus}, got [${codes.join(', ')}], ${result.errors} connection errors, ${result.timeouts} timeouts` +
        ' — a benchmark of errors measures nothing',
    );
  }
  const answered = result['2xx'];
  return {
    requestsPerSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    averageMs: result.latency.average,
    maxMs: result.latency.max,
    answered,
    seconds: result.duration,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The run

runBench('BENCHMARK', 15 * 60_000, async (cleanups, step) => {
  const startedAt = Date.now();
  step('setting up');
  let serverVersion = 'embedded PGlite';
  if (!usePglite) {
    serverVersion = await onAdmin(adminUrl, async (c) => {
      await c.query(`CREATE DATABASE ${dbName}`);
      return `PostgreSQL ${(await c.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?'}`;
    });
    let dropped = false;
    process.on('exit', () => {
      if (!dropped) console.error(`database ${dbName} was not dropped: DROP DATABASE ${dbName} WITH (FORCE) on ${adminUrl}`);
    });
    cleanups.push(async () => {
      await onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      dropped = true;
    });
  }

  // Handshake, started as in production apart from the bootstrap admin and (by default) the sign-up limits.
  const app: App = await createApp(
    loadConfig({
      DATABASE_URL: usePglite ? 'memory://' : databaseUrl(),
      DATABASE_POOL_SIZE: String(poolSize),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SERVE_WEB: 'false',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      DISTRIBUTION_MODE: 'near-real-time',
      SIGN_UP_LIMIT_PER_ADDRESS: keepThrottle ? '1000000000' : '0',
      SIGN_UP_LIMIT_PER_EMAIL: keepThrottle ? '100' : '0',
    }),
  );
  cleanups.push(() => app.close());
  await app.listen();
  const appBase = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;

  // Baseline: a bare Fastify 5 server whose POST route stores the same JSON in a one-table schema of the same database.
  const baseline = await startBaseline(app, { ...(usePglite ? {} : { databaseUrl: databaseUrl() }), poolSize, cleanups });
  const baselineUrl = baseline.url;
  const baselineStore = baseline.store;
  const productUrl = `${appBase}/api/store/partner-requests`;

  // Admin token for counting prospects.
  const call = api(appBase);
  const signIn = await call('POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword });
  if (signIn.status !== 200) throw new BenchFailure(`admin sign-in answered ${signIn.status}: ${JSON.stringify(signIn.body)}`);
  const token = signIn.body.token as string;
  async function prospectTotal(): Promise<number> {
    const res = await call('GET', '/api/hq/prospects?limit=1', undefined, token);
    if (res.status !== 200) throw new BenchFailure(`GET /api/hq/prospects answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.total as number;
  }
  // Submitted = rows the route stored: autocannon does not count requests still in flight when a run stops.
  const storefrontDb = app.dbs.db.storefront;
  async function submittedTotal(): Promise<number> {
    const result = (await storefrontDb.execute(sql`SELECT count(*)::int AS n FROM storefront.partner_requests`)) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]?.n ?? 0);
  }
  const prospectsBefore = await prospectTotal();
  let submitted = 0;
  /** Polls until every request stored so far is a prospect; returns how long that took from the end of the load. */
  async function drained(what: string): Promise<{ seconds: number; backlog: number }> {
    step(`waiting for every request to become a prospect ${what}`);
    const t0 = performance.now();
    await sleep(100); // the last in-flight requests commit
    submitted = await submittedTotal();
    const backlog = prospectsBefore + submitted - (await prospectTotal());
    let made = 0;
    await until(
      { what: `every stored partner request to become a prospect ${what}`, timeoutMs: plan.drainTimeoutMs, everyMs: 50, saw: () => `${made} prospects for ${submitted} stored requests` },
      async () => {
        made = (await prospectTotal()) - prospectsBefore;
        submitted = await submittedTotal();
        if (made > submitted) throw new BenchFailure(`${what}: ${made} prospects for ${submitted} requests`);
        return made === submitted;
      },
    );
    return { seconds: (performance.now() - t0) / 1000, backlog };
  }

  const setupSeconds = (Date.now() - startedAt) / 1000;
  process.stderr.write(`set up in ${setupSeconds.toFixed(1)} s; measuring (about ${2 * (plan.warmUpSeconds + plan.max.seconds + plan.rate.seconds)} s of load)…\n`);

  // Baseline first, while Handshake's background jobs have nothing to do.
  step('load on the baseline');
  await load('baseline warm-up', baselineUrl, 201, { seconds: plan.warmUpSeconds, connections: plan.max.connections });
  const baseMax = await load('baseline max rate', baselineUrl, 201, { seconds: plan.max.seconds, connections: plan.max.connections });
  const baseRate = await load('baseline at fixed rate', baselineUrl, 201, { seconds: plan.rate.seconds, connections: plan.rate.connections, rate: plan.rate.requestsPerSecond });

  step('load on Handshake');
  // Handshake. Each run starts with the background jobs idle, so the latency run does not inherit the max-rate backlog.
  await load('Handshake warm-up', productUrl, 202, { seconds: plan.warmUpSeconds, connections: plan.max.connections });
  await drained('after warm-up');
  const appMax = await load('Handshake max rate', productUrl, 202, { seconds: plan.max.seconds, connections: plan.max.connections });
  const backlogDrain = await drained('after the max-rate run');
  const appRate = await load('Handshake at fixed rate', productUrl, 202, { seconds: plan.rate.seconds, connections: plan.rate.connections, rate: plan.rate.requestsPerSecond });
  const rateDrain = await drained('after the fixed-rate run');

  // The figures.
  const throughputRatio = appMax.requestsPerSecond / baseMax.requestsPerSecond;
  const backlogRate = backlogDrain.backlog / backlogDrain.seconds;
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const f0 = (n: number) => n.toFixed(0);
  const ms = (n: number) => `${n} ms`;
  const rows: string[][] = [
    ['', 'baseline', 'Handshake', 'ratio', 'target'],
    [`throughput, max rate (${plan.max.connections} conn, ${plan.max.seconds} s)`, `${f0(baseMax.requestsPerSecond)} req/s`, `${f0(appMax.requestsPerSecond)} req/s`, `${(throughputRatio * 100).toFixed(0)} %`, `≥ ${targets.throughputRatio * 100} %  ${pass(throughputRatio >= targets.throughputRatio)}`],
    [`latency p50 at ${plan.rate.requestsPerSecond} req/s (${plan.rate.connections} conn, ${plan.rate.seconds} s)`, ms(baseRate.p50Ms), ms(appRate.p50Ms), `${(appRate.p50Ms / Math.max(baseRate.p50Ms, 1)).toFixed(1)}×`, ''],
    [`latency p99 at ${plan.rate.requestsPerSecond} req/s`, ms(baseRate.p99Ms), ms(appRate.p99Ms), `${(appRate.p99Ms / Math.max(baseRate.p99Ms, 1)).toFixed(1)}×`, `≤ ${targets.p99Ms} ms  ${pass(appRate.p99Ms <= targets.p99Ms)}`],
    [`  achieved rate in that run`, `${f0(baseRate.requestsPerSecond)} req/s`, `${f0(appRate.requestsPerSecond)} req/s`, '', ''],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ').trimEnd();

  const notes = ([['baseline', baseRate], ['Handshake', appRate]] as const)
    .filter(([, run]) => run.requestsPerSecond < plan.rate.requestsPerSecond * 0.95)
    .map(([name, run]) => `NOTE: ${name} could not keep up ${plan.rate.requestsPerSecond} req/s (${f0(run.requestsPerSecond)} req/s): its latencies are those of a saturated server`);
  const out = [
    `Handshake benchmark: POST /api/store/partner-requests vs bare Fastify + one INSERT`,
    `${serverVersion} · Node ${process.version} · ${os.cpus().length} CPUs · load generator, both servers and the background jobs share one process`,
    `baseline: Fastify ${baseline.version}, ${baselineStore} · Handshake: pool ${usePglite ? 'n/a (one PGlite connection)' : poolSize}, sign-up limits ${keepThrottle ? 'ON' : 'off (0)'}, distribution near-real-time`,
    '',
    line(rows[0]!),
    ...rows.slice(1).map(line),
    ...notes,
    '',
    `background jobs: all ${submitted} submitted requests became prospects.`,
    `  backlog at the end of the max-rate run: ${backlogDrain.backlog} requests, cleared in ${backlogDrain.seconds.toFixed(1)} s${backlogDrain.backlog > 0 ? ` (${f0(backlogRate)} prospects/s)` : ''}`,
    `  after the ${plan.rate.requestsPerSecond} req/s run: last prospect ${rateDrain.seconds.toFixed(2)} s after the load stopped (backlog ${rateDrain.backlog})`,
  ];
  console.log(out.join('\n'));

  const figures = {
    at: new Date().toISOString(),
    database: usePglite ? 'pglite' : 'postgres',
    serverVersion,
    node: process.version,
    cpus: os.cpus().length,
    throttle: keepThrottle,
    plan,
    targets,
    baseline: { max: baseMax, fixedRate: baseRate },
    handshake: { max: appMax, fixedRate: appRate },
    throughputRatio,
    p50Ratio: appRate.p50Ms / Math.max(baseRate.p50Ms, 1),
    p99Ratio: appRate.p99Ms / Math.max(baseRate.p99Ms, 1),
    pass: { throughput: throughputRatio >= targets.throughputRatio, p99: appRate.p99Ms <= targets.p99Ms },
    background: {
      submitted,
      backlogAfterMaxRun: backlogDrain.backlog,
      backlogSeconds: backlogDrain.seconds,
      backlogProspectsPerSecond: backlogDrain.backlog > 0 ? backlogRate : null,
      secondsAfterFixedRateRun: rateDrain.seconds,
    },
    totalSeconds: (Date.now() - startedAt) / 1000,
  };
  fs.mkdirSync('.test-artifacts', { recursive: true });
  fs.writeFileSync('.test-artifacts/bench.json', `${JSON.stringify(figures, null, 2)}\n`);
});

