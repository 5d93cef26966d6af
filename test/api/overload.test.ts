// Under overload the server sheds load with 503 and Retry-After instead of queueing without end, and recovers.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, startApp, waitFor } from '../helpers/app.ts';
import type { Response, TestApp } from '../helpers/app.ts';

// Requests held inside the database need a second connection to hold them: PostgreSQL only.
describe.runIf(onPostgres)('overload', () => {
  let t: TestApp;
  let client: pg.Client;

  beforeAll(async () => {
    t = await startApp({ env: { MAX_REQUESTS_IN_FLIGHT: '3', DATABASE_POOL_SIZE: '2', DATABASE_CONNECT_TIMEOUT_MS: '1000' } });
    client = new pg.Client({ connectionString: t.app.config.databaseUrl! });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  function expectShed(res: Response, detail: RegExp) {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.body.detail).toMatch(detail);
  }

  it('answers 503 when no connection frees up in time or too many requests are in flight, and serves again after', async () => {
    await client.query('begin');
    await client.query('lock table hq.prospects in access exclusive mode');
    // Two reads wait on the lock, each holding one of the two pooled connections.
    const held = [0, 1].map(() => t.request('GET', '/api/hq/prospects', { token: t.adminToken }));
    await waitFor(async () => (await client.query(`select 1 from pg_locks where relation = 'hq.prospects'::regclass and not granted`)).rowCount === 2, 'two reads waiting on the lock');

    // A third request is let in but finds no connection within a second.
    const started = Date.now();
    expectShed(await t.request('GET', '/api/hq/customers', { token: t.adminToken }), /database/);
    expect(Date.now() - started).toBeLessThan(10_000);

    // Two more at once: whichever arrives fourth is turned away at the door, the other waits for a connection as above.
    const answers = await Promise.all([0, 1].map(() => t.request('GET', '/api/hq/customers', { token: t.adminToken })));
    for (const answer of answers) expectShed(answer, /busy/);
    expect(answers.map((a) => /database/.test(a.body.detail)).sort()).toEqual([false, true]);
    // Liveness is never shed.
    expect((await t.request('GET', '/health')).status).toBe(200);

    await client.query('commit');
    for (const res of await Promise.all(held)) expect(res.status).toBe(200);
    expect((await t.request('GET', '/api/hq/customers', { token: t.adminToken })).status).toBe(200);
  });
});
