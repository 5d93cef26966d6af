// Dual-write never steps over a change that committed after later ones, and a burst of qualifications is not an error.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
let sales: string;
let integration: string;

beforeAll(async () => {
  // The map says within 300 ms (instead of 30 s) that an open transaction holds it back.
  t = await startApp({ env: { DUALWRITE_HELD_BACK_MS: '300' } });
  [sales, integration] = await Promise.all([t.staffToken(['salesperson']), t.staffToken(['integration-administrator'])]);
});
afterAll(async () => {
  await t?.close();
});

/** Runs `work` over `items` with at most `width` calls in flight. */
async function inParallel<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** Signs up `n` partners and waits for every lead dual-write makes of them. */
async function leads(n: number): Promise<{ id: string; companyName: string; email: string }[]> {
  const tag = `Gap${Date.now().toString(36)}`;
  const bodies = Array.from({ length: n }, (_, i) => partnerRequest({ companyName: `${tag} ${i}` }));
  await inParallel(bodies, 10, async (body) => expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202));
  return waitFor(
    async () => {
      const list = await t.request('GET', `/api/sales/leads?view=all-commerce-b2b-leads&search=${tag}&limit=200`, { token: sales });
      // The page and its total are two reads: a batch of leads can land between them, so wait for the rows themselves.
      const items = list.body.items as { id: string; companyName: string; email: string }[];
      return items.length === n ? items : undefined;
    },
    `${n} leads made by dual-write`,
    60_000,
  );
}

async function customer(type: 'Person' | 'Organization', search: string) {
  return (await t.request('GET', `/api/hq/customers?type=${type}&search=${encodeURIComponent(search)}`, { token: t.adminToken })).body.items[0] as { account: string; phone: string | null } | undefined;
}

async function maps() {
  return (await t.request('GET', '/api/dualwrite/maps', { token: integration })).body as { id: string; status: string; pending: number; failed: number }[];
}

/** Qualified leads: their contacts are linked to HQ person customers. */
let qualified: { contactId: string; email: string; companyName: string }[] = [];

describe('a burst of qualifications', () => {
  it('50 leads qualified at once make 50 organization and person customers and leave every map Running with 0 failed', { timeout: 180_000 }, async () => {
    const open = await leads(50);
    qualified = await inParallel(open, 50, async (lead) => {
      const res = await t.request('POST', `/api/sales/leads/${lead.id}/qualify`, { token: sales, body: {} });
      expect(res.status).toBe(200);
      return { contactId: res.body.contactId as string, email: lead.email, companyName: lead.companyName };
    });
    await waitFor(async () => (await inParallel(qualified, 10, async (q) => Boolean(await customer('Organization', q.companyName)))).every(Boolean), 'an organization customer per qualified lead', 60_000);
    await waitFor(async () => (await inParallel(qualified, 10, async (q) => Boolean(await customer('Person', q.email)))).every(Boolean), 'a person customer per qualified lead', 60_000);
    const settled = await waitFor(async () => {
      const all = await maps();
      return all.every((m) => m.pending === 0) ? all : undefined;
    }, 'every map caught up');
    for (const map of settled) expect(map, map.id).toMatchObject({ status: 'Running', failed: 0 });
    const waits = await t.request('GET', '/api/dualwrite/errors?limit=5', { token: integration });
    expect(waits.body.total).toBe(0);
  });
});

describe('every edit arrives', () => {
  it('many writers, one edit per contact per round: every edit reaches HQ', { timeout: 180_000 }, async () => {
    expect(qualified.length).toBe(50);
    for (const round of [1, 2, 3]) {
      await inParallel(qualified, 25, async (q) => {
        const res = await t.request('PATCH', `/api/sales/contacts/${q.contactId}`, { token: sales, body: { phone: `+372 ${round} ${q.contactId.slice(0, 8)}` } });
        expect(res.status).toBe(200);
      });
    }
    await waitFor(
      async () => (await inParallel(qualified, 10, async (q) => (await customer('Person', q.email))?.phone === `+372 3 ${q.contactId.slice(0, 8)}`)).every(Boolean),
      'the third round of phone edits on every HQ person customer',
      60_000,
    );
    // Each edit is in the ledger once: nothing stepped over, nothing applied twice.
    for (const q of qualified) {
      const edits = await waitFor(async () => {
        const records = (await t.request('GET', `/api/dualwrite/records?map=contacts&key=${q.contactId}&limit=100`, { token: integration })).body.items as { direction: string; changeId: number; status: string }[];
        const updates = records.filter((r) => r.direction === 'crm-to-hq' && r.status === 'Updated');
        return updates.length >= 3 ? updates : undefined;
      }, `three edits of contact ${q.contactId} in the ledger`);
      expect(new Set(edits.map((r) => r.changeId)).size).toBe(3);
    }
  });
});

