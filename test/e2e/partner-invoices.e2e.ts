// Journey: a partner admin orders twice on account; HQ confirms and invoices both orders and records a part payment
// of the first. On a phone, the admin opens My account › My invoices by keyboard and sees each invoice with its order,
// due date, amounts and status (Partly paid, Unpaid), filters by payment status, and follows an invoice to its order.
// Forty days later (the browser's clock), the unpaid invoices say they are overdue.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { partnerBuying, partnerPassword } from '../helpers/partners.ts';
import type { ApprovedPartner } from '../helpers/partners.ts';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

interface StoreInvoice {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  dueDate: string;
  status: string;
}

/** Orders `quantity` items on account as the partner admin; HQ's sales order of it arrives by the order sync. */
async function invoicedOrder(p: ApprovedPartner, operations: string, itemNumber: string, quantity: number): Promise<{ invoiceId: string; orderNumber: string }> {
  expect((await t.request('POST', '/api/store/cart/lines', { token: p.admin, body: { itemNumber, quantity } })).status).toBe(201);
  const placed = await t.request('POST', '/api/store/checkout', { token: p.admin, body: {} });
  expect(placed.status).toBe(201);
  const salesOrder = await waitFor(
    async () => (await t.request('GET', `/api/hq/sales-orders?status=Open`, { token: operations })).body.items.find((o: { storefrontOrderNumber: string }) => o.storefrontOrderNumber === placed.body.number),
    `HQ's sales order of ${placed.body.number}`,
  );
  expect((await t.request('POST', `/api/hq/sales-orders/${salesOrder.id}/confirm`, { token: operations })).status).toBe(200);
  const invoiced = await t.request('POST', `/api/hq/sales-orders/${salesOrder.id}/invoice`, { token: operations });
  expect(invoiced.status).toBe(200);
  return { invoiceId: invoiced.body.invoice.id, orderNumber: placed.body.number };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${t.url}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
}

const rows = (page: Page) => page.getByRole('table', { name: 'Invoices' }).getByRole('row');
const row = (page: Page, invoiceNumber: string) => rows(page).filter({ hasText: invoiceNumber });

it('shows the partner its invoices with due date, open amount and payment status, filters them, and says when they are overdue', async () => {
  // HQ releases a product at €10 and grants the partner €1,000 of credit.
  const { itemNumber, operations, partner, account } = await partnerBuying(t, { prefix: 'BOLT', name: 'Anchor bolt', price: 10 }, 1000);

  // Two orders, both invoiced (€50 and €30); €20 of the first is paid.
  const first = await invoicedOrder(partner, operations, itemNumber, 5);
  const second = await invoicedOrder(partner, operations, itemNumber, 3);
  const payment = await t.request('POST', `/api/hq/invoices/${first.invoiceId}/payments`, { token: operations, body: { amount: 20 } });
  expect(payment.body).toMatchObject({ status: 'PartlyPaid', balance: 30 });
  const invoices = await waitFor(async () => {
    const items: StoreInvoice[] = (await t.request('GET', '/api/store/invoices', { token: partner.admin })).body.items;
    const a = items.find((i) => i.id === first.invoiceId);
    const b = items.find((i) => i.id === second.invoiceId);
    return a?.status === 'PartlyPaid' && b ? { a, b } : undefined;
  }, 'both invoices and the payment on the storefront');

  // On a phone, the admin goes from My account to My invoices by keyboard.
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, partner.email, partnerPassword);
  await page.getByRole('main').getByRole('link', { name: 'My invoices' }).press('Enter');
  await page.waitForURL('**/my-account/invoices');
  await page.getByRole('heading', { name: 'My invoices', level: 1 }).waitFor();
  await expect.poll(() => rows(page).count()).toBe(3);

  const dueDate = (date: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const partly = (await row(page, invoices.a.number).textContent())!;
  expect(partly).toContain(first.orderNumber);
  expect(partly).toContain(dueDate(invoices.a.dueDate));
  expect(partly).toContain('€50.00');
  expect(partly).toContain('€20.00');
  expect(partly).toContain('€30.00');
  expect(partly).toContain('Partly paid');
  const unpaid = (await row(page, invoices.b.number).textContent())!;
  expect(unpaid).toContain(second.orderNumber);
  expect(unpaid).toContain(dueDate(invoices.b.dueDate));
  expect(unpaid).toContain('Unpaid');
  expect(unpaid).not.toContain('Overdue');
  // The table scrolls inside its box; the page itself stays as wide as the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The payment filter, by keyboard (arrow keys move along its options), kept in the address.
  await page.getByRole('radio', { name: 'All', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForURL('**/my-account/invoices?status=Open');
  await expect.poll(() => rows(page).count()).toBe(2);
  expect(await row(page, invoices.b.number).count()).toBe(1);
  await page.keyboard.press('ArrowRight');
  await page.waitForURL('**/my-account/invoices?status=PartlyPaid');
  await row(page, invoices.a.number).waitFor(); // the unpaid list stays until the partly paid one replaces it
  await expect.poll(() => rows(page).count()).toBe(2);
  await page.keyboard.press('ArrowRight');
  await page.getByText('No paid invoices').waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL('**/my-account/invoices?status=Open');
  // The partly paid list (also one row) stays until the unpaid one replaces it: wait for the unpaid invoice itself.
  await row(page, invoices.b.number).waitFor();
  await expect.poll(() => rows(page).count()).toBe(2);

  // The invoice's order opens its order page.
  await row(page, invoices.b.number).getByRole('link', { name: `Order ${second.orderNumber}` }).press('Enter');
  await page.getByRole('heading', { name: `Order ${second.orderNumber}` }).waitFor();

  // Forty days on (Net 30 has passed), both invoices with an open amount say they are overdue, in words.
  await page.clock.setFixedTime(new Date(Date.now() + 40 * 86_400_000));
  await page.goto(`${t.url}/my-account/invoices`);
  await expect.poll(() => rows(page).count()).toBe(3);
  expect(await row(page, invoices.a.number).textContent()).toMatch(/Overdue by 1\d days/);
  expect(await row(page, invoices.b.number).textContent()).toMatch(/Overdue by 1\d days/);
  await expectAccessible(page, 'My invoices (overdue)');

  await context.close();
}, 120_000);
