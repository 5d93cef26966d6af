// npm run bench (third part): a partner admin's new user on its round trip storefront → HQ → storefront, on
// PostgreSQL in near-real-time mode, next to a bare Fastify POST that inserts one row, measured in the same run.
//
//   add → Active   POST /api/store/organization/users, then P-0001, "Synchronize customers and channel requests"
//                  (person customer, member, invitation mail) and 1010 until the storefront shows the user Active
//   sign-in        POST /api/store/auth/sign-in (Argon2id verification included)
//
//   BENCH_DATABASE_URL=...   PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_USERS=200          users added one after the other
//
// Figures go to stdout and to .test-artifacts/bench-partner-users.json.
import fs from 'node:fs';
import os from 'node:os';
import crypto from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { api, invitationToken, onAdmin, percentile, runBench, until } from './postgres.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `hs_bench_pu_${crypto.randomBytes(5).toString('hex')}`;
const users = Number(process.env.BENCH_USERS ?? 200);
const targets = { addToActiveP99Ms: 1000 };
const staffEmail = 'bench-admin@handshake.test';
const staffPassword = 'bench-admin-password-1';

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: Math.round(percentile(sorted, 50) * 10) / 10, p99Ms: Math.round(percentile(sorted, 99) * 10) / 10 };
}

