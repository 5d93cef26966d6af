// npm run bench (second part): the dual-write engine on PostgreSQL, each figure next to a baseline from the same run.
//
//   live sync      CRM contact edits at 50 changes/s → applied to the HQ customer; p50 and p99 from commit to apply
//   initial sync   100,000 HQ organization customers → CRM accounts, rows/s, against a bare batched insert of
//                  the same rows into a copy of the accounts table
//   catch-up       50,000 prospect changes queued while the prospect → lead map is paused, changes/s after resume,
//                  and when the CRM has matched every new lead for possible duplicates
//
//   BENCH_DATABASE_URL=...   PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_ROWS=100000        rows for the initial sync; BENCH_QUEUED=50000 changes for the catch-up
//
// Figures go to stdout and to .test-artifacts/bench-dualwrite.json.
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { api, onAdmin, percentile, runBench, sleep, until } from './postgres.ts';
import type { Answer } from './postgres.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `hs_bench_dw_${crypto.randomBytes(5).toString('hex')}`;
const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const queued = Number(process.env.BENCH_QUEUED ?? 50_000);
const targets = { liveP99Ms: 250, initialRatio: 0.1, catchUpPerSecond: 5000 };
const adminEmail = 'bench-admin@handshake.test';
const syllables = ['ka', 'vo', 'mi', 'ti', 're', 'xa', 'lu', 'no', 'se', 'da', 'ri', 'po', 've', 'ko', 'ma', 'su', 'te', 'li', 'ba', 'ne', 'ro', 'gi', 'fa', 'hu', 'ja', 'pe', 'sa', 'to', 'vi', 'zo'];
const trades = ['Logistics', 'Foods', 'Systems', 'Trading', 'Timber', 'Textiles', 'Motors', 'Pharma', 'Print', 'Energy', 'Furniture', 'Electric', 'Glass', 'Metal', 'Plastics', 'Agro', 'Marine', 'Dental', 'Optics', 'Tools'];
/** SQL text literals of constant words (no quotes in them). */
const sqlWords = (words: string[]) => words.map((w) => `'${w}'`).join(', ');
const adminPassword = 'bench-admin-password-1';


// Every wait below has a deadline; the whole part may take at most this long before it fails naming its step.
const waitMs = { linked: 60_000, applied: 60_000, initialSync: Math.max(600_000, rows * 10), catchUp: Math.max(300_000, queued * 5) };

