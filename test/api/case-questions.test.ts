// Questions to the applicant on an onboarding case: asked by staff and mailed with a fresh status link, answered on
// the status page with files checked by their content, served to staff only as downloads, reminded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { mailTo } from '../helpers/partners.ts';

let t: TestApp;
beforeAll(async () => {
  // Reminders are due at once, so the test sees one without waiting days (and never sleeps).
  t = await startApp({ env: { ONBOARDING_REMINDER_DAYS: '0' } });
});
afterAll(() => t?.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

async function caseOf() {
  const body = partnerRequest();
  const submitted = await t.request('POST', '/api/store/partner-requests', { body });
  expect(submitted.status).toBe(202);
  const token = String(submitted.body.statusUrl).split('/').pop()!;
  await waitFor(async () => (await t.request('GET', `/api/hq/onboarding-cases/${submitted.body.id}`, { token: t.adminToken })).status === 200, 'the case');
  return { body, caseId: submitted.body.id as string, token };
}

const detail = async (caseId: string) => (await t.request('GET', `/api/hq/onboarding-cases/${caseId}`, { token: t.adminToken })).body;

function answer(token: string, fields: Record<string, string>, files: { name: string; type: string; bytes: Buffer }[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return fetch(`${t.url}/api/store/partner-requests/status/${token}/answers`, { method: 'POST', body: form }).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), body: await res.json().catch(() => undefined) }));
}

