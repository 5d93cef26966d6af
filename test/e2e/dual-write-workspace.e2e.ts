// Journey: the administrator opens the Dual-write workspace in HQ, sees the Commerce maps running, pauses and resumes
// one, turns a field map off, is told by the server why a field map between incompatible fields cannot be added, and
// finds the lead a storefront sign-up produced in the ledger by the prospect's key. An integration administrator
// lands on the workspace and sees only it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminEmail, adminPassword, partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const mapIds = ['contacts', 'accounts', 'prospects-leads', 'opportunities-prospects'];

async function signIn(page: Page, email: string, password: string) {
  await signInAsStaff(page, `${t.url}/hq`, email, password);
}

async function mapOverApi(id: string) {
  const res = await t.request('GET', `/api/dualwrite/maps/${id}`, { token: t.adminToken });
  expect(res.status).toBe(200);
  return res.body;
}

it('runs the maps from the workspace: pause and resume, a field map off, a refused field map, the ledger by key', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, adminEmail, adminPassword);
  await page.getByRole('heading', { name: 'All prospects' }).waitFor();

  // The Integration group leads to the workspace; the four Commerce maps are running.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dual-write' }).click();
  await page.getByRole('heading', { name: 'Dual-write', exact: true }).waitFor();
  for (const id of mapIds) {
    await expect.poll(() => page.locator(`tr[data-map="${id}"]`).getByText('Running', { exact: true }).count()).toBe(1);
  }
  await expectAccessible(page, 'Dual-write maps');

  // Maps are named HQ entity first, in plain words.
  expect(await page.getByRole('columnheader', { name: 'HQ entity ↔ CRM table' }).count()).toBe(1);
  expect(await page.getByText(/CDS|V2|V3/).count()).toBe(0);
  // Open the contacts map; pause it, then resume it.
  await page.getByRole('link', { name: /Customers: persons ↔ Contacts/ }).click();
  await page.getByRole('heading', { name: /Customers: persons ↔ Contacts/ }).waitFor();
  const status = page.getByRole('status', { name: 'Map status' });
  await expect.poll(() => status.getByText('Running', { exact: true }).count()).toBe(1);
  await expectAccessible(page, 'Dual-write table map');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => status.getByText('Paused', { exact: true }).count()).toBe(1);
  expect((await mapOverApi('contacts')).status).toBe('Paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => status.getByText('Running', { exact: true }).count()).toBe(1);
  expect((await mapOverApi('contacts')).status).toBe('Running');
  await page.getByRole('button', { name: 'Pause' }).waitFor();

  // Turn the phone field map off: saved on the server, and the switch stays off after the page reloads.
  const phone = page.getByRole('switch', { name: 'Field map phone = phone' });
  await expect.poll(() => phone.isChecked()).toBe(true);
  await phone.click({ force: true });
  await page.getByText('Field map turned off').waitFor();
  await expect.poll(async () => (await mapOverApi('contacts')).fieldMaps.find((f: { hqField: string }) => f.hqField === 'phone').enabled).toBe(false);
  await page.reload();
  await page.getByRole('heading', { name: /Customers: persons ↔ Contacts/ }).waitFor();
  await expect.poll(() => page.getByRole('switch', { name: 'Field map phone = phone' }).isChecked()).toBe(false);

  // A field map between a number and a text field is refused with the server's reason; nothing changes.
  const before = (await mapOverApi('contacts')).fieldMaps.length;
  await page.getByRole('button', { name: 'Add field map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add field map' });
  await dialog.getByLabel('HQ field').selectOption('creditLimit');
  await dialog.getByLabel('Direction').selectOption('>');
  await dialog.getByLabel('CRM field').selectOption('jobTitle');
  await dialog.getByRole('button', { name: 'Save field map' }).click();
  await dialog.getByRole('alert').getByText('"creditLimit" (number) and "jobTitle" (string) have different types', { exact: false }).waitFor();
  await expectAccessible(page, 'Add field map dialog (refused)');
  expect((await mapOverApi('contacts')).fieldMaps.length).toBe(before);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // A storefront sign-up becomes a prospect in HQ and, through the prospects map, a lead in the CRM.
  const body = partnerRequest();
  const accepted = await t.request('POST', '/api/store/partner-requests', { body });
  expect(accepted.status).toBe(202);
  const prospect = await waitFor(
    async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: t.adminToken })).body.items[0],
    'the prospect',
  );

  // The ledger of the prospects map, searched by the prospect's key, shows the lead it created.
  await page.getByRole('link', { name: 'Dual-write', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Dual-write', exact: true }).waitFor();
  await page.getByRole('link', { name: /^Commerce B2B prospects → Leads/ }).click();
  await page.getByRole('heading', { name: /^Commerce B2B prospects → Leads/ }).waitFor();
  await page.getByRole('tab', { name: 'Ledger' }).click();
  await page.getByLabel('Key', { exact: true }).fill(prospect.id);
  await page.waitForURL((url) => url.searchParams.get('key') === prospect.id);
  const row = page.getByRole('table', { name: 'Ledger' }).getByRole('row').filter({ hasText: prospect.id });
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  await row.getByText('Created', { exact: true }).waitFor();
  expect(await row.textContent()).toContain('HQ → CRM');
  const record = (await t.request('GET', `/api/dualwrite/records?map=prospects-leads&key=${encodeURIComponent(prospect.id)}`, { token: t.adminToken })).body.items[0];
  expect(record).toMatchObject({ sourceKey: prospect.id, status: 'Created', direction: 'hq-to-crm' });
  expect(await row.textContent()).toContain(record.targetKey);
  await expectAccessible(page, 'Dual-write ledger');

  // The status filter narrows the ledger: no failures for this key.
  await page.getByLabel('Status', { exact: true }).selectOption('Failed');
  await page.getByText('No records match').waitFor();

  // On a 1280 × 900 screen the sidebar scrolls: its last group, Setup, can be brought into view and used.
  await page.setViewportSize({ width: 1280, height: 900 });
  const staffUsers = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff users' });
  await staffUsers.scrollIntoViewIfNeeded();
  await staffUsers.click();
  await page.getByRole('heading', { name: 'Staff users' }).waitFor();
  await context.close();
});

it('lands an integration administrator on the workspace and shows them only the Integration group', async () => {
  const email = `ivy.integration.${Date.now()}@handshake.test`;
  const created = await t.request('POST', '/api/hq/staff-users', {
    token: t.adminToken,
    body: { email, name: 'Ivy Integration', password: 'integration-password-1', roles: ['integration-administrator'] },
  });
  expect(created.status).toBe(201);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, 'integration-password-1');
  await page.getByRole('heading', { name: 'Dual-write', exact: true }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Dual-write' }).waitFor();
  expect(await nav.getByRole('link', { name: 'All prospects' }).count()).toBe(0);
  for (const id of mapIds) await page.locator(`tr[data-map="${id}"]`).waitFor();
  await context.close();

  // Someone without the role does not see the entry.
  const salesEmail = `sam.sales.${Date.now()}@handshake.test`;
  await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: salesEmail, name: 'Sam Sales', password: 'sales-password-1', roles: ['salesperson'] } });
  const salesContext = await browser.newContext();
  const sales = await salesContext.newPage();
  await signIn(sales, salesEmail, 'sales-password-1');
  await sales.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).waitFor();
  expect(await sales.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dual-write' }).count()).toBe(0);
  await salesContext.close();
});
