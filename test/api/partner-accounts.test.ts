// Partner accounts: the approved requestor's invitation, sign-in, organization users managed by the partner's
// admins (several of them), removal that takes effect at once, tenant isolation, and HQ's side of the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner as approvedPartnerOf, linkToken, mailTo as mailToOf } from '../helpers/partners.ts';

let t: TestApp;
let ops: string;

beforeAll(async () => {
  t = await startApp();
  ops = await t.staffToken(['hq-operations']);
});
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string, type: string, after = 0) => mailToOf(t, email, type, after);
const approvedPartner = () => approvedPartnerOf(t);

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
    // null is "no limit", not zero; the other limit stays.
    const cleared = await t.request('PATCH', `/api/store/organization/users/${added.body.id}`, { token: p.admin, body: { spendingLimit: null } });
    expect(cleared.body).toMatchObject({ spendingLimit: null, monthlySpendingLimit: 2000 });
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

/** Adds a user as the admin, waits until HQ confirmed it, accepts its invitation; returns its id and token. */
async function activeUser(admin: string, role: 'Admin' | 'User' = 'User', name = 'Ben') {
  const email = `${name.toLowerCase()}.${Date.now()}${Math.random().toString(36).slice(2, 6)}@contoso.test`;
  const added = await t.request('POST', '/api/store/organization/users', { token: admin, body: { firstName: name, lastName: 'Berg', email, role } });
  expect(added.status).toBe(201);
  const mail = await mailTo(email, 'organization-user-added');
  const token = linkToken(mail.text, 'invitation');
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');
  const accepted = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: `${name}-password-1` } });
  expect(accepted.status).toBe(200);
  return { id: added.body.id as string, email, token: accepted.body.token as string, csrf: accepted.body.csrfToken as string };
}

describe('tenant isolation and roles', () => {
  it("answers 404 for another organization's user on read, edit and delete, and changes nothing", async () => {
    const a = await approvedPartner();
    const b = await approvedPartner();
    const bUser = await activeUser(b.admin);
    const path = `/api/store/organization/users/${bUser.id}`;
    expect((await t.request('GET', path, { token: a.admin })).status).toBe(404);
    expect((await t.request('PATCH', path, { token: a.admin, body: { firstName: 'Hijacked' } })).status).toBe(404);
    expect((await t.request('DELETE', path, { token: a.admin })).status).toBe(404);
    expect((await t.request('POST', `${path}/invitation`, { token: a.admin })).status).toBe(404);
    const list = await t.request('GET', '/api/store/organization/users?limit=200', { token: a.admin });
    expect(list.body.items.map((u: { email: string }) => u.email)).not.toContain(bUser.email);
    const still = await t.request('GET', path, { token: b.admin });
    expect(still.body).toMatchObject({ firstName: 'Ben', status: 'Active' });
    expect((await t.request('GET', '/api/store/me', { token: bUser.token })).status).toBe(200);
  });

  it('refuses a plain User on every admin route with 403', async () => {
    const p = await approvedPartner();
    const user = await activeUser(p.admin);
    const someone = (await t.request('GET', '/api/store/organization/users', { token: p.admin })).body.items[0].id;
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/store/organization/users'],
      ['POST', '/api/store/organization/users', { firstName: 'X', lastName: 'Y', email: 'x.y@contoso.test', role: 'User' }],
      ['GET', `/api/store/organization/users/${someone}`],
      ['PATCH', `/api/store/organization/users/${someone}`, { role: 'User' }],
      ['DELETE', `/api/store/organization/users/${someone}`],
      ['POST', `/api/store/organization/users/${someone}/invitation`],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.request(method, path, { token: user.token, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await t.request('GET', '/api/store/me', { token: user.token })).body.role).toBe('User');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const p = await approvedPartner();
    const signIn = await t.request('POST', '/api/store/auth/sign-in', { body: { email: p.email, password: 'partner-password-1' } });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const body = { firstName: 'Cy', lastName: 'Cookie', email: `cy.${Date.now()}@contoso.test`, role: 'User' };
    const without = await t.request('POST', '/api/store/organization/users', { headers: { cookie }, body });
    expect(without.status).toBe(403);
    expect((await t.request('GET', '/api/store/organization/users', { headers: { cookie } })).body.items.map((u: { email: string }) => u.email)).not.toContain(body.email);
    const withCsrf = await t.request('POST', '/api/store/organization/users', { headers: { cookie, 'x-csrf-token': signIn.body.csrfToken }, body });
    expect(withCsrf.status).toBe(201);
  });
});

