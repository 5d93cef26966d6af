// HQ's All prospects: listing, approval into a customer hierarchy, rejection, conflicts, roles and concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
let salesToken: string;
let opsToken: string;
beforeAll(async () => {
  t = await startApp();
  salesToken = await t.staffToken(['salesperson']);
  opsToken = await t.staffToken(['hq-operations']);
});
afterAll(() => t?.close());

/** Submits a partner request on the storefront and waits for its prospect in HQ. */
async function newProspect(overrides: Record<string, unknown> = {}) {
  const body = partnerRequest(overrides);
  expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
  const prospect = await waitFor(async () => {
    const res = await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: opsToken });
    return res.body.items[0];
  }, 'the prospect');
  return { body, prospect };
}

describe('access', () => {
  it('answers 401 without a session and 403 for a role without HQ access', async () => {
    const anonymous = await t.request('GET', '/api/hq/prospects');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.request('GET', '/api/hq/prospects', { token: 'made-up-token' })).status).toBe(401);
    const sales = await t.request('GET', '/api/hq/prospects', { token: salesToken });
    expect(sales.status).toBe(403);
    expect((await t.request('POST', '/api/hq/prospects/PRS-000001/approve', { token: salesToken })).status).toBe(403);
    expect((await t.request('GET', '/api/hq/customers', { token: salesToken })).status).toBe(403);
    expect((await t.request('GET', '/api/hq/prospects', { token: opsToken })).status).toBe(200);
  });
});

describe('All prospects', () => {
  it('filters by status and type, searches, sorts and pages', async () => {
    const a = await newProspect({ companyName: 'Aardvark Supplies' });
    const b = await newProspect({ companyName: 'Zebra Wholesale' });
    await t.request('POST', `/api/hq/prospects/${b.prospect.id}/reject`, { token: opsToken, body: { reason: 'Duplicate company' } });

    const rejected = await t.request('GET', '/api/hq/prospects?status=Rejected', { token: opsToken });
    expect(rejected.body.items.map((p: { id: string }) => p.id)).toContain(b.prospect.id);
    expect(rejected.body.items.every((p: { status: string }) => p.status === 'Rejected')).toBe(true);

    const b2b = await t.request('GET', '/api/hq/prospects?type=B2BProspect&status=New', { token: opsToken });
    expect(b2b.body.items.map((p: { id: string }) => p.id)).toContain(a.prospect.id);

    const search = await t.request('GET', '/api/hq/prospects?search=aardvark', { token: opsToken });
    expect(search.body.items.map((p: { id: string }) => p.id)).toEqual([a.prospect.id]);

    const sorted = await t.request('GET', '/api/hq/prospects?sort=companyName&limit=200', { token: opsToken });
    const names = sorted.body.items.map((p: { companyName: string }) => p.companyName);
    expect(names).toEqual([...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));

    const page1 = await t.request('GET', '/api/hq/prospects?limit=1&offset=0', { token: opsToken });
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.total).toBeGreaterThanOrEqual(2);
    expect(page1.body.next).toBe(1);
    const page2 = await t.request('GET', '/api/hq/prospects?limit=1&offset=1', { token: opsToken });
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    const bad = await t.request('GET', '/api/hq/prospects?status=Maybe&limit=0', { token: opsToken });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['status', 'limit']));
  });

  it('answers 404 for an unknown prospect', async () => {
    const res = await t.request('GET', '/api/hq/prospects/PRS-999999', { token: opsToken });
    expect(res.status).toBe(404);
    expect((await t.request('POST', '/api/hq/prospects/PRS-999999/approve', { token: opsToken })).status).toBe(404);
  });
});

