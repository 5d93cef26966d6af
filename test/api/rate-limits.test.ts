// Sign-up, sign-in and forgot-password are limited per address and per account: once a limit is reached the next
// attempt is refused with 429, whatever the e-mail.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partnerRequest, startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ env: { SIGN_UP_LIMIT_PER_ADDRESS: '3', SIGN_IN_LIMIT_PER_ADDRESS: '4', SIGN_IN_LIMIT_PER_ACCOUNT: '3' } });
});
afterAll(() => t?.close());

it('refuses the fourth sign-up from one address, whatever the e-mail', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await t.request('POST', '/api/store/partner-requests', { body: partnerRequest() })).status);
  expect(statuses).toEqual([202, 202, 202, 429]);
});

it('refuses sign-in attempts from one address across accounts once four have failed', async () => {
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await t.request('POST', '/api/auth/sign-in', { body: { email: `someone${i}@handshake.test`, password: 'wrong-password' } })).status);
  // startApp signed the administrator in from this address already: a good sign-in does not count.
  expect(statuses).toEqual([401, 401, 401, 401, 429]);
});

it('refuses partner sign-in after three attempts on one account, then any account from the same address', async () => {
  const attempt = (email: string) => t.request('POST', '/api/store/auth/sign-in', { body: { email, password: 'wrong-password' } }).then((r) => r.status);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push(await attempt('Someone@Partner.test'));
  expect(statuses).toEqual([401, 401, 401, 429]);
  // The address has now made four attempts: a fifth, on an account never tried, is refused too.
  expect(await attempt('nobody-else@partner.test')).toBe(429);
});

it('throttles forgot-password per account and per address, with the same answer until then', async () => {
  const ask = (email: string) => t.request('POST', '/api/store/auth/forgot-password', { body: { email } });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await ask('someone@partner.test'));
  expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 429]);
  expect(answers[4 - 1]!.headers.get('retry-after')).toMatch(/^\d+$/);
  expect((await ask('another@partner.test')).status).toBe(429);
});
