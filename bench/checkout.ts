// npm run bench (fourth part): checkout — a partner buyer's cart of 5 lines becomes an order — at a fixed arrival rate,
// next to a bare Fastify POST that inserts one row (bench/baseline.ts) at the same rate in the same run. Handshake and
// the baseline run in this process; the load generator (bench/checkout-load.ts) in its own.
//
//   measured   the answer to POST /api/store/checkout alone, checkouts starting at the fixed rate in rounds of one per
//              buyer; before each round the 5 POST /api/store/cart/lines of every buyer's cart are made (timed apart
//              as "cart fill", not in the checkout figures), so cart adds do not compete with the checkouts
//
//   BENCH_DB=pglite          run on the embedded database (DATABASE_URL=memory://) instead of PostgreSQL
//   BENCH_DATABASE_URL=...   PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/test); a database
//                            hs_bench_co_<random> is created on it and dropped at the end
//   CHECKOUT_SECONDS=20      measured seconds per side, each after a 3 s warm-up; CHECKOUT_RATE=50 requests/s
//   CHECKOUT_BUYERS=50       buyers of the one partner organization (one cart each): a round is BUYERS / RATE seconds
//
// Figures go to stdout and to .test-artifacts/bench-checkout.json. Exit code 1 when any request was answered wrong,
// or the store does not hold exactly the orders the generator saw placed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { BenchFailure, acceptInvitation, api, approvedPartner, onAdmin, runBench, until, withDeadline } from './postgres.ts';
import type { Answer } from './postgres.ts';
import { startBaseline } from './baseline.ts';
import type { CheckoutPlan, CheckoutResult } from './checkout-load.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';

const usePglite = process.env.BENCH_DB === 'pglite';
const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `hs_bench_co_${crypto.randomBytes(5).toString('hex')}`;
const seconds = Number(process.env.CHECKOUT_SECONDS ?? 20);
const rate = Number(process.env.CHECKOUT_RATE ?? 50);
const buyerCount = Number(process.env.CHECKOUT_BUYERS ?? rate);
const warmUpSeconds = 3;
const poolSize = 10;
const targets = { p99Ms: 100 };
const staffEmail = 'bench-admin@handshake.test';
const staffPassword = 'bench-admin-password-1';

