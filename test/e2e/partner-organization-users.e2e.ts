// Journey: an approved partner's requestor accepts the invitation from the approval mail, lands on My account, adds a
// colleague (Pending, then Active without a reload), the colleague accepts their own invitation in another browser,
// and once the admin removes them their open session is refused on the next page load.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;
// One journey in two tests, the second going on from where the first stopped: each has the usual budget, where one
// test of the whole journey (five axe scans of ~3 s and two cold sign-ins) passed a minute on a busy machine.
let admin: Page;
let ann: Page;
let annContext: BrowserContext;
let annEmail: string;
let rows: Locator;
let annRow: Locator;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The invitation token in the newest mail of a type to an address (no SMTP here: the delivery log keeps the text; an administrator reveals its link). */
async function invitationTo(email: string, type: 'prospect-approved' | 'organization-user-added'): Promise<string> {
  const mail = await waitFor(async () => {
    const list = await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=${type}`, { token: t.adminToken });
    const hit = list.body.items[0];
    return hit ? (await t.request('POST', `/api/mail/messages/${hit.id}/reveal`, { token: t.adminToken })).body : undefined;
  }, `the ${type} mail to ${email}`);
  const token = /\/invitation#([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no invitation link in: ${mail.text}`);
  // The link works once 1010 has carried the user to the storefront, milliseconds after the mail was written.
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, `the invitation of ${email} to reach the storefront`);
  return token;
}

/** Opens the invitation link, chooses a password, and waits for My account. */
async function acceptInvitation(page: Page, token: string, firstName: string, password: string, checkAccessible = false) {
  await page.goto(`${t.url}/invitation#${token}`);
  await page.getByRole('heading', { name: `Welcome, ${firstName}` }).waitFor();
  if (checkAccessible) await expectAccessible(page, 'Invitation');
  await page.getByLabel(/^Password/).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  await page.waitForURL('**/my-account');
}

it('lets a partner admin add a colleague who signs in', async () => {
  // HQ approves a partner request; the approval mail invites the requestor.
  const request = partnerRequest({ firstName: 'Maria', lastName: 'Tamm' });
  expect((await t.request('POST', '/api/store/partner-requests', { body: request })).status).toBe(202);
  const prospect = await waitFor(
    async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(request.email)}`, { token: t.adminToken })).body.items[0],
    'the prospect in HQ',
  );
  expect((await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: t.adminToken })).status).toBe(200);
  const adminInvitation = await invitationTo(request.email, 'prospect-approved');

  // The requestor sets a password and is signed in as the organization's admin.
  admin = await browser.newPage();
  await acceptInvitation(admin, adminInvitation, 'Maria', 'maria-password-1', true);
  const header = admin.getByRole('banner');
  await header.getByText('Maria Tamm').waitFor();
  await header.getByRole('button', { name: 'Sign out' }).waitFor();
  await admin.getByText(request.companyName, { exact: true }).first().waitFor();
  await admin.getByText('No credit limit').waitFor();

  await admin.getByRole('link', { name: 'Organization users' }).click();
  await admin.getByRole('heading', { name: 'Organization users' }).waitFor();
  await admin.waitForURL('**/my-account/organization-users');
  rows = admin.getByRole('row').filter({ hasText: '@' });
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain('(you)');
  await expectAccessible(admin, 'Organization users');

  // Bad input: an e-mail already in use is refused under the E-mail field, and nobody is added.
  await admin.getByRole('button', { name: 'Add a user' }).click();
  const form = admin.getByRole('dialog', { name: 'Add a user' });
  await form.getByLabel('First name').fill('Ann');
  await form.getByLabel('Last name').fill('Lee');
  await form.getByLabel('E-mail').fill(request.email);
  await form.getByLabel('Role').selectOption('User');
  await form.getByLabel('Spending limit per order').fill('500');
  await form.getByLabel('Monthly spending limit').fill('2000');
  await form.getByRole('button', { name: 'Save user' }).click();
  const emailError = form.getByText('E-mail is already in use');
  await emailError.waitFor();
  expect(await form.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(admin, 'Add a user dialog (with an error)');
  await expect.poll(() => rows.count()).toBe(1);

  // Ann is added: Pending until HQ has made her customer, then Active, without reloading the page. Pending lasts about
  // a tenth of a second here, so the page records every state her row shows instead of hoping to look at the right moment.
  annEmail = `ann.${Date.now()}@contoso.test`;
  await admin.evaluate((email) => {
    const seen: string[] = [];
    (window as unknown as { annRows: string[] }).annRows = seen;
    new MutationObserver(() => {
      for (const row of document.querySelectorAll('tbody tr')) if (row.textContent?.includes(email)) seen.push(row.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, annEmail);
  await form.getByLabel('E-mail').fill(annEmail);
  await form.getByRole('button', { name: 'Save user' }).click();
  await form.waitFor({ state: 'hidden' });
  annRow = admin.getByRole('row').filter({ hasText: annEmail });
  await annRow.getByText('Active', { exact: true }).waitFor({ timeout: 20_000 });
  const seen = await admin.evaluate(() => (window as unknown as { annRows: string[] }).annRows);
  expect(seen.some((text) => text.includes('Pending'))).toBe(true);
  expect(await annRow.textContent()).toContain('Ann Lee');
  expect(await annRow.textContent()).toContain('Invitation sent');
  expect(await annRow.textContent()).toMatch(/500\.00 per order/);
  expect(await annRow.textContent()).toMatch(/2,000\.00 per month/);
  await expect.poll(() => rows.count()).toBe(2);

  // Ann's first mail went astray: the admin sends her a new invitation, and the first link stops working.
  const lostInvitation = await invitationTo(annEmail, 'organization-user-added');
  await annRow.getByRole('button', { name: 'Resend invitation' }).click();
  await admin.getByText(`Ann Lee gets a new link at ${annEmail}, valid for 7 days.`).waitFor();
  const mails = async () => (await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(annEmail)}&type=organization-user-added`, { token: t.adminToken })).body.total;
  await waitFor(async () => (await mails()) === 2, 'the second invitation mail');
  expect((await t.request('POST', '/api/store/auth/link', { body: { token: lostInvitation } })).status).toBe(404);

  // Ann accepts her new invitation in her own browser and is signed in.
  const annInvitation = await invitationTo(annEmail, 'organization-user-added');
  expect(annInvitation).not.toBe(lostInvitation);
  annContext = await browser.newContext();
  ann = await annContext.newPage();
  await acceptInvitation(ann, annInvitation, 'Ann', 'ann-password-12');
  await ann.getByRole('banner').getByText('Ann Lee').waitFor();
  // Ann is a User: no way to the organization's users, and the page itself says why.
  expect(await ann.getByRole('link', { name: 'Organization users' }).count()).toBe(0);
  await ann.goto(`${t.url}/my-account/organization-users`);
  await ann.getByText('Only admins can manage users').waitFor();
  expect(await ann.getByRole('button', { name: 'Add a user' }).count()).toBe(0);
  await ann.getByRole('banner').getByRole('link', { name: 'My account' }).click();
  await ann.getByRole('heading', { name: 'My account' }).waitFor();

  // The admin's list (read again) says Ann has chosen her password.
  await admin.reload();
  await annRow.getByText('Signed in', { exact: true }).waitFor();
});

