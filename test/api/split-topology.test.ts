// Each context in its own PostgreSQL database: the whole sign-up → prospect → approval → status flow still works,
// which proves no context reads another's tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe.runIf(onPostgres)('split topology', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ split: true });
  });
  afterAll(() => t?.close());

  it('runs the whole flow with storefront, HQ, sales and platform in four databases', async () => {
    const urls = [process.env.TEST_DATABASE_URL, t.app.config.contextDatabaseUrls.hq, t.app.config.contextDatabaseUrls.storefront, t.app.config.contextDatabaseUrls.platform, t.app.config.contextDatabaseUrls.sales];
    expect(new Set(urls).size).toBe(5);
    const body = partnerRequest();
    const submitted = await t.request('POST', '/api/store/partner-requests', { body });
    const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: t.adminToken })).body.items[0], 'the prospect');
    const approved = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: t.adminToken });
    expect(approved.status).toBe(200);
    await waitFor(async () => (await t.request('GET', submitted.body.statusUrl)).body.status === 'Approved' || undefined, 'the status link to show Approved');
  });
});