// A change held open while a later one commits and the engine runs is only possible with more than one connection.
describe.runIf(onPostgres)('a change that commits after a later one', () => {
  it('is applied exactly once after it commits, even though the engine ran past its id while it was open', { timeout: 120_000 }, async () => {
    const [held, later] = qualified;
    expect(held && later).toBeTruthy();
    const engine = t.app.dualWrite.engine;
    const client = new pg.Client({ connectionString: t.app.config.databaseUrl! });
    await client.connect();
    // The held contact's outbox insert waits on an advisory lock the test holds: it has its id but has not committed.
    await client.query(`create or replace function public.hold_outbox() returns trigger language plpgsql as $$ begin perform pg_advisory_xact_lock_shared(4711); return new; end $$`);
    await client.query(`create trigger hold_outbox after insert on sales.outbox for each row when (new.key = '${held!.contactId}') execute function public.hold_outbox()`);
    await client.query('select pg_advisory_lock(4711)');
    await engine.stop();
    try {
      const heldEdit = t.request('PATCH', `/api/sales/contacts/${held!.contactId}`, { token: sales, body: { phone: '+372 held' } });
      await waitFor(async () => (await client.query(`select 1 from pg_locks where locktype = 'advisory' and not granted`)).rowCount! > 0, 'the held edit waiting before its commit');
      expect((await t.request('PATCH', `/api/sales/contacts/${later!.contactId}`, { token: sales, body: { phone: '+372 later' } })).status).toBe(200);
      await engine.tick();
      await client.query('select pg_advisory_unlock(4711)');
      expect((await heldEdit).status).toBe(200);
      // Cycles of the engine until both edits are in HQ (the same cycles never deliver a change stepped over).
      await waitFor(async () => {
        await engine.tick();
        return (await customer('Person', held!.email))?.phone === '+372 held' && (await customer('Person', later!.email))?.phone === '+372 later';
      }, 'both edits in HQ');
      for (const contactId of [held!.contactId, later!.contactId]) {
        const { rows } = await client.query<{ id: string }>('select id from sales.outbox where key = $1 order by id desc limit 1', [contactId]);
        const records = (await t.request('GET', `/api/dualwrite/records?map=contacts&key=${contactId}&limit=100`, { token: integration })).body.items as { direction: string; changeId: number; status: string }[];
        expect(records.filter((r) => r.direction === 'crm-to-hq' && r.changeId === Number(rows[0]!.id))).toEqual([expect.objectContaining({ status: 'Updated' })]);
      }
    } finally {
      await client.query('select pg_advisory_unlock_all()');
      await client.query('drop trigger if exists hold_outbox on sales.outbox');
      await client.end();
      engine.start();
    }
  });

  it("says on the map's status line when an open transaction holds sync back, and catches up when it ends", { timeout: 60_000 }, async () => {
    const contact = qualified[2]!;
    const client = new pg.Client({ connectionString: t.app.config.databaseUrl! });
    await client.connect();
    try {
      await client.query('begin');
      // A transaction with an id, left open: everything committed after it waits behind the horizon.
      await client.query('select pg_current_xact_id()');
      expect((await t.request('PATCH', `/api/sales/contacts/${contact.contactId}`, { token: sales, body: { phone: '+372 behind' } })).status).toBe(200);
      const map = await waitFor(async () => {
        const now = (await t.request('GET', '/api/dualwrite/maps/contacts', { token: integration })).body;
        return /transaction open/.test(now.statusReason ?? '') ? now : undefined;
      }, 'the contacts map to say an open transaction holds it back');
      expect(map.status).toBe('Running');
      expect((await customer('Person', contact.email))?.phone).not.toBe('+372 behind');
      await client.query('commit');
      await waitFor(async () => (await customer('Person', contact.email))?.phone === '+372 behind', 'the edit in HQ once the transaction ended');
      await waitFor(async () => (await t.request('GET', '/api/dualwrite/maps/contacts', { token: integration })).body.statusReason === null, 'the status line cleared');
    } finally {
      await client.query('rollback').catch(() => undefined);
      await client.end();
    }
  });
});