it('fits a phone, and removing the colleague ends their session at once', async () => {
  // On a phone (390 × 844) nothing runs past the screen's edge: the header wraps, users are cards, the status filter
  // stays inside its card.
  const desktop = admin.viewportSize()!;
  const pageWidth = () => admin.evaluate(() => document.documentElement.scrollWidth);
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.getByRole('article', { name: 'Ann Lee' }).getByText('Signed in', { exact: true }).waitFor();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  const filter = (await admin.getByRole('radiogroup').boundingBox())!;
  expect(filter.x + filter.width).toBeLessThanOrEqual(390);
  await admin.getByRole('banner').getByRole('link', { name: 'My account' }).click();
  await admin.getByRole('heading', { name: 'My account' }).waitFor();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await admin.goBack();
  await admin.getByRole('article', { name: 'Ann Lee' }).waitFor();
  await admin.setViewportSize(desktop);

  // The admin removes Ann, after a confirmation.
  await annRow.getByRole('button', { name: 'Remove', exact: true }).click();
  const confirm = admin.getByRole('dialog', { name: 'Remove user' });
  await confirm.getByText('Remove Ann Lee? They are signed out at once.').waitFor();
  await expectAccessible(admin, 'Remove user dialog');
  await confirm.getByRole('button', { name: 'Remove user' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await expect.poll(() => annRow.count()).toBe(0);
  await expect.poll(() => rows.count()).toBe(1);
  // Removed users are one filter away; the list keeps its filter and sort in the address.
  await admin.locator('label').filter({ hasText: /^Removed$/ }).click();
  await admin.waitForURL(/[?&]status=Removed/);
  await annRow.getByText('Removed', { exact: true }).waitFor();
  expect(await annRow.getByRole('button').count()).toBe(0);
  await admin.getByRole('button', { name: 'E-mail' }).click();
  await admin.waitForURL(/[?&]sort=email/);
  await admin.getByRole('columnheader', { name: 'E-mail' }).and(admin.locator('[aria-sort="ascending"]')).waitFor();

  // Ann's open session is refused on her next page load: she is on the sign-in page, told why.
  await ann.reload();
  await ann.getByRole('heading', { name: 'Sign in' }).waitFor();
  await ann.getByText('Your session has ended. Sign in to continue.').waitFor();
  expect(new URL(ann.url()).pathname).toBe('/sign-in');
  expect(new URL(ann.url()).searchParams.get('next')).toBe('/my-account');
  await expectAccessible(ann, 'Sign-in (session ended)');
  await ann.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
  // And her password no longer opens the store.
  await ann.getByLabel('E-mail').fill(annEmail);
  await ann.getByLabel('Password').fill('ann-password-12');
  await ann.getByRole('button', { name: 'Sign in' }).click();
  await ann.getByText('The e-mail or password is not correct.').waitFor();

  // The admin is still signed in and signs out from the header.
  await admin.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await admin.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
  await admin.goto(`${t.url}/my-account/organization-users`);
  await admin.waitForURL('**/sign-in?next=*');
  await admin.getByRole('heading', { name: 'Sign in' }).waitFor();
  await annContext.close();
});
