// Nothing secret reaches the log. The server runs with the production logger at debug level, writing to a file,
// through a whole journey (staff sign-in, a partner request and its status link, approval, the invitation accepted,
// partner sign-in, a password reset, a new organization user, a new staff user) and through queries the database
// refuses (a request's insert carrying a password hash, a mail insert carrying an invitation link). Then the whole
// log is searched for every password, hash, token, cookie and link seen on the way, and for SQL parameters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../src/platform/log.ts';
import { adminEmail, adminPassword, partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handshake-log-'));
const logFile = path.join(dir, 'server.log');
let t: TestApp;
const log = () => fs.readFileSync(logFile, 'utf8');
const lines = () => log().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);

beforeAll(async () => {
  t = await startApp({ env: { LOG_LEVEL: 'debug' }, logger: createLogger('debug', pino.destination({ dest: logFile, sync: true })) });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every secret value met on the journey. */
const secrets = new Set<string>([adminPassword]);
function keep(...values: (string | undefined | null)[]) {
  for (const value of values) if (value) secrets.add(value);
}

async function call(method: string, route: string, options: { body?: unknown; token?: string } = {}) {
  const res = await fetch(t.url + route, {
    method,
    headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    ...(options.body ? { body: JSON.stringify(options.body) } : {}),
  });
  // Session cookies and their CSRF twins are secrets too.
  for (const cookie of res.headers.getSetCookie()) keep(cookie.split(';')[0]!.split('=')[1]);
  const text = await res.text();
  const body = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (body && typeof body === 'object') keep(body.token, body.csrfToken);
  return { status: res.status, body };
}

/** The newest message of a type to an address, its link revealed by the administrator; keeps the token. */
async function linkIn(admin: string, email: string, type: string, kind: 'invitation' | 'reset-password', after = 0): Promise<{ token: string; id: number }> {
  const message = await waitFor(async () => (await call('GET', `/api/mail/messages?to=${encodeURIComponent(email)}&type=${type}`, { token: admin })).body.items.find((m: { id: number }) => m.id > after), `the ${type} mail`);
  const revealed = await call('POST', `/api/mail/messages/${message.id}/reveal`, { token: admin });
  const token = new RegExp(`/${kind}#([A-Za-z0-9_-]+)`).exec(revealed.body.text)?.[1];
  if (!token) throw new Error(`no ${kind} link in ${revealed.body.text}`);
  keep(token, `${kind}#${token}`);
  return { token, id: message.id };
}

it('logs no password, hash, token, cookie, link or SQL parameter through a whole journey and failing queries', async () => {
  // Staff sign-in (one wrong password first).
  expect((await call('POST', '/api/auth/sign-in', { body: { email: adminEmail, password: 'not-the-password-1' } })).status).toBe(401);
  keep('not-the-password-1');
  const admin = (await call('POST', '/api/auth/sign-in', { body: { email: adminEmail, password: adminPassword } })).body.token as string;

  // A partner request, its status link (the token is in the address), and its page.
  const request = partnerRequest();
  const submitted = await call('POST', '/api/store/partner-requests', { body: request });
  expect(submitted.status).toBe(202);
  const statusToken = String(submitted.body.statusUrl).split('/').pop()!;
  keep(statusToken);
  expect((await call('GET', submitted.body.statusUrl)).status).toBe(200);
  await call('GET', submitted.body.statusPageUrl);

  // Approval, and the requestor accepts the invitation.
  const prospect = await waitFor(async () => (await call('GET', `/api/hq/prospects?search=${encodeURIComponent(request.email)}`, { token: admin })).body.items[0], 'the prospect');
  expect((await call('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: admin })).status).toBe(200);
  const invitation = await linkIn(admin, request.email, 'prospect-approved', 'invitation');
  await waitFor(async () => (await call('POST', '/api/store/auth/link', { body: { token: invitation.token } })).status === 200, 'the invitation on the storefront');
  keep('partner-first-password-1');
  expect((await call('POST', '/api/store/auth/accept-invitation', { body: { token: invitation.token, password: 'partner-first-password-1' } })).status).toBe(200);

  // Partner sign-in, a password reset, and sign-in with the new password.
  const partner = (await call('POST', '/api/store/auth/sign-in', { body: { email: request.email, password: 'partner-first-password-1' } })).body.token as string;
  expect(partner).toBeTruthy();
  expect((await call('POST', '/api/store/auth/forgot-password', { body: { email: request.email } })).status).toBe(202);
  const reset = await linkIn(admin, request.email, 'password-reset', 'reset-password');
  keep('partner-second-password-2');
  expect((await call('POST', '/api/store/auth/reset-password', { body: { token: reset.token, password: 'partner-second-password-2' } })).status).toBe(200);
  const partnerAgain = (await call('POST', '/api/store/auth/sign-in', { body: { email: request.email, password: 'partner-second-password-2' } })).body.token as string;

  // The partner admin adds an organization user, who is invited by e-mail.
  const colleague = { firstName: 'Ann', lastName: 'Kask', email: `ann.${Date.now()}@contoso.test`, role: 'User' };
  expect((await call('POST', '/api/store/organization/users', { token: partnerAgain, body: colleague })).status).toBe(201);
  await linkIn(admin, colleague.email, 'organization-user-added', 'invitation');

  // A new staff user with a password.
  keep('staff-password-secret-3');
  expect((await call('POST', '/api/hq/staff-users', { token: admin, body: { email: `ops.${Date.now()}@handshake.test`, name: 'Ops', password: 'staff-password-secret-3', roles: ['hq-operations'] } })).status).toBe(201);

  // Queries the database refuses: a staff user insert (its parameters hold an Argon2 hash) in a request, and a
  // mail insert (its parameters hold an invitation link) in the background relay.
  await t.app.dbs.db.platform.execute(sql.raw(`alter table platform.staff_users add constraint log_test_refuse check (email not like 'refused-%') not valid`));
  await t.app.dbs.db.mail.execute(sql.raw(`alter table mail.messages add constraint log_test_refuse check (recipient not like 'refused-%') not valid`));
  keep('staff-password-secret-4');
  const refused = await call('POST', '/api/hq/staff-users', { token: admin, body: { email: `refused-${Date.now()}@handshake.test`, name: 'Refused', password: 'staff-password-secret-4', roles: ['hq-operations'] } });
  expect(refused.status).toBe(500);
  expect((await call('POST', '/api/store/organization/users', { token: partnerAgain, body: { ...colleague, email: `refused-${Date.now()}@contoso.test` } })).status).toBe(201);
  await waitFor(() => lines().some((l) => l.msg === 'mail: reading events failed'), 'the relay to log the refused mail insert');

  // The failures were logged, with what an operator needs and nothing more.
  const errors = lines().filter((l) => l.level >= 50 && l.err);
  const requestError = errors.find((l) => l.msg === 'unhandled error');
  expect(requestError?.err).toMatchObject({ code: '23514', constraint: 'log_test_refuse', message: expect.stringMatching(/^Failed query: insert "platform"."staff_users"/) });
  const relayError = errors.find((l) => l.msg === 'mail: reading events failed');
  expect(relayError?.err).toMatchObject({ code: '23514', constraint: 'log_test_refuse', message: expect.stringMatching(/^Failed query: insert "mail"."messages"/) });
  // The status link's request was logged, its token masked.
  expect(log()).toContain('/partner-requests/status/[redacted]');

  const text = log();
  expect(secrets.size).toBeGreaterThan(15);
  for (const secret of secrets) expect(text.includes(secret), `the log holds a secret of ${secret.length} characters`).toBe(false);
  expect(text).not.toContain('$argon2');
  expect(text).not.toMatch(/"params":\s*\[/);
  expect(text).not.toMatch(/"query":/);
  expect(text).not.toMatch(/values \(\$1/i);
  expect(text).not.toMatch(/(invitation|reset-password)#[A-Za-z0-9_-]{10,}/);
  expect(text).not.toMatch(/bearer [A-Za-z0-9_-]{10,}/i);
});
