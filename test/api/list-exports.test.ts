// CSV exports of HQ and CRM lists: the filtered list's rows with a header row, RFC 4180 quoting, formula injection
// neutralised, date-range filters, role checks, and 100,000 rows streamed without the server's memory growing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { onPostgres, partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
let opsToken: string;
let salesToken: string;
beforeAll(async () => {
  t = await startApp();
  opsToken = await t.staffToken(['hq-operations']);
  salesToken = await t.staffToken(['salesperson']);
});
afterAll(() => t?.close());

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
    else field += c;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  return records;
}

async function download(path: string, token = opsToken) {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { status: res.status, headers: res.headers, bytes, text, records: res.ok ? parseCsv(text.replace(/^\uFEFF/, '')) : [] };
}

async function newProspect(overrides: Record<string, unknown> = {}) {
  const body = partnerRequest(overrides);
  expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
  return waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: opsToken })).body.items[0], 'the prospect');
}

const today = new Date().toISOString().slice(0, 10);
const dayAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('All prospects as CSV', () => {
  it('has a header row and the filtered list, quoted where needed, formulas neutralised, with a dated file name', async () => {
    const tricky = await newProspect({ companyName: 'Tricky, "Quoted"\nCompany', firstName: '=HYPERLINK("http://evil")', lastName: 'Kask' });
    const plain = await newProspect({ companyName: 'Plain Päikese OÜ' });
    const res = await download('/api/hq/prospects/export.csv?sort=companyName');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="prospects-${today}.csv"`);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text).toContain('\r\n');
    const [header, ...rows] = res.records;
    expect(header).toEqual(['Prospect ID', 'Company', 'Contact name', 'E-mail', 'Phone', 'Country/region', 'VAT number', 'Type', 'Status', 'Possible duplicate', 'Created']);
    const list = await t.request('GET', '/api/hq/prospects?sort=companyName&limit=200', { token: opsToken });
    expect(rows.map((r) => r[0])).toEqual(list.body.items.map((p: { id: string }) => p.id));
    const trickyRow = rows.find((r) => r[0] === tricky.id)!;
    expect(trickyRow[1]).toBe('Tricky, "Quoted"\nCompany');
    expect(trickyRow[2]).toBe(`'=HYPERLINK("http://evil") Kask`);
    expect(rows.find((r) => r[0] === plain.id)![1]).toBe('Plain Päikese OÜ');
  });

  it('takes the list filters: search and status', async () => {
    const one = await newProspect({ companyName: 'Searchable Sprats AS' });
    const res = await download('/api/hq/prospects/export.csv?search=sprats&status=New');
    expect(res.records.slice(1).map((r) => r[0])).toEqual([one.id]);
    expect((await download('/api/hq/prospects/export.csv?search=sprats&status=Rejected')).records).toHaveLength(1);
  });

  it('filters by date: a range that holds today includes, one in the future excludes, a backward range is a 400', async () => {
    const p = await newProspect({ companyName: 'Dated Dairy OÜ' });
    const inRange = await download(`/api/hq/prospects/export.csv?search=dated%20dairy&from=${today}&to=${today}`);
    expect(inRange.records.slice(1).map((r) => r[0])).toEqual([p.id]);
    const list = await t.request('GET', `/api/hq/prospects?search=dated%20dairy&from=${today}&to=${today}`, { token: opsToken });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await download(`/api/hq/prospects/export.csv?search=dated%20dairy&from=${dayAfter(1)}`)).records).toHaveLength(1);
    expect((await t.request('GET', `/api/hq/prospects?search=dated%20dairy&to=${dayAfter(-1)}`, { token: opsToken })).body.total).toBe(0);
    for (const path of ['/api/hq/prospects/export.csv', '/api/hq/prospects']) {
      const backwards = await t.request('GET', `${path}?from=${dayAfter(1)}&to=${today}`, { token: opsToken });
      expect(backwards.status).toBe(400);
      expect(backwards.headers.get('content-type')).toContain('application/problem+json');
      expect(backwards.body.errors[0].path).toBe('to');
      const notADate = await t.request('GET', `${path}?from=2026-02-30`, { token: opsToken });
      expect(notADate.status).toBe(400);
    }
  });

  it('checks roles like the list: 401 without a session, 403 for a salesperson', async () => {
    expect((await t.request('GET', '/api/hq/prospects/export.csv')).status).toBe(401);
    const sales = await t.request('GET', '/api/hq/prospects/export.csv', { token: salesToken });
    expect(sales.status).toBe(403);
    expect(sales.headers.get('content-type')).toContain('application/problem+json');
  });
});

