// Journey: HQ rejects a partner request with a reason; the prospect shows Rejected and the applicant's link says so.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { partnerRequest, startApp } from '../helpers/app.ts';
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

it('rejects a prospect with a reason and the applicant sees Rejected', async () => {
  const body = partnerRequest({ companyName: `Fabrikam ${Date.now()}` });
  const submitted = await t.request('POST', '/api/store/partner-requests', { body });
  expect(submitted.status).toBe(202);

  const hq = await browser.newPage();
  await hq.goto(`${t.url}/hq/sign-in`);
  await expectAccessible(hq, 'HQ sign-in');
  await signInAsStaff(hq, `${t.url}/hq`);
  await hq.getByRole('heading', { name: 'All prospects' }).waitFor();
  // The request arrives as a New B2B prospect within seconds, without reloading.
  await hq.getByRole('link', { name: body.companyName }).click();
  await hq.getByRole('button', { name: 'Reject', exact: true }).click();
  // The reason is required.
  await hq.getByRole('button', { name: 'Reject prospect' }).click();
  await expect.poll(() => hq.getByText(/Reason is required|is required/).count()).toBeGreaterThan(0);
  await expectAccessible(hq, 'Reject prospect dialog (with an error)');
  await hq.getByLabel('Reason').fill('We only sell to registered retailers.');
  await hq.getByRole('button', { name: 'Reject prospect' }).click();
  await hq.getByText('Rejected', { exact: true }).first().waitFor();
  await hq.getByText('We only sell to registered retailers.').first().waitFor();
  expect(await hq.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);

  const applicant = await browser.newPage();
  await applicant.goto(`${t.url}${submitted.body.statusPageUrl}`);
  await expect.poll(async () => applicant.getByText('Rejected', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await applicant.getByText('We only sell to registered retailers.').waitFor();
  await expectAccessible(applicant, 'Request status (Rejected)');
});
