// E-mail in HQ: edit the approval template, preview it, approve a prospect, and read the message in the delivery log.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
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
  await page.getByRole('link', { name: 'B2B prospect approved' }).click();
  await page.getByRole('heading', { name: 'B2B prospect approved' }).waitFor();

  // An unknown placeholder is refused with the server's words, under the field.
  await page.getByLabel('Subject').fill('Welcome %nickname%');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText(/unknown placeholder %nickname%/).waitFor();

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
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { name: subject }).waitFor();
  await page.getByText('Kept in the local mailbox, not sent').first().waitFor();
  await page.getByRole('tab', { name: 'Plain text' }).click();
  const text = page.getByRole('tabpanel', { name: 'Plain text' });
  await text.getByText('Sign in at').waitFor();
  expect(await text.textContent()).toContain(`with ${body.email}.`);
});