/** Each list with its export: the CSV's first column equals the list's ids in the same order, with the same filters. */
const lists: { path: string; query: string; id: string; readers: 'ops' | 'all' }[] = [
  { path: '/api/hq/customers', query: `from=${today}`, id: 'account', readers: 'ops' },
  { path: '/api/hq/customer-hierarchies', query: '', id: 'id', readers: 'ops' },
  { path: '/api/hq/distribution/runs', query: `to=${today}`, id: 'id', readers: 'ops' },
  { path: '/api/hq/channel-requests', query: `kind=partner-request&from=${today}`, id: 'id', readers: 'ops' },
  { path: '/api/hq/sales-orders', query: `from=${today}`, id: 'number', readers: 'all' },
  { path: '/api/hq/invoices', query: `to=${today}`, id: 'number', readers: 'all' },
  { path: '/api/hq/products', query: 'sort=-name', id: 'itemNumber', readers: 'all' },
];

describe('every list exports what it shows', () => {
  it.each(lists)('$path', async ({ path, query, id, readers }) => {
    const list = await t.request('GET', `${path}?limit=200&${query}`, { token: opsToken });
    expect(list.status).toBe(200);
    const csv = await download(`${path}/export.csv?${query}`);
    expect(csv.status).toBe(200);
    expect(csv.records[0]!.length).toBeGreaterThan(3);
    expect(csv.records.slice(1).map((r) => r[0])).toEqual(list.body.items.map((item: Record<string, string>) => item[id]));
    // Products have no date filter; every other list refuses a range that ends before it starts.
    if (!path.endsWith('products')) expect((await t.request('GET', `${path}/export.csv?from=${today}&to=${dayAfter(-1)}`, { token: opsToken })).status).toBe(400);
    const sales = await t.request('GET', `${path}/export.csv`, { token: salesToken });
    expect(sales.status).toBe(readers === 'all' ? 200 : 403);
  });
});

describe('CRM lists as CSV', () => {
  let leadId: string;
  beforeAll(async () => {
    const created = await t.request('POST', '/api/sales/leads', {
      token: salesToken,
      body: { topic: '=SUM(A1) export topic', lastName: 'Tamm', companyName: 'Export Kala, "AS"', email: 'export-lead@example.com', address: { city: 'Tartu', countryRegionId: 'EE' } },
    });
    expect(created.status).toBe(201);
    leadId = created.body.id;
    // One lead without a company, so sorting by company has nulls to place.
    expect((await t.request('POST', '/api/sales/leads', { token: salesToken, body: { topic: 'No company lead', lastName: 'Mets' } })).status).toBe(201);
    const qualified = await t.request('POST', `/api/sales/leads/${leadId}/qualify`, { token: salesToken, body: { ignoreDuplicates: true } });
    expect(qualified.status).toBe(200);
  });

  const crmLists = [
    { path: '/api/sales/leads', query: `view=all-leads&sort=companyName&from=${today}` },
    { path: '/api/sales/leads', query: 'view=closed-leads&search=export%20kala' },
    { path: '/api/sales/opportunities', query: `view=all-opportunities&sort=-estimatedRevenue&to=${today}` },
    { path: '/api/sales/accounts', query: `from=${today}&to=${today}` },
    { path: '/api/sales/contacts', query: 'search=tamm' },
  ];
  it.each(crmLists)('$path?$query exports what the list shows', async ({ path, query }) => {
    const list = await t.request('GET', `${path}?limit=200&${query}`, { token: salesToken });
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const csv = await download(`${path}/export.csv?${query}`, salesToken);
    expect(csv.status).toBe(200);
    expect(csv.records.slice(1).map((r) => r[0])).toEqual(list.body.items.map((item: { id: string }) => item.id));
    const future = new URLSearchParams(query);
    future.set('from', dayAfter(1));
    future.delete('to');
    expect((await download(`${path}/export.csv?${future}`, salesToken)).records).toHaveLength(1);
    expect((await t.request('GET', `${path}/export.csv?from=${today}&to=${dayAfter(-1)}`, { token: salesToken })).status).toBe(400);
    expect((await t.request('GET', `${path}/export.csv?${query}`, { token: opsToken })).status).toBe(403);
    expect((await t.request('GET', `${path}/export.csv`)).status).toBe(401);
  });

  it("keeps the lead's cells as typed, formulas neutralised, and the view's default (my open leads)", async () => {
    const csv = await download('/api/sales/leads/export.csv?view=all-leads&search=export%20kala', salesToken);
    const [header, row] = csv.records;
    expect(header!.slice(0, 6)).toEqual(['Lead ID', 'Topic', 'First name', 'Last name', 'Job title', 'Company']);
    expect(row![0]).toBe(leadId);
    expect(row![1]).toBe("'=SUM(A1) export topic");
    expect(row![5]).toBe('Export Kala, "AS"');
    const mine = await download('/api/sales/leads/export.csv', salesToken);
    const myList = await t.request('GET', '/api/sales/leads?limit=200', { token: salesToken });
    expect(mine.records.slice(1).map((r) => r[0])).toEqual(myList.body.items.map((l: { id: string }) => l.id));
  });
});