describe('approve', () => {
  it('creates the organization and person customers and a hierarchy with the requestor as Admin', async () => {
    const { body, prospect } = await newProspect();
    const approved = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    expect(approved.status).toBe(200);
    const { customerAccount, personCustomerAccount, hierarchyId } = approved.body;
    expect(customerAccount).toMatch(/^C\d{6}$/);
    expect(hierarchyId).toMatch(/^H\d{6}$/);

    const detail = await t.request('GET', `/api/hq/prospects/${prospect.id}`, { token: opsToken });
    expect(detail.body).toMatchObject({ status: 'Approved', customerAccount, personCustomerAccount, hierarchyId });
    expect(detail.body.decidedBy).toMatch(/^staff\d+-.*@handshake\.test$/);

    const organization = await t.request('GET', `/api/hq/customers/${customerAccount}`, { token: opsToken });
    expect(organization.body).toMatchObject({ type: 'Organization', name: body.companyName, hierarchyId, address: { city: 'Tallinn', countryRegionId: 'EE' } });
    const person = await t.request('GET', `/api/hq/customers/${personCustomerAccount}`, { token: opsToken });
    expect(person.body).toMatchObject({ type: 'Person', firstName: body.firstName, lastName: body.lastName, email: body.email, hierarchyId, hierarchyRole: 'Admin' });

    const hierarchy = await t.request('GET', `/api/hq/customer-hierarchies/${hierarchyId}`, { token: opsToken });
    expect(hierarchy.body).toMatchObject({
      id: hierarchyId,
      name: body.companyName,
      purpose: 'B2B organization',
      organization: { account: customerAccount, name: body.companyName },
      members: [{ account: personCustomerAccount, email: body.email, role: 'Admin', name: `${body.firstName} ${body.lastName}` }],
    });
    const list = await t.request('GET', '/api/hq/customer-hierarchies', { token: opsToken });
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: hierarchyId, memberCount: 1 }));
  });

  it('answers 409 on a second decision and changes nothing', async () => {
    const { prospect } = await newProspect();
    const first = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    const customersBefore = (await t.request('GET', '/api/hq/customers?limit=1', { token: opsToken })).body.total;
    const again = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, prospectStatus: 'Approved', customerAccount: first.body.customerAccount, hierarchyId: first.body.hierarchyId });
    const reject = await t.request('POST', `/api/hq/prospects/${prospect.id}/reject`, { token: opsToken, body: { reason: 'changed my mind' } });
    expect(reject.status).toBe(409);
    expect((await t.request('GET', '/api/hq/customers?limit=1', { token: opsToken })).body.total).toBe(customersBefore);
    expect((await t.request('GET', `/api/hq/prospects/${prospect.id}`, { token: opsToken })).body.status).toBe('Approved');
  });

  it('makes exactly one hierarchy and one set of customers when two approvals race', async () => {
    const { prospect } = await newProspect();
    const customersBefore = (await t.request('GET', '/api/hq/customers?limit=1', { token: opsToken })).body.total;
    const hierarchiesBefore = (await t.request('GET', '/api/hq/customer-hierarchies?limit=1', { token: opsToken })).body.total;
    const results = await Promise.all([
      t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken }),
      t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: t.adminToken }),
      t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await t.request('GET', '/api/hq/customers?limit=1', { token: opsToken })).body.total - customersBefore).toBe(2);
    expect((await t.request('GET', '/api/hq/customer-hierarchies?limit=1', { token: opsToken })).body.total - hierarchiesBefore).toBe(1);
  });
});

