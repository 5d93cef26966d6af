// HANDSHAKE_ROLE: two web processes and one worker on one PostgreSQL run the seed flow. Web processes do no
// background work; the worker learns of their changes by NOTIFY at once, not at its (here ten-minute) polls.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, createPostgresDatabase, onPostgres, partnerRequest, waitFor } from '../helpers/app.ts';
import { call, startProcess } from '../helpers/process.ts';
import type { Running } from '../helpers/process.ts';
import { linkToken, partnerPassword } from '../helpers/partners.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function start(env: Record<string, string>): Running {
  const running = startProcess(env);
  cleanups.push(running.kill);
  return running;
}

/** Fails as soon as `check` is false; passes if it held for the whole window (the only way to see that nothing happens). */
async function holdsFor(ms: number, check: () => Promise<boolean>, what: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await check(), what).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('roles on the embedded database', () => {
  it('refuses web and worker with a message saying why', async () => {
    const [web, worker, wrong] = ['web', 'worker', 'everything'].map((role) => start({ HANDSHAKE_ROLE: role, DATABASE_URL: 'memory://' }));
    expect(await Promise.all([web!.exited, worker!.exited, wrong!.exited])).toEqual([1, 1, 1]);
    expect(web!.output()).toMatch(/HANDSHAKE_ROLE=web needs PostgreSQL \(DATABASE_URL\): the embedded database is a data folder only one process can open/);
    expect(worker!.output()).toMatch(/HANDSHAKE_ROLE=worker needs PostgreSQL/);
    expect(wrong!.output()).toMatch(/HANDSHAKE_ROLE must be all, web or worker, got "everything"/);
  }, 120_000);
});

