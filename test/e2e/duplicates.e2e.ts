// Journey: a company is already a business partner. A colleague signs up again on the storefront, with the company's
// VAT number. In HQ, All prospects marks the request as a possible duplicate; the prospect shows the partner's
// organization customer with the reasons in words and a score; HQ approves the request into that organization, and
// the colleague becomes a User of the existing partner, with no second organization customer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';
import { approvedPartner } from '../helpers/partners.ts';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('shows a second request from the same company as a possible duplicate and approves it into the existing organization customer', async () => {
  const tag = Date.now().toString(36);
  const domain = `lumen-${tag}.test`;
  const first = await approvedPartner(t, { email: `eva@${domain}`, companyName: `Lumen Lighting ${tag} OÜ`, vatNumber: 'EE102030405' });
  const firstProspect = (await t.request('GET', `/api/hq/prospects/${first.prospectId}`, { token: t.adminToken })).body;
  const org = firstProspect.customerAccount as string;

  // The colleague signs up on the storefront, VAT number written with spaces.
  const page = await browser.newPage();
  await page.goto(`${t.url}/partner/sign-up`);
  await page.getByLabel('First name').fill('Rasmus');
  await page.getByLabel('Last name').fill('Saar');
  await page.getByLabel('E-mail').fill(`rasmus@${domain}`);
  await page.getByLabel('Company name').fill(`Lumen Lighting ${tag}`);
  await page.getByLabel('Street').fill('Telliskivi 60a');
  await page.getByLabel('City').fill('Tallinn');
  await page.getByLabel('ZIP/postal code').fill('10412');
  await page.getByLabel('Country/region').selectOption('EE');
  // A VAT number of the wrong shape is refused at the field.
  await page.getByLabel('VAT number').fill('EE 1020');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect.poll(() => page.getByText('is not a VAT number of EE').count()).toBeGreaterThan(0);
  await page.getByLabel('VAT number').fill('EE 102 030 405');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  const second = await waitFor(
    async () => (await t.request('GET', `/api/hq/prospects?status=New&search=${encodeURIComponent(`rasmus@${domain}`)}`, { token: t.adminToken })).body.items[0],
    'the second prospect',
  );

  // HQ: All prospects, filtered to possible duplicates, shows the badge.
  const hq = await browser.newPage();
  await signInAsStaff(hq, `${t.url}/hq`);
  await hq.getByRole('heading', { name: 'All prospects' }).waitFor();
  await hq.getByLabel('Possible duplicates only').click();
  await hq.waitForURL('**duplicates=true**');
  const row = hq.getByRole('row').filter({ hasText: `rasmus@${domain}` });
  await expect.poll(() => row.getByText('Possible duplicate', { exact: true }).count()).toBe(1);
  await row.getByRole('link', { name: `Lumen Lighting ${tag}` }).click();
  await hq.getByRole('heading', { name: `Lumen Lighting ${tag}`, exact: true }).waitFor();

  // The prospect page: the organization customer, the reasons in words, the score, the VAT number as stored.
  const match = hq.getByLabel(`Possible duplicate: ${firstProspect.companyName}`);
  await match.waitFor();
  for (const reason of ['Same e-mail domain', 'Same VAT number']) await expect.poll(() => match.getByText(reason, { exact: true }).count()).toBe(1);
  await expect.poll(() => match.getByText(/^Similar company name \d+ %$/).count()).toBe(1);
  expect(await match.getByText(/^Score \d+$/).textContent()).toMatch(/Score (\d+)/);
  expect(await match.getByRole('link', { name: firstProspect.companyName }).getAttribute('href')).toBe(`/hq/customers/${org}`);
  await expect.poll(() => hq.getByText('EE102030405', { exact: true }).count()).toBe(1);
  await expectAccessible(hq, 'HQ Prospect with a possible duplicate');

  // Approve into this organization, after a confirmation that says what happens.
  await match.getByRole('button', { name: 'Approve into this organization' }).click();
  const dialog = hq.getByRole('dialog');
  await dialog.getByText('No new organization customer is created.', { exact: false }).waitFor();
  await expectAccessible(hq, 'Approve into an organization dialog');
  await dialog.getByRole('button', { name: `Approve into ${firstProspect.companyName}` }).click();
  await hq.getByRole('link', { name: 'Customer hierarchy' }).waitFor();
  expect(await hq.getByRole('link', { name: org }).count()).toBeGreaterThan(0);

  // The colleague is a User of the existing partner; no second organization customer was made.
  const approved = (await t.request('GET', `/api/hq/prospects/${second.id}`, { token: t.adminToken })).body;
  expect(approved).toMatchObject({ status: 'Approved', customerAccount: org, hierarchyId: first.hierarchyId });
  await hq.getByRole('link', { name: 'Customer hierarchy' }).click();
  const memberRow = hq.getByRole('row').filter({ hasText: `rasmus@${domain}` });
  await expect.poll(() => memberRow.getByText('User', { exact: true }).count()).toBe(1);
  const orgs = (await t.request('GET', `/api/hq/customers?type=Organization&search=${encodeURIComponent(`Lumen Lighting ${tag}`)}`, { token: t.adminToken })).body;
  expect(orgs.items.map((c: { account: string }) => c.account)).toEqual([org]);

  // A third colleague applies; in the CRM, the lead dual-write made shows the partner's account as a possible
  // duplicate, and the salesperson qualifies it into that account instead of making a second one.
  const third = `kristjan@${domain}`;
  expect((await t.request('POST', '/api/store/partner-requests', { body: { ...partnerRequest({ email: third, companyName: `Lumen Lighting ${tag} AS`, firstName: 'Kristjan' }) } })).status).toBe(202);
  const lead = await waitFor(async () => (await t.request('GET', `/api/sales/leads?view=all-commerce-b2b-leads&search=${encodeURIComponent(third)}`, { token: t.adminToken })).body.items[0], 'the lead made by dual-write');
  const account = await waitFor(async () => (await t.request('GET', `/api/sales/accounts?search=${encodeURIComponent(firstProspect.companyName)}`, { token: t.adminToken })).body.items[0], 'the CRM account of the partner');
  // Matched moments after dual-write commits the lead: wait for it before the page, which shows what is found by then.
  await waitFor(async () => (await t.request('GET', `/api/sales/leads/${lead.id}`, { token: t.adminToken })).body.possibleDuplicates?.some((d: { id: string }) => d.id === account.id), "the account among the lead's possible duplicates");
  await hq.goto(`${t.url}/sales/leads/${lead.id}`);
  // The account (the partner's first lead, of the same name, is listed too).
  const leadMatch = hq.getByRole('group', { name: `Possible duplicate: ${account.name}` }).filter({ has: hq.locator(`a[href="/sales/accounts/${account.id}"]`) });
  await leadMatch.waitFor();
  await expect.poll(() => leadMatch.getByText('Same e-mail domain', { exact: true }).count()).toBe(1);
  await expect.poll(() => leadMatch.getByText(/^Score \d+$/).count()).toBe(1);
  await expectAccessible(hq, 'CRM lead with a possible duplicate');
  await leadMatch.getByRole('button', { name: 'Qualify into this account' }).click();
  const qualifyDialog = hq.getByRole('dialog');
  await qualifyDialog.getByText('No new account is created.', { exact: false }).waitFor();
  await expectAccessible(hq, 'Qualify into an account dialog');
  await qualifyDialog.getByRole('button', { name: `Qualify into ${account.name}` }).click();
  await hq.waitForURL('**/sales/opportunities/**');
  const qualified = (await t.request('GET', `/api/sales/leads/${lead.id}`, { token: t.adminToken })).body;
  expect(qualified).toMatchObject({ state: 'Qualified', accountId: account.id });
  const accounts = (await t.request('GET', `/api/sales/accounts?search=${encodeURIComponent(`Lumen Lighting ${tag}`)}`, { token: t.adminToken })).body;
  expect(accounts.items.map((a: { id: string }) => a.id)).toEqual([account.id]);
});
