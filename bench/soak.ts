// npm run bench (last part): a soak run. The product runs as its own process (node src/main.ts) on a fresh PostgreSQL
// database, the load generator (bench/soak-load.ts) in another, and this process only sets up, samples the server's
// memory and judges: mixed traffic at a fixed rate — sign-ups, staff list and detail reads, partner user changes.
//
//   SOAK_SECONDS=600        length of the load (60 for a quick run)
//   SOAK_RATE=200           requests per second
//   BENCH_DATABASE_URL=...  PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/test); a database
//                           hs_bench_soak_<random> is created on it and dropped at the end
//
// Criteria (a PASS/FAIL line each; exit code 1 on any FAIL): no request answered other than its 2xx, the rate held,
// every accepted sign-up became an HQ prospect and a CRM lead, every dual-write map settled (Running, pending 0,
// failed 0) and the server's RSS grew < 10 % from the end of the warm-up (10 % of the run, at least 15 s) to the end. Figures go to .test-artifacts/bench-soak.json, the server's
// log to .test-artifacts/soak-server.log.
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { BenchFailure, api, invitationToken, onAdmin, runBench, until, withDeadline } from './postgres.ts';
import type { Answer } from './postgres.ts';
import { kinds } from './soak-plan.ts';
import type { LoadPlan, LoadResult } from './soak-plan.ts';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const rate = Number(process.env.SOAK_RATE ?? 200);
const dbName = `hs_bench_soak_${crypto.randomBytes(5).toString('hex')}`;
const staffEmail = 'soak-admin@handshake.test';
const staffPassword = 'soak-admin-password-1';
// Partner user changes (40/s at 200 req/s) spread over 20 organizations, 2/s each: an organization's changes take
// its lock one at a time, and a handful of organizations would measure that queue rather than the server.
const partnerCount = 20;
const usersPerPartner = 5;
const warmUpSeconds = Math.max(15, Math.round(seconds * 0.1));
const rssWindowSeconds = 10;
// Latency and CPU per request compared between the stretch after the warm-up and the end of the load.
const compareSeconds = Math.max(rssWindowSeconds, Math.round(seconds * 0.1));
const windows: LoadPlan['windows'] = { early: [warmUpSeconds, warmUpSeconds + compareSeconds], late: [seconds - compareSeconds, seconds] };
const sampleEveryMs = 2_000;
const targets = { errors: 0, rateRatio: 0.98, rssGrowth: 0.1 };