describe('questions to the applicant', () => {
  it('asks by mail with a working status link, takes an answer with files checked by content, and serves them as downloads', async () => {
    const c = await caseOf();
    const salesperson = await t.staffToken(['salesperson']);
    const asked = await t.request('POST', `/api/hq/onboarding-cases/${c.caseId}/questions`, { token: salesperson, body: { text: 'Please send your trade register extract.' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ askedIn: 'sales', text: 'Please send your trade register extract.' });
    expect((await detail(c.caseId)).status).toBe('WaitingForApplicant');

    // The applicant's mail carries the question and a fresh status link that opens the status page.
    const mail = await mailTo(t, c.body.email, 'applicant-question');
    expect(mail.text).toContain('Please send your trade register extract.');
    expect(mail.text).toContain('Dear Maria');
    const link = /\/partner\/request-status\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    expect(link).not.toBe(c.token);
    expect((await t.request('GET', `/api/store/partner-requests/status/${link}`)).status).toBe(200);
    const open = await t.request('GET', `/api/store/partner-requests/status/${link}/answers`);
    expect(open.body).toMatchObject({ waitingForApplicant: true, questions: [{ id: asked.body.id, text: 'Please send your trade register extract.' }] });

    // Refused, each naming the file, and nothing stored: too large, HTML named .pdf, HTML declared application/pdf.
    const fields = { questionId: asked.body.id, text: 'Here it is.' };
    const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const tooLarge = await answer(link!, fields, [{ name: 'extract.pdf', type: 'application/pdf', bytes: pdf }, { name: 'scan.pdf', type: 'application/pdf', bytes: big }]);
    expect(tooLarge.status, JSON.stringify(tooLarge.body)).toBe(413);
    expect(tooLarge.type).toMatch(/application\/problem\+json/);
    expect(tooLarge.body.detail).toContain('scan.pdf');
    const htmlNamedPdf = await answer(link!, fields, [{ name: 'extract.pdf', type: 'application/pdf', bytes: html }]);
    expect(htmlNamedPdf.status).toBe(415);
    expect(htmlNamedPdf.body.detail).toContain('extract.pdf');
    const fourFiles = await answer(link!, fields, [1, 2, 3, 4].map((i) => ({ name: `p${i}.pdf`, type: 'application/pdf', bytes: pdf })));
    expect(fourFiles.status).toBe(413);
    expect((await answer(link!, { questionId: 'nope', text: 'x' })).status).toBe(400);
    expect((await answer(link!, { questionId: asked.body.id, text: '   ' })).status).toBe(400);
    expect((await t.request('GET', `/api/store/partner-requests/status/${link}/answers`)).body.waitingForApplicant).toBe(true);
    expect((await detail(c.caseId)).status).toBe('WaitingForApplicant');

    // A PNG named .pdf and declared text/html is a PNG: accepted and typed by its bytes.
    const ok = await answer(link!, fields, [{ name: 'extract.pdf', type: 'application/pdf', bytes: pdf }, { name: 'logo "x".pdf', type: 'text/html', bytes: png }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(204);
    expect((await answer(link!, fields)).status).toBe(409);

    const answered = await detail(c.caseId);
    expect(answered.status).toBe('InReview');
    const files = answered.questions[0].answer.attachments;
    expect(answered.questions[0].answer.text).toBe('Here it is.');
    expect(files.map((f: { mediaType: string }) => f.mediaType)).toEqual(['application/pdf', 'image/png']);
    const kinds = answered.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.indexOf('question-asked')).toBeLessThan(kinds.indexOf('question-answered'));
    expect(answered.timeline.find((e: { kind: string }) => e.kind === 'question-asked')).toMatchObject({ context: 'sales', actor: expect.stringMatching(/^Staff/) });
    expect(answered.timeline.find((e: { kind: string }) => e.kind === 'question-answered')).toMatchObject({ actor: c.body.email });

    for (const [file, bytes] of [[files[0], pdf], [files[1], png]] as const) {
      const res = await fetch(`${t.url}/api/hq/onboarding-cases/${c.caseId}/attachments/${file.id}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(file.mediaType);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"\\]*"/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
    expect((await fetch(`${t.url}/api/hq/onboarding-cases/${c.caseId}/attachments/${files[0].id}`)).status).toBe(401);
  });

  it('refuses questions on decided and unknown cases, and reminds the applicant once', async () => {
    const c = await caseOf();
    const asked = await t.request('POST', `/api/hq/onboarding-cases/${c.caseId}/questions`, { token: t.adminToken, body: { text: 'Which VAT number do you trade under?' } });
    expect(asked.body.askedIn).toBe('hq');
    // With ONBOARDING_REMINDER_DAYS=0 the reminder is due at once; a further pass sends no second one.
    const reminder = await mailTo(t, c.body.email, 'applicant-question-reminder');
    expect(reminder.text).toContain('Which VAT number do you trade under?');
    expect(reminder.text).toMatch(/\/partner\/request-status\/[A-Za-z0-9_-]+/);
    expect(await t.app.onboarding.sendReminders()).toBe(0);
    const reminders = await t.request('GET', `/api/mail/messages?to=${encodeURIComponent(c.body.email)}&type=applicant-question-reminder`, { token: t.adminToken });
    expect(reminders.body.items).toHaveLength(1);

    expect((await t.request('POST', '/api/hq/onboarding-cases/00000000-0000-4000-8000-000000000000/questions', { token: t.adminToken, body: { text: 'Hello?' } })).status).toBe(404);
    expect((await t.request('POST', `/api/hq/onboarding-cases/${c.caseId}/questions`, { token: t.adminToken, body: { text: 'x'.repeat(2001) } })).status).toBe(400);
    const prospectId = await waitFor(async () => (await detail(c.caseId)).prospectId, 'the prospect');
    expect((await t.request('POST', `/api/hq/prospects/${prospectId}/reject`, { token: t.adminToken, body: { reason: 'Not a business' } })).status).toBe(200);
    const late = await t.request('POST', `/api/hq/onboarding-cases/${c.caseId}/questions`, { token: t.adminToken, body: { text: 'One more thing?' } });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await t.request('GET', '/api/store/partner-requests/status/not-a-valid-token/answers')).status).toBe(404);
  });

  it('limits answers per status link, so a leaked link cannot be used to fill the database', async () => {
    const c = await caseOf();
    const asked = await t.request('POST', `/api/hq/onboarding-cases/${c.caseId}/questions`, { token: t.adminToken, body: { text: 'Which warehouse?' } });
    expect(asked.status).toBe(201);
    const results = [];
    for (let i = 0; i < 21; i++) results.push((await answer(c.token, { questionId: asked.body.id, text: ' ' })).status);
    expect(results.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(results[20]).toBe(429);
  });
});
