// Journey: retail operations releases a product in HQ (a quantity rule that does not fit is refused under its field
// first), finds it by search; a signed-in partner sees it in the catalogue with its price and quantity rule, and once HQ
// discontinues it, it leaves the catalogue.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';
import { approvedPartner, partnerPassword } from '../helpers/partners.ts';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('releases a product in HQ, shows it to a partner with its price and quantity rule, and takes it away when discontinued', async () => {
  const opsEmail = `olga.${Date.now()}@handshake.test`;
  expect((await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: opsEmail, name: 'Olga Ops', password: 'ops-password-1', roles: ['hq-operations'] } })).status).toBe(201);
  const itemNumber = `BOLT-${Date.now()}`;

  // Olga opens Products from the sidebar and releases a product.
  const hqContext = await browser.newContext({ locale: 'en-US' });
  const hq = await hqContext.newPage();
  await signInAsStaff(hq, `${t.url}/hq/customers`, opsEmail, 'ops-password-1');
  await hq.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Products' }).click();
  await hq.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await hq.waitForURL('**/hq/products');
  await hq.getByRole('button', { name: 'New product' }).click();
  const form = hq.getByRole('dialog', { name: 'New product' });
  await form.getByLabel('Item number').fill(itemNumber);
  await form.getByLabel('Name').fill('Hex bolt M8 × 40');
  await form.getByLabel('Unit').fill('box');
  await form.getByLabel('Price').fill('12.5');
  await form.getByLabel('Currency').fill('EUR');
  await form.getByLabel('Minimum quantity').fill('10');
  await form.getByLabel('Maximum quantity').fill('120');
  await form.getByLabel('Multiple').fill('6');
  await form.getByRole('button', { name: 'Release product' }).click();
  // 10 is not a multiple of 6: the server says so under Minimum quantity, and nothing is released.
  await form.getByText('Minimum quantity must be a multiple of 6').waitFor();
  expect(await form.getByLabel('Minimum quantity').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(hq, 'New product dialog (with an error)');
  expect((await t.request('GET', `/api/hq/products/${itemNumber}`, { token: t.adminToken })).status).toBe(404);
  await form.getByLabel('Minimum quantity').fill('12');
  await form.getByRole('button', { name: 'Release product' }).click();
  await form.waitFor({ state: 'hidden' });

  // She finds it by its item number; the search is kept in the address.
  await hq.getByLabel('Search').fill(itemNumber.toLowerCase());
  await hq.waitForURL(/[?&]search=/);
  const hqRow = hq.getByRole('row').filter({ hasText: itemNumber });
  await hqRow.waitFor();
  await expect.poll(() => hq.getByRole('row').count()).toBe(2);
  expect(await hqRow.textContent()).toContain('€12.50');
  expect(await hqRow.textContent()).toContain('Sold in multiples of 6, 12–120');
  expect(await hqRow.textContent()).toContain('Active');
  await expectAccessible(hq, 'HQ Products');

  // She switches the back office to Estonian in the header: the page and the sidebar read in Estonian, then back.
  await hq.getByRole('banner').getByLabel('Language').selectOption('et');
  await hq.getByRole('heading', { name: 'Tooted', level: 1 }).waitFor();
  await hq.getByRole('navigation', { name: 'Peamenüü' }).getByRole('link', { name: 'Müügitellimused' }).waitFor();
  expect(await hq.getByRole('button', { name: 'Uus toode' }).count()).toBe(1);
  expect(await hqRow.textContent()).toContain('Aktiivne');
  await expectAccessible(hq, 'HQ Products in Estonian');
  await hq.getByRole('banner').getByLabel('Keel').selectOption('en');
  await hq.getByRole('heading', { name: 'Products', level: 1 }).waitFor();

  // A partner user signs in on the storefront and opens Products from the header.
  const partner = await approvedPartner(t);
  await waitFor(async () => (await t.request('GET', `/api/store/products/${itemNumber}`, { token: partner.admin })).status === 200, 'job 1040 to carry the product to the storefront');
  const storeContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
  const store = await storeContext.newPage();
  await store.goto(`${t.url}/sign-in`);
  await store.getByLabel('E-mail').fill(partner.email);
  await store.getByLabel('Password').fill(partnerPassword);
  await store.getByRole('button', { name: 'Sign in' }).click();
  await store.getByRole('heading', { name: 'My account' }).waitFor();
  await store.getByRole('banner').getByRole('link', { name: 'Products' }).click();
  await store.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await store.waitForURL('**/products');
  // The home page's promise leads a signed-in partner to the catalogue too.
  await store.goto(`${t.url}/`);
  await store.getByRole('link', { name: 'Start buying' }).first().waitFor();
  await expectAccessible(store, 'Storefront home (signed in, phone)');
  await store.getByRole('link', { name: 'Start buying' }).first().click();
  await store.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await store.waitForURL('**/products');
  // Nothing wider than the phone: the page does not scroll sideways.
  expect(await store.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await store.getByLabel('Search products').fill(itemNumber);
  await store.waitForURL(/[?&]search=/);
  const card = store.getByRole('listitem', { name: 'Hex bolt M8 × 40' });
  await card.waitFor();
  expect(await card.textContent()).toContain(itemNumber);
  expect(await card.textContent()).toContain('€12.50');
  expect(await card.textContent()).toContain('box');
  expect(await card.textContent()).toContain('Sold in multiples of 6, 12–120');

  // HQ discontinues it; after job 1040 it is gone from the catalogue.
  await hqRow.getByRole('button', { name: `Edit ${itemNumber}` }).click();
  const edit = hq.getByRole('dialog', { name: `Edit ${itemNumber}` });
  expect(await edit.getByLabel('Item number').count()).toBe(0);
  await edit.getByLabel('Status').selectOption('Discontinued');
  await edit.getByRole('button', { name: 'Save product' }).click();
  await edit.waitFor({ state: 'hidden' });
  await hqRow.getByText('Discontinued').waitFor();
  await waitFor(async () => (await t.request('GET', `/api/store/products/${itemNumber}`, { token: partner.admin })).status === 404, 'job 1040 to take the product off the storefront');
  await store.reload();
  await store.getByText('No products match').waitFor();
  expect(await card.count()).toBe(0);

  await storeContext.close();
  await hqContext.close();
}, 120_000);
