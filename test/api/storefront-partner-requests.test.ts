// Partner sign-up through the public API: validation, rate limits, no enumeration, and the status link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ env: { SIGN_UP_LIMIT_PER_EMAIL: '3' } });
});
afterAll(() => t?.close());

async function prospectsByEmail(email: string) {
  const res = await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(email)}`, { token: t.adminToken });
  return res.body.items as { id: string; email: string; firstName: string; lastName: string; companyName: string }[];
}

describe('POST /api/store/partner-requests', () => {
  it('accepts a valid request with 202 and a status link that shows its progress', async () => {
    const body = partnerRequest();
    const res = await t.request('POST', '/api/store/partner-requests', { body });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'Received', statusUrl: expect.stringMatching(/^\/api\/store\/partner-requests\/status\//) });
    const status = await t.request('GET', res.body.statusUrl);
    expect(status.status).toBe(200);
    expect(status.body.companyName).toBe(body.companyName);
    expect(['Received', 'InReview']).toContain(status.body.status);
    // Near-real-time: the request reaches HQ as a B2B prospect within seconds.
    const [prospect] = await waitFor(async () => {
      const found = await prospectsByEmail(body.email);
      return found.length > 0 ? found : undefined;
    }, 'the prospect');
    expect(prospect).toMatchObject({ type: 'B2BProspect', status: 'New', companyName: body.companyName, email: body.email, channel: 'B2B-ONLINE' });
    await waitFor(async () => (await t.request('GET', res.body.statusUrl)).body.status === 'InReview', 'status In review');
  });

  it.each([
    ['firstName', { firstName: undefined }],
    ['lastName', { lastName: '' }],
    ['email', { email: undefined }],
    ['companyName', { companyName: '   ' }],
  ])('rejects a request without %s with 400 naming the field', async (field, change) => {
    const res = await t.request('POST', '/api/store/partner-requests', { body: { ...partnerRequest(), ...change } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: field }));
  });

  it.each(['street', 'city', 'zip', 'countryRegionId'])('rejects an address without %s', async (field) => {
    const body = partnerRequest();
    const address: Record<string, unknown> = { ...body.address };
    delete address[field];
    const res = await t.request('POST', '/api/store/partner-requests', { body: { ...body, address } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: `address.${field}` }));
  });

  it('names every bad field at once', async () => {
    const res = await t.request('POST', '/api/store/partner-requests', { body: { firstName: 'A', email: 'not-an-email', address: {} } });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['lastName', 'email', 'companyName', 'address.street', 'address.city', 'address.zip', 'address.countryRegionId']));
    expect(res.body.errors).toContainEqual({ path: 'email', message: 'must be a valid e-mail address' });
  });

  it('rejects a country that is not on the list', async () => {
    const body = partnerRequest();
    const res = await t.request('POST', '/api/store/partner-requests', { body: { ...body, address: { ...body.address, countryRegionId: 'QQ' } } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'address.countryRegionId', message: 'must be a country from the list' }]);
  });

  it('rejects over-long input and unknown fields, and stores nothing', async () => {
    const before = (await t.request('GET', '/api/hq/channel-requests?limit=200', { token: t.adminToken })).body.total;
    const long = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ companyName: 'x'.repeat(201) }) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toContainEqual({ path: 'companyName', message: 'must be at most 200 characters' });
    const extra = await t.request('POST', '/api/store/partner-requests', { body: { ...partnerRequest(), isAdmin: true } });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toContainEqual(expect.objectContaining({ path: 'isAdmin' }));
    const badPhone = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ phone: '<script>' }) });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.errors).toContainEqual(expect.objectContaining({ path: 'phone' }));
    const after = (await t.request('GET', '/api/hq/channel-requests?limit=200', { token: t.adminToken })).body.total;
    expect(after).toBe(before);
  });

  it('stores HTML and script in names as plain text', async () => {
    const body = partnerRequest({ firstName: '<script>alert(1)</script>', companyName: `<b>Bold & Co</b> ${Date.now()}` });
    expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
    const [prospect] = await waitFor(async () => {
      const found = await prospectsByEmail(body.email);
      return found.length > 0 ? found : undefined;
    }, 'the prospect');
    expect(prospect!.firstName).toBe('<script>alert(1)</script>');
    expect(prospect!.companyName).toBe(body.companyName);
  });

  it('answers a second request from the same e-mail exactly like a first one, and makes no second prospect', async () => {
    const first = partnerRequest();
    const a = await t.request('POST', '/api/store/partner-requests', { body: first });
    const b = await t.request('POST', '/api/store/partner-requests', { body: { ...first, email: first.email.toUpperCase(), comments: 'Second try' } });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(Object.keys(b.body).sort()).toEqual(Object.keys(a.body).sort());
    expect(b.body.status).toBe(a.body.status);
    expect(b.body.statusUrl).not.toBe(a.body.statusUrl);
    const requests = await waitFor(async () => {
      const list = (await t.request('GET', '/api/hq/channel-requests?limit=200', { token: t.adminToken })).body.items as { id: string; status: string; prospectId?: string }[];
      const mine = list.filter((r) => r.id === a.body.id || r.id === b.body.id);
      return mine.length === 2 && mine.every((r) => r.status === 'Processed') ? mine : undefined;
    }, 'both requests processed');
    expect(requests[0]!.prospectId).toBe(requests[1]!.prospectId);
    expect(await prospectsByEmail(first.email)).toHaveLength(1);
    const detail = await t.request('GET', `/api/hq/prospects/${requests[0]!.prospectId}`, { token: t.adminToken });
    expect(detail.body.requests).toHaveLength(2);
  });

  it('limits requests per e-mail with 429 and a Retry-After', async () => {
    const body = partnerRequest();
    for (let i = 0; i < 3; i++) expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
    const limited = await t.request('POST', '/api/store/partner-requests', { body });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.detail).toMatch(/Too many attempts/);
  });
});

describe('status link', () => {
  it('answers 404 for an unknown link, without revealing anything', async () => {
    const res = await t.request('GET', '/api/store/partner-requests/status/not-a-real-token');
    expect(res.status).toBe(404);
    expect(res.body.detail).toMatch(/not valid/);
  });

  it('follows the decision in HQ: rejected with the reason', async () => {
    const body = partnerRequest();
    const submitted = await t.request('POST', '/api/store/partner-requests', { body });
    const [prospect] = await waitFor(async () => {
      const found = await prospectsByEmail(body.email);
      return found.length > 0 ? found : undefined;
    }, 'the prospect');
    const rejected = await t.request('POST', `/api/hq/prospects/${prospect!.id}/reject`, { token: t.adminToken, body: { reason: 'We only sell to retailers.' } });
    expect(rejected.status).toBe(200);
    const status = await waitFor(async () => {
      const res = await t.request('GET', submitted.body.statusUrl);
      return res.body.status === 'Rejected' ? res.body : undefined;
    }, 'the status link to show Rejected');
    expect(status.decisionNote).toBe('We only sell to retailers.');
  });
});

describe('reference data', () => {
  it('lists countries and the online store set up on first start', async () => {
    const countries = await t.request('GET', '/api/store/countries');
    expect(countries.body).toContainEqual({ id: 'EE', name: 'Estonia' });
    const channel = await waitFor(async () => {
      const res = await t.request('GET', '/api/store/channel');
      return res.status === 200 ? res.body : undefined;
    }, 'the channel settings from job 1070');
    expect(channel).toMatchObject({ id: 'B2B-ONLINE', customerType: 'B2B' });
  });

  it('keeps prospects coming during a steady stream of sign-ups, not only after it ends', async () => {
    const tag = `stream${Date.now().toString(36)}`;
    const prospectsOfStream = async () => (await t.request('GET', `/api/hq/prospects?search=${tag}&limit=1`, { token: t.adminToken })).body.total as number;
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ email: `${tag}.${i}@stream.test` }) })));
    // A stream of sign-ups is a stream of upload signals: P-0001 is wanted again during each of its runs, and must
    // not keep the job that makes prospects from its turn until the stream stops.
    const stream = setInterval(() => t.app.hq.distribution.kick('P-0001'), 1);
    try {
      await waitFor(async () => ((await prospectsOfStream()) === 20 ? true : undefined), 'the 20 prospects while sign-ups keep coming', 5000);
    } finally {
      clearInterval(stream);
    }
  });
});
