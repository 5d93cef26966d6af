// E-mail through a real SMTP exchange with an in-process server: the approval and decline mails, retries on 451,
// no retry on 550, a server that is down and comes back, template validation and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { decoded, smtpServer } from '../helpers/smtp.ts';

const smtp = smtpServer();

let t: TestApp;
let ops: string;

beforeAll(async () => {
  await smtp.start();
  t = await startApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_RETRY_BASE_MS: '100' } });
  ops = await t.staffToken(['hq-operations']);
});
afterAll(async () => {
  await t?.close();
  await smtp.stop();
});

async function newProspect(overrides: Record<string, unknown> = {}) {
  const body = partnerRequest(overrides);
  expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
  const prospect = await waitFor(async () => (await t.request('GET', `/api/hq/prospects?search=${encodeURIComponent(body.email)}`, { token: ops })).body.items[0], 'the prospect');
  return { body, prospect };
}

async function messagesTo(email: string) {
  return (await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(email)}`, { token: ops })).body.items as { id: number; status: string; notificationType: string; attempts: number; lastError: string | null; subject: string }[];
}

async function messageOf(email: string, type: string) {
  return (await messagesTo(email)).find((m) => m.notificationType === type);
}

describe('notifications', () => {
  it('tells the applicant the request arrived', async () => {
    const { body } = await newProspect();
    await waitFor(() => smtp.to(body.email).length > 0 || undefined, 'the received mail');
    expect(decoded(smtp.to(body.email)[0]!.raw)).toContain('Thank you for asking to make');
    expect((await messageOf(body.email, 'partner-request-received'))?.status).toBe('Sent');
  });

  it('sends the approval mail with every placeholder replaced, HTML-escaped in the HTML body', async () => {
    const { body, prospect } = await newProspect({ companyName: `Fabrikam & <Sons> ${Date.now()}`, address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' } });
    expect((await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: ops })).status).toBe(200);
    const sent = await waitFor(async () => {
      const m = await messageOf(body.email, 'prospect-approved');
      return m?.status === 'Sent' ? m : undefined;
    }, 'the approval mail to be sent');
    const detail = (await t.request('GET', `/api/mail/messages/${sent.id}`, { token: ops })).body;
    expect(detail.html).toContain(body.companyName.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;'));
    expect(detail.html).not.toContain('<Sons>');
    expect(detail.text).toContain(body.companyName);
    expect(detail.subject).toContain(body.companyName);
    for (const part of [detail.subject, detail.html, detail.text]) expect(part).not.toMatch(/%[a-z]+%/);
    const raw = smtp.to(body.email).find((m) => decoded(m.raw).includes('has been approved'));
    expect(raw).toBeDefined();
    expect(decoded(raw!.raw)).toContain(`Message-ID: ${detail.messageId}`);
    // The event is consumed once: one approval message however often the feed is read.
    expect((await messagesTo(body.email)).filter((m) => m.notificationType === 'prospect-approved')).toHaveLength(1);
  });

  it('sends the decline mail with the reason', async () => {
    const { body, prospect } = await newProspect();
    await t.request('POST', `/api/hq/prospects/${prospect.id}/reject`, { token: ops, body: { reason: 'We only onboard companies with a VAT number.' } });
    const sent = await waitFor(async () => {
      const m = await messageOf(body.email, 'prospect-rejected');
      return m?.status === 'Sent' ? m : undefined;
    }, 'the decline mail');
    const detail = (await t.request('GET', `/api/mail/messages/${sent.id}`, { token: ops })).body;
    expect(detail.text).toContain('We only onboard companies with a VAT number.');
  });
});

describe('delivery', () => {
  it('retries after a 451 and delivers once the server takes it', async () => {
    const { body, prospect } = await newProspect();
    await waitFor(async () => (await messageOf(body.email, 'partner-request-received'))?.status === 'Sent' || undefined, 'the received mail first');
    smtp.answer = '451';
    await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: ops });
    const deferred = await waitFor(async () => {
      const m = await messageOf(body.email, 'prospect-approved');
      return m && m.attempts >= 2 && m.status === 'Queued' ? m : undefined;
    }, 'a retried, still queued message');
    expect(deferred.lastError).toMatch(/451/);
    smtp.answer = 'accept';
    await waitFor(async () => (await messageOf(body.email, 'prospect-approved'))?.status === 'Sent' || undefined, 'delivery after the 451s');
  });

  it('stops at a 550 with the reason and does not retry', async () => {
    const { body, prospect } = await newProspect();
    await waitFor(async () => (await messageOf(body.email, 'partner-request-received'))?.status === 'Sent' || undefined, 'the received mail first');
    smtp.answer = '550';
    await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: ops });
    const failed = await waitFor(async () => {
      const m = await messageOf(body.email, 'prospect-approved');
      return m?.status === 'Failed' ? m : undefined;
    }, 'the message to fail');
    smtp.answer = 'accept';
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550/);
    // Resend from the delivery log is a deliberate new attempt.
    expect((await t.request('POST', `/api/mail/messages/${failed.id}/resend`, { token: ops })).status).toBe(200);
    await waitFor(async () => (await messageOf(body.email, 'prospect-approved'))?.status === 'Sent' || undefined, 'the resent message');
  });

  it('keeps messages queued while the server is down and delivers them when it is back', async () => {
    const { body, prospect } = await newProspect();
    await waitFor(async () => (await messageOf(body.email, 'partner-request-received'))?.status === 'Sent' || undefined, 'the received mail first');
    await smtp.stop();
    await t.request('POST', `/api/hq/prospects/${prospect.id}/approve`, { token: ops });
    await waitFor(async () => {
      const m = await messageOf(body.email, 'prospect-approved');
      return m && m.status === 'Queued' && m.lastError ? m : undefined;
    }, 'a queued message with the connection error');
    await smtp.start();
    await waitFor(async () => (await messageOf(body.email, 'prospect-approved'))?.status === 'Sent' || undefined, 'delivery after the server is back', 30_000);
    expect(smtp.to(body.email).some((m) => decoded(m.raw).includes('has been approved'))).toBe(true);
  });
});

describe('templates', () => {
  it('refuses an unknown placeholder and an empty subject, naming the problem, and keeps the template', async () => {
    const templates = (await t.request('GET', '/api/mail/templates', { token: ops })).body as { id: number; type: string; subject: string; html: string; text: string }[];
    const approved = templates.find((x) => x.type === 'prospect-approved')!;
    const unknown = await t.request('PUT', `/api/mail/templates/${approved.id}`, { token: ops, body: { subject: approved.subject, html: '<p>Hi %nickname%</p>', text: approved.text } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'html' });
    expect(unknown.body.detail).toContain('%nickname%');
    const empty = await t.request('PUT', `/api/mail/templates/${approved.id}`, { token: ops, body: { subject: '  ', html: approved.html, text: approved.text } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0]).toMatchObject({ path: 'subject' });
    expect((await t.request('GET', `/api/mail/templates/${approved.id}`, { token: ops })).body.subject).toBe(approved.subject);
  });

  it('previews with sample values and sends a test message', async () => {
    const preview = await t.request('POST', '/api/mail/templates/preview', { token: ops, body: { type: 'prospect-rejected', subject: 'About %company%', html: '<p>%reason%</p>', text: '%firstname%' } });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('About Contoso & Sons <Ltd>');
    expect(preview.body.html).toBe('<p>We only onboard companies with a VAT number.</p>');
    const templates = (await t.request('GET', '/api/mail/templates', { token: ops })).body as { id: number; type: string }[];
    const to = `tester.${Date.now()}@mail.test`;
    const test = await t.request('POST', `/api/mail/templates/${templates[0]!.id}/test`, { token: ops, body: { to } });
    expect(test.status).toBe(202);
    await waitFor(() => smtp.to(to).length > 0 || undefined, 'the test message');
  });

  it('is for HQ staff only', async () => {
    const sales = await t.staffToken(['salesperson']);
    expect((await t.request('GET', '/api/mail/messages', { token: sales })).status).toBe(403);
    expect((await t.request('GET', '/api/mail/templates')).status).toBe(401);
  });
});
