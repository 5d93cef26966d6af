// The sales CRM through its API: leads and views, qualify, disqualify, reactivate, opportunities won and lost,
// accounts, contacts, timeline, ownership rules, illegal transitions and concurrent qualification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { outbox } from '../../src/sales/schema.ts';
import { asc } from 'drizzle-orm';

let t: TestApp;
let sales: string;
let otherSales: string;
let manager: string;
let ops: string;
beforeAll(async () => {
  t = await startApp();
  [sales, otherSales, manager, ops] = [await t.staffToken(['salesperson']), await t.staffToken(['salesperson']), await t.staffToken(['sales-manager']), await t.staffToken(['hq-operations'])];
});
afterAll(() => t?.close());

let n = 0;
function lead(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    topic: `Office chairs for 40 stores ${n}`,
    firstName: 'Jane',
    lastName: `Doe${n}`,
    jobTitle: 'Buyer',
    email: `jane.${n}.${Date.now()}@adatum.test`,
    phone: '+1 425 555 0100',
    companyName: `Adatum ${n} ${Date.now()}`,
    address: { street: '1 Microsoft Way', city: 'Redmond', state: 'WA', zip: '98052', countryRegionId: 'US' },
    source: 'Web',
    ...overrides,
  };
}

async function createLead(token: string, overrides: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/sales/leads', { token, body: lead(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

describe('leads', () => {
  it('creates, reads and edits a lead owned by its creator', async () => {
    const created = await createLead(sales, { description: 'Met at the fair' });
    expect(created).toMatchObject({ state: 'Open', statusReason: 'New', source: 'Web', address: { city: 'Redmond', state: 'WA' } });
    const edited = await t.request('PATCH', `/api/sales/leads/${created.id}`, { token: sales, body: { jobTitle: 'Head of purchasing' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ jobTitle: 'Head of purchasing', version: 2 });
    const contacted = await t.request('POST', `/api/sales/leads/${created.id}/status`, { token: sales, body: { statusReason: 'Contacted' } });
    expect(contacted.body.statusReason).toBe('Contacted');
    const read = await t.request('GET', `/api/sales/leads/${created.id}`, { token: otherSales });
    expect(read.body.jobTitle).toBe('Head of purchasing');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const noTopic = await t.request('POST', '/api/sales/leads', { token: sales, body: { ...lead(), topic: undefined } });
    expect(noTopic.status).toBe(400);
    expect(noTopic.body.errors).toContainEqual({ path: 'topic', message: 'is required' });
    const badEmail = await t.request('POST', '/api/sales/leads', { token: sales, body: lead({ email: 'nope' }) });
    expect(badEmail.body.errors).toContainEqual({ path: 'email', message: 'must be a valid e-mail address' });
    const badSource = await t.request('POST', '/api/sales/leads', { token: sales, body: lead({ source: 'Telepathy' }) });
    expect(badSource.status).toBe(400);
    expect(badSource.body.errors[0].path).toBe('source');
  });

  it('answers 401 without a session, 403 for HQ-only staff, 404 for unknown ids', async () => {
    expect((await t.request('GET', '/api/sales/leads')).status).toBe(401);
    expect((await t.request('GET', '/api/sales/leads', { token: ops })).status).toBe(403);
    expect((await t.request('GET', '/api/sales/leads/00000000-0000-4000-8000-000000000000', { token: sales })).status).toBe(404);
    expect((await t.request('GET', '/api/sales/leads/not-a-uuid', { token: sales })).status).toBe(404);
  });

  it('lets a salesperson edit only own leads and unowned Commerce B2B leads; a manager edits all', async () => {
    const mine = await createLead(sales);
    const forbidden = await t.request('PATCH', `/api/sales/leads/${mine.id}`, { token: otherSales, body: { jobTitle: 'x' } });
    expect(forbidden.status).toBe(403);
    expect((await t.request('POST', `/api/sales/leads/${mine.id}/disqualify`, { token: otherSales, body: { statusReason: 'Lost' } })).status).toBe(403);
    expect((await t.request('PATCH', `/api/sales/leads/${mine.id}`, { token: manager, body: { jobTitle: 'Manager edit' } })).status).toBe(200);
    const unowned = await createLead(manager, { source: 'CommerceB2B', ownerId: null });
    expect(unowned.ownerId).toBeNull();
    expect((await t.request('PATCH', `/api/sales/leads/${unowned.id}`, { token: otherSales, body: { jobTitle: 'Picked up' } })).status).toBe(200);
    const handedOver = await t.request('POST', '/api/sales/leads', { token: sales, body: lead({ ownerId: null }) });
    expect(handedOver.status).toBe(403);
  });
});

describe('views', () => {
  it('shows an unowned Commerce B2B lead in "All Commerce B2B leads" and not in "My open leads"', async () => {
    const commerce = await createLead(manager, { source: 'CommerceB2B', ownerId: null, topic: `Commerce B2B request ${Date.now()}` });
    const own = await createLead(sales);
    const ids = async (view: string, token = sales) => ((await t.request('GET', `/api/sales/leads?view=${view}&limit=200`, { token })).body.items as { id: string }[]).map((l) => l.id);
    expect(await ids('all-commerce-b2b-leads')).toContain(commerce.id);
    expect(await ids('all-commerce-b2b-leads')).not.toContain(own.id);
    expect(await ids('my-open-leads')).toContain(own.id);
    expect(await ids('my-open-leads')).not.toContain(commerce.id);
    expect(await ids('my-open-leads', manager)).not.toContain(commerce.id);
    expect(await ids('open-leads')).toEqual(expect.arrayContaining([own.id, commerce.id]));
    expect(await ids('all-leads')).toEqual(expect.arrayContaining([own.id, commerce.id]));
    const searched = await t.request('GET', `/api/sales/leads?view=all-leads&search=${encodeURIComponent(own.companyName)}`, { token: sales });
    expect(searched.body.items.map((l: { id: string }) => l.id)).toEqual([own.id]);
    const bad = await t.request('GET', '/api/sales/leads?view=everything', { token: sales });
    expect(bad.status).toBe(400);
  });
});

describe('qualify', () => {
  it('creates an opportunity, a contact and an account linked to each other and to the lead', async () => {
    const created = await createLead(sales);
    await t.request('POST', `/api/sales/leads/${created.id}/notes`, { token: sales, body: { text: 'Wants a quote by Friday' } });
    const res = await t.request('POST', `/api/sales/leads/${created.id}/qualify`, { token: sales });
    expect(res.status).toBe(200);
    const { opportunityId, accountId, contactId } = res.body;
    const qualified = await t.request('GET', `/api/sales/leads/${created.id}`, { token: sales });
    expect(qualified.body).toMatchObject({ state: 'Qualified', statusReason: 'Qualified', opportunityId, accountId, contactId });
    const opportunity = await t.request('GET', `/api/sales/opportunities/${opportunityId}`, { token: sales });
    expect(opportunity.body).toMatchObject({ name: created.topic, accountId, contactId, originatingLeadId: created.id, state: 'Open', statusReason: 'InProgress', stage: 'Qualify' });
    expect(opportunity.body.timeline.map((e: { text: string }) => e.text)).toContain('Wants a quote by Friday');
    const account = await t.request('GET', `/api/sales/accounts/${accountId}`, { token: sales });
    expect(account.body).toMatchObject({ name: created.companyName, primaryContactId: contactId, status: 'Active' });
    const contact = await t.request('GET', `/api/sales/contacts/${contactId}`, { token: sales });
    expect(contact.body).toMatchObject({ firstName: 'Jane', lastName: created.lastName, email: created.email, accountId });
  });

  it('offers the existing account and contact instead of creating duplicates', async () => {
    const first = await createLead(sales);
    await t.request('POST', `/api/sales/leads/${first.id}/qualify`, { token: sales });
    const again = await createLead(sales, { companyName: first.companyName.toUpperCase(), email: first.email, topic: 'Second deal' });
    const dupes = await t.request('GET', `/api/sales/leads/${again.id}/duplicates`, { token: sales });
    expect(dupes.body.accounts).toHaveLength(1);
    expect(dupes.body.contacts).toHaveLength(1);
    const blocked = await t.request('POST', `/api/sales/leads/${again.id}/qualify`, { token: sales, body: {} });
    expect(blocked.status).toBe(409);
    expect(blocked.body.duplicates.accounts[0].id).toBe(dupes.body.accounts[0].id);
    expect((await t.request('GET', `/api/sales/leads/${again.id}`, { token: sales })).body.state).toBe('Open');
    const linked = await t.request('POST', `/api/sales/leads/${again.id}/qualify`, {
      token: sales,
      body: { existingAccountId: dupes.body.accounts[0].id, existingContactId: dupes.body.contacts[0].id },
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ accountId: dupes.body.accounts[0].id, contactId: dupes.body.contacts[0].id });
    const accounts = await t.request('GET', `/api/sales/accounts?search=${encodeURIComponent(first.companyName)}`, { token: sales });
    expect(accounts.body.total).toBe(1);
  });

  it('makes exactly one opportunity, account and contact when two salespeople qualify at the same moment', async () => {
    const commerce = await createLead(manager, { source: 'CommerceB2B', ownerId: null });
    const results = await Promise.all([
      t.request('POST', `/api/sales/leads/${commerce.id}/qualify`, { token: sales }),
      t.request('POST', `/api/sales/leads/${commerce.id}/qualify`, { token: otherSales }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const accounts = await t.request('GET', `/api/sales/accounts?search=${encodeURIComponent(commerce.companyName)}`, { token: sales });
    expect(accounts.body.total).toBe(1);
    const contacts = await t.request('GET', `/api/sales/contacts?search=${encodeURIComponent(commerce.email)}`, { token: sales });
    expect(contacts.body.total).toBe(1);
    const opportunities = await t.request('GET', `/api/sales/opportunities?view=all-opportunities&search=${encodeURIComponent(commerce.topic)}`, { token: sales });
    expect(opportunities.body.total).toBe(1);
  });
});

describe('disqualify and reactivate', () => {
  it('disqualifies with a status reason, refuses unknown reasons, and reactivates', async () => {
    const created = await createLead(sales);
    const unknown = await t.request('POST', `/api/sales/leads/${created.id}/disqualify`, { token: sales, body: { statusReason: 'Bored' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('statusReason');
    const res = await t.request('POST', `/api/sales/leads/${created.id}/disqualify`, { token: sales, body: { statusReason: 'NoLongerInterested' } });
    expect(res.body).toMatchObject({ state: 'Disqualified', statusReason: 'NoLongerInterested' });
    expect((await t.request('POST', `/api/sales/leads/${created.id}/qualify`, { token: sales })).status).toBe(409);
    expect((await t.request('PATCH', `/api/sales/leads/${created.id}`, { token: sales, body: { jobTitle: 'x' } })).status).toBe(409);
    const closed = await t.request('GET', '/api/sales/leads?view=closed-leads&limit=200', { token: sales });
    expect(closed.body.items.map((l: { id: string }) => l.id)).toContain(created.id);
    const reactivated = await t.request('POST', `/api/sales/leads/${created.id}/reactivate`, { token: sales });
    expect(reactivated.body).toMatchObject({ state: 'Open', statusReason: 'New' });
    expect((await t.request('POST', `/api/sales/leads/${created.id}/reactivate`, { token: sales })).status).toBe(409);
  });

  it('refuses to disqualify a lead that already has an opportunity', async () => {
    const created = await createLead(sales);
    await t.request('POST', `/api/sales/leads/${created.id}/qualify`, { token: sales });
    const res = await t.request('POST', `/api/sales/leads/${created.id}/disqualify`, { token: sales, body: { statusReason: 'Lost' } });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/has an opportunity/);
    expect((await t.request('GET', `/api/sales/leads/${created.id}`, { token: sales })).body.state).toBe('Qualified');
  });
});

describe('opportunities', () => {
  async function opportunityFor(token: string) {
    const created = await createLead(token);
    return (await t.request('POST', `/api/sales/leads/${created.id}/qualify`, { token })).body.opportunityId as string;
  }

  it('is worked through stages, closed as won with a close record, reopened, and closed as lost', async () => {
    const id = await opportunityFor(sales);
    const worked = await t.request('PATCH', `/api/sales/opportunities/${id}`, { token: sales, body: { estimatedRevenue: 125000, estimatedCloseDate: '2026-12-31', stage: 'Propose', description: 'Chairs and desks' } });
    expect(worked.body).toMatchObject({ estimatedRevenue: 125000, estimatedCloseDate: '2026-12-31', stage: 'Propose' });
    const negative = await t.request('PATCH', `/api/sales/opportunities/${id}`, { token: sales, body: { estimatedRevenue: -5 } });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].path).toBe('estimatedRevenue');
    const mismatched = await t.request('POST', `/api/sales/opportunities/${id}/close`, { token: sales, body: { status: 'Won', statusReason: 'OutSold' } });
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.errors[0].path).toBe('statusReason');
    const won = await t.request('POST', `/api/sales/opportunities/${id}/close`, { token: sales, body: { status: 'Won', statusReason: 'Won', actualRevenue: 120000, closeDate: '2026-11-30', description: 'Signed' } });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ state: 'Won', statusReason: 'Won', actualRevenue: 120000, actualCloseDate: '2026-11-30', stage: 'Close' });
    expect((await t.request('POST', `/api/sales/opportunities/${id}/close`, { token: sales, body: { status: 'Lost', statusReason: 'Canceled' } })).status).toBe(409);
    expect((await t.request('PATCH', `/api/sales/opportunities/${id}`, { token: sales, body: { stage: 'Develop' } })).status).toBe(409);
    const reopened = await t.request('POST', `/api/sales/opportunities/${id}/reopen`, { token: sales });
    expect(reopened.body).toMatchObject({ state: 'Open', statusReason: 'InProgress', actualRevenue: null });
    const lost = await t.request('POST', `/api/sales/opportunities/${id}/close`, { token: sales, body: { status: 'Lost', statusReason: 'OutSold', competitor: 'Fabrikam' } });
    expect(lost.body).toMatchObject({ state: 'Lost', statusReason: 'OutSold' });
    const detail = await t.request('GET', `/api/sales/opportunities/${id}`, { token: sales });
    expect(detail.body.closeRecords).toEqual([
      expect.objectContaining({ outcome: 'Won', statusReason: 'Won', actualRevenue: 120000, closeDate: '2026-11-30', description: 'Signed' }),
      expect.objectContaining({ outcome: 'Lost', statusReason: 'OutSold', competitor: 'Fabrikam' }),
    ]);
    expect(detail.body.timeline.filter((e: { kind: string }) => e.kind === 'system').map((e: { text: string }) => e.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Closed as won/), expect.stringMatching(/^Reopened/), expect.stringMatching(/^Closed as lost/)]),
    );
  });

  it('lists through views and refuses a stranger closing it', async () => {
    const id = await opportunityFor(sales);
    const mine = await t.request('GET', '/api/sales/opportunities?view=my-open-opportunities&limit=200', { token: sales });
    expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(id);
    const theirs = await t.request('GET', '/api/sales/opportunities?view=my-open-opportunities&limit=200', { token: otherSales });
    expect(theirs.body.items.map((o: { id: string }) => o.id)).not.toContain(id);
    const open = await t.request('GET', '/api/sales/opportunities?view=open-opportunities&limit=200', { token: otherSales });
    expect(open.body.items.map((o: { id: string }) => o.id)).toContain(id);
    expect((await t.request('POST', `/api/sales/opportunities/${id}/close`, { token: otherSales, body: { status: 'Lost', statusReason: 'Canceled' } })).status).toBe(403);
    expect((await t.request('POST', `/api/sales/opportunities/${id}/close`, { token: manager, body: { status: 'Lost', statusReason: 'Canceled' } })).status).toBe(200);
  });
});

