// Journey: HQ releases a product and grants credit; a partner admin adds a User with a per-order spending limit. On a
// phone, the User orders within limits (Placed), then a second order above the per-order limit (Awaiting approval);
// the admin approves it in Approvals, and the User sees it Placed with the admin's name. HQ operations then finds the
// sales order in HQ › Sales orders, confirms and invoices it and records the full payment in HQ › Invoices (a payment
// above the balance refused under Amount first); the User sees the order Invoiced and the credit back on My account.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';
import { partnerBuying, linkToken, mailTo, partnerPassword } from '../helpers/partners.ts';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${t.url}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
}

it('places an order within limits, sends one above the per-order limit for approval, the admin approves it, and HQ confirms, invoices and is paid for it', async () => {
  // HQ releases a product at €10 and the partner's organization gets €1,000 of credit.
  const { itemNumber, operations, partner, account } = await partnerBuying(t, { prefix: 'CLAMP', name: 'Bar clamp', price: 10 }, 1000);

  // The admin adds a User who may order up to €100 at once; the User accepts the invitation.
  const userEmail = `uma.${Date.now()}@contoso.test`;
  const added = await t.request('POST', '/api/store/organization/users', { token: partner.admin, body: { firstName: 'Uma', lastName: 'Buyer', email: userEmail, role: 'User', spendingLimit: 100 } });
  expect(added.status).toBe(201);
  const invitation = linkToken((await mailTo(t, userEmail, 'organization-user-added')).text, 'invitation');
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: invitation } })).status === 200, 'the invitation to reach the storefront');
  expect((await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: invitation, password: 'uma-password-1' } })).status).toBe(200);

  // On a phone, Uma signs in; My account shows the organization's credit and no Approvals for a User.
  const userContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
  const user = await userContext.newPage();
  await signIn(user, userEmail, 'uma-password-1');
  await user.getByRole('heading', { name: 'Credit' }).waitFor();
  await user.getByText('€1,000.00').first().waitFor();
  expect(await user.getByRole('link', { name: 'Approvals' }).count()).toBe(0);
  await expectAccessible(user, 'My account');

  // She adds 5 clamps from the catalogue (€50, within her limit) and checks out with a purchase order number.
  await user.getByRole('banner').getByRole('link', { name: 'Products' }).click();
  await user.getByLabel('Search products').fill(itemNumber);
  const card = user.getByRole('listitem', { name: 'Bar clamp' });
  await card.waitFor();
  await expectAccessible(user, 'Products');
  await card.getByLabel('Quantity of Bar clamp').fill('5');
  await card.getByRole('button', { name: 'Add to cart' }).click();
  // The confirmation toast slides in over the header's right side, where a pointer click could land on it: go to the
  // cart by keyboard, as keyboard users do.
  await user.getByText('Added to cart').first().waitFor();
  await user.getByRole('banner').getByRole('link', { name: 'Cart, 1 line' }).press('Enter');
  await user.waitForURL('**/cart');
  await user.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
  expect(await user.getByLabel('Cart total').textContent()).toBe('€50.00');
  expect(await user.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(user, 'Cart');
  await user.getByLabel('Purchase order number').fill('PO-4711');
  await user.getByRole('button', { name: 'Place order on account' }).click();
  await user.waitForURL('**/my-account/orders/*');
  await user.getByRole('heading', { name: /^Order / }).waitFor();
  await user.getByRole('alert').filter({ hasText: 'Placed' }).first().waitFor();
  expect(await user.getByText('PO-4711').count()).toBeGreaterThan(0);
  await expectAccessible(user, 'Order (Placed)');

  // A second order by quick add: 20 clamps (€200) is above her €100 per-order limit and waits for an admin.
  await user.goto(`${t.url}/cart`);
  await user.getByText('Your cart is empty').waitFor();
  await user.getByLabel('Item number').fill(itemNumber);
  await user.getByLabel('Quantity', { exact: true }).fill('20');
  await user.getByRole('button', { name: 'Add', exact: true }).click();
  await user.getByLabel('Quantity of Bar clamp').waitFor();
  expect(await user.getByLabel('Cart total').textContent()).toBe('€200.00');
  await user.getByRole('button', { name: 'Place order on account' }).press('Enter');
  // The cart says it too for a moment: read the number from the order's own page.
  await user.waitForURL('**/my-account/orders/*');
  await user.getByRole('heading', { name: /^Order /, level: 1 }).waitFor();
  await user.getByText("Awaiting approval by your organization's admin").first().waitFor();
  const awaitingUrl = user.url();
  const awaitingNumber = (await user.getByRole('heading', { level: 1 }).textContent())!.replace('Order ', '');

  // The admin signs in, opens Approvals from My account and approves the order.
  const adminContext = await browser.newContext({ locale: 'en-US' });
  const admin = await adminContext.newPage();
  await signIn(admin, partner.email, partnerPassword);
  await admin.getByRole('main').getByRole('link', { name: 'Approvals' }).click();
  await admin.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
  const row = admin.getByRole('row').filter({ hasText: awaitingNumber });
  expect(await row.textContent()).toContain('Uma Buyer');
  await expectAccessible(admin, 'Approvals');
  expect(await row.textContent()).toContain('€200.00');
  await row.getByRole('button', { name: `Approve ${awaitingNumber}` }).click();
  await admin.getByText('Nothing awaits approval').waitFor();

  // Uma sees the order Placed, approved by her admin, and both orders in My orders.
  await user.goto(awaitingUrl);
  await user.getByRole('heading', { name: `Order ${awaitingNumber}` }).waitFor();
  await user.getByRole('main').getByText('Placed', { exact: true }).first().waitFor();
  expect(await user.getByText('Awaiting approval', { exact: true }).count()).toBeGreaterThan(0); // its history keeps the wait
  await user.goto(`${t.url}/my-account/orders?status=Placed`);
  await expect.poll(() => user.getByRole('table', { name: 'Orders' }).getByRole('row').count()).toBe(3);
  await expectAccessible(user, 'My orders');

  await adminContext.close();

  // Olga from HQ operations runs the upload from the channel (the order sync follows it) rather than wait for its schedule.
  const opsEmail = `olga.${Date.now()}@handshake.test`;
  expect((await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: opsEmail, name: 'Olga Ops', password: 'ops-password-1', roles: ['hq-operations'] } })).status).toBe(201);
  const hqContext = await browser.newContext({ locale: 'en-US' });
  const hq = await hqContext.newPage();
  await signInAsStaff(hq, `${t.url}/hq/distribution`, opsEmail, 'ops-password-1');
  await hq.getByRole('heading', { name: 'Distribution jobs', level: 1 }).waitFor();
  await expectAccessible(hq, 'HQ Distribution jobs');
  await hq.getByRole('row').filter({ hasText: 'P-0001' }).getByRole('button', { name: 'Run now' }).click();
  await hq.getByText('Upload channel transactions: run requested').waitFor();
  const orderId = awaitingUrl.split('/').pop()!;
  await waitFor(
    async () => (await t.request('GET', `/api/hq/sales-orders?customer=${account}`, { token: operations })).body.items.some((o: { storefrontOrderNumber: string }) => o.storefrontOrderNumber === awaitingNumber) || undefined,
    'Synchronize orders to make the sales order',
  );

  // She finds it in HQ › Sales orders by the storefront's order number and opens it.
  const nav = hq.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Sales orders' }).click();
  await hq.getByRole('heading', { name: 'Sales orders', level: 1 }).waitFor();
  await hq.getByLabel('Search').fill(awaitingNumber.toLowerCase());
  await hq.waitForURL(/[?&]search=/);
  const soRow = hq.getByRole('table', { name: 'Sales orders' }).getByRole('row').filter({ hasText: awaitingNumber });
  await soRow.waitFor();
  expect(await soRow.textContent()).toContain('€200.00');
  expect(await soRow.textContent()).toContain('Uma Buyer');
  await expect.poll(() => hq.getByRole('table', { name: 'Sales orders' }).getByRole('row').count()).toBe(2); // the first order is not found
  await expectAccessible(hq, 'HQ Sales orders');
  await soRow.getByRole('link', { name: /^SO/ }).click();
  await hq.getByRole('heading', { name: /^Sales order SO/, level: 1 }).waitFor();
  const salesOrderNumber = (await hq.getByRole('heading', { level: 1 }).textContent())!.replace('Sales order ', '');
  expect(await hq.getByRole('table', { name: 'Lines' }).getByRole('row').filter({ hasText: itemNumber }).textContent()).toContain('20');
  await expectAccessible(hq, 'HQ Sales order');

  // Confirm, then Invoice: each button leaves once its step is done; the invoice appears with its due date.
  await hq.getByRole('button', { name: 'Confirm', exact: true }).click();
  await hq.getByRole('button', { name: 'Confirm', exact: true }).waitFor({ state: 'hidden' });
  await hq.getByRole('main').getByText('Confirmed', { exact: true }).first().waitFor();
  await hq.getByRole('button', { name: 'Invoice', exact: true }).click();
  await hq.getByRole('button', { name: 'Invoice', exact: true }).waitFor({ state: 'hidden' });
  expect(await hq.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
  await hq.getByText('Net 30').waitFor();
  const invoiceNumber = (await hq.getByRole('link', { name: /^INV/ }).textContent())!;

  // In HQ › Invoices the unpaid invoice links back to its sales order; a payment above the balance is refused under
  // Amount, and the full balance (prefilled) is recorded.
  await nav.getByRole('link', { name: 'Invoices' }).click();
  await hq.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
  await hq.getByText('Unpaid', { exact: true }).click();
  await hq.waitForURL(/[?&]status=Open/);
  const invoiceRow = hq.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ hasText: invoiceNumber });
  await invoiceRow.waitFor();
  expect(await invoiceRow.getByRole('link', { name: salesOrderNumber }).count()).toBe(1);
  await expectAccessible(hq, 'HQ Invoices');
  await invoiceRow.getByRole('button', { name: `Record payment for ${invoiceNumber}` }).click();
  const dialog = hq.getByRole('dialog', { name: `Record payment for ${invoiceNumber}` });
  const amount = dialog.getByLabel('Amount');
  expect(await amount.inputValue()).toBe('200');
  await amount.fill('250');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await dialog.getByText('Amount is more than the open balance of 200.00 EUR').waitFor();
  expect(await amount.getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(hq, 'Record payment dialog (with an error)');
  await amount.fill('200');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await hq.getByText(`${invoiceNumber} is paid`).waitFor();
  await invoiceRow.waitFor({ state: 'hidden' }); // it left the Unpaid list
  await hqContext.close();

  // Uma sees the order Invoiced, and the €200 back in her organization's available credit (€1,000 less the first
  // order's €50, still open).
  await waitFor(async () => ((await t.request('GET', `/api/store/orders/${orderId}`, { token: partner.admin })).body.status === 'Invoiced') || undefined, 'the storefront order Invoiced');
  await user.goto(awaitingUrl);
  await user.getByRole('heading', { name: `Order ${awaitingNumber}` }).waitFor();
  await user.getByRole('main').getByText('Invoiced', { exact: true }).first().waitFor();
  await waitFor(async () => (await t.request('GET', '/api/store/organization/credit', { token: partner.admin })).body.available === 950 || undefined, 'the paid invoice to free the credit');
  await user.goto(`${t.url}/my-account`);
  await user.getByRole('heading', { name: 'Credit' }).waitFor();
  await user.getByText('€950.00').first().waitFor();
  await userContext.close();
}, 180_000);
