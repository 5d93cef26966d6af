// Partner accounts: the approved requestor's invitation, sign-in, organization users managed by the partner's
// admins (several of them), removal that takes effect at once, tenant isolation, and HQ's side of the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
let ops: string;

beforeAll(async () => {
  t = await startApp();
  ops = await t.staffToken(['hq-operations']);
});
afterAll(async () => {
  await t?.close();
});

/** The newest message of a type to an address, as the local mailbox keeps it (no SMTP configured here). */
async function mailTo(email: string, type: string, after = 0) {
  return waitFor(async () => {
    const list = await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=${type}`, { token: ops });
    const hit = list.body.items.find((m: { id: number }) => m.id > after);
    return hit ? (await t.request('GET', `/api/mail/messages/${hit.id}`, { token: ops })).body : undefined;
  }, `the ${type} mail to ${email}`);
}

function linkToken(text: string, path: 'invitation' | 'reset-password'): string {
  const match = new RegExp(`/${path}#([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return match[1]!;
}

/** A partner approved in HQ whose requestor accepted the invitation: returns the admin's token and ids. */
async function approvedPartner() {
  const body = partnerRequest();
  await t.request('POST', '/api/store/partner-requests', { body });
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: ops })).body.items[0], 'the prospect');
  const approved = await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: ops });
  expect(approved.status).toBe(200);
  const mail = await mailTo(body.email, 'prospect-approved');
  const token = linkToken(mail.text, 'invitation');
  // The link works once 1010 has carried the new partner to the storefront, milliseconds after the approval.
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: 'partner-password-1' } });
  expect(accepted.status).toBe(200);
  return { email: body.email, company: body.companyName, admin: accepted.body.token as string, hierarchyId: approved.body.hierarchyId as string, invitation: token };
}

describe('the approved requestor', () => {
  it('accepts the invitation from the approval mail once, signs in, and sees the organization', async () => {
    const p = await approvedPartner();
    const me = await t.request('GET', '/api/store/me', { token: p.admin });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('Admin');
    expect(me.body.organization).toMatchObject({ id: p.hierarchyId, name: p.company });
    // Single use.
    const again = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: p.invitation, password: 'another-password-1' } });
    expect(again.status).toBe(404);
    const signIn = await t.request('POST', '/api/store/auth/sign-in', { body: { email: p.email.toUpperCase(), password: 'partner-password-1' } });
    expect(signIn.status).toBe(200);
  });
});

describe('organization users', () => {
  it('adds a user as Pending, HQ makes the customer and member, and the user becomes Active and is invited', async () => {
    const p = await approvedPartner();
    const email = `ann.${Date.now()}@contoso.test`;
    const added = await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Ann', lastName: 'Lee', email, role: 'User', spendingLimit: 500, monthlySpendingLimit: 2000 } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ status: 'Pending', role: 'User', spendingLimit: 500, monthlySpendingLimit: 2000, signedUp: false });
    const active = await waitFor(async () => {
      const u = (await t.request('GET', `/api/store/organization/users/${added.body.id}`, { token: p.admin })).body;
      return u.status === 'Active' ? u : undefined;
    }, 'the user to become Active');
    expect(active.customerAccount).toMatch(/^C/);
    const hierarchy = await t.request('GET', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops });
    expect(hierarchy.body.members).toContainEqual(expect.objectContaining({ account: active.customerAccount, email, role: 'User' }));
    const invitation = await mailTo(email, 'organization-user-added');
    const token = linkToken(invitation.text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
    const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: 'ann-password-12' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email, status: 'Active', signedUp: true });
  });
});