describe('accounts and contacts', () => {
  it('are listed as active, editable by their owner, and carry timeline notes', async () => {
    const created = await createLead(sales);
    const { accountId, contactId } = (await t.request('POST', `/api/sales/leads/${created.id}/qualify`, { token: sales })).body;
    const accounts = await t.request('GET', '/api/sales/accounts?limit=200', { token: sales });
    expect(accounts.body.items.map((a: { id: string }) => a.id)).toContain(accountId);
    const contacts = await t.request('GET', '/api/sales/contacts?limit=200', { token: sales });
    expect(contacts.body.items.map((c: { id: string }) => c.id)).toContain(contactId);
    const edited = await t.request('PATCH', `/api/sales/accounts/${accountId}`, { token: sales, body: { website: 'https://adatum.test' } });
    expect(edited.body.website).toBe('https://adatum.test');
    expect((await t.request('PATCH', `/api/sales/contacts/${contactId}`, { token: otherSales, body: { jobTitle: 'CEO' } })).status).toBe(403);
    const note = await t.request('POST', `/api/sales/contacts/${contactId}/notes`, { token: sales, body: { text: 'Prefers e-mail' } });
    expect(note.status).toBe(201);
    const contact = await t.request('GET', `/api/sales/contacts/${contactId}`, { token: sales });
    expect(contact.body.timeline).toEqual([expect.objectContaining({ kind: 'note', text: 'Prefers e-mail' })]);
    expect((await t.request('POST', `/api/sales/contacts/${contactId}/notes`, { token: sales, body: { text: '  ' } })).status).toBe(400);
  });
});

describe('outbox', () => {
  it('writes every change with entity, key, version, changed fields and origin for dual-write', async () => {
    const created = await createLead(sales);
    await t.request('PATCH', `/api/sales/leads/${created.id}`, { token: sales, body: { jobTitle: 'Director' } });
    const rows = (await t.app.dbs.db.sales.select().from(outbox).orderBy(asc(outbox.id))).filter((r) => r.key === created.id);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[1]).toMatchObject({ entity: 'lead', origin: 'user', changedFields: ['jobTitle'] });
    expect((rows[1]!.payload as { jobTitle: string }).jobTitle).toBe('Director');
  });
});
