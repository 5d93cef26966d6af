// Journey: a company asks to become a partner on the storefront; HQ approves it; the customers and the hierarchy
// with the requestor as Admin appear, and the applicant's status link says Approved. An Estonian browser gets the
// sign-up in Estonian, can switch to English (remembered), and the approval mail is Estonian. (The keyboard-only
// journey is in keyboard-only-order.e2e.ts.)
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';
import { mailTo } from '../helpers/partners.ts';

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('signs up on the storefront, is approved in HQ, and sees the hierarchy with the requestor as Admin', async () => {
  const company = `Northwind <Traders> ${Date.now()}`;
  const email = `nancy.${Date.now()}@northwind.test`;
  const page = await browser.newPage();

  await page.goto(`${t.url}/`);
  await expectAccessible(page, 'Storefront home');
  await page.getByRole('link', { name: 'Become a business partner' }).first().click();
  await page.waitForURL('**/partner/sign-up');

  // Submitting the empty form shows inline errors and sends nothing.
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect.poll(() => page.getByText('First name is required').count()).toBeGreaterThan(0);
  await expectAccessible(page, 'Sign-up (with errors)');

  await page.getByLabel('First name').fill('Nancy');
  await page.getByLabel('Last name').fill('Davolio');
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByLabel('Company name').click();
  await expect.poll(() => page.getByText('must be a valid e-mail address').count()).toBeGreaterThan(0);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Phone').fill('+1 206 555 0100');
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Street').fill('507 20th Ave E');
  await page.getByLabel('City').fill('Seattle');
  await page.getByLabel('State/province').fill('WA');
  await page.getByLabel('ZIP/postal code').fill('98122');
  await page.getByLabel('Country/region').selectOption('US');
  await page.getByLabel('Comments').fill('We buy office furniture for 40 stores.');
  await page.getByRole('button', { name: 'Submit request' }).click();

  await page.getByRole('heading', { name: 'Thank you' }).waitFor();
  const statusHref = await page.getByRole('link', { name: 'Follow your request' }).getAttribute('href');
  expect(statusHref).toMatch(/^\/partner\/request-status\//);
  await expectAccessible(page, 'Sign-up confirmation');

  // HQ: sign in, find the prospect in All prospects, approve it.
  const hq = await browser.newPage();
  await signInAsStaff(hq, `${t.url}/hq`);
  await hq.getByRole('heading', { name: 'All prospects' }).waitFor();
  await hq.getByRole('link', { name: company }).waitFor();
  await expectAccessible(hq, 'HQ All prospects');

  // Export CSV carries the page's filters: a day long past exports only the header; today and the e-mail, the prospect.
  const exportLink = hq.getByRole('link', { name: 'Export CSV' });
  const exportedLines = async () => {
    const [download] = await Promise.all([hq.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^prospects-\d{4}-\d{2}-\d{2}\.csv$/);
    return fs.readFileSync(await download.path(), 'utf8').split('\r\n').filter(Boolean);
  };
  const header = '\uFEFFProspect ID,Company,Contact name,E-mail,Phone,Country/region,VAT number,Type,Status,Possible duplicate,Created';
  // Each change reaches the address (and so the link) before the next, as a person's typing would.
  const filter = async (field: Locator, value: string, param: string) => {
    await field.fill(value);
    await expect.poll(() => exportLink.getAttribute('href')).toContain(`${param}=${encodeURIComponent(value)}`);
  };
  await filter(hq.getByLabel('Created from'), '2000-01-01', 'from');
  await filter(hq.getByLabel('Created to'), '2000-01-01', 'to');
  await hq.getByText('No prospects match').waitFor();
  expect(await exportedLines()).toEqual([header]);
  const today = new Date().toISOString().slice(0, 10); // the server's days are UTC
  await filter(hq.getByLabel('Created to'), today, 'to');
  await filter(hq.getByLabel('Created from'), today, 'from');
  await filter(hq.getByPlaceholder('Company, name, e-mail or ID'), email, 'search');
  await hq.getByRole('link', { name: company }).waitFor();
  const exported = await exportedLines();
  expect(exported).toHaveLength(2);
  expect(exported[0]).toBe(header);
  // The phone starts with '+', so it gets the apostrophe that stops a spreadsheet reading it as a formula.
  expect(exported[1]).toContain(`,${company},Nancy Davolio,${email},'+1 206 555 0100,US,`);
  expect(exported[1]).toContain(',B2BProspect,New,');

  await hq.getByRole('link', { name: company }).click();
  await hq.getByRole('heading', { name: company }).waitFor();
  await expectAccessible(hq, 'HQ Prospect');
  await hq.getByRole('button', { name: 'Approve', exact: true }).click();
  await hq.getByRole('button', { name: 'Approve prospect' }).waitFor();
  await expectAccessible(hq, 'Approve prospect dialog');
  await hq.getByRole('button', { name: 'Approve prospect' }).click();
  await hq.getByText('Approved', { exact: true }).first().waitFor();

  // The hierarchy page lists the requestor with the Admin role.
  await hq.getByRole('link', { name: 'Customer hierarchy' }).click();
  await hq.getByText('B2B organization').first().waitFor();
  const memberRow = hq.getByRole('row').filter({ hasText: email });
  await expect.poll(() => memberRow.count()).toBe(1);
  await expect.poll(() => memberRow.getByText('Admin', { exact: true }).count()).toBe(1);
  expect(await memberRow.textContent()).toContain('Nancy Davolio');
  await expectAccessible(hq, 'HQ Customer hierarchy');

  // The organization customer carries the company name exactly as typed, markup shown as text.
  await hq.getByRole('link', { name: company }).first().click();
  await hq.getByText(company).first().waitFor();
  await expectAccessible(hq, 'HQ Customer');

  // The applicant's status link follows the decision.
  await page.goto(`${t.url}${statusHref}`);
  await expect.poll(async () => page.getByText('Approved', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expectAccessible(page, 'Request status (Approved)');
}, 120_000); // nine pages and dialogs checked by axe along the way

it('speaks Estonian to an Estonian browser, switches to English and remembers it, and the approval mail is in Estonian', async () => {
  const tag = Date.now().toString(36);
  const email = `mari.${tag}@keel.test`;
  const context = await browser.newContext({ locale: 'et-EE' });
  const page = await context.newPage();

  // The browser's language decides: the form, its checks and <html lang> are Estonian.
  await page.goto(`${t.url}/partner/sign-up`);
  await page.getByRole('heading', { name: 'Hakka äripartneriks' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('et');
  await page.getByRole('button', { name: 'Saada taotlus' }).click();
  await expect.poll(() => page.getByText('Eesnimi on kohustuslik').count()).toBeGreaterThan(0);
  await expectAccessible(page, 'Sign-up in Estonian (with errors)');
  await page.getByLabel('Eesnimi').fill('Mari');
  await page.getByLabel('Perekonnanimi').fill('Maasikas');
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Ettevõtte nimi').fill(`Keelekool ${tag}`);
  await page.getByLabel('Tänav').fill('Rüütli 1');
  await page.getByLabel('Linn').fill('Tartu');
  await page.getByLabel('Postiindeks').fill('51007');
  await page.getByLabel('Riik/piirkond').selectOption('EE');
  await page.getByRole('button', { name: 'Saada taotlus' }).click();

  // The confirmation shows the private status link itself, to copy.
  await page.getByRole('heading', { name: 'Aitäh' }).waitFor();
  expect(await page.getByLabel('Sinu privaatne olekulink').inputValue()).toMatch(new RegExp(`^${t.url}/partner/request-status/`));
  await page.getByRole('button', { name: 'Kopeeri link' }).waitFor();

  // Switched to English in the header, and still English after a reload.
  await page.goto(`${t.url}/partner/sign-up`);
  await page.getByRole('banner').getByLabel('Keel').selectOption('en');
  await page.getByRole('heading', { name: 'Become a business partner' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Become a business partner' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

  // The request was made in Estonian, so HQ's approval mail is Estonian.
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(email)}`, { token: t.adminToken })).body.items[0], 'the prospect');
  expect((await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: t.adminToken })).status).toBe(200);
  const mail = await mailTo(t, email, 'prospect-approved');
  expect(mail.subject).toMatch(/^Tere tulemast .* partneriks, Keelekool /);
  expect(mail.text).toContain('Vali parool siin:');
  await context.close();
  // Two languages of one form, an axe scan and a mail: more than the default minute on a busy machine.
}, 120_000);
