// The dual-write workspace in HQ: maps and their status, pause and resume, field maps on and off, a refused field
// map with the server's reason, and the ledger searched by a prospect's key.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let page: Page;
const email = `ivy.integration.${Date.now()}@handshake.test`;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email, name: 'Ivy Integration', password: 'integration-password-1', roles: ['integration-administrator'] } });
  page = await browser.newPage();
  await page.goto(`${t.url}/hq`);
  await page.waitForURL('**/hq/sign-in**');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('integration-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // An integration administrator lands on the workspace.
  await page.getByRole('heading', { name: 'Dual-write' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('lists the Commerce maps running and pauses and resumes one', async () => {
  for (const id of ['contacts', 'accounts', 'prospects-leads', 'opportunities-prospects']) await page.getByText(id, { exact: true }).waitFor();
  await expect.poll(() => page.getByText('Running', { exact: true }).count()).toBe(4);
  await page.getByRole('link', { name: /CDS Contacts V2/ }).click();
  await page.getByRole('heading', { name: /CDS Contacts V2/ }).waitFor();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Resume' }).waitFor();
  expect((await t.request('GET', '/api/dualwrite/maps/contacts', { token: t.adminToken })).body.status).toBe('Paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  expect((await t.request('GET', '/api/dualwrite/maps/contacts', { token: t.adminToken })).body.status).toBe('Running');
});

it('turns a field map off, and refuses a field map between incompatible fields with the reason', async () => {
  await page.goto(`${t.url}/hq/dual-write/contacts`);
  const phone = page.getByRole('switch', { name: 'Field map phone = phone' });
  await expect.poll(() => phone.isChecked()).toBe(true);
  await phone.click({ force: true });
  await expect.poll(async () => (await t.request('GET', '/api/dualwrite/maps/contacts', { token: t.adminToken })).body.fieldMaps.find((f: { hqField: string }) => f.hqField === 'phone').enabled).toBe(false);
  await expect.poll(() => phone.isChecked()).toBe(false);

  await page.getByRole('button', { name: 'Add field map' }).click();
  await page.getByLabel('HQ field').selectOption('creditLimit');
  await page.getByLabel('CRM field').selectOption('jobTitle');
  await page.getByRole('button', { name: 'Save field map' }).click();
  await page.getByText(/have different types/).waitFor();
  const map = (await t.request('GET', '/api/dualwrite/maps/contacts', { token: t.adminToken })).body;
  expect(map.fieldMaps.some((f: { hqField: string }) => f.hqField === 'creditLimit')).toBe(false);
});

it("finds a prospect's record in the ledger by its key", async () => {
  const body = partnerRequest();
  await t.request('POST', '/api/store/partner-requests', { body });
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: t.adminToken })).body.items[0], 'the prospect');
  await page.goto(`${t.url}/hq/dual-write/prospects-leads`);
  await page.getByPlaceholder('Record key (HQ or CRM)').fill(prospect.id);
  const row = page.getByRole('row').filter({ hasText: prospect.id });
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  await row.getByText('Created', { exact: true }).waitFor();
});
