// Journey: a company applies and HQ approves it (through the API). Staff finds its case in the work queue by status
// and search, opens it, reads the timeline in order with the system of each step in words, and follows the links to
// the prospect, the lead and the customer, each of which leads back to the case. On a phone the case page fits the
// screen, and the keyboard alone reaches a timeline link and follows it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { expectAccessible } from '../helpers/axe.ts';
import { launchBrowser, signInAsStaff } from '../helpers/browser.ts';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const get = async (path: string) => (await t.request('GET', path, { token: t.adminToken })).body;

/** Applies and is approved in HQ; returns the case once its lead exists too (so the case links to it). */
async function approvedApplication() {
  const body = partnerRequest();
  expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
  const opened = await waitFor(async () => (await get(`/api/hq/onboarding-cases?search=${encodeURIComponent(body.email)}`)).items[0], 'the case');
  await waitFor(async () => (await get(`/api/hq/onboarding-cases/${opened.id}`)).leadId, 'the lead made by dual-write');
  const approved = await t.request('POST', `/api/hq/prospects/${opened.prospectId}/approve`, { token: t.adminToken, body: {} });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { body, caseId: opened.id as string, number: opened.number as string, prospectId: opened.prospectId as string, customerAccount: approved.body.customerAccount as string };
}

/** The kinds of the timeline's steps as the page lists them, top to bottom. */
const shownKinds = (page: Page) => page.getByRole('list', { name: 'Timeline, oldest first' }).locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));

function inOrder(kinds: (string | null)[], expected: string[]) {
  let at = -1;
  for (const kind of expected) {
    const next = kinds.indexOf(kind, at + 1);
    expect(next, `${kind} after position ${at} in ${kinds.join(', ')}`).toBeGreaterThan(at);
    at = next;
  }
}

it('finds the case in the work queue, shows its timeline in order, and links the case, prospect, lead and customer both ways', async () => {
  const a = await approvedApplication();
  const page = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
  await signInAsStaff(page, `${t.url}/hq`);
  await page.getByRole('heading', { name: 'All prospects' }).waitFor();
  // All prospects shows each prospect's case beside it, with the case's status in words.
  const prospectRow = page.getByRole('row').filter({ hasText: a.body.companyName });
  await expect.poll(() => prospectRow.first().innerText(), { timeout: 15_000 }).toMatch(new RegExp(`${a.number}\\s+Approved`));

  // The work queue, from the navigation: only approved cases, then this company's.
  await page.getByRole('navigation').getByRole('link', { name: 'Onboarding cases' }).click();
  await page.getByRole('heading', { name: 'Onboarding cases' }).waitFor();
  await page.getByRole('heading', { name: 'Last 8 weeks' }).waitFor();
  await page.getByLabel('Status').selectOption({ label: 'Approved' });
  await page.waitForURL('**status=Approved**');
  await page.getByLabel('Search', { exact: true }).fill(a.body.companyName);
  await page.waitForURL('**search=**');
  const row = page.getByRole('table', { name: 'Onboarding cases' }).getByRole('row').filter({ hasText: a.number });
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => row.innerText()).toMatch(new RegExp(`${a.body.companyName}[\\s\\S]*${a.body.email}[\\s\\S]*Approved[\\s\\S]*(just opened|minute)`));
  await expectAccessible(page, 'HQ Onboarding cases');
  // The filter stays in the address: In review does not list the approved case.
  await page.getByLabel('Status').selectOption({ label: 'In review' });
  await page.waitForURL('**status=InReview**');
  await page.getByText('No cases match').waitFor();
  await page.getByLabel('Status').selectOption({ label: 'Approved' });
  await row.getByRole('link', { name: a.number, exact: true }).click();

  // The case: number, status in words, applicant, and the timeline oldest first with the system of each step.
  await page.waitForURL(`**/hq/onboarding-cases/${a.caseId}`);
  await page.getByRole('heading', { name: `${a.number} · ${a.body.companyName}` }).waitFor();
  await expect.poll(() => shownKinds(page)).toContain('approved');
  inOrder(await shownKinds(page), ['submitted', 'uploaded', 'prospect-created', 'lead-created', 'approved']);
  const timeline = page.getByRole('list', { name: 'Timeline, oldest first' });
  const step = (kind: string) => timeline.locator(`li[data-kind="${kind}"]`).first();
  expect(await step('submitted').innerText()).toMatch(/Store/);
  expect(await step('uploaded').innerText()).toMatch(/HQ[\s\S]*P-0001/);
  expect(await step('lead-created').innerText()).toMatch(/Dual-write/);
  expect(await step('approved').innerText()).toMatch(/HQ[\s\S]*approved/i);
  expect(await page.getByRole('main').innerText()).toContain(a.body.email);
  await expectAccessible(page, 'HQ Onboarding case (approved)');

  // Case → prospect → (its case and its lead) → lead → case.
  const links = page.getByRole('main');
  await links.getByRole('link', { name: a.prospectId, exact: true }).click();
  await page.getByRole('heading', { name: a.body.companyName }).waitFor();
  await page.getByRole('link', { name: 'Open the lead in the CRM' }).click();
  await page.waitForURL('**/sales/leads/**');
  await page.getByRole('heading', { name: `Partner request from ${a.body.companyName}` }).waitFor();
  await expectAccessible(page, 'CRM Lead');
  await page.getByRole('link', { name: a.number, exact: true }).click();
  await page.waitForURL(`**/hq/onboarding-cases/${a.caseId}`);

  // Case → customer → case.
  await page.getByRole('main').getByRole('link', { name: a.customerAccount, exact: true }).click();
  await page.waitForURL(`**/hq/customers/${a.customerAccount}`);
  await page.getByRole('link', { name: a.number, exact: true }).click();
  await page.waitForURL(`**/hq/onboarding-cases/${a.caseId}`);
  await page.getByRole('heading', { name: `${a.number} · ${a.body.companyName}` }).waitFor();
  await page.close();
});

it('fits a phone, and the keyboard alone reaches a timeline link and follows it', async () => {
  const a = await approvedApplication();
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signInAsStaff(page, `${t.url}/hq/onboarding-cases/${a.caseId}`);
  await page.waitForURL(`**/hq/onboarding-cases/${a.caseId}`);
  await page.getByRole('heading', { name: `${a.number} · ${a.body.companyName}` }).waitFor();
  const timeline = page.getByRole('list', { name: 'Timeline, oldest first' });
  await timeline.locator('li[data-kind="approved"]').waitFor();

  // Nothing runs off the side of the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await timeline.boundingBox().then((b) => b!.x + b!.width)).toBeLessThanOrEqual(390);
  await expectAccessible(page, 'HQ Onboarding case (phone)');

  // Tab from the top of the page until a link inside the timeline has the focus, then follow it with Enter.
  await page.locator('body').focus();
  let reached: { inTimeline: boolean; text: string; href: string } | undefined;
  for (let i = 0; i < 80 && !reached?.inTimeline; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      const el = document.activeElement as HTMLAnchorElement | null;
      return { inTimeline: Boolean(el?.tagName === 'A' && el.closest('ol[aria-label="Timeline, oldest first"]')), text: el?.textContent ?? '', href: el?.getAttribute('href') ?? '' };
    });
  }
  expect(reached?.inTimeline, 'a timeline link took the focus by Tab').toBe(true);
  const target = reached!.href;
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${target}`);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(target);
  await context.close();
});
