// Journey: HQ creates an organization and a person customer, onboards them as a business partner with the person as
// Admin, sets the credit limit, adds a second person as User; both are invited, the Admin signs in on the storefront and
// sees the organization and its credit limit; the last Admin cannot be removed; deactivating the partner locks it out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, waitFor } from '../helpers/app.ts';
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

/** The newest message of a type to an address, as the local mailbox keeps it (no SMTP configured here), its links revealed by an administrator. */
async function mailTo(email: string, type: string) {
  return waitFor(async () => {
    const list = await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=${type}`, { token: t.adminToken });
    const hit = list.body.items[0];
    return hit ? (await t.request('POST', `/api/mail/messages/${hit.id}/reveal`, { token: t.adminToken })).body : undefined;
  }, `the ${type} mail to ${email}`);
}

function invitationToken(text: string): string {
  const match = /\/invitation#([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1]!;
}

/** Fills the New customer modal of the Customers page and returns the new customer's account (from its page). */
async function newCustomer(fields: { type: 'Organization' | 'Person'; name?: string; firstName?: string; lastName?: string; email: string }): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  if (fields.type === 'Organization') await expectAccessible(page, 'HQ Customers');
  await page.getByRole('button', { name: 'New customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await dialog.getByLabel('Customer type').selectOption(fields.type);
  if (fields.type === 'Organization') await expectAccessible(page, 'New customer dialog');
  if (fields.type === 'Organization') await dialog.getByLabel('Name').fill(fields.name!);
  else {
    await dialog.getByLabel('First name').fill(fields.firstName!);
    await dialog.getByLabel('Last name').fill(fields.lastName!);
  }
  await dialog.getByLabel('E-mail').fill(fields.email);
  await dialog.getByLabel('Street').fill('Friedrichstraße 68');
  await dialog.getByLabel('City').fill('Berlin');
  await dialog.getByLabel('ZIP/postal code').fill('10117');
  await dialog.getByLabel('Country/region').selectOption('DE');
  await dialog.getByRole('button', { name: 'Save customer' }).click();
  const name = fields.name ?? `${fields.firstName} ${fields.lastName}`;
  await page.getByRole('heading', { name }).waitFor();
  const account = /\/hq\/customers\/([^/?#]+)$/.exec(page.url())?.[1];
  if (!account) throw new Error(`not on a customer page: ${page.url()}`);
  return decodeURIComponent(account);
}

/** Picks a customer in a searchable customer select: types, then clicks the option the server found. */
async function pick(label: string, search: string, option: string) {
  await page.getByLabel(label).fill(search);
  await page.getByRole('option', { name: option }).click();
}

it('onboards an existing organization customer with an Admin and a User who see the partner on the storefront, and deactivates it', async () => {
  const tag = `${Date.now().toString(36)}`;
  const company = `Fabrikam ${tag} GmbH`;
  const admin = { firstName: 'Greta', lastName: `Admin${tag}`, email: `greta.${tag}@fabrikam.test` };
  const user = { firstName: 'Udo', lastName: `User${tag}`, email: `udo.${tag}@fabrikam.test` };

  // Two new customers from the Customers page.
  const organizationAccount = await newCustomer({ type: 'Organization', name: company, email: `office.${tag}@fabrikam.test` });
  const adminAccount = await newCustomer({ type: 'Person', ...admin });

  // New business partner: the organization, its name by default, the person as Admin.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customer hierarchies' }).click();
  await page.getByRole('heading', { name: 'Customer hierarchies' }).waitFor();
  await expectAccessible(page, 'HQ Customer hierarchies');
  await page.getByRole('button', { name: 'New business partner' }).click();
  await pick('Organization', company, company);
  await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe(company);
  await expectAccessible(page, 'New business partner');
  await pick('Person', admin.email, `${admin.firstName} ${admin.lastName}`);
  expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('Admin');
  await page.getByRole('button', { name: 'Create business partner' }).click();
  await page.waitForURL(/\/hq\/customer-hierarchies\/[^/]+$/);
  const hierarchyId = decodeURIComponent(page.url().split('/').pop()!);
  await page.getByRole('heading', { name: company }).waitFor();
  await page.getByText('Active', { exact: true }).first().waitFor();
  const adminRow = page.getByRole('row').filter({ hasText: admin.email });
  await expect.poll(() => adminRow.getByText('Admin', { exact: true }).count()).toBe(1);
  await expectAccessible(page, 'HQ Customer hierarchy (new)');

  // The credit limit, on the organization customer's page.
  await page.getByRole('link', { name: company }).click();
  await page.getByRole('heading', { name: company }).waitFor();
  await page.getByLabel('Credit limit').fill('25000');
  await page.getByRole('button', { name: 'Save credit limit' }).click();
  await page.getByText('Credit limit saved').waitFor();
  expect((await t.request('GET', `/api/hq/customers/${organizationAccount}`, { token: t.adminToken })).body.creditLimit).toBe(25000);

  // Add member → New person: the organization's address is filled in; the person joins as User.
  await page.getByRole('link', { name: hierarchyId }).click();
  await page.getByRole('heading', { name: company }).waitFor();
  // The hierarchy shows the limit as money, in HQ's currency.
  await page.getByText('€25,000.00', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  await expect.poll(() => page.getByLabel('City').inputValue()).toBe('Berlin');
  expect(await page.getByLabel('Street').inputValue()).toBe('Friedrichstraße 68');
  await expectAccessible(page, 'Add member, new person');
  await page.getByLabel('First name').fill(user.firstName);
  await page.getByLabel('Last name').fill(user.lastName);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Role', { exact: true }).selectOption('User');
  await page.getByRole('button', { name: 'Save member' }).click();
  const userRow = page.getByRole('row').filter({ hasText: user.email });
  await expect.poll(() => userRow.getByText('User', { exact: true }).count()).toBe(1);

  // HQ has both members; each was invited by e-mail.
  const hierarchy = (await t.request('GET', `/api/hq/customer-hierarchies/${hierarchyId}`, { token: t.adminToken })).body;
  expect(hierarchy).toMatchObject({ name: company, active: true, organization: { account: organizationAccount, name: company, creditLimit: 25000, currency: 'EUR' } });
  expect(hierarchy.members).toHaveLength(2);
  expect(hierarchy.members).toContainEqual(expect.objectContaining({ account: adminAccount, email: admin.email, role: 'Admin' }));
  expect(hierarchy.members).toContainEqual(expect.objectContaining({ email: user.email, role: 'User' }));
  const adminMail = await mailTo(admin.email, 'organization-user-added');
  const userMail = await mailTo(user.email, 'organization-user-added');
  expect(userMail.text).toContain('/invitation#');

  // The Admin accepts the invitation and sees the organization and its credit limit on the storefront.
  const token = invitationToken(adminMail.text);
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: 'partner-password-1' } });
  expect(accepted.status).toBe(200);
  const partnerToken: string = accepted.body.token;
  const me = await waitFor(async () => {
    const answer = await t.request('GET', '/api/store/me', { token: partnerToken });
    return answer.status === 200 && answer.body.organization.creditLimit === 25000 ? answer.body : undefined;
  }, 'the credit limit to reach the storefront');
  expect(me.role).toBe('Admin');
  expect(me.organization).toMatchObject({ id: hierarchyId, account: organizationAccount, name: company, creditLimit: 25000 });

  // The members table says who has signed in; only those who have not are offered a new invitation.
  await page.reload();
  await expect.poll(() => adminRow.getByText('Active', { exact: true }).count()).toBe(1);
  expect(await adminRow.getByRole('button', { name: 'Resend invitation' }).count()).toBe(0);
  await userRow.getByText('Invited', { exact: true }).waitFor();
  await userRow.getByRole('button', { name: 'Resend invitation' }).waitFor();

  // The only Admin cannot be removed: the server's reason is shown and nothing changes.
  await adminRow.getByRole('button', { name: 'Remove', exact: true }).click();
  const removal = page.getByRole('dialog');
  await removal.getByRole('button', { name: 'Remove member' }).click();
  await removal.getByText('The last admin of a business partner cannot be removed').waitFor();
  await expectAccessible(page, 'Remove member dialog (refused)');
  await removal.getByRole('button', { name: 'Cancel' }).click();
  await removal.waitFor({ state: 'detached' });
  const after = (await t.request('GET', `/api/hq/customer-hierarchies/${hierarchyId}`, { token: t.adminToken })).body;
  expect(after.members).toContainEqual(expect.objectContaining({ account: adminAccount, role: 'Admin' }));
  expect(after.members).toHaveLength(2);

  // Deactivate partner: the partner's users are locked out of the storefront at once.
  await page.getByRole('button', { name: 'Deactivate partner' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate', exact: true }).click();
  await page.getByText('This business partner is inactive').waitFor();
  await page.getByRole('button', { name: 'Activate partner' }).waitFor();
  expect((await t.request('GET', `/api/hq/customer-hierarchies/${hierarchyId}`, { token: t.adminToken })).body.active).toBe(false);
  await waitFor(async () => (await t.request('GET', '/api/store/me', { token: partnerToken })).status === 401, 'the partner user to be locked out');
  const signIn = await t.request('POST', '/api/store/auth/sign-in', { body: { email: admin.email, password: 'partner-password-1' } });
  expect(signIn.status).toBe(401);
}, 120_000); // seven pages and dialogs checked by axe along the way
