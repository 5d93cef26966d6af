// Journey: HQ asks the applicant a question on the case page; the applicant opens the status link from the mail,
// sees that the request waits for them, answers with a PDF; HQ sees the answer and the file on the case, downloads
// it, and approves the prospect.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
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

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

it('HQ asks, the applicant answers with a PDF on the status page, HQ sees it on the case and approves', async () => {
  const body = partnerRequest();
  expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
  const opened = await waitFor(async () => (await t.request('GET', `/api/hq/onboarding-cases?search=${encodeURIComponent(body.email)}`, { token: t.adminToken })).body.items[0], 'the case');

  // HQ asks on the case page.
  const hq = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
  await signInAsStaff(hq, `${t.url}/hq/onboarding-cases/${opened.id}`);
  await hq.waitForURL(`**/hq/onboarding-cases/${opened.id}`);
  await hq.getByLabel('Ask the applicant').waitFor();
  await expectAccessible(hq, 'HQ Onboarding case');
  await hq.getByLabel('Ask the applicant').fill('Please send your trade register extract.');
  await hq.getByRole('button', { name: 'Send question' }).click();
  await hq.getByText('Waiting for applicant').first().waitFor();

  // The applicant follows the link in the mail and answers with a PDF.
  const mail = await mailTo(t, body.email, 'applicant-question');
  const link = /https?:\/\/[^\s]+\/partner\/request-status\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
  const applicant = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC' });
  await applicant.goto(`${t.url}${new URL(link).pathname}`);
  await applicant.getByRole('heading', { name: 'Questions from our partner team' }).waitFor();
  await applicant.getByText('Waiting for applicant').first().waitFor();
  await applicant.getByText('Please send your trade register extract.').waitFor();
  // Sending without text says so on the field.
  await applicant.getByRole('button', { name: 'Send answer' }).click();
  await applicant.getByText('Write your answer.').waitFor();
  await expectAccessible(applicant, 'Request status with a question (with an error)');
  await applicant.getByLabel('Your answer').fill('Attached, as asked.');
  // A page named .pdf is refused by its content, and the refusal is said at the files field.
  await applicant.locator('input[type="file"]').setInputFiles({ name: 'extract.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><p>hi</p>') });
  await applicant.getByRole('button', { name: 'Send answer' }).click();
  await applicant.getByText('The file "extract.pdf" is not a PDF, PNG or JPEG (judged by its content, not its name).').waitFor();
  await applicant.locator('input[type="file"]').setInputFiles({ name: 'extract.pdf', mimeType: 'application/pdf', buffer: pdf });
  await applicant.getByRole('button', { name: 'Send answer' }).click();
  await applicant.getByText('Attached, as asked.', { exact: true }).waitFor();
  await applicant.getByText('extract.pdf').waitFor();
  await expect.poll(() => applicant.getByText('Waiting for applicant').count()).toBe(0);

  // HQ sees the answer and downloads the file (a download, not a page).
  await hq.reload();
  await hq.getByText('Attached, as asked.', { exact: true }).waitFor();
  const [download] = await Promise.all([hq.waitForEvent('download'), hq.getByRole('link', { name: 'extract.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('extract.pdf');
  const fileTimeline = hq.getByRole('list', { name: 'Timeline, oldest first' });
  await fileTimeline.locator('li[data-kind="question-answered"]').waitFor();

  // And approves.
  expect((await t.request('POST', `/api/hq/prospects/${opened.prospectId}/approve`, { token: t.adminToken, body: {} })).status).toBe(200);
  await hq.reload();
  await hq.getByText('The case is decided: the applicant can no longer be asked.').waitFor();
  await hq.close();
  await applicant.close();
});
