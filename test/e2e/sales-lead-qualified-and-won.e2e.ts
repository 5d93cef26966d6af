// Journeys in the CRM: the Commerce B2B view, qualifying a lead and closing the opportunity as won, disqualifying a lead.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let page: Page;
const password = 'sales-password-1';
const email = `sam.sales.${Date.now()}@handshake.test`;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email, name: 'Sam Sales', password, roles: ['salesperson'] } });
  page = await browser.newPage();
  await signInAsStaff(page, `${t.url}/sales`, email, password);
  await page.waitForURL('**/sales/leads**');
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newLeadThroughForm(topic: string, company: string, checkAccessible = false) {
  await page.goto(`${t.url}/sales/leads`);
  if (checkAccessible) {
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
    await expectAccessible(page, 'CRM Leads');
  }
  await page.getByRole('button', { name: 'New lead' }).click();
  await page.getByLabel('Topic').fill(topic);
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('E-mail').fill(`ada.${Date.now()}@${company.toLowerCase().replace(/\W/g, '')}.test`);
  await page.getByLabel('Company').fill(company);
  if (checkAccessible) await expectAccessible(page, 'New lead dialog');
  await page.getByRole('button', { name: 'Save lead' }).click();
}

it('opens Leads on the view with work in it, shows an unowned Commerce B2B lead there and not in "My open leads", and remembers the view chosen', async () => {
  const topic = `Commerce B2B partner request ${Date.now()}`;
  const created = await t.request('POST', '/api/sales/leads', {
    token: t.adminToken,
    body: { topic, lastName: 'Storefront', companyName: 'Tailspin Toys', source: 'CommerceB2B', ownerId: null, address: { city: 'Tallinn', countryRegionId: 'EST' } },
  });
  expect(created.status).toBe(201);
  // A new salesperson owns nothing yet: the page opens on All Commerce B2B leads, where the lead is.
  await page.goto(`${t.url}/sales/leads`);
  await page.getByRole('heading', { name: 'Leads' }).waitFor();
  await page.getByRole('link', { name: topic }).waitFor();
  expect(await page.getByLabel('View').inputValue()).toBe('all-commerce-b2b-leads');
  await page.getByLabel('View').selectOption({ label: 'My open leads' });
  await page.waitForURL('**view=my-open-leads**');
  await expect.poll(() => page.getByRole('link', { name: topic }).count()).toBe(0);
  // The choice is this user's until they pick another.
  await page.goto(`${t.url}/sales/leads`);
  await page.getByText('No leads in this view').waitFor();
  expect(await page.getByLabel('View').inputValue()).toBe('my-open-leads');
  await page.getByLabel('View').selectOption({ label: 'All Commerce B2B leads' });
  // The lead's country is named, not "EE".
  await page.getByRole('link', { name: topic }).click();
  await page.getByText('Tallinn, Estonia').waitFor();
});

it('shows the CRM in Estonian after picking Eesti in the header, and in English again after picking English', async () => {
  await page.goto(`${t.url}/sales/leads?view=all-commerce-b2b-leads`);
  await page.getByRole('heading', { name: 'Leads' }).waitFor();
  await page.getByLabel('Language').selectOption({ label: 'Eesti' });
  await page.getByRole('heading', { name: 'Müügivihjed' }).waitFor();
  // The view list names the views in Estonian, the chosen one included.
  const view = page.getByLabel('Vaade');
  expect(await view.locator('option:checked').textContent()).toBe('Kõik Commerce B2B müügivihjed');
  await view.locator('option', { hasText: 'Minu avatud müügivihjed' }).waitFor({ state: 'attached' });
  expect(await page.locator('html').getAttribute('lang')).toBe('et');
  await expectAccessible(page, 'CRM Leads in Estonian');
  // Back to English, which the later steps find their way by.
  await page.getByLabel('Keel').selectOption({ label: 'English' });
  await page.getByRole('heading', { name: 'Leads' }).waitFor();
  expect(await page.getByLabel('View').locator('option:checked').textContent()).toBe('All Commerce B2B leads');
});

