// Partners as the tests need them: the stored mail's links (revealed by an administrator) and an approved partner
// whose requestor accepted the invitation.
import { expect } from 'vitest';
import { partnerRequest, waitFor } from './app.ts';
import type { TestApp } from './app.ts';

export const partnerPassword = 'partner-password-1';

/** The newest message of a type to an address in the local mailbox (no SMTP here), its links revealed by an administrator. */
export async function mailTo(t: TestApp, email: string, type: string, after = 0): Promise<{ id: number; subject: string; text: string; html: string }> {
  return waitFor(async () => {
    const list = await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=${type}`, { token: t.adminToken });
    const hit = list.body.items.find((m: { id: number }) => m.id > after);
    return hit ? (await t.request('POST', `/api/mail/messages/${hit.id}/reveal`, { token: t.adminToken })).body : undefined;
  }, `the ${type} mail to ${email}`);
}

export function linkToken(text: string, path: 'invitation' | 'reset-password'): string {
  const match = new RegExp(`/${path}#([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1]!;
}

export interface ApprovedPartner {
  email: string;
  company: string;
  prospectId: string;
  hierarchyId: string;
  /** The invitation token the requestor used (single use). */
  invitation: string;
  /** The requestor's (the partner admin's) session token. */
  admin: string;
}

/** The text of the newest mail of a type to an address; with SMTP the test reads what its server received instead. */
export type MailReader = (email: string, type: string) => Promise<string>;

/** Signs up, approves in HQ, and accepts the invitation from the approval mail. */
export async function approvedPartner(t: TestApp, overrides: Record<string, unknown> = {}, readMail: MailReader = async (email, type) => (await mailTo(t, email, type)).text): Promise<ApprovedPartner> {
  const body = partnerRequest(overrides);
  const submitted = await t.request('POST', '/api/store/partner-requests', { body });
  if (submitted.status !== 202) throw new Error(`sign-up failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: t.adminToken })).body.items[0], 'the prospect');
  const approved = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: t.adminToken });
  if (approved.status !== 200) throw new Error(`approval failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  const invitation = linkToken(await readMail(body.email, 'prospect-approved'), 'invitation');
  // The link works once 1010 has carried the new partner to the storefront, milliseconds after the approval.
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: invitation } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: invitation, password: partnerPassword } });
  if (accepted.status !== 200) throw new Error(`accepting the invitation failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { email: body.email, company: body.companyName, prospectId: prospect.id, hierarchyId: approved.body.hierarchyId, invitation, admin: accepted.body.token };
}

export interface PartnerUser {
  id: string;
  email: string;
  name: string;
  /** The user's session token. */
  token: string;
}

let userCount = 0;
/** Adds a user as the partner's admin, waits until HQ confirmed it (1010), and accepts its invitation. */
export async function addedUser(t: TestApp, p: ApprovedPartner, fields: { role?: 'Admin' | 'User'; spendingLimit?: number; monthlySpendingLimit?: number } = {}, readMail: MailReader = async (email, type) => (await mailTo(t, email, type)).text): Promise<PartnerUser> {
  const n = ++userCount;
  const email = `user${n}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@contoso.test`;
  const lastName = `Buyer${n}`;
  const added = await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Kai', lastName, email, role: 'User', ...fields } });
  if (added.status !== 201) throw new Error(`adding a user failed: ${added.status} ${JSON.stringify(added.body)}`);
  const token = linkToken(await readMail(email, 'organization-user-added'), 'invitation');
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: partnerPassword } });
  if (accepted.status !== 200) throw new Error(`accepting the invitation failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { id: added.body.id, email, name: `Kai ${lastName}`, token: accepted.body.token };
}

/** A product HQ released at `price` EUR, on the storefront, and an approved partner with `creditLimit` EUR of credit there. */
export async function partnerBuying(t: TestApp, product: { prefix: string; name: string; price: number }, creditLimit: number) {
  const itemNumber = `${product.prefix}-${Date.now().toString(36).toUpperCase()}`;
  const operations = await t.staffToken(['hq-operations']);
  expect((await t.request('POST', '/api/hq/products', { token: operations, body: { itemNumber, name: product.name, unit: 'pcs', price: product.price, currency: 'EUR' } })).status).toBe(201);
  const partner = await approvedPartner(t);
  const account = (await t.request('GET', '/api/store/me', { token: partner.admin })).body.organization.account as string;
  expect((await t.request('PATCH', `/api/hq/customers/${account}`, { token: t.adminToken, body: { creditLimit } })).status).toBe(200);
  await waitFor(async () => (await t.request('GET', '/api/store/organization/credit', { token: partner.admin })).body.creditLimit === creditLimit || undefined, 'the credit limit on the storefront');
  await waitFor(async () => (await t.request('GET', `/api/store/products/${itemNumber}`, { token: partner.admin })).status === 200 || undefined, 'job 1040 to carry the product to the storefront');
  return { itemNumber, operations, partner, account };
}