describe('removal and deactivation take effect at once', () => {
  it("refuses a removed user's token and cookie on the very next request", async () => {
    const p = await approvedPartner();
    const user = await activeUser(p.admin);
    const signIn = await t.request('POST', '/api/store/auth/sign-in', { body: { email: user.email, password: 'Ben-password-1' } });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await t.request('GET', '/api/store/me', { headers: { cookie } })).status).toBe(200);

    expect((await t.request('DELETE', `/api/store/organization/users/${user.id}`, { token: p.admin })).status).toBe(204);
    // No waiting: the storefront refuses before HQ has heard of the removal.
    expect((await t.request('GET', '/api/store/me', { token: user.token })).status).toBe(401);
    const refused = await t.request('GET', '/api/store/me', { headers: { cookie } });
    expect(refused.status).toBe(401);
    // The page can say why: the session the browser holds has ended (a visitor without one is only asked to sign in).
    expect(refused.body.detail).toBe('Your session has ended. Sign in to continue.');
    expect((await t.request('GET', '/api/store/me')).body.detail).toBe('Sign in to continue.');
    expect((await t.request('POST', '/api/store/auth/sign-in', { body: { email: user.email, password: 'Ben-password-1' } })).status).toBe(401);
    // And HQ catches up: the customer stays, the membership goes.
    await waitFor(async () => {
      const h = (await t.request('GET', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops })).body;
      return !h.members.some((m: { email: string }) => m.email === user.email);
    }, 'HQ to drop the member');
    const customer = (await t.request('GET', `/api/hq/customers?search=${encodeURIComponent(user.email)}`, { token: ops })).body.items[0];
    expect(customer).toMatchObject({ email: user.email, type: 'Person' });
    expect(customer.hierarchyId).toBeUndefined();
  });

  it('locks out every user when HQ deactivates the organization, and lets them back when it is activated', async () => {
    const p = await approvedPartner();
    const user = await activeUser(p.admin);
    expect((await t.request('PATCH', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops, body: { active: false } })).body.active).toBe(false);
    await waitFor(async () => (await t.request('GET', '/api/store/me', { token: p.admin })).status === 401, 'the admin to be locked out');
    expect((await t.request('GET', '/api/store/me', { token: user.token })).status).toBe(401);
    expect((await t.request('POST', '/api/store/auth/sign-in', { body: { email: p.email, password: 'partner-password-1' } })).status).toBe(401);
    await t.request('PATCH', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops, body: { active: true } });
    await waitFor(async () => (await t.request('POST', '/api/store/auth/sign-in', { body: { email: p.email, password: 'partner-password-1' } })).status === 200, 'sign-in to work again');
  });
});

