// Distribution jobs run on demand: P-0001 uploads, "Synchronize customers and channel requests" makes prospects,
// history records every run, one bad record fails alone, and re-running creates no duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { uploadQueue } from '../../src/storefront/schema.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';

let t: TestApp;
// Schedule mode: nothing runs until asked, so each step can be watched.
beforeAll(async () => {
  t = await startApp({ env: { DISTRIBUTION_MODE: 'schedule' } });
});
afterAll(() => t?.close());

async function runJob(code: string, app: TestApp = t) {
  const started = await app.request('POST', `/api/hq/distribution/jobs/${code}/run`, { token: app.adminToken });
  expect(started.status).toBe(202);
  return waitFor(async () => {
    const run = await app.request('GET', `/api/hq/distribution/runs/${started.body.runId}`, { token: app.adminToken });
    return run.body.status === 'Applied' || run.body.status === 'Failed' ? run.body : undefined;
  }, `run of ${code}`);
}

async function prospectCount() {
  return (await t.request('GET', '/api/hq/prospects?limit=1', { token: t.adminToken })).body.total as number;
}

describe('distribution jobs', () => {
  it('lists P-0001, the channel-request and order syncs, 1010, 1040 and 1070 with their schedules', async () => {
    const res = await t.request('GET', '/api/hq/distribution/jobs', { token: t.adminToken });
    expect(res.body.items.map((j: { code: string }) => j.code)).toEqual(['P-0001', 'SYNC-CHANNEL-REQUESTS', 'SYNC-ORDERS', '1010', '1040', '1070']);
    expect(res.body.items[1]).toMatchObject({ name: 'Synchronize customers and channel requests', schedule: { everySeconds: 60, enabled: true, nearRealTime: false } });
    const patched = await t.request('PATCH', '/api/hq/distribution/jobs/1010', { token: t.adminToken, body: { everySeconds: 120 } });
    expect(patched.status).toBe(204);
    const after = await t.request('GET', '/api/hq/distribution/jobs', { token: t.adminToken });
    expect(after.body.items.find((j: { code: string }) => j.code === '1010').schedule.everySeconds).toBe(120);
    expect((await t.request('PATCH', '/api/hq/distribution/jobs/1010', { token: t.adminToken, body: { everySeconds: 1 } })).status).toBe(400);
    expect((await t.request('POST', '/api/hq/distribution/jobs/9999/run', { token: t.adminToken })).status).toBe(404);
    expect((await t.request('GET', '/api/hq/distribution/runs/00000000-0000-0000-0000-000000000000', { token: t.adminToken })).status).toBe(404);
    const sales = await t.staffToken(['salesperson']);
    expect((await t.request('POST', '/api/hq/distribution/jobs/P-0001/run', { token: sales })).status).toBe(403);
  });

  it('moves requests step by step, records each run, and running again changes nothing', async () => {
    const before = await prospectCount();
    const submitted = [];
    for (let i = 0; i < 3; i++) submitted.push((await t.request('POST', '/api/store/partner-requests', { body: partnerRequest() })).body);
    expect(await prospectCount()).toBe(before);
    expect((await t.request('GET', submitted[0].statusUrl)).body.status).toBe('Received');

    const upload = await runJob('P-0001');
    expect(upload).toMatchObject({ jobCode: 'P-0001', trigger: 'Manual', status: 'Applied', processed: 3, failed: 0 });
    expect(upload.startedAt <= upload.endedAt).toBe(true);
    expect((await t.request('GET', submitted[0].statusUrl)).body.status).toBe('InReview');
    expect(await prospectCount()).toBe(before);

    const sync = await runJob('SYNC-CHANNEL-REQUESTS');
    expect(sync).toMatchObject({ status: 'Applied', processed: 3, failed: 0 });
    expect(await prospectCount()).toBe(before + 3);

    expect(await runJob('P-0001')).toMatchObject({ status: 'Applied', processed: 0 });
    expect(await runJob('SYNC-CHANNEL-REQUESTS')).toMatchObject({ status: 'Applied', processed: 0 });
    expect(await prospectCount()).toBe(before + 3);

    const history = await t.request('GET', '/api/hq/distribution/runs?job=P-0001', { token: t.adminToken });
    expect(history.body.items.length).toBeGreaterThanOrEqual(2);
    expect(history.body.items.every((r: { jobCode: string }) => r.jobCode === 'P-0001')).toBe(true);
    const jobs = await t.request('GET', '/api/hq/distribution/jobs', { token: t.adminToken });
    expect(jobs.body.items[0].lastRun).toMatchObject({ jobCode: 'P-0001', status: 'Applied' });
  });

  it('records a bad record as failed with its reason without holding the others back', async () => {
    const before = await prospectCount();
    const good = partnerRequest();
    await t.request('POST', '/api/store/partner-requests', { body: good });
    // A record an older storefront might have written: no company, no address.
    await t.app.dbs.db.storefront.insert(uploadQueue).values({
      kind: 'partner-request',
      recordId: 'broken-record-1',
      payload: { requestId: 'broken-record-1', channelId: 'B2B-ONLINE', firstName: 'No', lastName: 'Company', email: 'no.company@contoso.test' },
    });
    await t.request('POST', '/api/store/partner-requests', { body: partnerRequest() });
    expect(await runJob('P-0001')).toMatchObject({ processed: 3 });
    const sync = await runJob('SYNC-CHANNEL-REQUESTS');
    expect(sync).toMatchObject({ status: 'Applied', processed: 2, failed: 1 });
    expect(sync.errors).toEqual([{ record: 'broken-record-1', reason: 'The request is missing: company name, street, city, ZIP/postal code, country/region.' }]);
    expect(await prospectCount()).toBe(before + 2);

    const failed = await t.request('GET', '/api/hq/channel-requests?status=Failed', { token: t.adminToken });
    expect(failed.body.items).toContainEqual(expect.objectContaining({ id: 'broken-record-1', status: 'Failed', error: expect.stringContaining('company name') }));
    const processed = await t.request('GET', '/api/hq/channel-requests?status=Processed', { token: t.adminToken });
    expect(processed.body.items.find((r: { email: string }) => r.email === good.email)).toMatchObject({ prospectId: expect.stringMatching(/^PRS-/) });

    // Retrying puts it back in line; it fails again for the same reason, and a processed one cannot be retried.
    expect((await t.request('POST', '/api/hq/channel-requests/broken-record-1/retry', { token: t.adminToken })).status).toBe(204);
    expect(await runJob('SYNC-CHANNEL-REQUESTS')).toMatchObject({ processed: 0, failed: 1 });
    const processedId = processed.body.items[0].id;
    expect((await t.request('POST', `/api/hq/channel-requests/${processedId}/retry`, { token: t.adminToken })).status).toBe(409);
    expect((await t.request('POST', '/api/hq/channel-requests/nope/retry', { token: t.adminToken })).status).toBe(404);
  });

  it.runIf(onPostgres)('two workers on one database never create a duplicate prospect', async () => {
    // A second process on the same PostgreSQL database, as in production with several workers.
    const second = await createApp(loadConfig({ DATABASE_URL: t.app.config.databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DISTRIBUTION_MODE: 'schedule' }), { distributionPollMs: 200 });
    await second.listen();
    try {
      const before = await prospectCount();
      const emails = [];
      for (let i = 0; i < 40; i++) {
        const body = partnerRequest();
        emails.push(body.email);
        await t.request('POST', '/api/store/partner-requests', { body });
      }
      // The same e-mail twice: must still end as one prospect.
      await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ email: emails[0] }) });
      await Promise.all([t.app.hq.distribution.requestRun('P-0001'), second.hq.distribution.requestRun('P-0001')]);
      await Promise.all([t.app.hq.distribution.requestRun('P-0001'), second.hq.distribution.requestRun('P-0001')]);
      await waitFor(async () => ((await t.request('GET', '/api/hq/channel-requests?status=Uploaded&limit=1', { token: t.adminToken })).body.total === 41 ? true : undefined), '41 uploads');
      await Promise.all([t.app.hq.distribution.requestRun('SYNC-CHANNEL-REQUESTS'), second.hq.distribution.requestRun('SYNC-CHANNEL-REQUESTS')]);
      await Promise.all([t.app.hq.distribution.requestRun('SYNC-CHANNEL-REQUESTS'), second.hq.distribution.requestRun('SYNC-CHANNEL-REQUESTS')]);
      await waitFor(async () => ((await prospectCount()) === before + 40 ? true : undefined), '40 prospects');
      await Promise.all([t.app.hq.distribution.idle(), second.hq.distribution.idle()]);
      expect(await prospectCount()).toBe(before + 40);
    } finally {
      await second.close();
    }
  });
});