describe('approval mail without SMTP', () => {
  it('keeps the message in the local mailbox, readable in the delivery log and labelled as not sent', async () => {
    const { body, prospect } = await newProspect();
    await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    const stored = await waitFor(async () => {
      const items = (await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(body.email)}`, { token: opsToken })).body.items as { id: number; notificationType: string; status: string }[];
      return items.find((m) => m.notificationType === 'prospect-approved');
    }, 'the approval message');
    expect(stored.status).toBe('Stored');
    const detail = (await t.request('GET', `/api/mail/messages/${stored.id}`, { token: opsToken })).body;
    expect(detail.text).toContain(body.companyName);
    expect((await t.request('GET', '/api/mail/settings', { token: opsToken })).body).toEqual({ smtp: false });
  });
});

describe('reject', () => {
  it('needs a reason, then records it', async () => {
    const { prospect } = await newProspect();
    const missing = await t.request('POST', `/api/hq/prospects/${prospect.id}/reject`, { token: opsToken, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toContainEqual({ path: 'reason', message: 'is required' });
    const blank = await t.request('POST', `/api/hq/prospects/${prospect.id}/reject`, { token: opsToken, body: { reason: '   ' } });
    expect(blank.status).toBe(400);
    const rejected = await t.request('POST', `/api/hq/prospects/${prospect.id}/reject`, { token: opsToken, body: { reason: 'Outside our sales region' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'Rejected', rejectionReason: 'Outside our sales region' });
    expect(rejected.body.customerAccount).toBeUndefined();
    const approveAfter = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    expect(approveAfter.status).toBe(409);
  });
});

describe('customers', () => {
  it('searches by name and filters by type', async () => {
    const { prospect, body } = await newProspect({ companyName: 'Fabrikam Findable' });
    await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    const found = await t.request('GET', '/api/hq/customers?search=findable', { token: opsToken });
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ type: 'Organization', name: body.companyName });
    const people = await t.request('GET', `/api/hq/customers?type=Person&search=${encodeURIComponent(body.email)}`, { token: opsToken });
    expect(people.body.items).toHaveLength(1);
    expect(people.body.items[0].type).toBe('Person');
    expect((await t.request('GET', '/api/hq/customers/C999999', { token: opsToken })).status).toBe(404);
    expect((await t.request('GET', '/api/hq/customer-hierarchies/H999999', { token: opsToken })).status).toBe(404);
  });
});

describe('number sequences', () => {
  it('formats new customer accounts as configured and refuses to go back', async () => {
    const sequences = await t.request('GET', '/api/hq/number-sequences', { token: t.adminToken });
    const customer = sequences.body.items.find((s: { code: string }) => s.code === 'customer');
    const changed = await t.request('PATCH', '/api/hq/number-sequences/customer', { token: t.adminToken, body: { prefix: 'HQ-', width: 8, nextValue: customer.nextValue + 100 } });
    expect(changed.status).toBe(200);
    expect(changed.body.nextNumber).toBe(`HQ-${String(customer.nextValue + 100).padStart(8, '0')}`);
    const { prospect } = await newProspect();
    const approved = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: opsToken });
    expect(approved.body.customerAccount).toBe(`HQ-${String(customer.nextValue + 100).padStart(8, '0')}`);
    const back = await t.request('PATCH', '/api/hq/number-sequences/customer', { token: t.adminToken, body: { nextValue: 1 } });
    expect(back.status).toBe(400);
    expect(back.body.errors[0].path).toBe('nextValue');
    expect((await t.request('PATCH', '/api/hq/number-sequences/customer', { token: opsToken, body: { width: 6 } })).status).toBe(403);
  });
});

describe('online store', () => {
  it('is set up as B2B on first start, editable in HQ, and the storefront follows', async () => {
    const stores = await t.request('GET', '/api/hq/online-stores', { token: opsToken });
    expect(stores.body.items).toEqual([expect.objectContaining({ id: 'B2B-ONLINE', customerType: 'B2B' })]);
    const renamed = await t.request('PATCH', '/api/hq/online-stores/B2B-ONLINE', { token: t.adminToken, body: { name: 'Contoso Trade' } });
    expect(renamed.status).toBe(200);
    await waitFor(async () => (await t.request('GET', '/api/store/channel')).body?.name === 'Contoso Trade', 'the storefront to show the new name');
    const bad = await t.request('PATCH', '/api/hq/online-stores/B2B-ONLINE', { token: t.adminToken, body: { url: 'not a url' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('url');
  });
});