describe.runIf(onPostgres)('two web processes and a worker on one PostgreSQL', () => {
  it('run the seed flow, with all background work in the worker and signalled at once', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    // Polls far longer than the test: whatever the worker does in time, it did because it was told.
    const env = { DATABASE_URL: database.url, DUALWRITE_POLL_MS: '600000', DISTRIBUTION_POLL_MS: '600000' };

    // The two web processes start at once on an empty database: migrations and setup take turns.
    const [webA, webB] = [start({ ...env, HANDSHAKE_ROLE: 'web' }), start({ ...env, HANDSHAKE_ROLE: 'web' })];
    const [a, b] = await Promise.all([webA.url, webB.url]);
    const token = (await call(a, 'POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword })).body.token as string;
    const get = async (base: string, route: string) => (await call(base, 'GET', route, undefined, token)).body;

    // Without a worker, a sign-up stays in the channel database and a requested run stays pending.
    const early = partnerRequest();
    expect((await call(a, 'POST', '/api/store/partner-requests', early)).status).toBe(202);
    const run = await call(b, 'POST', '/api/hq/distribution/jobs/P-0001/run', undefined, token);
    expect(run.status).toBe(202);
    await holdsFor(
      1500,
      async () => (await get(a, `/api/hq/distribution/runs/${run.body.runId}`)).status === 'Pending' && (await get(b, '/api/hq/channel-requests')).total === 0,
      'the web processes to leave the upload to the worker',
    );

    // The worker starts (alongside the running web processes) and takes up what waited.
    const worker = start({ ...env, HANDSHAKE_ROLE: 'worker' });
    const w = await worker.url;
    expect((await call(w, 'GET', '/health')).body).toEqual({ status: 'ok' });
    expect((await call(w, 'GET', '/ready')).body).toEqual({ status: 'ready' });
    expect((await call(w, 'GET', '/api/hq/prospects', undefined, token)).status).toBe(404);
    await waitFor(async () => (await get(b, `/api/hq/distribution/runs/${run.body.runId}`)).status === 'Applied', 'the pending run done by the worker');
    await waitFor(async () => (await get(a, `/api/hq/prospects?search=${encodeURIComponent(early.email)}`)).items[0], 'the waiting sign-up as a prospect');

    // A sign-up on web A becomes a prospect and then a lead within moments: NOTIFY, not the polls or the 60 s schedule.
    const body = partnerRequest();
    const signedUpAt = Date.now();
    const submitted = await call(a, 'POST', '/api/store/partner-requests', body);
    expect(submitted.status).toBe(202);
    const prospect = await waitFor(async () => (await get(a, `/api/hq/prospects?search=${encodeURIComponent(body.email)}`)).items[0], 'the prospect');
    const lead = await waitFor(
      async () => (await get(b, `/api/sales/leads?view=all-commerce-b2b-leads&search=${encodeURIComponent(body.companyName)}`)).items.find((l: { prospectId: string }) => l.prospectId === prospect.id),
      'the lead made by dual-write in the worker',
    );
    // Well inside the ten-minute polls and P-0001's one-minute schedule: only a NOTIFY gets it there this fast.
    expect(Date.now() - signedUpAt).toBeLessThan(20_000);

    // "Run now" on a web process runs in the worker at once, and its status reads the same from either web process.
    const asked = await call(a, 'POST', '/api/hq/distribution/jobs/1070/run', undefined, token);
    expect(asked.status).toBe(202);
    const askedAt = Date.now();
    const done = await waitFor(async () => {
      const view = await get(b, `/api/hq/distribution/runs/${asked.body.runId}`);
      return view.status === 'Applied' ? view : undefined;
    }, 'the requested run applied');
    expect(done).toMatchObject({ jobCode: '1070', trigger: 'Manual' });
    expect(Date.now() - askedAt).toBeLessThan(20_000);

    // Qualify and close as won through web B; the worker approves the prospect and stores the approval mail.
    const qualified = await call(b, 'POST', `/api/sales/leads/${lead.id}/qualify`, {}, token);
    expect(qualified.status).toBe(200);
    expect((await call(b, 'POST', `/api/sales/opportunities/${qualified.body.opportunityId}/close`, { status: 'Won', statusReason: 'Won', actualRevenue: 1000 }, token)).status).toBe(200);
    await waitFor(async () => (await get(a, `/api/hq/prospects/${prospect.id}`)).status === 'Approved', 'the prospect approved by dual-write');
    const message = await waitFor(async () => (await get(b, `/api/mail/messages?to=${encodeURIComponent(body.email)}&type=prospect-approved`)).items[0], 'the approval mail');
    expect(message.status).toBe('Stored');
    const revealed = (await call(a, 'POST', `/api/mail/messages/${message.id}/reveal`, undefined, token)).body;
    const invitation = linkToken(revealed.text, 'invitation');

    // The partner's admin accepts the invitation and signs in on web A (1010 carried them to the storefront).
    await waitFor(async () => (await call(a, 'POST', '/api/store/auth/link', { token: invitation })).status === 200, 'the invitation to reach the storefront');
    expect((await call(b, 'POST', '/api/store/auth/accept-invitation', { token: invitation, password: partnerPassword })).status).toBe(200);
    const signedIn = await call(a, 'POST', '/api/store/auth/sign-in', { email: body.email, password: partnerPassword });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ email: body.email, role: 'Admin' });

    // The worker's LISTEN connection dropping costs nothing: it reconnects and looks at everything once.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    const listening = `select pid from pg_stat_activity where datname = current_database() and query = 'LISTEN handshake_work'`;
    const dropped = await admin.query(`select pg_terminate_backend(pid) from (${listening}) l`);
    expect(dropped.rowCount).toBe(1);
    const after = partnerRequest();
    const droppedAt = Date.now();
    expect((await call(b, 'POST', '/api/store/partner-requests', after)).status).toBe(202);
    await waitFor(async () => (await get(a, `/api/hq/prospects?search=${encodeURIComponent(after.email)}`)).items[0], 'the prospect after the dropped connection');
    expect(Date.now() - droppedAt).toBeLessThan(20_000);
    await waitFor(async () => (await admin.query(listening)).rowCount === 1, 'the worker listening again');

    // All three stop cleanly.
    for (const running of [webA, webB, worker]) running.child.kill('SIGTERM');
    expect(await Promise.all([webA.exited, webB.exited, worker.exited])).toEqual([0, 0, 0]);
  }, 240_000);
});
