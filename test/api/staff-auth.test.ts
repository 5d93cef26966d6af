// Staff sign-in, sessions, CSRF, throttling and the administrator's staff-user management.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ env: { SIGN_IN_LIMIT_PER_ACCOUNT: '5' } });
});
afterAll(() => t?.close());

/** Signs in like a browser does and returns the two cookies as one Cookie header, plus the CSRF token. */
async function browserSignIn(email: string, password: string) {
  const res = await fetch(`${t.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('hs_staff='))!;
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
  const csrf = cookies.find((c) => c.startsWith('hs_staff_csrf='))!;
  const cookie = [session, csrf].map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrfToken: csrf.split(';')[0]!.split('=')[1]! };
}

describe('sign-in', () => {
  it('returns a token and the user, and /me answers with the roles', async () => {
    const res = await t.request('POST', '/api/auth/sign-in', { body: { email: adminEmail.toUpperCase(), password: adminPassword } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: adminEmail, roles: expect.arrayContaining(['administrator', 'hq-operations', 'salesperson', 'sales-manager', 'integration-administrator']) });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await t.request('GET', '/api/auth/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.roles).toContain('administrator');
  });

  it('gives the same answer for a wrong password and an unknown e-mail', async () => {
    const wrong = await t.request('POST', '/api/auth/sign-in', { body: { email: adminEmail, password: 'nope-nope-nope' } });
    const unknown = await t.request('POST', '/api/auth/sign-in', { body: { email: 'nobody@handshake.test', password: 'nope-nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('throttles repeated attempts on one account', async () => {
    const email = 'target@handshake.test';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.request('POST', '/api/auth/sign-in', { body: { email, password: `guess-${i}-xxxx` } })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it('rejects malformed input with 400', async () => {
    const res = await t.request('POST', '/api/auth/sign-in', { body: { email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
  });
});

describe('sessions', () => {
  it('sign-out revokes the token at once', async () => {
    const token = await t.signIn(adminEmail, adminPassword);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await t.request('POST', '/api/auth/sign-out', { token })).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('requires the CSRF token for cookie-authenticated writes, not for reads or Bearer calls', async () => {
    const { cookie, csrfToken } = await browserSignIn(adminEmail, adminPassword);
    expect((await t.request('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(200);
    const body = { email: `csrf-${Date.now()}@handshake.test`, name: 'CSRF', password: 'long-enough-pw', roles: ['salesperson'] };
    const forged = await t.request('POST', '/api/hq/staff-users', { headers: { cookie }, body });
    expect(forged.status).toBe(403);
    expect(forged.body.detail).toMatch(/CSRF/);
    const wrong = await t.request('POST', '/api/hq/staff-users', { headers: { cookie, 'x-csrf-token': 'x'.repeat(csrfToken.length) }, body });
    expect(wrong.status).toBe(403);
    const ok = await t.request('POST', '/api/hq/staff-users', { headers: { cookie, 'x-csrf-token': csrfToken }, body });
    expect(ok.status).toBe(201);
  });
});

describe('staff users', () => {
  it('lets the administrator create users with roles; others get 403', async () => {
    const email = `ops-${Date.now()}@handshake.test`;
    const created = await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email, name: 'Olga Ops', password: 'ops-password-1', roles: ['hq-operations'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, roles: ['hq-operations'], disabled: false });
    const opsToken = await t.signIn(email, 'ops-password-1');
    expect((await t.request('GET', '/api/hq/staff-users', { token: opsToken })).status).toBe(403);
    expect((await t.request('GET', '/api/hq/prospects', { token: opsToken })).status).toBe(200);
    const list = await t.request('GET', '/api/hq/staff-users', { token: t.adminToken });
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain(email);
  });

  it('refuses duplicates, unknown roles and short passwords', async () => {
    const dup = await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: adminEmail, name: 'Again', password: 'long-enough-pw', roles: ['salesperson'] } });
    expect(dup.status).toBe(409);
    const role = await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: 'r@handshake.test', name: 'R', password: 'long-enough-pw', roles: ['superuser'] } });
    expect(role.status).toBe(400);
    expect(role.body.errors[0].path).toBe('roles.0');
    const short = await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email: 's@handshake.test', name: 'S', password: 'short', roles: ['salesperson'] } });
    expect(short.status).toBe(400);
    expect(short.body.errors).toContainEqual({ path: 'password', message: 'must be at least 10 characters' });
  });

  it('disabling a user ends its sessions; roles can change', async () => {
    const email = `temp-${Date.now()}@handshake.test`;
    const created = await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email, name: 'Temp', password: 'temp-password-1', roles: ['salesperson'] } });
    const token = await t.signIn(email, 'temp-password-1');
    expect((await t.request('GET', '/api/hq/prospects', { token })).status).toBe(403);
    const promoted = await t.request('PATCH', `/api/hq/staff-users/${created.body.id}`, { token: t.adminToken, body: { roles: ['salesperson', 'hq-operations'] } });
    expect(promoted.body.roles).toEqual(['salesperson', 'hq-operations']);
    expect((await t.request('GET', '/api/hq/prospects', { token })).status).toBe(200);
    await t.request('PATCH', `/api/hq/staff-users/${created.body.id}`, { token: t.adminToken, body: { disabled: true } });
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
    const again = await t.request('POST', '/api/auth/sign-in', { body: { email, password: 'temp-password-1' } });
    expect(again.status).toBe(401);
  });

  it('keeps at least one active administrator', async () => {
    const me = await t.request('GET', '/api/auth/me', { token: t.adminToken });
    const self = await t.request('PATCH', `/api/hq/staff-users/${me.body.user.id}`, { token: t.adminToken, body: { disabled: true } });
    expect(self.status).toBe(409);
    expect((await t.request('GET', '/api/auth/me', { token: t.adminToken })).status).toBe(200);
    expect((await t.request('PATCH', '/api/hq/staff-users/unknown-id', { token: t.adminToken, body: { disabled: true } })).status).toBe(404);
  });
});
