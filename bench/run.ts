// npm run bench: partner-request submission (POST /api/store/partner-requests) against a bare Fastify + one INSERT,
// both measured in the same run on the same fresh database. Fair layout: the product and the baseline each run as
// their own process (bench/submission-server.ts, the same Node flags, the same kind of database and pool size) and the
// load generator (bench/submission-load.ts: autocannon at max rate, open loop at the fixed rate) in a third; the max-rate runs alternate.
//
//   BENCH_DB=pglite            run on the embedded database (each server its own in-memory PGlite) instead of PostgreSQL
//   BENCH_DATABASE_URL=...     PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/test);
//                              a database hs_bench_<random> is created on it and dropped at the end
//   BENCH_THROTTLE=off         turn the sign-up rate limits off (by default they stay on, set too high to refuse anything)
//   BENCH_PROFILE=<dir>        run both servers with node --cpu-prof into <dir> (read them with bench/cpu-profile.ts)
//   BENCH_LAYOUT=split         PostgreSQL only: Handshake as a web-role process plus a worker-role process (the
//                              background jobs), as a busy shop runs it, instead of one process doing both
//
// Figures go to stdout and to .test-artifacts/bench.json (bench-split.json for the split layout). Exit code 1 when any request was not answered 201/202,
// when a run had errors or timeouts, or when not every submitted request became a prospect.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BenchFailure, api, onAdmin, postgresCpuMs, runBench, sleep, until, withDeadline } from './postgres.ts';
import type { ServerMessage, ServerOptions } from './submission-server.ts';
import type { SubmissionPlan, SubmissionRun } from './submission-load.ts';

const usePglite = process.env.BENCH_DB === 'pglite';
const split = process.env.BENCH_LAYOUT === 'split';
if (split && usePglite) throw new Error('BENCH_LAYOUT=split needs PostgreSQL: the embedded database is one process');
// The sign-up limits stay on by default (set too high to refuse anything): their cost is part of every real request.
const keepThrottle = process.env.BENCH_THROTTLE !== 'off';
const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `hs_bench_${crypto.randomBytes(5).toString('hex')}`;
const adminEmail = 'bench-admin@handshake.test';
const adminPassword = 'bench-admin-password-1';
const poolSize = 10;
// Both servers get exactly these flags.
const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

const plan = {
  warmUpSeconds: 3,
  // Max-rate runs alternate baseline, Handshake, baseline, Handshake…: a burst of other work on the machine hits both.
  max: { rounds: 3, seconds: 5, connections: 10 },
  // Open loop, evenly spaced (bench/open-loop.ts): the latency at this rate, not that of autocannon's per-second bursts.
  // The generator's first second at the rate is not measured: its own start made the baseline's p99 100-220 ms.
  rate: { seconds: 10, requestsPerSecond: 200, generatorWarmUpSeconds: 1 },
  drainTimeoutMs: 60_000,
};
const targets = { throughputRatio: 0.4, throughputGoal: 0.6, p99Ms: 25 };

function databaseUrl(): string {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

interface Server {
  url: string;
  version: string;
  store: string;
  /** Rows the server has stored so far. */
  submitted(): Promise<number>;
  /** CPU time the server's process has used so far, µs. */
  cpu(): Promise<number>;
}

/** Starts `bench/submission-server.ts <kind>` as its own process and waits (with a deadline) until it listens. */
async function startServer(kind: 'handshake' | 'baseline', options: ServerOptions, cleanups: (() => Promise<unknown>)[]): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags, 'bench/submission-server.ts', kind, JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // A clean stop lets --cpu-prof write its profile; a server that does not stop in time is killed.
    child.send({ stop: true });
    await withDeadline(exited, 30_000, `the ${kind} server to stop`).catch(() => child.kill('SIGKILL'));
  });
  const pending = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const ready = new Promise<Extract<ServerMessage, { ready: true }>>((resolve, reject) => {
    child.on('message', (message: ServerMessage) => {
      if ('ready' in message) return resolve(message);
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.value!);
    });
    void exited.then((code) => reject(new BenchFailure(`the ${kind} server exited with code ${code}:\n${stderr}`)));
  });
  const started = await withDeadline(ready, 120_000, `the ${kind} server to listen`);
  const ask = (what: 'submitted' | 'cpu') =>
    withDeadline(
      new Promise<number>((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        child.send({ id, ask: what });
      }),
      30_000,
      `the ${kind} server to answer "${what}"`,
    );
  return { url: started.url, version: started.version, store: started.store, submitted: () => ask('submitted'), cpu: () => ask('cpu') };
}

