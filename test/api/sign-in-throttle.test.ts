// Sign-in limits that stop guessing without locking out good users: only failures count (5 per account, 8 per
// address in this file), a good sign-in clears its account's failures, a limit reached refuses even the right
// password with 429 and Retry-After, the same for known and unknown e-mails, and every web process shares the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { createApp } from '../../src/app.ts';
import { adminEmail, adminPassword, onPostgres, partnerRequest, startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { approvedPartner, partnerPassword } from '../helpers/partners.ts';

const limits = { TRUST_PROXY: 'true', SIGN_IN_LIMIT_PER_ACCOUNT: '5', SIGN_IN_LIMIT_PER_ADDRESS: '8', SIGN_UP_LIMIT_PER_ADDRESS: '4' };
let t: TestApp;
let addressCount = 0;
/** Each test signs in from an address of its own (the server trusts X-Forwarded-For here). */
const newAddress = () => `203.0.113.${++addressCount}`;

beforeAll(async () => {
  t = await startApp({ env: limits });
});
afterAll(() => t?.close());

async function signIn(path: '/api/auth/sign-in' | '/api/store/auth/sign-in', email: string, password: string, address: string, base = t.url) {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ email, password }) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { detail?: string } };
}
const staff = (email: string, password: string, address: string, base?: string) => signIn('/api/auth/sign-in', email, password, address, base);

/** An approved partner whose requestor accepted the invitation. */
async function partnerAdmin(): Promise<{ email: string; password: string }> {
  return { email: (await approvedPartner(t)).email, password: partnerPassword };
}

describe('per account', () => {
  it('lets a staff user and a partner user sign in ten times in a row', async () => {
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect((await staff(adminEmail, adminPassword, address)).status).toBe(200);
    const partner = await partnerAdmin();
    for (let i = 0; i < 10; i++) expect((await signIn('/api/store/auth/sign-in', partner.email, partner.password, address)).status).toBe(200);
  });

  it('refuses the right password after five failures with 429 and Retry-After, exactly as for an unknown e-mail', async () => {
    const email = `limited-${Date.now()}@handshake.test`;
    const created = await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email, name: 'Limited', password: 'right-password-1', roles: ['hq-operations'] } });
    expect(created.status).toBe(201);
    const answers = async (who: string, last: string) => {
      const out = [];
      for (let i = 0; i < 5; i++) out.push(await staff(who, 'wrong-password', newAddress()));
      out.push(await staff(who, last, newAddress()));
      return out;
    };
    const known = await answers(email, 'right-password-1');
    const unknown = await answers(`nobody-${Date.now()}@handshake.test`, 'right-password-1');
    for (const list of [known, unknown]) {
      expect(list.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
      expect(Number(list[5]!.retryAfter)).toBeGreaterThan(0);
      expect(Number(list[5]!.retryAfter)).toBeLessThanOrEqual(900);
    }
    // Nothing in the answers tells the two apart; only the minutes left differ, as time passes between the two runs.
    const shape = (list: typeof known) => list.map((a) => a.body.detail?.replace(/\d+ minute/, 'N minute'));
    expect(shape(known)).toEqual(shape(unknown));
    expect(known[5]!.body.detail).toBe(`Too many attempts. Try again in ${Math.ceil(Number(known[5]!.retryAfter) / 60)} minute(s).`);
  });

  it('forgets the failures once the owner signs in', async () => {
    const email = `forgetful-${Date.now()}@handshake.test`;
    await t.request('POST', '/api/hq/staff-users', { token: t.adminToken, body: { email, name: 'Forgetful', password: 'right-password-1', roles: ['hq-operations'] } });
    const address = newAddress();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await staff(email, 'wrong-password', address)).status);
    statuses.push((await staff(email, 'right-password-1', address)).status);
    // A fresh count: five more failures before the limit.
    for (let i = 0; i < 5; i++) statuses.push((await staff(email, 'wrong-password', newAddress())).status);
    statuses.push((await staff(email, 'right-password-1', newAddress())).status);
    expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401, 401, 429]);
  });
});

describe('per address', () => {
  it('counts failures across accounts, not good sign-ins', async () => {
    const address = newAddress();
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await staff(`guess${i}@handshake.test`, 'wrong-password', address)).status);
      // Good sign-ins from the same office in between do not count…
      if (i < 7) statuses.push((await staff(adminEmail, adminPassword, address)).status);
    }
    expect(statuses).toEqual([...Array.from({ length: 7 }, () => [401, 200]).flat(), 401]);
    // …but once eight have failed, the address is refused whatever it tries.
    const next = await staff(adminEmail, adminPassword, address);
    expect(next.status).toBe(429);
    expect(Number(next.retryAfter)).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await staff(adminEmail, adminPassword, newAddress())).status).toBe(200);
  });

  it.skipIf(!onPostgres)('holds across two processes on the same database', async () => {
    const second = await createApp(
      loadConfig({ ...limits, DATABASE_URL: t.app.config.databaseUrl!, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SERVE_WEB: 'false', DISTRIBUTION_MODE: 'off', ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword }),
    );
    try {
      await second.listen();
      const address = second.server.server.address();
      const secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const from = newAddress();
      const statuses = [];
      // Four failures on each process: the limit of 8 is reached between them, not per process.
      for (let i = 0; i < 8; i++) statuses.push((await staff(`shared${i}@handshake.test`, 'wrong-password', from, i % 2 === 0 ? t.url : secondUrl)).status);
      statuses.push((await staff(adminEmail, adminPassword, from, t.url)).status);
      statuses.push((await staff(adminEmail, adminPassword, from, secondUrl)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);

      // Sign-ups per address too: four in all, whichever process takes them.
      const signUpFrom = newAddress();
      const signUps = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${i % 2 === 0 ? t.url : secondUrl}/api/store/partner-requests`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': signUpFrom }, body: JSON.stringify(partnerRequest()) });
        signUps.push(res.status);
      }
      expect(signUps).toEqual([202, 202, 202, 202, 429]);
    } finally {
      await second.close();
    }
  });
});
