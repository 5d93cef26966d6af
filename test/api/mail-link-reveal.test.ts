// Without SMTP, an approval mail stays in the local mailbox with the requestor's invitation link. Its link is masked
// for everyone; an administrator alone can reveal it, and every reveal is recorded (who, when).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

let t: TestApp;
let ops: string;

beforeAll(async () => {
  t = await startApp();
  ops = await t.staffToken(['hq-operations']);
});
afterAll(() => t?.close());

/** An approved request's approval message, as the delivery log lists it. */
async function approvalMessage(): Promise<{ id: number; email: string }> {
  const body = partnerRequest();
  await t.request('POST', '/api/store/partner-requests', { body });
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: ops })).body.items[0], 'the prospect');
  expect((await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: ops })).status).toBe(200);
  const message = await waitFor(async () => (await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(body.email)}&type=prospect-approved`, { token: ops })).body.items[0], 'the approval message');
  return { id: message.id, email: body.email };
}

it('masks the invitation link of a stored message for operations staff and administrators alike', async () => {
  const { id } = await approvalMessage();
  for (const token of [ops, t.adminToken]) {
    const detail = await t.request('GET', `/api/mail/messages/${id}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('Stored');
    expect(detail.body.linksHidden).toBe(true);
    expect(detail.body.text).toContain('/invitation#(hidden)');
    expect(detail.body.html).toContain('/invitation#(hidden)');
    expect(`${detail.body.text}${detail.body.html}`).not.toMatch(/invitation#[A-Za-z0-9_-]{10,}/);
  }
});

it('reveals the link to an administrator only, and records each reveal for everyone to see', async () => {
  const { id } = await approvalMessage();
  const refused = await t.request('POST', `/api/mail/messages/${id}/reveal`, { token: ops });
  expect(refused.status).toBe(403);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect((await t.request('GET', `/api/mail/messages/${id}`, { token: ops })).body.reveals).toEqual([]);

  const revealed = await t.request('POST', `/api/mail/messages/${id}/reveal`, { token: t.adminToken });
  expect(revealed.status).toBe(200);
  expect(revealed.body.linksHidden).toBe(false);
  const token = /\/invitation#([A-Za-z0-9_-]{10,})/.exec(revealed.body.text)?.[1];
  expect(token).toBeDefined();
  // The revealed link is the real one: the storefront knows it.
  await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token } })).status === 200, 'the invitation to reach the storefront');

  await t.request('POST', `/api/mail/messages/${id}/reveal`, { token: t.adminToken });
  const seen = (await t.request('GET', `/api/mail/messages/${id}`, { token: ops })).body;
  expect(seen.text).toContain('/invitation#(hidden)');
  expect(seen.reveals).toHaveLength(2);
  const me = (await t.request('GET', '/api/auth/me', { token: t.adminToken })).body.user;
  for (const reveal of seen.reveals) {
    expect(reveal).toMatchObject({ by: me.name, byId: me.id });
    expect(Date.now() - Date.parse(reveal.at)).toBeLessThan(60_000);
  }
});

it('reveals nothing of a message that is not in the local mailbox', async () => {
  // A held message may still be sent: its link is not for staff to pass on.
  expect((await t.request('PUT', '/api/mail/profiles/default/entries/prospect-approved', { token: ops, body: { mode: 'Hold' } })).status).toBe(200);
  try {
    const { id } = await approvalMessage();
    const held = await t.request('GET', `/api/mail/messages/${id}`, { token: ops });
    expect(held.body.status).toBe('Held');
    expect((await t.request('POST', `/api/mail/messages/${id}/reveal`, { token: t.adminToken })).status).toBe(409);
  } finally {
    await t.request('PUT', '/api/mail/profiles/default/entries/prospect-approved', { token: ops, body: { mode: 'Send' } });
  }
  expect((await t.request('POST', '/api/mail/messages/999999/reveal', { token: t.adminToken })).status).toBe(404);
});