runBench('dual-write benchmark', 60 * 60_000, async (cleanups, step) => {
  step('creating the database');
  await onAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
  cleanups.push(() => onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const app = await createApp(
    loadConfig({ DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword, SERVE_WEB: 'false', DISTRIBUTION_MODE: 'off' }),
  );
  cleanups.push(() => app.close());
  await app.listen();
  const address = app.server.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  // Bulk statements below take minutes at 100k rows; no single query may take longer than 10.
  const db = new pg.Pool({ connectionString: url.toString(), max: 4, query_timeout: 600_000 });
  cleanups.push(() => db.end());
  const call = api(base);
  const token = (await call('POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword })).body.token as string;
  const figures: Record<string, unknown> = { database: 'postgres', cpus: (await import('node:os')).cpus().length };

  // ---- Live sync: contact edits in the CRM at 50/s, applied to HQ customers.
  step('live sync: qualifying 20 leads');
  const contacts: string[] = [];
  for (let i = 0; i < 20; i++) {
    const lead = await call('POST', '/api/sales/leads', { topic: `Bench ${i}`, firstName: 'Bench', lastName: `Contact ${i}`, email: `bench.contact.${i}@live.test`, companyName: `Bench Live ${i}`, address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' } }, token);
    expectStatus(lead, 201, 'creating a lead');
    const qualified = await call('POST', `/api/sales/leads/${lead.body.id}/qualify`, {}, token);
    expectStatus(qualified, 200, 'qualifying a lead');
    contacts.push(qualified.body.contactId);
  }
  const linkedContacts = async () => (await db.query(`select count(*)::int n from dualwrite.links where map_id = 'contacts'`)).rows[0].n as number;
  await until({ what: '20 qualified contacts to be linked to HQ customers', timeoutMs: waitMs.linked, saw: async () => `${await linkedContacts()} linked` }, async () => (await linkedContacts()) >= 20);
  const [{ max: ledgerStart }] = (await db.query(`select coalesce(max(id), 0)::bigint as max from dualwrite.ledger`)).rows;
  const [{ max: outboxStart }] = (await db.query(`select coalesce(max(id), 0)::bigint as max from sales.outbox`)).rows;
  step('live sync: editing contacts at 50/s');
  const changes = 500;
  const started = Date.now();
  const inFlight: Promise<Answer>[] = [];
  for (let i = 0; i < changes; i++) {
    const due = started + i * 20;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(call('PATCH', `/api/sales/contacts/${contacts[i % contacts.length]}`, { phone: `+372 ${1000000 + i}` }, token));
  }
  // Each call ends within its own timeout; an edit the CRM refused would otherwise be waited for below.
  for (const edit of await Promise.all(inFlight)) expectStatus(edit, 200, 'a contact edit');
  step('live sync: waiting for every edit to be applied');
  const appliedEdits = async () => (await db.query(`select count(*)::int n from dualwrite.ledger where id > $1 and map_id = 'contacts' and direction = 'crm-to-hq' and fields ? 'phone'`, [ledgerStart])).rows[0].n as number;
  await until(
    {
      what: `${changes} applied phone edits in the ledger`,
      timeoutMs: waitMs.applied,
      saw: async () => {
        // The CRM's change rows of these edits that have no ledger entry at all: the ones the engine stepped over.
        const missing = (
          await db.query(
            `select o.id from sales.outbox o where o.id > $1 and o.entity = 'contact' and o.changed_fields ? 'phone'
               and not exists (select 1 from dualwrite.ledger l where l.map_id = 'contacts' and l.direction = 'crm-to-hq' and l.change_id = o.id)
             order by o.id limit 50`,
            [outboxStart],
          )
        ).rows.map((r: { id: string }) => r.id);
        return `${await appliedEdits()}; change ids without a ledger entry: ${missing.join(', ') || 'none'}`;
      },
    },
    async () => (await appliedEdits()) >= changes,
  );
  const latencies = (
    await db.query(`select extract(epoch from (at - source_at)) * 1000 as ms from dualwrite.ledger where id > $1 and map_id = 'contacts' and direction = 'crm-to-hq' and fields ? 'phone'`, [ledgerStart])
  ).rows
    .map((r: { ms: string }) => Number(r.ms))
    .sort((a: number, b: number) => a - b);
  figures.liveSync = { changes, perSecond: 50, p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), targetP99Ms: targets.liveP99Ms };
  console.log(`live sync         ${changes} changes at 50/s: p50 ${Math.round(percentile(latencies, 50))} ms, p99 ${Math.round(percentile(latencies, 99))} ms (target ≤ ${targets.liveP99Ms} ms)`);

  // ---- Initial sync: 100k organization customers to accounts, next to a bare batched insert of the same rows.
  step('initial sync');
  expect204(await call('POST', '/api/dualwrite/maps/accounts/stop', undefined, token));
  // Each organization on its own domain, as companies are: 100,000 on one domain told the planner that any domain
  // matches every account, so duplicate matching read all of them for each new lead.
  await db.query(`
    insert into hq.customers (account, type, name, email, street, city, zip, country_region_id, language)
    select 'BENCH-' || lpad(g::text, 7, '0'), 'Organization', 'Bench Org ' || g, 'info@org' || g || '.test', 'Narva mnt ' || g, 'Tallinn', '10117', 'EE', 'en-us'
    from generate_series(1, ${rows}) g`);
  await db.query(`create table public.bare_accounts (like sales.accounts including defaults)`);
  const bareStart = performance.now();
  for (let from = 1; from <= rows; from += 1000) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let g = from; g < Math.min(from + 1000, rows + 1); g++) {
      const o = values.length;
      tuples.push(`($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8}, 'Active')`);
      values.push(crypto.randomUUID(), `Bench Org ${g}`, `info@org${g}.test`, `Narva mnt ${g}`, 'Tallinn', '10117', 'EE', `BENCH-${String(g).padStart(7, '0')}`);
    }
    await db.query(`insert into public.bare_accounts (id, name, email, street, city, zip, country_region_id, customer_account, status) values ${tuples.join(',')}`, values);
  }
  const bareSeconds = (performance.now() - bareStart) / 1000;
  const syncStart = performance.now();
  expect204(await call('POST', '/api/dualwrite/maps/accounts/run', { initialSync: true }, token));
  const accountsMap = async () => (await call('GET', '/api/dualwrite/maps/accounts', undefined, token)).body;
  await until(
    {
      what: `the initial sync of ${rows} customers (the accounts map Running again)`,
      timeoutMs: waitMs.initialSync,
      everyMs: 500,
      saw: async () => {
        const map = await accountsMap();
        const [{ n }] = (await db.query(`select count(*)::int n from sales.accounts where name like 'Bench Org %'`)).rows;
        return `map ${map.status}${map.statusReason ? ` (${map.statusReason})` : ''}, ${n} of ${rows} accounts`;
      },
    },
    async () => (await accountsMap()).status === 'Running',
  );
  const syncSeconds = (performance.now() - syncStart) / 1000;
  const [{ n: accounts }] = (await db.query(`select count(*)::int n from sales.accounts where name like 'Bench Org %'`)).rows;
  figures.initialSync = { rows, accountsCreated: accounts, seconds: round(syncSeconds), rowsPerSecond: Math.round(rows / syncSeconds), bareInsertRowsPerSecond: Math.round(rows / bareSeconds), ratio: round(bareSeconds / syncSeconds), targetRatio: targets.initialRatio };
  console.log(`initial sync      ${rows} customers → ${accounts} accounts in ${round(syncSeconds)} s: ${Math.round(rows / syncSeconds)} rows/s; bare insert ${Math.round(rows / bareSeconds)} rows/s; ratio ${round(bareSeconds / syncSeconds)} (target ≥ ${targets.initialRatio})`);

  // ---- Catch-up: prospect changes queued while the prospect → lead map is paused.
  step('catch-up');
  expect204(await call('POST', '/api/dualwrite/maps/prospects-leads/pause', undefined, token));
  await db.query(`
    with p as (
      insert into hq.prospects (id, type, status, company_name, first_name, last_name, email, street, city, zip, country_region_id, language, channel_id)
      select 'BENCHP-' || lpad(g::text, 7, '0'), 'B2BProspect', 'New', n.name, 'Queued', 'Person ' || g, 'queued' || g || '@q' || g || '.test', 'Narva mnt 5', 'Tallinn', '10117', 'EE', 'en-us', 'B2B-ONLINE'
      from generate_series(1, ${queued}) g
      -- Names as companies have them (a made-up word and a trade, as in the submission bench), each on its own domain:
      -- "Queued Co <n>" on one domain made every lead a possible duplicate of every other, which no CRM holds.
      cross join lateral (
        select initcap(string_agg((array[${sqlWords(syllables)}])[1 + floor(random() * ${syllables.length})::int], '')) || ' ' || (array[${sqlWords(trades)}])[1 + (g % ${trades.length})] as name
        from generate_series(1, 3 + (g % 2)) where g > 0
      ) n
      returning *
    )
    insert into hq.outbox (consumer, topic, key, payload)
    select 'dualwrite', 'prospect', p.id, jsonb_build_object('values', to_jsonb(p) - 'created_at' - 'updated_at' || jsonb_build_object('id', p.id, 'type', p.type, 'companyName', p.company_name, 'firstName', p.first_name, 'lastName', p.last_name, 'email', p.email, 'street', p.street, 'city', p.city, 'zip', p.zip, 'countryRegionId', p.country_region_id, 'status', p.status), 'changedFields', '[]'::jsonb, 'created', true, 'origin', 'user')
    from p`);
  const pending = (await call('GET', '/api/dualwrite/maps/prospects-leads', undefined, token)).body.pending;
  const catchStart = performance.now();
  expect204(await call('POST', '/api/dualwrite/maps/prospects-leads/resume', undefined, token));
  const leadsMap = async () => (await call('GET', '/api/dualwrite/maps/prospects-leads', undefined, token)).body;
  await until(
    {
      what: `the catch-up of ${pending} queued prospect changes (pending 0)`,
      timeoutMs: waitMs.catchUp,
      everyMs: 500,
      saw: async () => {
        const map = await leadsMap();
        return `map ${map.status}${map.statusReason ? ` (${map.statusReason})` : ''}, pending ${map.pending}, failed ${map.failed ?? '?'}`;
      },
    },
    async () => (await leadsMap()).pending === 0,
  );
  const catchSeconds = (performance.now() - catchStart) / 1000;
  const [{ n: leads }] = (await db.query(`select count(*)::int n from sales.leads where prospect_id like 'BENCHP-%'`)).rows;
  figures.catchUp = { queued: pending, leadsCreated: leads, seconds: round(catchSeconds), changesPerSecond: Math.round(pending / catchSeconds), targetPerSecond: targets.catchUpPerSecond };
  console.log(`catch-up          ${pending} queued changes → ${leads} leads in ${round(catchSeconds)} s: ${Math.round(pending / catchSeconds)} changes/s (target ≥ ${targets.catchUpPerSecond})`);

  // The CRM looks for the new leads' possible duplicates moments after they arrive (its matcher, beside the engine):
  // how far it gets in at most two minutes after the catch-up. A rate, not a pass/fail: every lead has arrived.
  step('matching the caught-up leads');
  const unmatched = async () => Number((await db.query(`select count(*)::int n from sales.lead_matching_queue`)).rows[0].n);
  const matchStart = performance.now();
  const queuedAtCatchUp = await unmatched();
  let left = queuedAtCatchUp;
  while (left > 0 && performance.now() - matchStart < 120_000) {
    await sleep(1000);
    left = await unmatched();
  }
  const matchSeconds = (performance.now() - matchStart) / 1000;
  const matched = pending - left;
  figures.catchUp = { ...(figures.catchUp as object), matchedAtCatchUp: pending - queuedAtCatchUp, matched, matchedWithinSeconds: round(matchSeconds), matchingPerSecond: Math.round((queuedAtCatchUp - left) / matchSeconds) };
  console.log(
    `  possible duplicates: ${pending - queuedAtCatchUp} leads matched by the end of the catch-up, ${matched} of ${pending} ${round(matchSeconds)} s later (${Math.round((queuedAtCatchUp - left) / matchSeconds)} leads/s after it)`,
  );

  fs.mkdirSync('.test-artifacts', { recursive: true });
  fs.writeFileSync('.test-artifacts/bench-dualwrite.json', `${JSON.stringify(figures, null, 2)}\n`);
  if (accounts !== rows || leads !== queued) throw new Error(`not every row arrived on the other side: ${accounts} of ${rows} accounts, ${leads} of ${queued} leads`);
});

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function expectStatus(res: Answer, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

function expect204(res: Answer) {
  expectStatus(res, 204, 'a map action');
}
