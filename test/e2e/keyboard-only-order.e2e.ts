// Journey by keyboard alone: a partner signs up, is approved, signs in and places an order on account without the
// mouse, and every control the Tab key reaches shows that it has the focus. Its own file (and server) so that it runs
// beside the other storefront journeys instead of after them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { linkToken, mailTo, partnerPassword } from '../helpers/partners.ts';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Fails unless the focused element shows it: an outline (buttons, links) or the primary colour on its border (fields). */
async function expectFocusVisible(page: Page) {
  const problem = () => page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || focused === document.body) return 'nothing has the focus';
    const probe = document.createElement('span');
    probe.style.color = 'var(--mantine-primary-color-filled)';
    document.body.append(probe);
    const primary = getComputedStyle(probe).color;
    probe.remove();
    const shows = (element: Element) => {
      const style = getComputedStyle(element);
      const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outlined || (style.borderTopColor === primary && parseFloat(style.borderTopWidth) > 0);
    };
    // A password field's border belongs to the box around the field and its show/hide button.
    const box = focused.parentElement;
    return shows(focused) || (box !== null && shows(box)) ? '' : `${focused.outerHTML.slice(0, 200)} has the focus but does not show it`;
  });
  // A field's border takes a moment to change colour (a CSS transition).
  await expect.poll(problem, { timeout: 2000 }).toBe('');
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, checking that every control on the way shows its focus. */
async function tabTo(page: Page, target: Locator, backwards = false) {
  await target.waitFor();
  const focused = () => target.evaluate((element) => element === document.activeElement);
  // A page may put the focus on its first field itself (the sign-in form does).
  if (await focused()) return expectFocusVisible(page);
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    // Past the last control the focus leaves the page for a step, then starts again at the top, as in any browser.
    if (await page.evaluate(() => document.activeElement === document.body)) continue;
    await expectFocusVisible(page);
    if (await focused()) return;
  }
  throw new Error(`Tab did not reach ${target}`);
}

it('signs up, signs in and places an order with the keyboard alone, the focus always visible', async () => {
  const tag = Date.now().toString(36);
  const email = `kaia.${tag}@keyboard.test`;
  const itemNumber = `KEY-${tag.toUpperCase()}`;
  const operations = await t.staffToken(['hq-operations']);
  expect((await t.request('POST', '/api/hq/products', { token: operations, body: { itemNumber, name: 'Key cabinet', unit: 'pcs', price: 25, currency: 'EUR' } })).status).toBe(201);

  // Sign-up: each field reached by Tab and typed into; the country picked by typing its name into the list.
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${t.url}/partner/sign-up`);
  const fields: [string, string][] = [
    ['First name', 'Kaia'],
    ['Last name', 'Klahv'],
    ['E-mail', email],
    ['Company name', `Keyboard Works ${tag}`],
    ['Street', 'Narva mnt 5'],
    ['City', 'Tallinn'],
    ['ZIP/postal code', '10117'],
  ];
  for (const [label, value] of fields) {
    await tabTo(page, page.getByLabel(label));
    await page.keyboard.type(value);
  }
  await tabTo(page, page.getByLabel('Country/region'));
  await page.keyboard.type('Estonia');
  expect(await page.getByLabel('Country/region').inputValue()).toBe('EE');
  await tabTo(page, page.getByRole('button', { name: 'Submit request' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Thank you' }).waitFor();

  // HQ approves (over the API, as HQ's own pages are tested above), the invitation is accepted and credit granted.
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(email)}`, { token: t.adminToken })).body.items[0], 'the prospect');
  expect((await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: t.adminToken })).status).toBe(200);
  const invitation = linkToken((await mailTo(t, email, 'prospect-approved')).text, 'invitation');
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: invitation } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: invitation, password: partnerPassword } });
  expect(accepted.status).toBe(200);
  const account = (await t.request('GET', '/api/store/me', { token: accepted.body.token })).body.organization.account as string;
  expect((await t.request('PATCH', `/api/hq/customers/${account}`, { token: t.adminToken, body: { creditLimit: 1000 } })).status).toBe(200);
  await waitFor(async () => (await t.request('GET', '/api/store/organization/credit', { token: accepted.body.token })).body.creditLimit === 1000 || undefined, 'the credit limit on the storefront');
  await waitFor(async () => (await t.request('GET', `/api/store/products/${itemNumber}`, { token: accepted.body.token })).status === 200 || undefined, 'the product on the storefront');

  // Sign-in: Tab to each field, Enter submits.
  await page.goto(`${t.url}/sign-in`);
  await tabTo(page, page.getByLabel('E-mail'));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(partnerPassword);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'My account' }).waitFor();

  // Products from the header; search; the arrow keys set the quantity to 3; Space adds to the cart.
  const banner = page.getByRole('banner');
  await tabTo(page, banner.getByRole('link', { name: 'Products' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await tabTo(page, page.getByLabel('Search products'));
  await page.keyboard.type(itemNumber);
  const card = page.getByRole('listitem', { name: 'Key cabinet' });
  const quantity = card.getByLabel('Quantity of Key cabinet');
  await tabTo(page, quantity);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await quantity.inputValue()).toBe('3');
  await tabTo(page, card.getByRole('button', { name: 'Add to cart' }));
  await page.keyboard.press('Space');
  await page.getByText('Added to cart').first().waitFor();

  // Back up to the cart in the header (Shift+Tab), a purchase order number, and Enter places the order.
  await tabTo(page, banner.getByRole('link', { name: 'Cart, 1 line' }), true);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Cart', level: 1 }).waitFor();
  expect(await page.getByLabel('Cart total').textContent()).toBe('€75.00');
  await tabTo(page, page.getByLabel('Purchase order number'));
  await page.keyboard.type('PO-KEYS');
  await tabTo(page, page.getByRole('button', { name: 'Place order on account' }));
  await page.keyboard.press('Enter');
  await page.waitForURL('**/my-account/orders/*');
  await page.getByRole('heading', { name: /^Order /, level: 1 }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Placed' }).first().waitFor();
  expect(await page.getByText('PO-KEYS').count()).toBeGreaterThan(0);
  await context.close();
}, 120_000);

