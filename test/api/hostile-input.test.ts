// Hostile input is refused at the edge with a 400 problem+json naming the field (issue 11, §2 and §3): one test
// per cause the fuzz test found, so a regression names its cause. Framework errors look like every other answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner as approvedPartnerOf } from '../helpers/partners.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startApp();
  admin = t.adminToken;
});
afterAll(async () => {
  await t?.close();
});

/** A request with a body written as is: raw JSON numbers, escapes, or not JSON at all. */
async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(t.url + path, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text.startsWith('{') ? JSON.parse(text) : undefined };
}

function expectFieldError(res: { status: number; headers: Headers; body: any }, path: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.errors).toContainEqual(expect.objectContaining({ path }));
  expect(res.body.detail).toContain(path);
}

describe('no input gets a 5xx (§2)', () => {
  it('1. refuses a NUL in a JSON string, even from an anonymous applicant, naming the field', async () => {
    const res = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ firstName: 'a\u0000b' }) });
    expectFieldError(res, 'firstName');
    const nested = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ address: { street: 'x\u0000', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' } }) });
    expectFieldError(nested, 'address.street');
  });

  it('refuses a lone surrogate in a JSON string the same way', async () => {
    const body = JSON.stringify(partnerRequest()).replace('"Maria"', '"Ma\\ud800ria"');
    expectFieldError(await raw('POST', '/api/store/partner-requests', body), 'firstName');
  });

  it('2. refuses a NUL in a path parameter', async () => {
    expectFieldError(await t.request('GET', '/api/hq/prospects/%00', { token: admin }), 'id');
    expectFieldError(await t.request('GET', '/api/sales/leads/a%00b', { token: admin }), 'id');
  });

  it('3. refuses a NUL in a query parameter', async () => {
    expectFieldError(await t.request('GET', '/api/hq/prospects?search=%00', { token: admin }), 'search');
    expectFieldError(await t.request('GET', '/api/hq/customers?search=%00', { token: admin }), 'search');
  });

  it('4. refuses an offset beyond int32 on every list', async () => {
    const doc = (await t.request('GET', '/docs/json')).body;
    const lists = Object.entries(doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>)
      .filter(([, item]) => item.get?.parameters?.some((p) => p.in === 'query' && p.name === 'offset'))
      .map(([path]) => path);
    expect(lists).toContain('/api/hq/prospects');
    const partner = await approvedPartner();
    for (const path of lists) {
      const token = path.startsWith('/api/store/') ? partner.token : admin;
      for (const offset of ['99999999999999999999', '2147483648', '1e400']) expectFieldError(await t.request('GET', `${path}?offset=${offset}`, { token }), 'offset');
    }
  });

  it('5. refuses integer ids beyond int32 and beyond any integer', async () => {
    for (const id of ['2147483648', '99999999999999999999999', '1e400', '-1']) expectFieldError(await t.request('GET', `/api/mail/templates/${id}`, { token: admin }), 'id');
    expect((await t.request('GET', '/api/mail/templates/2147483647', { token: admin })).status).toBe(404);
  });

  it('6. refuses a number sequence value beyond bigint or 1e400, and keeps the sequence', async () => {
    const before = (await t.request('GET', '/api/hq/number-sequences', { token: admin })).body.items.find((s: { code: string }) => s.code === 'customer');
    for (const value of ['9223372036854775808', '99999999999999999999', '1e400', '1000000000000']) {
      expectFieldError(await raw('PATCH', '/api/hq/number-sequences/customer', `{"nextValue":${value}}`), 'nextValue');
    }
    const after = (await t.request('GET', '/api/hq/number-sequences', { token: admin })).body.items.find((s: { code: string }) => s.code === 'customer');
    expect(after).toEqual(before);
  });

  it('7. answers an empty patch of a distribution job with 400, not "No values to set"', async () => {
    const res = await t.request('PATCH', '/api/hq/distribution/jobs/1070', { token: admin, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/at least one field/);
    // A real change still works.
    expect((await t.request('PATCH', '/api/hq/distribution/jobs/1070', { token: admin, body: { everySeconds: 120 } })).status).toBe(204);
  });

  it('refuses a number query parameter that is not finite', async () => {
    expectFieldError(await t.request('GET', '/api/hq/prospects?limit=1e400', { token: admin }), 'limit');
  });
});

