// Dual-write when things break, on PostgreSQL with every context in its own database: the engine's process killed
// in the middle of a batch, and the CRM's database unreachable for a while.
import net from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { contextNames } from '../../src/platform/config.ts';
import { createPostgresDatabase, onPostgres, partnerRequest, waitFor } from '../helpers/app.ts';
import { adminToken, call, startProcess } from '../helpers/process.ts';
import type { Running } from '../helpers/process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function start(env: Record<string, string>): Running {
  const running = startProcess({ SIGN_UP_LIMIT_PER_ADDRESS: '100000', SIGN_UP_LIMIT_PER_EMAIL: '100', ...env });
  cleanups.push(running.kill);
  return running;
}

/** One database per context. */
async function splitDatabases(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const context of contextNames) {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    env[`${context.toUpperCase()}_DATABASE_URL`] = database.url;
  }
  return env;
}

async function total(url: string, route: string, token: string): Promise<number> {
  return (await call(url, 'GET', route, undefined, token)).body.total as number;
}

async function signUps(url: string, n: number): Promise<string[]> {
  const emails: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = partnerRequest();
    emails.push(body.email);
    expect((await call(url, 'POST', '/api/store/partner-requests', body)).status).toBe(202);
  }
  return emails;
}

describe.runIf(onPostgres)('dual-write faults', () => {
  it('applies every change exactly once when the engine is killed in the middle of a batch and restarted', { timeout: 180_000 }, async () => {
    const env = { ...(await splitDatabases()), DUALWRITE_BATCH_SIZE: '10' };
    const first = start(env);
    const url = await first.url;
    const token = await adminToken(url);
    expect((await call(url, 'POST', '/api/dualwrite/maps/prospects-leads/pause', undefined, token)).status).toBe(204);
    const n = 120;
    await signUps(url, n);
    await waitFor(async () => (await total(url, '/api/hq/prospects?limit=1', token)) === n || undefined, 'every prospect in HQ', 60_000);

    expect((await call(url, 'POST', '/api/dualwrite/maps/prospects-leads/resume', undefined, token)).status).toBe(204);
    await waitFor(async () => (await total(url, '/api/dualwrite/records?map=prospects-leads&limit=1', token)) > 0 || undefined, 'the first batch');
    first.child.kill('SIGKILL');
    await first.exited;
    const leadsAtCrash = await (async () => {
      const second = start(env);
      const url2 = await second.url;
      const token2 = await adminToken(url2);
      const atCrash = await total(url2, '/api/sales/leads?view=all-leads&limit=1', token2);
      await waitFor(async () => (await total(url2, '/api/sales/leads?view=all-leads&limit=1', token2)) === n || undefined, 'a lead for every prospect after the restart', 60_000);
      // Exactly one lead per prospect, each created once; a batch replayed after the crash finds its rows unchanged.
      // The ledger is written just after a batch lands on the CRM: wait for the map to have nothing pending first.
      const map = await waitFor(async () => {
        const now = (await call(url2, 'GET', '/api/dualwrite/maps/prospects-leads', undefined, token2)).body;
        return now.pending === 0 ? now : undefined;
      }, 'the map to catch up');
      expect(map).toMatchObject({ status: 'Running', pending: 0, failed: 0 });
      const count = (status: string) => total(url2, `/api/dualwrite/records?map=prospects-leads&status=${status}&limit=1`, token2);
      const [created, unchanged, failed] = [await count('Created'), await count('Unchanged'), await count('Failed')];
      // Batches that landed on the CRM but were not recorded when the process died are read again and find their
      // leads there (Unchanged): every change has one fate, and no lead was made twice. At most two batches of ten:
      // the engine records one batch while it delivers the next.
      expect(created + unchanged).toBe(n);
      expect(created).toBeGreaterThanOrEqual(n - 2 * 10);
      expect(failed).toBe(0);
      expect(await total(url2, '/api/sales/leads?view=all-leads&limit=1', token2)).toBe(n);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      return atCrash;
    })();
    expect(leadsAtCrash).toBeLessThan(n);
  });

  it('resumes an initial sync after the process is killed in the middle of it, with no duplicate and no row missed', { timeout: 180_000 }, async () => {
    const env: Record<string, string> = { ...(await splitDatabases()), DUALWRITE_INITIAL_BATCH_SIZE: '100' };
    const first = start(env);
    const url = await first.url;
    const token = await adminToken(url);
    expect((await call(url, 'POST', '/api/dualwrite/maps/accounts/stop', undefined, token)).status).toBe(204);
    // Organization customers that existed before the map ran: written straight into HQ's database.
    const n = 3000;
    const hq = new pg.Client({ connectionString: env.HQ_DATABASE_URL });
    await hq.connect();
    await hq.query(`
      insert into hq.customers (account, type, name, email, street, city, zip, country_region_id, language)
      select 'INIT-' || lpad(g::text, 6, '0'), 'Organization', 'Initial Org ' || g, 'org' || g || '@initial.test', 'Pikk ' || g, 'Tallinn', '10117', 'EE', 'en-us'
      from generate_series(1, ${n}) g`);
    await hq.end();
    expect((await call(url, 'POST', '/api/dualwrite/maps/accounts/run', { initialSync: true }, token)).status).toBe(204);
    const progress = async (base: string, auth: string) => {
      const map = (await call(base, 'GET', '/api/dualwrite/maps/accounts', undefined, auth)).body;
      return map.initialSync.find((r: { direction: string }) => r.direction === 'hq-to-crm') as { done: number; total: number; status: string } | undefined;
    };
    await waitFor(async () => ((await progress(url, token))?.done ?? 0) >= 300 || undefined, 'part of the initial sync');
    first.child.kill('SIGKILL');
    await first.exited;
    const atCrash = await (async () => {
      const second = start(env);
      const url2 = await second.url;
      const token2 = await adminToken(url2);
      const before = await progress(url2, token2);
      await waitFor(async () => (await progress(url2, token2))?.status === 'Completed' || undefined, 'the initial sync to complete after the restart', 120_000);
      const accounts = await total(url2, '/api/sales/accounts?search=Initial%20Org&limit=1', token2);
      expect(accounts).toBe(n);
      const map = await waitFor(async () => {
        const m = (await call(url2, 'GET', '/api/dualwrite/maps/accounts', undefined, token2)).body;
        return m.status === 'Running' ? m : undefined;
      }, 'the map to run live again');
      expect(map.failed).toBe(0);
      second.child.kill('SIGTERM');
      await second.exited;
      return before;
    })();
    // It went on from where it was, not from the start.
    expect(atCrash!.done).toBeGreaterThan(0);
    expect(atCrash!.done).toBeLessThan(n);
  });

  it('lets HQ keep working while the CRM database is unreachable, and catches up when it is back', { timeout: 120_000 }, async () => {
    const env = await splitDatabases();
    // The CRM's database is reached through a proxy this test can cut.
    const salesUrl = new URL(env.SALES_DATABASE_URL!);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(salesUrl.port || 5432), salesUrl.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as net.AddressInfo).port;
    cleanups.push(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
    const proxied = new URL(salesUrl);
    proxied.port = String(port);
    const running = start({ ...env, SALES_DATABASE_URL: proxied.toString() });
    const url = await running.url;
    const token = await adminToken(url);

    // Cut the CRM off.
    proxy.close();
    for (const socket of sockets) socket.destroy();
    sockets.clear();

    const emails = await signUps(url, 5);
    await waitFor(async () => (await total(url, '/api/hq/prospects?limit=1', token)) === 5 || undefined, 'five prospects in HQ while the CRM is down');
    const waiting = await waitFor(async () => {
      const map = (await call(url, 'GET', '/api/dualwrite/maps/prospects-leads', undefined, token)).body;
      return map.statusReason && map.pending === 5 ? map : undefined;
    }, 'the map to say what waits and why');
    expect(waiting.status).toBe('Running');
    expect(waiting.statusReason, waiting.statusReason).toMatch(/does not answer/);

    // The CRM is back: every change arrives once.
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    await waitFor(async () => (await total(url, '/api/sales/leads?view=all-leads&limit=1', token)) === 5 || undefined, 'five leads after the CRM is back', 60_000);
    const leads = (await call(url, 'GET', '/api/sales/leads?view=all-leads&limit=50', undefined, token)).body.items as { email: string }[];
    expect(leads.map((l) => l.email).sort()).toEqual([...emails].sort());
    await waitFor(async () => {
      const map = (await call(url, 'GET', '/api/dualwrite/maps/prospects-leads', undefined, token)).body;
      return map.pending === 0 && map.statusReason === null ? map : undefined;
    }, 'the map to be caught up');
  });
});
