// E-mail in HQ: edit the approval template, preview it, approve a prospect, and read the message in the delivery log;
// its invitation link is hidden from operations staff and revealed to an administrator, who is recorded.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await browser.newPage();
  await signInAsStaff(page, `${t.url}/hq`);
  await page.getByRole('heading', { name: 'All prospects' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('edits and previews the approval template, then reads the approval mail in the delivery log', async () => {
  await page.getByRole('link', { name: 'E-mail templates' }).click();
  await page.getByRole('heading', { name: 'E-mail templates' }).waitFor();
  await page.getByRole('row').filter({ hasText: 'en-us' }).first().waitFor();
  await expectAccessible(page, 'HQ E-mail templates');
  // Each type ships in English (en-us) and Estonian (et): edit the English one.
  await page.getByRole('row').filter({ hasText: 'en-us' }).getByRole('link', { name: 'B2B prospect approved' }).click();
  await page.getByRole('heading', { name: 'B2B prospect approved' }).waitFor();

  // An unknown placeholder is refused with the server's words, under the field.
  await page.getByLabel('Subject').fill('Welcome %nickname%');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText(/unknown placeholder %nickname%/).waitFor();
  await expectAccessible(page, 'HQ E-mail template (with an error)');

  await page.getByLabel('Subject').fill('Welcome aboard, %company%!');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect.poll(() => page.getByTestId('preview-subject').textContent()).toBe('Welcome aboard, Contoso & Sons <Ltd>!');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect.poll(async () => (await t.request('GET', '/api/mail/templates', { token: t.adminToken })).body.find((x: { type: string }) => x.type === 'prospect-approved').subject).toBe('Welcome aboard, %company%!');

  const body = partnerRequest();
  await t.request('POST', '/api/store/partner-requests', { body });
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: t.adminToken })).body.items[0], 'the prospect');
  await page.goto(`${t.url}/hq/prospects/${prospect.id}`);
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('button', { name: 'Approve prospect' }).click();
  await page.getByText('Approved', { exact: true }).first().waitFor();

  await page.getByRole('link', { name: 'Delivery log' }).click();
  await page.getByText('No SMTP server is configured').waitFor();
  const subject = `Welcome aboard, ${body.companyName}!`;
  await page.getByRole('link', { name: subject }).waitFor();
  await expectAccessible(page, 'HQ Delivery log');
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { name: subject }).waitFor();
  await page.getByText('Kept in the local mailbox, not sent').first().waitFor();
  await page.getByRole('tab', { name: 'Plain text' }).click();
  const text = page.getByRole('tabpanel', { name: 'Plain text' });
  await text.getByText('Sign in at').waitFor();
  expect(await text.textContent()).toContain(`with ${body.email}.`);
  expect(await text.textContent()).toContain('/invitation#(hidden)');
  await expectAccessible(page, 'HQ Message (plain text)');

  // An operations user sees the link hidden and cannot reveal it.
  const messageUrl = page.url();
  const opsEmail = `ops-${Date.now()}@handshake.test`;
  expect((await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: opsEmail, name: 'Olga Ops', password: 'ops-password-1', roles: ['hq-operations'] } })).status).toBe(201);
  const opsContext = await browser.newContext();
  const opsPage = await opsContext.newPage();
  await signInAsStaff(opsPage, messageUrl, opsEmail, 'ops-password-1');
  await opsPage.getByText('Only an administrator can reveal its single-use link.').waitFor();
  expect(await opsPage.getByRole('button', { name: 'Reveal links' }).count()).toBe(0);

  // The administrator reveals it; the page (for everyone) says who did and when.
  await page.getByRole('button', { name: 'Reveal links' }).click();
  await expect.poll(() => text.textContent()).toMatch(/\/invitation#[A-Za-z0-9_-]{20,}/);
  const me = (await t.request('GET', '/api/auth/me', { token: t.adminToken })).body.user;
  await page.getByText(new RegExp(`^${me.name}, `)).waitFor();
  // The plain text wraps inside its panel; a link in the HTML opens in a new tab instead of a blank frame.
  expect(await text.locator('pre').evaluate((pre) => getComputedStyle(pre).whiteSpace === 'pre-wrap' && pre.scrollWidth <= pre.clientWidth + 1)).toBe(true);
  await page.getByRole('tab', { name: 'HTML' }).click();
  const frame = page.frameLocator('iframe[title="Message HTML"]');
  const [popup] = await Promise.all([page.waitForEvent('popup'), frame.locator('a[href*="/invitation#"]').first().click()]);
  await popup.close();
  await frame.locator('a[href*="/invitation#"]').first().waitFor(); // the preview still shows the message
  await opsPage.reload();
  await opsPage.getByText(new RegExp(`^${me.name}, `)).waitFor();
  await opsPage.getByRole('tab', { name: 'Plain text' }).click();
  expect(await opsPage.getByRole('tabpanel', { name: 'Plain text' }).textContent()).toContain('/invitation#(hidden)');
  await opsContext.close();
});