describe('types are what they say (§3)', () => {
  it('refuses {"active": null}: the partner stays active and its users signed in', async () => {
    const partner = await approvedPartner();
    const res = await t.request('PATCH', `/api/hq/customer-hierarchies/${partner.hierarchyId}`, { token: admin, body: { active: null } });
    expectFieldError(res, 'active');
    expect((await t.request('GET', `/api/hq/customer-hierarchies/${partner.hierarchyId}`, { token: admin })).body.active).toBe(true);
    expect((await t.request('GET', '/api/store/me', { token: partner.token })).status).toBe(200);
    for (const active of ['false', 0]) expectFieldError(await t.request('PATCH', `/api/hq/customer-hierarchies/${partner.hierarchyId}`, { token: admin, body: { active } }), 'active');
  });

  it('refuses {"enabled": null}: the job stays enabled', async () => {
    expectFieldError(await t.request('PATCH', '/api/hq/distribution/jobs/P-0001', { token: admin, body: { enabled: null } }), 'enabled');
    const job = (await t.request('GET', '/api/hq/distribution/jobs', { token: admin })).body.items.find((j: { code: string }) => j.code === 'P-0001');
    expect(job.schedule.enabled).toBe(true);
  });

  it('refuses a number in a string field and a string in a number field', async () => {
    const lead = await t.request('POST', '/api/sales/leads', { token: admin, body: { topic: 123, lastName: 'Lee' } });
    expectFieldError(lead, 'topic');
    expectFieldError(await t.request('PATCH', '/api/hq/number-sequences/customer', { token: admin, body: { width: '8' } }), 'width');
    expectFieldError(await t.request('PATCH', '/api/hq/distribution/jobs/1070', { token: admin, body: { everySeconds: '60' } }), 'everySeconds');
  });

  it('refuses an ownerId that names no salesperson, on leads and opportunities, and takes one that does', async () => {
    const seller = await t.request('POST', '/api/hq/staff-users', { token: admin, body: { email: `seller.${Date.now()}@handshake.test`, name: 'Seller', password: 'seller-password-1', roles: ['salesperson'] } });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectFieldError(await t.request('POST', '/api/sales/leads', { token: admin, body: { topic: 'Owned', lastName: 'Lee', ownerId: unknown } }), 'ownerId');
    expectFieldError(await t.request('POST', '/api/sales/leads', { token: admin, body: { topic: 'Owned', lastName: 'Lee', ownerId: 'x'.repeat(60_000) } }), 'ownerId');
    const lead = await t.request('POST', '/api/sales/leads', { token: admin, body: { topic: 'Owned', lastName: 'Lee', companyName: `Owned ${Date.now()}`, ownerId: seller.body.id } });
    expect(lead.status).toBe(201);
    expect(lead.body.ownerId).toBe(seller.body.id);
    expectFieldError(await t.request('PATCH', `/api/sales/leads/${lead.body.id}`, { token: admin, body: { ownerId: unknown } }), 'ownerId');
    expect((await t.request('GET', `/api/sales/leads/${lead.body.id}`, { token: admin })).body.ownerId).toBe(seller.body.id);
    const qualified = await t.request('POST', `/api/sales/leads/${lead.body.id}/qualify`, { token: admin, body: { ignoreDuplicates: true } });
    expectFieldError(await t.request('PATCH', `/api/sales/opportunities/${qualified.body.opportunityId}`, { token: admin, body: { ownerId: unknown } }), 'ownerId');
  });

  it('bounds strings that declare no limit: a 60,000-character value is refused', async () => {
    const res = await t.request('POST', '/api/hq/customer-hierarchies', { token: admin, body: { organizationAccount: 'x'.repeat(60_000), members: [{ account: 'C000001', role: 'Admin' }] } });
    expectFieldError(res, 'organizationAccount');
    expect(res.body.errors[0].message).toBe('must be at most 1000 characters');
  });
});

describe('framework errors are problem+json with the security headers', () => {
  const security = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security', 'referrer-policy'];

  async function expectProblem(res: { status: number; headers: Headers; text: string }, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status, type: 'about:blank' });
    const normal = await fetch(`${t.url}/health`);
    for (const name of security) expect(res.headers.get(name), name).toBe(normal.headers.get(name));
  }

  it('bad URL encoding → 400', async () => {
    await expectProblem(await raw('GET', '/api/hq/prospects/%E0%A4%A'), 400);
    await expectProblem(await raw('GET', '/api/hq/prospects/%ED%A0%80'), 400);
  });

  it('invalid JSON → 400, an unsupported content type → 415, a body over 64 KiB → 413', async () => {
    await expectProblem(await raw('POST', '/api/store/partner-requests', '{"firstName":'), 400);
    await expectProblem(await raw('POST', '/api/store/partner-requests', '<firstName/>', { 'content-type': 'application/xml' }), 415);
    await expectProblem(await raw('POST', '/api/store/partner-requests', JSON.stringify(partnerRequest({ comments: 'x'.repeat(70_000) }))), 413);
  });

  it('an address over 8 KiB → 414, also when Node refuses it before Fastify; a path parameter over 100 characters → 414', async () => {
    await expectProblem(await raw('GET', `/api/hq/prospects?search=${'x'.repeat(9000)}`), 414);
    await expectProblem(await raw('GET', `/api/hq/prospects/${'x'.repeat(60_000)}`), 414);
    await expectProblem(await raw('GET', `/api/hq/prospects/${'x'.repeat(101)}`), 414);
  });

  it('headers over 16 KiB → 431', async () => {
    await expectProblem(await raw('GET', '/api/hq/prospects', undefined, { 'x-fuzz': 'x'.repeat(20_000) }), 431);
  });
});

async function approvedPartner(): Promise<{ token: string; hierarchyId: string }> {
  const partner = await approvedPartnerOf(t);
  return { token: partner.admin, hierarchyId: partner.hierarchyId };
}