it('qualifies a lead and closes the opportunity as won', async () => {
  const topic = `Ergonomic chairs ${Date.now()}`;
  await newLeadThroughForm(topic, `Contoso Pharma ${Date.now()}`, true);
  await page.getByRole('heading', { name: topic }).waitFor();
  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  await page.getByRole('button', { name: 'Qualify lead' }).click();
  // Qualifying opens the new opportunity.
  await page.waitForURL('**/sales/opportunities/**');
  await page.getByRole('heading', { name: topic }).waitFor();
  await page.getByRole('button', { name: 'Close as won' }).click();
  await page.getByLabel('Actual revenue').fill('48000');
  await page.getByRole('button', { name: 'Close opportunity' }).click();
  await expect.poll(() => page.getByText('Won', { exact: true }).count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Reopen opportunity' }).waitFor();
  // Money carries its currency.
  await page.getByText('€48,000.00').first().waitFor();
  // Links name the record they open.
  await page.getByRole('link', { name: /^Account: Contoso Pharma/ }).waitFor();
  await page.getByRole('link', { name: 'Contact: Ada Lovelace' }).waitFor();
  await page.getByRole('link', { name: `Lead: ${topic}` }).waitFor();
  const id = page.url().split('/').pop()!;
  const opportunity = await t.request('GET', `/api/sales/opportunities/${id}`, { token: t.adminToken });
  expect(opportunity.body).toMatchObject({ state: 'Won', statusReason: 'Won', actualRevenue: 48000 });
  expect(opportunity.body.closeRecords).toHaveLength(1);
  expect(opportunity.body.accountId).not.toBeNull();
  expect(opportunity.body.contactId).not.toBeNull();
});

it('disqualifies a lead with a status reason', async () => {
  const topic = `Cold call ${Date.now()}`;
  await newLeadThroughForm(topic, `Litware ${Date.now()}`);
  await page.getByRole('heading', { name: topic }).waitFor();
  await page.getByRole('button', { name: 'Disqualify', exact: true }).click();
  await page.getByLabel('Status reason').selectOption({ label: 'No longer interested' });
  await page.getByRole('button', { name: 'Disqualify lead' }).click();
  await expect.poll(() => page.getByText('Disqualified', { exact: true }).count()).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Reactivate' }).waitFor();
  const leadId = page.url().split('/').pop()!;
  const lead = await t.request('GET', `/api/sales/leads/${leadId}`, { token: t.adminToken });
  expect(lead.body).toMatchObject({ state: 'Disqualified', statusReason: 'NoLongerInterested' });
  expect(lead.body.timeline.some((e: { kind: string; text: string }) => e.kind === 'system' && e.text.startsWith('Disqualified'))).toBe(true);
});

it('works an opportunity: estimates, the process bar and a timeline note', async () => {
  const topic = `Standing desks ${Date.now()}`;
  await newLeadThroughForm(topic, `Fabrikam ${Date.now()}`);
  await page.getByRole('heading', { name: topic }).waitFor();
  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  await page.getByRole('button', { name: 'Qualify lead' }).click();
  await page.waitForURL('**/sales/opportunities/**');
  const id = page.url().split('/').pop()!;
  await page.getByLabel('Estimated revenue').fill('12500');
  await page.getByLabel('Estimated close date').fill('2027-03-31');
  await page.getByRole('button', { name: 'Save estimates' }).click();
  await page.getByRole('button', { name: /Propose$/ }).click();
  await page.getByLabel('Add a note').fill('Sent the proposal.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByText('Sent the proposal.').waitFor();
  await expectAccessible(page, 'CRM Opportunity (estimates, stage, note)');
  await expect
    .poll(async () => {
      const o = (await t.request('GET', `/api/sales/opportunities/${id}`, { token: t.adminToken })).body;
      return [o.estimatedRevenue, o.estimatedCloseDate, o.stage];
    })
    .toEqual([12500, '2027-03-31', 'Propose']);
});