/** One load run from its own process (bench/submission-load.ts). */
async function load(work: string, run: Omit<SubmissionPlan, 'resultFile'>): Promise<SubmissionRun> {
  const resultFile = path.join(work, `result-${crypto.randomBytes(4).toString('hex')}.json`);
  const planFile = `${resultFile}.plan`;
  fs.writeFileSync(planFile, JSON.stringify({ ...run, resultFile }));
  const generator = spawn(process.execPath, ['bench/submission-load.ts', planFile], { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  generator.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => generator.once('exit', resolve));
  // The run's seconds plus autocannon's 30 s request timeout and the process's start.
  const code = await withDeadline(exited, (run.seconds + 60) * 1000, `the load generator (${run.name}) to finish`).catch((error: unknown) => {
    generator.kill('SIGKILL');
    throw error;
  });
  if (code !== 0) throw new BenchFailure(`the load generator (${run.name}) exited with code ${code}:\n${stderr}`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SubmissionRun;
  if (result.failure) throw new BenchFailure(result.failure);
  return result;
}

/** Several runs as one: answered requests over their seconds, the worst p99. */
function together(runs: SubmissionRun[]): SubmissionRun & { rounds: number[] } {
  const answered = runs.reduce((n, r) => n + r.answered, 0);
  const seconds = runs.reduce((n, r) => n + r.seconds, 0);
  const mid = [...runs].sort((a, b) => a.p50Ms - b.p50Ms)[Math.floor(runs.length / 2)]!;
  return {
    requestsPerSecond: answered / seconds,
    p50Ms: mid.p50Ms,
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    averageMs: runs.reduce((n, r) => n + r.averageMs * r.answered, 0) / Math.max(answered, 1),
    maxMs: Math.max(...runs.map((r) => r.maxMs)),
    answered,
    seconds,
    rounds: runs.map((r) => Math.round(r.requestsPerSecond)),
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
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-bench-'));
  cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });

  // Handshake, started as in production apart from the bootstrap admin and (by default) the sign-up limits; then the
  // baseline, a bare Fastify 5 server whose POST stores the same JSON in a one-table schema of the same database.
  const options: ServerOptions = { ...(usePglite ? {} : { databaseUrl: databaseUrl() }), poolSize, throttle: keepThrottle, adminEmail, adminPassword };
  const web = await startServer('handshake', { ...options, ...(split ? { role: 'web' as const } : {}) }, cleanups);
  // Split: the background jobs run in a worker process of their own; its CPU counts as the product's.
  const worker = split ? await startServer('handshake', { ...options, role: 'worker' }, cleanups) : undefined;
  const product: Server = worker ? { ...web, cpu: async () => (await web.cpu()) + (await worker.cpu()) } : web;
  const baseline = await startServer('baseline', options, cleanups);
  const productUrl = `${product.url}/api/store/partner-requests`;

  // Admin token for counting prospects.
  const call = api(product.url);
  const signIn = await call('POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword });
  if (signIn.status !== 200) throw new BenchFailure(`admin sign-in answered ${signIn.status}: ${JSON.stringify(signIn.body)}`);
  const token = signIn.body.token as string;
  async function prospectTotal(): Promise<number> {
    const res = await call('GET', '/api/hq/prospects?limit=1', undefined, token);
    if (res.status !== 200) throw new BenchFailure(`GET /api/hq/prospects answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.total as number;
  }
  const prospectsBefore = await prospectTotal();
  let submitted = 0;
  /** Polls until every request stored so far is a prospect; returns how long that took from the end of the load. */
  async function drained(what: string): Promise<{ seconds: number; backlog: number }> {
    step(`waiting for every request to become a prospect ${what}`);
    const t0 = performance.now();
    await sleep(100); // the last in-flight requests commit
    // Submitted = rows the route stored: autocannon does not count requests still in flight when a run stops.
    submitted = await product.submitted();
    const backlog = prospectsBefore + submitted - (await prospectTotal());
    let made = 0;
    await until(
      { what: `every stored partner request to become a prospect ${what}`, timeoutMs: plan.drainTimeoutMs, everyMs: 50, saw: () => `${made} prospects for ${submitted} stored requests` },
      async () => {
        made = (await prospectTotal()) - prospectsBefore;
        submitted = await product.submitted();
        if (made > submitted) throw new BenchFailure(`${what}: ${made} prospects for ${submitted} requests`);
        return made === submitted;
      },
    );
    return { seconds: (performance.now() - t0) / 1000, backlog };
  }

  const setupSeconds = (Date.now() - startedAt) / 1000;
  const loadSeconds = 2 * (plan.warmUpSeconds + plan.max.rounds * plan.max.seconds + plan.rate.seconds);
  process.stderr.write(`set up in ${setupSeconds.toFixed(1)} s; measuring (about ${loadSeconds} s of load)…\n`);
  const maxRun = (name: string, url: string, expectedStatus: number, seconds: number) => load(work, { name, url, expectedStatus, seconds, connections: plan.max.connections });

  step('warming up');
  await maxRun('baseline warm-up', baseline.url, 201, plan.warmUpSeconds);
  await maxRun('Handshake warm-up', productUrl, 202, plan.warmUpSeconds);
  await drained('after warm-up');
  // Statistics, as autovacuum keeps them in a running shop: its first ANALYZE of a table comes up to a minute after the
  // table fills, and a bench is over by then. Until it, the planner takes the just-filled tables for empty and sorts a
  // whole table where an index finds the nearest names. Later growth is scaled from these figures by table size.
  if (!usePglite) await onAdmin(databaseUrl(), (c) => c.query('ANALYZE'));

  // Each Handshake run starts with its background jobs idle, so no run inherits the previous one's backlog.
  const baseMaxRuns: SubmissionRun[] = [];
  const appMaxRuns: SubmissionRun[] = [];
  let backlogDrain = { seconds: 0, backlog: 0 };
  // CPU time each server's process spent per stored request (Handshake's until its background jobs are done with
  // them): unlike req/s it hardly moves when other work on the machine takes turns on the cores.
  // PostgreSQL's own CPU too (its processes, when it runs on this machine): for Handshake it is most of the cost.
  const cpu = { baseline: { us: 0, pgMs: 0, rows: 0 }, handshake: { us: 0, pgMs: 0, rows: 0 } };
  const pgCpu = () => (usePglite ? undefined : postgresCpuMs(adminUrl));
  async function costed<T>(server: Server, into: { us: number; pgMs: number; rows: number }, work: () => Promise<T>): Promise<T> {
    const [us0, pg0, rows0] = [await server.cpu(), pgCpu(), await server.submitted()];
    const result = await work();
    into.us += (await server.cpu()) - us0;
    const pg1 = pgCpu();
    if (pg0 !== undefined && pg1 !== undefined) into.pgMs += pg1 - pg0;
    into.rows += (await server.submitted()) - rows0;
    return result;
  }
  for (let round = 1; round <= plan.max.rounds; round++) {
    step(`max rate, round ${round}`);
    baseMaxRuns.push(await costed(baseline, cpu.baseline, () => maxRun(`baseline max rate ${round}`, baseline.url, 201, plan.max.seconds)));
    await costed(product, cpu.handshake, async () => {
      appMaxRuns.push(await maxRun(`Handshake max rate ${round}`, productUrl, 202, plan.max.seconds));
      const drain = await drained(`after max-rate round ${round}`);
      if (drain.backlog >= backlogDrain.backlog) backlogDrain = drain;
    });
  }
  const perRow = (n: number, rows: number) => n / Math.max(rows, 1);
  const cpuPerRequest = {
    baselineMs: perRow(cpu.baseline.us / 1000, cpu.baseline.rows),
    handshakeMs: perRow(cpu.handshake.us / 1000, cpu.handshake.rows),
    ...(pgCpu() !== undefined ? { postgresBaselineMs: perRow(cpu.baseline.pgMs, cpu.baseline.rows), postgresHandshakeMs: perRow(cpu.handshake.pgMs, cpu.handshake.rows) } : {}),
  };
  const baseMax = together(baseMaxRuns);
  const appMax = together(appMaxRuns);

  step('fixed rate');
  const rateRun = (name: string, url: string, expectedStatus: number) => load(work, { name, url, expectedStatus, seconds: plan.rate.seconds, connections: 1, rate: plan.rate.requestsPerSecond, warmUpSeconds: plan.rate.generatorWarmUpSeconds });
  const baseRate = await rateRun('baseline at fixed rate', baseline.url, 201);
  const appRate = await rateRun('Handshake at fixed rate', productUrl, 202);
  const rateDrain = await drained('after the fixed-rate run');

  // The figures.
  const throughputRatio = appMax.requestsPerSecond / baseMax.requestsPerSecond;
  const roundRatios = appMaxRuns.map((run, i) => run.requestsPerSecond / baseMaxRuns[i]!.requestsPerSecond);
  const backlogRate = backlogDrain.backlog / backlogDrain.seconds;
  const met = { throughput: throughputRatio >= targets.throughputRatio, throughputGoal: throughputRatio >= targets.throughputGoal, p99: appRate.p99Ms <= targets.p99Ms };
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const f0 = (n: number) => n.toFixed(0);
  const pct = (n: number) => `${(n * 100).toFixed(0)} %`;
  const ms = (n: number) => `${n} ms`;
  const rows: string[][] = [
    ['', 'baseline', 'Handshake', 'ratio', 'target'],
    [
      `throughput, max rate (${plan.max.connections} conn, ${plan.max.rounds} × ${plan.max.seconds} s alternating)`,
      `${f0(baseMax.requestsPerSecond)} req/s`,
      `${f0(appMax.requestsPerSecond)} req/s`,
      pct(throughputRatio),
      `≥ ${pct(targets.throughputRatio)} ${verdict(met.throughput)}; goal ${pct(targets.throughputGoal)} ${verdict(met.throughputGoal)}`,
    ],
    [`  per round`, baseMax.rounds.join(' / '), appMax.rounds.join(' / '), roundRatios.map(pct).join(' / '), ''],
    [
      `  server process CPU per request (Handshake's with its jobs)`,
      `${cpuPerRequest.baselineMs.toFixed(2)} ms`,
      `${cpuPerRequest.handshakeMs.toFixed(2)} ms`,
      `${(cpuPerRequest.handshakeMs / cpuPerRequest.baselineMs).toFixed(1)}×`,
      '',
    ],
    ...(cpuPerRequest.postgresBaselineMs !== undefined && cpuPerRequest.postgresHandshakeMs !== undefined
      ? [
          [
            `  PostgreSQL server CPU per request (its processes on this machine)`,
            `${cpuPerRequest.postgresBaselineMs.toFixed(2)} ms`,
            `${cpuPerRequest.postgresHandshakeMs.toFixed(2)} ms`,
            `${(cpuPerRequest.postgresHandshakeMs / Math.max(cpuPerRequest.postgresBaselineMs, 0.001)).toFixed(1)}×`,
            '',
          ],
        ]
      : []),
    [`latency p50 at ${plan.rate.requestsPerSecond} req/s (open loop, evenly spaced, ${plan.rate.seconds} s after ${plan.rate.generatorWarmUpSeconds} s)`, ms(baseRate.p50Ms), ms(appRate.p50Ms), `${(appRate.p50Ms / Math.max(baseRate.p50Ms, 1)).toFixed(1)}×`, ''],
    [`latency p99 at ${plan.rate.requestsPerSecond} req/s`, ms(baseRate.p99Ms), ms(appRate.p99Ms), `${(appRate.p99Ms / Math.max(baseRate.p99Ms, 1)).toFixed(1)}×`, `≤ ${targets.p99Ms} ms ${verdict(met.p99)}`],
    [`  achieved rate in that run`, `${f0(baseRate.requestsPerSecond)} req/s`, `${f0(appRate.requestsPerSecond)} req/s`, '', ''],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ').trimEnd();

  const notes = ([['baseline', baseRate], ['Handshake', appRate]] as const)
    .filter(([, run]) => run.requestsPerSecond < plan.rate.requestsPerSecond * 0.95)
    .map(([name, run]) => `NOTE: ${name} could not keep up ${plan.rate.requestsPerSecond} req/s (${f0(run.requestsPerSecond)} req/s): its latencies are those of a saturated server`);
  const productLayout = split ? 'Handshake as a web process plus a worker process for its background jobs (HANDSHAKE_ROLE=web, =worker; CPU per request is both together)' : 'Handshake (with its background jobs) in its own process';
  const layout = `process layout: ${productLayout}, the baseline in its own process (node ${nodeFlags.join(' ') || 'without flags'}, for every server), the load generator (autocannon at max rate, an open-loop fetch generator at the fixed rate) in another`;
  const out = [
    `Handshake benchmark: POST /api/store/partner-requests vs bare Fastify + one INSERT`,
    `${serverVersion} · Node ${process.version} · ${os.cpus().length} CPUs · load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`,
    layout,
    `baseline: Fastify ${baseline.version}, ${baseline.store} · Handshake: ${product.store}, sign-up limits ${keepThrottle ? 'ON' : 'off (0)'}, distribution near-real-time`,
    ...(profileDir ? [`PROFILING: both servers write CPU profiles to ${profileDir}; the figures include the profiler's cost`] : []),
    '',
    line(rows[0]!),
    ...rows.slice(1).map(line),
    ...notes,
    '',
    `background jobs: all ${submitted} submitted requests became prospects.`,
    `  largest backlog at the end of a max-rate round: ${backlogDrain.backlog} requests, cleared in ${backlogDrain.seconds.toFixed(1)} s${backlogDrain.backlog > 0 ? ` (${f0(backlogRate)} prospects/s)` : ''}`,
    `  after the ${plan.rate.requestsPerSecond} req/s run: last prospect ${rateDrain.seconds.toFixed(2)} s after the load stopped (backlog ${rateDrain.backlog})`,
  ];
  console.log(out.join('\n'));

  const figures = {
    at: new Date().toISOString(),
    database: usePglite ? 'pglite' : 'postgres',
    serverVersion,
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    layout: { product: split ? 'web process + worker process' : 'own process (web and background jobs)', baseline: 'own process', loadGenerator: 'own process (autocannon at max rate, open loop at the fixed rate)', nodeFlags, poolSize: usePglite ? null : poolSize },
    profiling: Boolean(profileDir),
    throttle: keepThrottle,
    plan,
    targets,
    baseline: { max: baseMax, fixedRate: baseRate },
    handshake: { max: appMax, fixedRate: appRate },
    throughputRatio,
    roundRatios,
    cpuPerRequest,
    p50Ratio: appRate.p50Ms / Math.max(baseRate.p50Ms, 1),
    p99Ratio: appRate.p99Ms / Math.max(baseRate.p99Ms, 1),
    met,
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
  fs.writeFileSync(`.test-artifacts/bench${split ? '-split' : ''}.json`, `${JSON.stringify(figures, null, 2)}\n`);
});