if (!Number.isFinite(seconds) || seconds < 30) throw new Error(`SOAK_SECONDS must be a number ≥ 30 (warm-up and end windows need room), got ${process.env.SOAK_SECONDS}`);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** CPU time (user + system) a process has used, in seconds, from /proc (Linux). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/** Resident set size of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined; // the process is gone
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function expectStatus(res: Answer, status: number, what: string) {
  if (res.status !== status) throw new BenchFailure(`${what}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

runBench('SOAK', (seconds + 900) * 1000, async (cleanups, step) => {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  step('creating the database');
  const serverVersion = await onAdmin(adminUrl, async (c) => {
    await c.query(`CREATE DATABASE ${dbName}`);
    return (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  });
  cleanups.push(() => onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-soak-'));
  cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));

  // ---- The product, as in production apart from the bootstrap admin and sign-up/sign-in limits raised for one address.
  step('starting the server');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  fs.mkdirSync('.test-artifacts', { recursive: true });
  const serverLog = fs.createWriteStream('.test-artifacts/soak-server.log');
  const server = spawn(process.execPath, ['src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      SERVE_WEB: 'false',
      ADMIN_EMAIL: staffEmail,
      ADMIN_PASSWORD: staffPassword,
      DISTRIBUTION_MODE: 'near-real-time',
      SIGN_UP_LIMIT_PER_ADDRESS: '1000000000',
      SIGN_UP_LIMIT_PER_EMAIL: '100',
      SIGN_IN_LIMIT_PER_ADDRESS: '1000000000',
      SIGN_IN_LIMIT_PER_ACCOUNT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverTail = '';
  const onServerOutput = (chunk: Buffer) => {
    serverLog.write(chunk);
    serverTail = (serverTail + chunk.toString()).slice(-4000);
  };
  server.stdout!.on('data', onServerOutput);
  server.stderr!.on('data', onServerOutput);
  const serverExit = exited(server);
  cleanups.push(async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      // The server's own shutdown gives up after 15 s; past 20 it is killed.
      await withDeadline(serverExit, 20_000, 'the server to stop on SIGTERM').catch(() => server.kill('SIGKILL'));
    }
    await new Promise((resolve) => serverLog.end(resolve));
  });
  const call = api(base);
  await until({ what: `the server to answer GET /health on ${base}`, timeoutMs: 120_000, everyMs: 100, saw: () => `its output:\n${serverTail}` }, async () => {
    if (server.exitCode !== null) throw new BenchFailure(`the server exited with code ${server.exitCode} before answering:\n${serverTail}`);
    return (await call('GET', '/health').catch(() => ({ status: 0 }))).status === 200;
  });

  // ---- Set up through the API: staff, approved partners whose admins accepted their invitations, their users.
  step('setting up partners');
  const signIn = await call('POST', '/api/auth/sign-in', { email: staffEmail, password: staffPassword });
  expectStatus(signIn, 200, 'staff sign-in');
  const staff = signIn.body.token as string;
  const tag = crypto.randomBytes(3).toString('hex');
  const partners: LoadPlan['partners'] = [];
  const prospectIds: string[] = [];
  for (let i = 0; i < partnerCount; i++) {
    const email = `soak.partner.${tag}.${i}@partner.test`;
    expectStatus(
      await call('POST', '/api/store/partner-requests', { firstName: 'Soak', lastName: `Partner ${i}`, email, companyName: `Soak Partner ${tag} ${i} Ltd`, address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' } }),
      202,
      'a partner request',
    );
    const prospect = await until({ what: `the prospect of ${email} in HQ`, timeoutMs: 60_000 }, async () => (await call('GET', `/api/hq/prospects?search=${encodeURIComponent(email)}`, undefined, staff)).body.items?.[0]);
    prospectIds.push(prospect.id);
    expectStatus(await call('POST', `/api/hq/prospects/${prospect.id}/approve`, undefined, staff), 200, 'approving a prospect');
    const mail = await until({ what: `the approval mail to ${email}`, timeoutMs: 60_000 }, async () => (await call('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=prospect-approved`, undefined, staff)).body.items?.[0]);
    const invitation = await invitationToken(call, staff, mail.id);
    let linkStatus = 0;
    await until({ what: `${email}'s invitation to reach the storefront`, timeoutMs: 60_000, everyMs: 50, saw: () => `POST /api/store/auth/link answering ${linkStatus}` }, async () => (linkStatus = (await call('POST', '/api/store/auth/link', { token: invitation })).status) === 200);
    const accepted = await call('POST', '/api/store/auth/accept-invitation', { token: invitation, password: 'soak-partner-password-1' });
    expectStatus(accepted, 200, 'accepting an invitation');
    const adminToken = accepted.body.token as string;
    const userIds: string[] = [];
    for (let u = 0; u < usersPerPartner; u++) {
      const added = await call('POST', '/api/store/organization/users', { firstName: 'Soak', lastName: `Seed ${u}`, email: `soak.seed.${tag}.${i}.${u}@partner.test`, role: 'User' }, adminToken);
      expectStatus(added, 201, 'adding a user');
      userIds.push(added.body.id as string);
    }
    partners.push({ adminToken, userIds });
  }
  const customerAccounts = ((await call('GET', '/api/hq/customers?limit=50', undefined, staff)).body.items as { account: string }[]).map((c) => c.account);
  const leadIds = await until({ what: `a CRM lead for each of the ${partnerCount} partner requests`, timeoutMs: 60_000 }, async () => {
    const items = (await call('GET', '/api/sales/leads?view=all-commerce-b2b-leads&limit=50', undefined, staff)).body.items as { id: string }[];
    return items.length >= partnerCount ? items.map((l) => l.id) : undefined;
  });

  // ---- The load, from its own process; this one samples the server's RSS meanwhile.
  step(`load: ${rate} requests/s for ${seconds} s`);
  const planFile = path.join(work, 'plan.json');
  const resultFile = path.join(work, 'result.json');
  const plan: LoadPlan = { base, requestsPerSecond: rate, seconds, tag, staffToken: staff, partners, seeds: { prospects: prospectIds, customers: customerAccounts, leads: leadIds }, windows, resultFile };
  fs.writeFileSync(planFile, JSON.stringify(plan));
  // This process's own connection: to find the database's backends (for their CPU time) and to count afterwards.
  const db = new pg.Client({ connectionString: databaseUrl, query_timeout: 60_000 });
  await db.connect();
  cleanups.push(() => db.end());
  const backendCpu = new Map<number, number>();
  let databaseCpu = 0;
  let databaseCpuKnown = false;
  /** CPU seconds the database's backends have used since the first call (PostgreSQL on this machine only). */
  async function databaseCpuSeconds(): Promise<number | undefined> {
    const { rows } = await db.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    for (const { pid } of rows) {
      const now = cpuSeconds(pid);
      if (now === undefined) continue;
      databaseCpuKnown = true;
      databaseCpu += now - (backendCpu.get(pid) ?? now);
      backendCpu.set(pid, now);
    }
    return databaseCpuKnown ? databaseCpu : undefined;
  }
  await databaseCpuSeconds();
  const idleRss = rssMiB(server.pid!);
  process.stderr.write(`soak: set up in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s (server RSS ${idleRss?.toFixed(0)} MiB); ${rate} req/s for ${seconds} s…\n`);
  const generator = spawn(process.execPath, ['bench/soak-load.ts', planFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const loadStart = performance.now();
  let generatorErr = '';
  generator.stdout!.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, 'soak load ')));
  generator.stderr!.on('data', (chunk: Buffer) => {
    generatorErr = (generatorErr + chunk.toString()).slice(-4000);
  });
  const generatorExit = exited(generator);
  cleanups.push(async () => {
    if (generator.exitCode === null && generator.signalCode === null) generator.kill('SIGKILL');
  });
  // Every 2 s: the server's RSS, and the CPU the server and the database have used — per request, that shows
  // whether the work grows with the data or the machine simply has less to give.
  const samples: { at: number; mib: number; serverCpu?: number; databaseCpu?: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const mib = rssMiB(server.pid!);
      if (mib !== undefined) samples.push({ at: (performance.now() - loadStart) / 1000, mib, serverCpu: cpuSeconds(server.pid!), databaseCpu: await databaseCpuSeconds() });
      await new Promise((resolve) => setTimeout(resolve, sampleEveryMs));
    }
  })();
  cleanups.push(async () => {
    sampling = false;
  });
  // The generator stops sending at `seconds` and waits at most 30 s for its last answers.
  const code = await withDeadline(generatorExit, (seconds + 120) * 1000, `the load generator to finish its ${seconds} s`);
  sampling = false;
  await withDeadline(sampler, 70_000, 'the last memory and CPU sample');
  const loadSeconds = (performance.now() - loadStart) / 1000;
  if (code !== 0) throw new BenchFailure(`the load generator exited with code ${code}:\n${generatorErr}`);
  if (server.exitCode !== null || server.signalCode !== null) throw new BenchFailure(`the server died during the load (code ${server.exitCode}, signal ${server.signalCode}):\n${serverTail}`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as LoadResult;

  // ---- Every accepted sign-up a prospect in HQ and a lead in the CRM (read from the database: the product's lists page).
  step('waiting for every accepted sign-up to be a prospect and a lead');
  const emails = result.acceptedSignUps;
  const count = async () => {
    const { rows } = await db.query<{ prospects: number; leads: number }>(
      `select (select count(distinct email)::int from hq.prospects where email = any($1)) as prospects,
              (select count(distinct email)::int from sales.leads where email = any($1) and prospect_id is not null) as leads`,
      [emails],
    );
    return rows[0]!;
  };
  const drainStart = performance.now();
  let seen = { prospects: 0, leads: 0 };
  const drainTimeoutMs = Math.max(120_000, emails.length * 20);
  const drained = await until(
    {
      what: `each of the ${emails.length} accepted sign-ups to be a prospect in HQ and a lead in the CRM`,
      timeoutMs: drainTimeoutMs,
      everyMs: 250,
      saw: async () => {
        const missing = await db.query<{ email: string; prospect: boolean }>(
          `select e as email, exists (select 1 from hq.prospects p where p.email = e) as prospect
             from unnest($1::text[]) e
            where not exists (select 1 from sales.leads l where l.email = e and l.prospect_id is not null)
            limit 10`,
          [emails],
        );
        const map = (await call('GET', '/api/dualwrite/maps/prospects-leads', undefined, staff)).body;
        return (
          `${seen.prospects} prospects and ${seen.leads} leads; prospects → leads map ${map.status}, pending ${map.pending}, failed ${map.failed}; ` +
          `first without a lead: ${missing.rows.map((r) => `${r.email}${r.prospect ? '' : ' (no prospect either)'}`).join(', ')}`
        );
      },
    },
    async () => {
      seen = await count();
      return seen.prospects === emails.length && seen.leads === emails.length ? seen : undefined;
    },
  ).catch((error: unknown) => {
    // Judged below with the other criteria, so the run's figures still print.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  });
  const drainSeconds = (performance.now() - drainStart) / 1000;
  // Every other change of the run (partner users → customers → contacts, the leads' echoes) settles too, with nothing failed.
  step('waiting for dual-write to settle');
  type MapSummary = { id: string; status: string; statusReason: string | null; pending: number; failed: number };
  let mapList: MapSummary[] = [];
  const describeMaps = () => mapList.map((m) => `${m.id} ${m.status}${m.statusReason ? ` (${m.statusReason})` : ''}, pending ${m.pending}, failed ${m.failed}`).join('; ');
  const settled = await until({ what: 'every dual-write map Running with nothing pending', timeoutMs: 120_000, everyMs: 500, saw: describeMaps }, async () => {
    mapList = (await call('GET', '/api/dualwrite/maps', undefined, staff)).body as MapSummary[];
    return mapList.every((m) => m.status === 'Running' && m.pending === 0);
  }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  });

  // ---- The figures.
  step('judging');
  const serverErrors = fs
    .readFileSync('.test-artifacts/soak-server.log', 'utf8')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line));
  const rss = samples;
  const windowMean = (from: number, to: number) => mean(rss.filter((s) => s.at >= from && s.at <= to).map((s) => s.mib));
  /** CPU milliseconds per request sent, of the server or the database, between two moments of the load. */
  const cpuPerRequest = (which: 'serverCpu' | 'databaseCpu', from: number, to: number) => {
    const inWindow = samples.filter((s) => s.at >= from && s.at <= to && s[which] !== undefined);
    const first = inWindow[0];
    const last = inWindow.at(-1);
    if (!first || !last || last.at <= first.at) return NaN;
    return ((last[which]! - first[which]!) * 1000) / ((last.at - first.at) * rate);
  };
  const cpu = {
    windows,
    serverMsPerRequest: { afterWarmUp: cpuPerRequest('serverCpu', ...windows.early), atEnd: cpuPerRequest('serverCpu', ...windows.late) },
    databaseMsPerRequest: { afterWarmUp: cpuPerRequest('databaseCpu', ...windows.early), atEnd: cpuPerRequest('databaseCpu', ...windows.late) },
  };
  const rssAfterWarmUp = windowMean(warmUpSeconds, warmUpSeconds + rssWindowSeconds);
  const rssAtEnd = windowMean(seconds - rssWindowSeconds, seconds);
  const rssGrowth = rssAtEnd / rssAfterWarmUp - 1;
  const rssPeak = Math.max(...rss.map((s) => s.mib));
  const achievedRate = result.sent / result.scheduledSeconds;
  const answeredRate = result.answered / result.scheduledSeconds;
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const span = ([from, to]: [number, number]) => `${from}–${to} s`;
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const criteria = [
    { name: 'errors', ok: result.errors === targets.errors && result.answered === result.sent, text: `${result.errors} of ${result.sent} requests not answered with their 2xx (${result.sent - result.answered} unanswered); target 0` },
    { name: 'rate', ok: achievedRate >= rate * targets.rateRatio, text: `sent ${f1(achievedRate)} req/s, target ${rate} (≥ ${targets.rateRatio * 100} %); latest send ${f1(result.maxSendLagMs)} ms behind schedule` },
    { name: 'prospects and leads', ok: drained !== undefined, text: `${seen.prospects} prospects and ${seen.leads} leads for ${emails.length} accepted sign-ups${drained ? `, all there ${f1(drainSeconds)} s after the load` : ` after waiting ${f1(drainSeconds)} s`}` },
    { name: 'dual-write', ok: settled && mapList.every((m) => m.failed === 0), text: describeMaps() },
    { name: 'memory', ok: rssGrowth < targets.rssGrowth, text: `server RSS ${f1(rssAfterWarmUp)} MiB after warm-up (mean of ${warmUpSeconds}–${warmUpSeconds + rssWindowSeconds} s) → ${f1(rssAtEnd)} MiB at the end (last ${rssWindowSeconds} s): ${(rssGrowth * 100).toFixed(1)} %, target < ${targets.rssGrowth * 100} %` },
  ];
  const rows = [
    ['kind', 'sent', 'errors', 'p50', 'p99', 'max', `p50 ${span(windows.early)} → ${span(windows.late)}`, 'p99 early → late'],
    ...kinds.map((k) => {
      const r = result.kinds[k];
      return [k, String(r.sent), String(r.errors), `${f1(r.p50Ms)} ms`, `${f1(r.p99Ms)} ms`, `${f1(r.maxMs)} ms`, `${f1(r.early.p50Ms)} → ${f1(r.late.p50Ms)} ms`, `${f1(r.early.p99Ms)} → ${f1(r.late.p99Ms)} ms`];
    }),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ');
  const loadAfter = os.loadavg();
  const commit = (() => {
    try {
      return execFileSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  })();
  console.log(
    [
      `Handshake soak: ${rate} req/s of mixed traffic for ${seconds} s against node src/main.ts (its own process), load generator in another`,
      `PostgreSQL ${serverVersion} · Node ${process.version} · ${os.cpus().length} CPUs · ${commit} · load average ${loadBefore.map((n) => n.toFixed(1)).join(' ')} before, ${loadAfter.map((n) => n.toFixed(1)).join(' ')} after`,
      `mix per 20 requests: 4 sign-ups, 12 staff reads (lists and details of prospects, customers, leads; one prospects list in four a search), 1 partner user add, 3 partner user edits; ${partnerCount} partners`,
      '',
      line(rows[0]!),
      ...rows.slice(1).map(line),
      '',
      `sent ${result.sent} in ${f1(result.scheduledSeconds)} s (${f1(achievedRate)} req/s), answered ${f1(answeredRate)} req/s; load process ran ${f1(loadSeconds)} s`,
      `server RSS: ${f1(idleRss ?? NaN)} MiB idle before the load, peak ${f1(rssPeak)} MiB; ${rss.length} samples every ${sampleEveryMs / 1000} s`,
      `CPU per request sent (${span(windows.early)} → ${span(windows.late)}): server ${f1(cpu.serverMsPerRequest.afterWarmUp)} → ${f1(cpu.serverMsPerRequest.atEnd)} ms, database ${f1(cpu.databaseMsPerRequest.afterWarmUp)} → ${f1(cpu.databaseMsPerRequest.atEnd)} ms`,
      `server log: ${serverErrors.length} error lines${serverErrors.length ? `, first: ${serverErrors[0]!.slice(0, 400)}` : ''}`,
      ...(result.errorSamples.length ? ['first errors:', ...result.errorSamples.slice(0, 10).map((e) => `  ${e}`)] : []),
      '',
      ...criteria.map((c) => `${pass(c.ok)}  ${c.name}: ${c.text}`),
    ].join('\n'),
  );
  const figures = {
    at: startedAt.toISOString(),
    commit,
    serverVersion,
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: { before: loadBefore, after: loadAfter },
    plan: { seconds, requestsPerSecond: rate, partners: partnerCount, warmUpSeconds, rssWindowSeconds, windows },
    sent: result.sent,
    answered: result.answered,
    errors: result.errors,
    errorSamples: result.errorSamples,
    achievedRequestsPerSecond: achievedRate,
    maxSendLagMs: result.maxSendLagMs,
    kinds: result.kinds,
    signUps: { accepted: emails.length, prospects: seen.prospects, leads: seen.leads, drainSeconds },
    rss: { idleMiB: idleRss, afterWarmUpMiB: rssAfterWarmUp, atEndMiB: rssAtEnd, growth: rssGrowth, peakMiB: rssPeak },
    cpu,
    samples,
    maps: mapList,
    serverErrorLines: serverErrors.length,
    pass: Object.fromEntries(criteria.map((c) => [c.name, c.ok])),
  };
  fs.writeFileSync('.test-artifacts/bench-soak.json', `${JSON.stringify(figures, null, 2)}\n`);
  const failed = criteria.filter((c) => !c.ok).map((c) => c.name);
  if (failed.length) throw new BenchFailure(`criteria not met: ${failed.join(', ')}`);
});