function expectStatus(res: Answer, status: number, what: string) {
  if (res.status !== status) throw new BenchFailure(`${what}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

runBench('checkout benchmark', 15 * 60_000 + 4 * seconds * 1000, async (cleanups, step) => {
  const startedAt = Date.now();
  step('creating the database');
  let serverVersion = 'embedded PGlite';
  let databaseUrl: string | undefined;
  if (!usePglite) {
    serverVersion = await onAdmin(adminUrl, async (c) => {
      await c.query(`CREATE DATABASE ${dbName}`);
      return `PostgreSQL ${(await c.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?'}`;
    });
    cleanups.push(() => onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const app = await createApp(
    loadConfig({
      DATABASE_URL: databaseUrl ?? 'memory://',
      DATABASE_POOL_SIZE: String(poolSize),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SERVE_WEB: 'false',
      ADMIN_EMAIL: staffEmail,
      ADMIN_PASSWORD: staffPassword,
      DISTRIBUTION_MODE: 'near-real-time',
      SIGN_IN_LIMIT_PER_ACCOUNT: '0',
      SIGN_IN_LIMIT_PER_ADDRESS: '0',
    }),
  );
  cleanups.push(() => app.close());
  await app.listen();
  const base = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
  const baseline = await startBaseline(app, { ...(databaseUrl ? { databaseUrl } : {}), poolSize, cleanups });
  const call = api(base);

  // ---- Released HQ products, an approved partner with credit for every order of the run, its buyers.
  step('setting up products, the partner and its buyers');
  const signIn = await call('POST', '/api/auth/sign-in', { email: staffEmail, password: staffPassword });
  expectStatus(signIn, 200, 'staff sign-in');
  const staff = signIn.body.token as string;
  const tag = crypto.randomBytes(3).toString('hex');
  const items = [1, 2, 3, 4, 5].map((n) => `CK${tag}-${n}`.toUpperCase());
  for (const [n, itemNumber] of items.entries()) {
    expectStatus(await call('POST', '/api/hq/products', { itemNumber, name: `Bench part ${n + 1}`, unit: 'pcs', price: n + 1 }, staff), 201, `releasing ${itemNumber}`);
  }
  const admin = await approvedPartner(call, staff, { email: `bench.checkout.${tag}@partner.test`, companyName: `Checkout Bench ${tag} Ltd`, password: 'bench-partner-password' });
  await until({ what: `the ${items.length} products in the storefront's catalogue (1040)`, timeoutMs: 60_000, everyMs: 50 }, async () => (await call('GET', `/api/store/products?search=CK${tag}`, undefined, admin)).body.total === items.length);
  // At most 45 EUR an order (5 lines of at most 3 pcs): a limit far above all orders of the run keeps every checkout within credit.
  const creditLimit = 100_000_000;
  const account = (await call('GET', '/api/store/me', undefined, admin)).body.organization.account as string;
  expectStatus(await call('PATCH', `/api/hq/customers/${encodeURIComponent(account)}`, { creditLimit }, staff), 200, 'setting the credit limit');
  await until({ what: 'the credit limit on the storefront (1010)', timeoutMs: 60_000, everyMs: 50 }, async () => (await call('GET', '/api/store/organization/credit', undefined, admin)).body.creditLimit === creditLimit);
  // Buyers without spending limits: their orders need no approval, so every checkout ends "Placed".
  const buyers: string[] = [];
  const addBuyer = async (i: number) => {
    const email = `buyer${i}.${tag}@partner.test`;
    expectStatus(await call('POST', '/api/store/organization/users', { firstName: 'Buyer', lastName: `No ${i}`, email, role: 'User' }, admin), 201, 'adding a buyer');
    const mail = await until({ what: `the invitation mail to ${email}`, timeoutMs: 60_000, everyMs: 50 }, async () => (await call('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=organization-user-added`, undefined, staff)).body.items?.[0]);
    buyers.push(await acceptInvitation(call, staff, mail.id, 'bench-buyer-password'));
  };
  // Five at a time: the round trips to HQ and the password hashing overlap.
  for (let i = 0; i < buyerCount; i += 5) await Promise.all(Array.from({ length: Math.min(5, buyerCount - i) }, (_, k) => addBuyer(i + k)));

  // ---- The load, from its own process.
  step(`load: ${rate} requests/s, ${warmUpSeconds} s warm-up + ${seconds} s on each side`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-checkout-'));
  cleanups.push(async () => fs.rmSync(work, { recursive: true, force: true }));
  const plan: CheckoutPlan = { appBase: base, baselineUrl: baseline.url, requestsPerSecond: rate, seconds, warmUpSeconds, buyers, items, tag, resultFile: path.join(work, 'result.json') };
  const planFile = path.join(work, 'plan.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  process.stderr.write(`checkout: set up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; about ${2 * (warmUpSeconds + seconds)} s of load…\n`);
  const generator = spawn(process.execPath, ['bench/checkout-load.ts', planFile], { stdio: ['ignore', 'inherit', 'pipe'] });
  let generatorErr = '';
  generator.stderr!.on('data', (chunk: Buffer) => (generatorErr = (generatorErr + chunk.toString()).slice(-4000)));
  const generatorExit = new Promise<number | null>((resolve) => generator.once('exit', resolve));
  cleanups.push(async () => {
    if (generator.exitCode === null && generator.signalCode === null) generator.kill('SIGKILL');
  });
  // Both sides' load plus each request's 30 s timeout, and the cart fills between checkout rounds.
  const code = await withDeadline(generatorExit, (2 * (warmUpSeconds + seconds) + 300 + (seconds + warmUpSeconds) * 20) * 1000, 'the load generator to finish');
  if (code !== 0) throw new BenchFailure(`the load generator exited with code ${code}:\n${generatorErr}`);
  const result = JSON.parse(fs.readFileSync(plan.resultFile, 'utf8')) as CheckoutResult;

  // ---- The figures.
  step('judging');
  const orders = await call('GET', '/api/store/orders?limit=1', undefined, admin);
  expectStatus(orders, 200, 'listing the orders');
  const { baseline: bare, checkout } = result;
  const ratio = (a: number, b: number) => `${(a / Math.max(b, 0.1)).toFixed(1)}×`;
  const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
  const p99Met = checkout.latency.p99Ms <= targets.p99Ms;
  const rows = [
    ['', 'bare POST', 'checkout', 'ratio'],
    ['p50', `${f1(bare.latency.p50Ms)} ms`, `${f1(checkout.latency.p50Ms)} ms`, ratio(checkout.latency.p50Ms, bare.latency.p50Ms)],
    ['p99', `${f1(bare.latency.p99Ms)} ms`, `${f1(checkout.latency.p99Ms)} ms`, ratio(checkout.latency.p99Ms, bare.latency.p99Ms)],
    ['max', `${f1(bare.latency.maxMs)} ms`, `${f1(checkout.latency.maxMs)} ms`, ''],
    ['requests started', `${f1(bare.sentPerSecond)} /s`, `${f1(checkout.sentPerSecond)} /s`, ''],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ');
  console.log(
    [
      `Handshake checkout benchmark: a cart of 5 lines → order at ${rate} req/s, next to a bare POST inserting one row at the same rate`,
      `${serverVersion} · Node ${process.version} · ${os.cpus().length} CPUs · Handshake (pool ${usePglite ? 'n/a, one PGlite connection' : poolSize}) and the baseline (Fastify ${baseline.version}, ${baseline.store}) in one process, the open-loop load generator in its own`,
      `measured: the POST /api/store/checkout answer alone, ${seconds} s per side after a ${warmUpSeconds} s warm-up; one partner organization, ${buyerCount} buyers without spending limits`,
      `checkouts start at ${rate}/s in rounds of ${buyerCount} (one per buyer, ${f1(buyerCount / rate)} s); every cart is filled before its round`,
      '',
      line(rows[0]!),
      ...rows.slice(1).map(line),
      '',
      `cart fill (5 × POST /api/store/cart/lines per cart, 4 carts at a time between rounds, not in the figures above): p50 ${f1(checkout.cartFill!.p50Ms)} ms, p99 ${f1(checkout.cartFill!.p99Ms)} ms`,
      `generator: latest start ${f1(Math.max(bare.maxSendLagMs, checkout.maxSendLagMs))} ms behind schedule; ${result.placed} orders placed, ${orders.body.total} in the store`,
      `p99 ≤ ${targets.p99Ms} ms: ${p99Met ? 'yes' : 'no'}`,
    ].join('\n'),
  );
  fs.mkdirSync('.test-artifacts', { recursive: true });
  const figures = { at: new Date().toISOString(), database: usePglite ? 'pglite' : 'postgres', serverVersion, node: process.version, cpus: os.cpus().length, plan: { rate, seconds, warmUpSeconds, buyers: buyerCount }, targets, ...result, ordersInStore: orders.body.total, p50Ratio: checkout.latency.p50Ms / bare.latency.p50Ms, p99Ratio: checkout.latency.p99Ms / bare.latency.p99Ms, p99Met };
  fs.writeFileSync('.test-artifacts/bench-checkout.json', `${JSON.stringify(figures, null, 2)}\n`);
  const errors = [...bare.errorSamples, ...checkout.errorSamples];
  if (bare.errors + checkout.errors > 0) throw new BenchFailure(`${bare.errors + checkout.errors} requests answered wrong; first: \n  ${errors.join('\n  ')}`);
  if (orders.body.total !== result.placed) throw new BenchFailure(`the generator saw ${result.placed} orders placed, the store lists ${orders.body.total}`);
});
