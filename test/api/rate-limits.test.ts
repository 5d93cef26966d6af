// Sign-up is limited per address too: many e-mails from one address are refused once the limit is reached.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partnerRequest, startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ env: { SIGN_UP_LIMIT_PER_ADDRESS: '3', SIGN_IN_LIMIT_PER_ADDRESS: '4' } });
});
afterAll(() => t?.close());

it('refuses the fourth sign-up from one address, whatever the e-mail', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await t.request('POST', '/api/store/partner-requests', { body: partnerRequest() })).status);
  expect(statuses).toEqual([202, 202, 202, 429]);
});

it('refuses sign-in attempts from one address across accounts', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await t.request('POST', '/api/auth/sign-in', { body: { email: `someone${i}@handshake.test`, password: 'wrong-password' } })).status);
  // startApp signed the administrator in once already from this address.
  expect(statuses).toEqual([401, 401, 401, 429]);
});