describe('the other HQ lists as CSV', () => {
  // The lists have rows from the prospects created above (cases, their mails, dual-write's lead records).
  const more = () => [
    { path: '/api/hq/onboarding-cases', query: `from=${today}&to=${today}`, id: 'number', token: opsToken, to: 'to' },
    { path: '/api/hq/onboarding-cases', query: 'status=InReview&sort=openedAt', id: 'number', token: opsToken, to: 'to' },
    { path: '/api/mail/messages', query: `type=partner-request-received&from=${today}&until=${today}`, id: 'id', token: opsToken, to: 'until' },
    { path: '/api/dualwrite/records', query: `to=${today}`, id: 'id', token: t.adminToken, to: 'to' },
    { path: '/api/dualwrite/errors', query: `from=${today}`, id: 'id', token: t.adminToken, to: 'to' },
  ];
  it.each([0, 1, 2, 3, 4])('list %i exports what it shows, by date, with its roles', async (i) => {
    const { path, query, id, token, to } = more()[i]!;
    const list = await t.request('GET', `${path}?limit=100&${query}`, { token });
    expect(list.status).toBe(200);
    const csv = await download(`${path}/export.csv?${query}`, token);
    expect(csv.status).toBe(200);
    expect(csv.records.slice(1).map((r) => r[0])).toEqual(list.body.items.map((item: Record<string, string | number>) => String(item[id])));
    if (!path.endsWith('errors')) expect(list.body.total).toBeGreaterThan(0);
    const backwards = await t.request('GET', `${path}/export.csv?from=${today}&${to}=${dayAfter(-1)}`, { token });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe(to);
    expect((await download(`${path}/export.csv?from=${dayAfter(1)}`, token)).records).toHaveLength(1);
    expect((await t.request('GET', `${path}/export.csv`, { token: salesToken })).status).toBe(path.includes('onboarding') ? 200 : 403);
  });

  it('staff users: administrators only, every user', async () => {
    const csv = await download('/api/hq/staff-users/export.csv', t.adminToken);
    expect(csv.status).toBe(200);
    const list = await t.request('GET', '/api/hq/staff-users', { token: t.adminToken });
    expect(csv.records[0]).toEqual(['Name', 'E-mail', 'Roles', 'Disabled', 'Created', 'User ID']);
    expect(csv.records.slice(1).map((r) => r[5])).toEqual(list.body.items.map((u: { id: string }) => u.id));
    expect((await t.request('GET', '/api/hq/staff-users/export.csv', { token: opsToken })).status).toBe(403);
  });
});

// About 40 s on the embedded database (the insert and 100 batches), so PostgreSQL only.
describe.skipIf(!onPostgres)('streaming', () => {
  it('exports 100,000 rows with flat memory', async () => {
    await t.app.dbs.db.hq.execute(sql`
      insert into hq.job_runs (id, job_code, trigger, status, requested_at, processed, failed, message)
      select gen_random_uuid(), 'EXPORT-TEST', 'Manual', 'Applied', now() - (n || ' seconds')::interval, n, 0, 'Run ' || n || ', "quoted", =1+1 ' || repeat('x', 250)
      from generate_series(1, 100000) as n`);
    // Live memory after a full collection (not RSS, which grows with how late the collector runs): a server that
    // held the list would hold 100,000 rows of ~300 bytes, some 30 MB of CSV alone.
    const collect = globalThis.gc as (() => void) | undefined;
    if (!collect) throw new Error('run with --expose-gc (vitest.config.ts passes it)');
    const live = () => {
      collect();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const before = live();
    let peak = before;
    // Sampled on a timer too: a server that gathered the list first would peak before its first byte.
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 100);
    const res = await fetch(`${t.url}/api/hq/distribution/runs/export.csv?job=EXPORT-TEST`, { headers: { authorization: `Bearer ${opsToken}` } });
    expect(res.status).toBe(200);
    let lines = 0;
    let bytes = 0;
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      lines += decoder.decode(chunk.value, { stream: true }).split('\n').length - 1;
    }
    clearInterval(sampler);
    expect(lines).toBe(100_001);
    expect(bytes).toBeGreaterThan(25 * 1024 * 1024);
    expect(peak - before).toBeLessThan(10 * 1024 * 1024);
  }, 120_000);
});