runBench('partner-users benchmark', 30 * 60_000, async (cleanups, step) => {
  step('creating the database');
  await onAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  cleanups.push(() => onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const app = await createApp(
    loadConfig({ DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_EMAIL: staffEmail, ADMIN_PASSWORD: staffPassword, SERVE_WEB: 'false', SIGN_IN_LIMIT_PER_ACCOUNT: '0', SIGN_IN_LIMIT_PER_ADDRESS: '0' }),
  );
  cleanups.push(() => app.close());
  await app.listen();
  const base = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;
  const db = new pg.Pool({ connectionString: url.toString(), max: 2, query_timeout: 60_000 });
  cleanups.push(() => db.end());

  // The baseline: a bare Fastify route inserting one row, in the same process and database.
  await db.query('create table public.bare_users (id uuid primary key, email text not null unique, created_at timestamptz not null default now())');
  const bare = Fastify();
  bare.post('/users', async (request, reply) => {
    const { email } = request.body as { email: string };
    await db.query('insert into public.bare_users (id, email) values ($1, $2)', [crypto.randomUUID(), email]);
    return reply.status(201).send({ ok: true });
  });
  cleanups.push(() => bare.close());
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  const product = api(base);
  const bareApi = api(bareBase);
  const call = (method: string, path: string, body?: unknown, token?: string, at = base) => (at === bareBase ? bareApi : product)(method, path, body, token);

  // A partner approved in HQ, whose admin has accepted the invitation.
  step('setting up an approved partner');
  const staff = (await call('POST', '/api/auth/sign-in', { email: staffEmail, password: staffPassword })).body.token as string;
  const email = `bench.admin.${crypto.randomBytes(3).toString('hex')}@partner.test`;
  const submitted = await call('POST', '/api/store/partner-requests', { firstName: 'Bench', lastName: 'Admin', email, companyName: 'Bench Partner Ltd', address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' } });
  if (submitted.status !== 202) throw new Error(`the partner request answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  const prospect = await until({ what: `the prospect of ${email} in HQ`, timeoutMs: 60_000 }, async () => (await call('GET', `/api/hq/prospects?search=${encodeURIComponent(email)}`, undefined, staff)).body.items[0]);
  const approved = await call('POST', `/api/hq/prospects/${prospect.id}/approve`, undefined, staff);
  if (approved.status !== 200) throw new Error(`approving the prospect answered ${approved.status}: ${JSON.stringify(approved.body)}`);
  const mail = await until({ what: `the approval mail to ${email}`, timeoutMs: 60_000 }, async () => (await call('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=prospect-approved`, undefined, staff)).body.items[0]);
  const invitation = await invitationToken(product, staff, mail.id);
  let linkStatus = 0;
  await until({ what: 'the invitation link to reach the storefront (1010)', timeoutMs: 60_000, everyMs: 1, saw: () => `POST /api/store/auth/link answering ${linkStatus}` }, async () => (linkStatus = (await call('POST', '/api/store/auth/link', { token: invitation })).status) === 200);
  const admin = (await call('POST', '/api/store/auth/accept-invitation', { token: invitation, password: 'bench-partner-password' })).body.token as string;

  step('adding users');
  // Warm both paths, then measure one request at a time: this is latency, not throughput.
  for (let i = 0; i < 20; i++) await call('POST', '/users', { email: `warm${i}@bare.test` }, undefined, bareBase);
  const barePost: number[] = [];
  for (let i = 0; i < users; i++) {
    const t0 = performance.now();
    const res = await call('POST', '/users', { email: `user${i}@bare.test` }, undefined, bareBase);
    barePost.push(performance.now() - t0);
    if (res.status !== 201) throw new Error(`bare POST answered ${res.status}`);
  }

  const addAnswer: number[] = [];
  const addToActive: number[] = [];
  for (let i = 0; i < users; i++) {
    const t0 = performance.now();
    const added = await call('POST', '/api/store/organization/users', { firstName: 'User', lastName: `No ${i}`, email: `user${i}.${crypto.randomBytes(2).toString('hex')}@partner.test`, role: 'User', spendingLimit: 100 }, admin);
    addAnswer.push(performance.now() - t0);
    if (added.status !== 201) throw new Error(`add answered ${added.status}: ${JSON.stringify(added.body)}`);
    // Polled every millisecond: the wait itself must not add to the latency it measures.
    await until(
      { what: `user ${i} (${added.body.id}) to become Active on the storefront`, timeoutMs: 60_000, everyMs: 1, saw: async () => `status ${(await db.query(`select status, sync_error from storefront.partner_users where id = $1`, [added.body.id])).rows.map((r) => `${r.status}${r.sync_error ? ` (${r.sync_error})` : ''}`)[0] ?? 'no such user'}` },
      async () => Boolean((await db.query(`select 1 from storefront.partner_users where id = $1 and status = 'Active'`, [added.body.id])).rowCount),
    );
    addToActive.push(performance.now() - t0);
  }

  const signIn: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const res = await call('POST', '/api/store/auth/sign-in', { email, password: 'bench-partner-password' });
    signIn.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  }

  const [{ n: members }] = (await db.query(`select count(*)::int n from hq.hierarchy_members`)).rows;
  // The mail relay runs on its own: give it a moment to queue the last invitations.
  step('waiting for the invitation mails');
  const invitationMails = async () => (await db.query(`select count(*)::int n from mail.messages where type = 'organization-user-added'`)).rows[0].n as number;
  const invitations = await until({ what: `${users} invitation mails`, timeoutMs: 10_000, everyMs: 20, saw: async () => String(await invitationMails()) }, async () => {
    const n = await invitationMails();
    return n >= users ? n : undefined;
  });
  const figures = {
    database: 'postgres',
    cpus: os.cpus().length,
    users,
    barePost: summary(barePost),
    addAnswer: { ...summary(addAnswer), p50Ratio: Math.round((percentile([...addAnswer].sort((a, b) => a - b), 50) / percentile([...barePost].sort((a, b) => a - b), 50)) * 10) / 10 },
    addToActive: { ...summary(addToActive), targetP99Ms: targets.addToActiveP99Ms },
    signIn: summary(signIn),
    hqMembers: members,
    invitationMails: invitations,
  };
  console.log(`bare POST (insert one row)   p50 ${figures.barePost.p50Ms} ms, p99 ${figures.barePost.p99Ms} ms`);
  console.log(`add a user (answer)          p50 ${figures.addAnswer.p50Ms} ms, p99 ${figures.addAnswer.p99Ms} ms; ${figures.addAnswer.p50Ratio}× the bare POST at p50`);
  console.log(`add → Active (round trip)    p50 ${figures.addToActive.p50Ms} ms, p99 ${figures.addToActive.p99Ms} ms (target p99 ≤ ${targets.addToActiveP99Ms} ms) over ${users} users`);
  console.log(`partner sign-in (Argon2id)   p50 ${figures.signIn.p50Ms} ms, p99 ${figures.signIn.p99Ms} ms`);
  fs.mkdirSync('.test-artifacts', { recursive: true });
  fs.writeFileSync('.test-artifacts/bench-partner-users.json', `${JSON.stringify(figures, null, 2)}\n`);
  // Every user must have arrived in HQ (plus the admin) and have been invited.
  if (members !== users + 1 || invitations !== users) throw new Error(`expected ${users + 1} members and ${users} invitations, got ${members} and ${invitations}`);
});