describe('several admins', () => {
  it('lets an admin make another user Admin, and refuses to remove or demote the last admin', async () => {
    const p = await approvedPartner();
    const me = (await t.request('GET', '/api/store/me', { token: p.admin })).body.user;
    const demote = await t.request('PATCH', `/api/store/organization/users/${me.id}`, { token: p.admin, body: { role: 'User' } });
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toMatch(/last admin/);
    expect((await t.request('DELETE', `/api/store/organization/users/${me.id}`, { token: p.admin })).status).toBe(409);

    const second = await activeUser(p.admin, 'User', 'Cleo');
    expect((await t.request('PATCH', `/api/store/organization/users/${second.id}`, { token: p.admin, body: { role: 'Admin' } })).body.role).toBe('Admin');
    // HQ follows: the member's role there becomes Admin too.
    await waitFor(async () => {
      const h = (await t.request('GET', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops })).body;
      return h.members.filter((m: { role: string }) => m.role === 'Admin').length === 2;
    }, 'HQ to have two admins');
    // The second admin manages users too, and can now demote the first.
    expect((await t.request('GET', '/api/store/organization/users', { token: second.token })).status).toBe(200);
    expect((await t.request('PATCH', `/api/store/organization/users/${me.id}`, { token: second.token, body: { role: 'User' } })).body.role).toBe('User');
    expect((await t.request('GET', '/api/store/organization/users', { token: p.admin })).status).toBe(403);
    const last = await t.request('DELETE', `/api/store/organization/users/${second.id}`, { token: second.token });
    expect(last.status).toBe(409);
  });

  it('follows HQ when staff change a role or remove a member, and HQ refuses to leave no admin', async () => {
    const p = await approvedPartner();
    const user = await activeUser(p.admin);
    const account = (await t.request('GET', `/api/store/organization/users/${user.id}`, { token: p.admin })).body.customerAccount;
    const admins = (await t.request('GET', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops })).body.members.filter((m: { role: string }) => m.role === 'Admin');
    const onlyAdmin = await t.request('DELETE', `/api/hq/customer-hierarchies/${p.hierarchyId}/members/${admins[0].account}`, { token: ops });
    expect(onlyAdmin.status).toBe(409);

    await t.request('PATCH', `/api/hq/customer-hierarchies/${p.hierarchyId}/members/${account}`, { token: ops, body: { role: 'Admin' } });
    await waitFor(async () => (await t.request('GET', '/api/store/me', { token: user.token })).body.role === 'Admin', 'the storefront to follow the new role');
    const removed = await t.request('DELETE', `/api/hq/customer-hierarchies/${p.hierarchyId}/members/${account}`, { token: ops });
    expect(removed.status).toBe(200);
    await waitFor(async () => (await t.request('GET', '/api/store/me', { token: user.token })).status === 401, 'the removed user to be signed out');
    const row = await t.request('GET', `/api/store/organization/users?status=Removed`, { token: p.admin });
    expect(row.body.items.map((u: { email: string }) => u.email)).toContain(user.email);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field, or 409 for an e-mail in use, and adds nothing', async () => {
    const p = await approvedPartner();
    const base = { firstName: 'Dee', lastName: 'Dee', email: `dee.${Date.now()}@contoso.test`, role: 'User' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, email: 'not-an-email' }, 400, 'email'],
      [{ ...base, role: 'Owner' }, 400, 'role'],
      [{ ...base, spendingLimit: -5 }, 400, 'spendingLimit'],
      [{ ...base, spendingLimit: 900, monthlySpendingLimit: 100 }, 400, 'spendingLimit'],
      [{ ...base, monthlySpendingLimit: 10.005 }, 400, 'monthlySpendingLimit'],
      [{ ...base, firstName: '   ' }, 400, 'firstName'],
      [{ ...base, email: p.email.toUpperCase() }, 409, 'email'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.request('POST', '/api/store/organization/users', { token: p.admin, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path).join(',')).toContain(field);
    }
    const list = await t.request('GET', '/api/store/organization/users', { token: p.admin });
    expect(list.body.total).toBe(1);
  });

  it('refuses in HQ a new person customer with the e-mail of a partner user', async () => {
    const p = await approvedPartner();
    const res = await t.request('POST', '/api/hq/customers', {
      token: ops,
      body: { type: 'Person', firstName: 'Twin', lastName: 'Copy', email: p.email.toUpperCase(), address: { street: 'Main 1', city: 'Tartu', zip: '50101', countryRegionId: 'EE' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('email');
  });
});

describe('invitations and passwords', () => {
  it('stores invitation tokens only as hashes, expires them, and re-sends a new one from HQ', async () => {
    const { sql } = await import('drizzle-orm');
    const crypto = await import('node:crypto');
    const p = await approvedPartner();
    const email = `eve.${Date.now()}@contoso.test`;
    const added = await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Eve', lastName: 'Ek', email, role: 'User' } });
    const first = linkToken((await mailTo(email, 'organization-user-added')).text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: first } })).status === 200, 'the invitation');
    const rows = ((await t.app.dbs.db.storefront.execute(sql`select token_hash from storefront.account_tokens where user_id = ${added.body.id}`)) as { rows: { token_hash: string }[] }).rows;
    expect(rows.map((r) => r.token_hash)).toEqual([crypto.createHash('sha256').update(first).digest('hex')]);
    expect(JSON.stringify(rows)).not.toContain(first);

    await t.app.dbs.db.storefront.execute(sql`update storefront.account_tokens set expires_at = now() - interval '1 second' where user_id = ${added.body.id}`);
    const expired = await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: first, password: 'eve-password-1' } });
    expect(expired.status).toBe(404);
    expect(expired.body.detail).toMatch(/expired/);

    const firstMail = (await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=organization-user-added`, { token: ops })).body.items[0].id;
    const account = (await t.request('GET', `/api/store/organization/users/${added.body.id}`, { token: p.admin })).body.customerAccount;
    const statusOf = async () => ((await t.request('GET', `/api/hq/customer-hierarchies/${p.hierarchyId}`, { token: ops })).body.members as { account: string; status: string }[]).find((m) => m.account === account)?.status;
    expect(await statusOf()).toBe('Invited');
    expect((await t.request('POST', `/api/hq/customer-hierarchies/${p.hierarchyId}/members/${account}/invitation`, { token: ops })).status).toBe(202);
    const second = linkToken((await mailTo(email, 'organization-user-added', firstMail)).text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: second } })).status === 200, 'the new invitation');
    expect((await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: second, password: 'eve-password-1' } })).status).toBe(200);
    // Signed in: HQ shows the member Active and sends no more invitations.
    expect(await statusOf()).toBe('Active');
    const again = await t.request('POST', `/api/hq/customer-hierarchies/${p.hierarchyId}/members/${account}/invitation`, { token: ops });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already signed in/);
  });

  it("lets an admin re-send the invitation of a user who has not chosen a password, and only then", async () => {
    const p = await approvedPartner();
    const email = `flo.${Date.now()}@contoso.test`;
    const added = await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Flo', lastName: 'Fog', email, role: 'User' } });
    const firstMail = await mailTo(email, 'organization-user-added');
    const first = linkToken(firstMail.text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: first } })).status === 200, 'the invitation');
    expect((await t.request('POST', `/api/store/organization/users/${added.body.id}/invitation`, { token: p.admin })).status).toBe(202);
    const second = linkToken((await mailTo(email, 'organization-user-added', firstMail.id)).text, 'invitation');
    expect((await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: first, password: 'flo-password-12' } })).status).toBe(404);
    expect((await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: second, password: 'flo-password-12' } })).status).toBe(200);
    const again = await t.request('POST', `/api/store/organization/users/${added.body.id}/invitation`, { token: p.admin });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already chosen a password/);
  });

  it('answers forgot-password the same for anyone, and a reset link signs the user in and ends other sessions', async () => {
    const p = await approvedPartner();
    const known = await t.request('POST', '/api/store/auth/forgot-password', { body: { email: p.email } });
    const unknown = await t.request('POST', '/api/store/auth/forgot-password', { body: { email: `ghost.${Date.now()}@contoso.test` } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    const token = linkToken((await mailTo(p.email, 'password-reset')).text, 'reset-password');
    expect((await t.request('POST', '/api/store/auth/link', { body: { token } })).body.kind).toBe('reset');
    const short = await t.request('POST', '/api/store/auth/reset-password', { body: { token, password: 'short' } });
    expect(short.status).toBe(400);
    const reset = await t.request('POST', '/api/store/auth/reset-password', { body: { token, password: 'brand-new-password' } });
    expect(reset.status).toBe(200);
    expect((await t.request('GET', '/api/store/me', { token: p.admin })).status).toBe(401);
    expect((await t.request('GET', '/api/store/me', { token: reset.body.token })).status).toBe(200);
    expect((await t.request('POST', '/api/store/auth/sign-in', { body: { email: p.email, password: 'partner-password-1' } })).status).toBe(401);
  });

  it("writes to an Estonian applicant in Estonian, then follows the partner user's remembered language", async () => {
    const p = await approvedPartnerOf(t, { language: 'et' });
    expect((await mailTo(p.email, 'prospect-approved')).subject).toMatch(new RegExp(`^Tere tulemast .* partneriks, ${p.company}$`));
    expect((await t.request('GET', '/api/store/me', { token: p.admin })).body.language).toBeNull();
    expect((await t.request('PUT', '/api/store/me/language', { token: p.admin, body: { language: 'de' } })).status).toBe(400);

    expect((await t.request('PUT', '/api/store/me/language', { token: p.admin, body: { language: 'en' } })).status).toBe(204);
    expect((await t.request('GET', '/api/store/me', { token: p.admin })).body.language).toBe('en');
    await t.request('POST', '/api/store/auth/forgot-password', { body: { email: p.email } });
    const english = await mailTo(p.email, 'password-reset');
    expect(english.subject).toMatch(/^Choose a new password for /);

    expect((await t.request('PUT', '/api/store/me/language', { token: p.admin, body: { language: 'et' } })).status).toBe(204);
    await t.request('POST', '/api/store/auth/forgot-password', { body: { email: p.email } });
    expect((await mailTo(p.email, 'password-reset', english.id)).subject).toMatch(/^Vali .* jaoks uus parool$/);
  });

  it('changes the password with the current one, keeping this session and ending the others', async () => {
    const p = await approvedPartner();
    const other = (await t.request('POST', '/api/store/auth/sign-in', { body: { email: p.email, password: 'partner-password-1' } })).body.token;
    const wrong = await t.request('POST', '/api/store/auth/change-password', { token: p.admin, body: { currentPassword: 'nope-nope-nope', newPassword: 'another-password-2' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('currentPassword');
    expect((await t.request('POST', '/api/store/auth/change-password', { token: p.admin, body: { currentPassword: 'partner-password-1', newPassword: 'another-password-2' } })).status).toBe(204);
    expect((await t.request('GET', '/api/store/me', { token: p.admin })).status).toBe(200);
    expect((await t.request('GET', '/api/store/me', { token: other })).status).toBe(401);
    expect((await t.request('POST', '/api/store/auth/sign-out', { token: p.admin })).status).toBe(204);
    expect((await t.request('GET', '/api/store/me', { token: p.admin })).status).toBe(401);
  });
});

describe('HQ onboards an existing customer and sets the credit limit', () => {
  it('builds a hierarchy from existing customers, invites each member, and shows the credit limit on the storefront', async () => {
    const tag = Date.now();
    const address = { street: 'Pikk 1', city: 'Tallinn', zip: '10123', countryRegionId: 'EE' };
    const org = await t.request('POST', '/api/hq/customers', { token: ops, body: { type: 'Organization', name: `Fabrikam ${tag}`, email: `info.${tag}@fabrikam.test`, address } });
    expect(org.status).toBe(201);
    const people = [];
    for (const [first, role] of [['Frida', 'Admin'], ['Gus', 'User']] as const) {
      const person = await t.request('POST', '/api/hq/customers', { token: ops, body: { type: 'Person', firstName: first, lastName: 'Fab', email: `${first.toLowerCase()}.${tag}@fabrikam.test`, address } });
      expect(person.status).toBe(201);
      people.push({ account: person.body.account as string, role, email: person.body.email as string });
    }
    const noAdmin = await t.request('POST', '/api/hq/customer-hierarchies', { token: ops, body: { organizationAccount: org.body.account, members: [{ account: people[1]!.account, role: 'User' }] } });
    expect(noAdmin.status).toBe(400);
    const created = await t.request('POST', '/api/hq/customer-hierarchies', { token: ops, body: { organizationAccount: org.body.account, members: people.map(({ account, role }) => ({ account, role })) } });
    expect(created.status).toBe(201);
    expect(created.body.members).toHaveLength(2);
    expect((await t.request('PATCH', `/api/hq/customers/${org.body.account}`, { token: ops, body: { creditLimit: 25000 } })).body.creditLimit).toBe(25000);

    const token = linkToken((await mailTo(people[0]!.email, 'organization-user-added')).text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation');
    const admin = (await t.request('POST', '/api/store/auth/accept-invitation', { body: { token, password: 'frida-password-1' } })).body.token;
    await waitFor(async () => (await t.request('GET', '/api/store/me', { token: admin })).body.organization?.creditLimit === 25000, 'the credit limit on the storefront');
    const users = (await t.request('GET', '/api/store/organization/users?sort=email', { token: admin })).body.items;
    expect(users.map((u: { email: string; role: string; status: string }) => [u.email, u.role, u.status])).toEqual([
      [people[0]!.email, 'Admin', 'Active'],
      [people[1]!.email, 'User', 'Active'],
    ]);
    await mailTo(people[1]!.email, 'organization-user-added');
    // No limit is null, not zero, in HQ and on the storefront.
    expect((await t.request('PATCH', `/api/hq/customers/${org.body.account}`, { token: ops, body: { creditLimit: null } })).body.creditLimit).toBeUndefined();
    await waitFor(async () => (await t.request('GET', '/api/store/me', { token: admin })).body.organization?.creditLimit === null, 'the credit limit to be cleared on the storefront');
  });

  it('records each step of an added user in job history', async () => {
    const p = await approvedPartner();
    const email = `hal.${Date.now()}@contoso.test`;
    await t.request('POST', '/api/store/organization/users', { token: p.admin, body: { firstName: 'Hal', lastName: 'Hu', email, role: 'User' } });
    const request = await waitFor(async () => {
      const list = (await t.request('GET', '/api/hq/channel-requests?limit=200', { token: ops })).body.items;
      return list.find((r: { kind?: string; status: string; summary?: string }) => JSON.stringify(r).includes(email) && r.status === 'Processed');
    }, 'the uploaded change to be processed');
    expect(request).toBeTruthy();
    for (const job of ['P-0001', 'SYNC-CHANNEL-REQUESTS', '1010']) {
      const runs = (await t.request('GET', `/api/hq/distribution/runs?job=${job}`, { token: ops })).body.items;
      expect(runs.some((r: { status: string; processed: number }) => r.status === 'Applied' && r.processed > 0), job).toBe(true);
    }
  });
});

describe('a change HQ refuses', () => {
  it('shows the reason next to the user on the storefront, and clears it when a later change is applied', async () => {
    const { sql } = await import('drizzle-orm');
    const p = await approvedPartner();
    const user = await activeUser(p.admin, 'User', 'Ivo');
    const account = (await t.request('GET', `/api/store/organization/users/${user.id}`, { token: p.admin })).body.customerAccount;
    // HQ loses the membership before the storefront hears of it (as when staff remove a member while 1010 is behind).
    await t.app.dbs.db.hq.execute(sql`delete from hq.hierarchy_members where customer_account = ${account}`);
    await t.request('PATCH', `/api/store/organization/users/${user.id}`, { token: p.admin, body: { lastName: 'Ilves' } });
    const refused = await waitFor(async () => {
      const u = (await t.request('GET', `/api/store/organization/users/${user.id}`, { token: p.admin })).body;
      return u.syncError ? u : undefined;
    }, 'the refusal to reach the storefront');
    expect(refused.syncError).toMatch(/is not a member/);
    const failed = (await t.request('GET', '/api/hq/channel-requests?status=Failed&limit=200', { token: ops })).body.items;
    expect(JSON.stringify(failed)).toContain(user.email);
    // HQ staff put the member back: the storefront follows and the refusal is gone.
    expect((await t.request('POST', `/api/hq/customer-hierarchies/${p.hierarchyId}/members`, { token: ops, body: { account, role: 'User' } })).status).toBe(201);
    await waitFor(async () => (await t.request('GET', `/api/store/organization/users/${user.id}`, { token: p.admin })).body.syncError === null, 'the refusal to clear');
  });
});
