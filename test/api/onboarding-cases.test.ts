// Onboarding cases: one per partner request, with one timeline across the store, HQ, the CRM, dual-write and mail,
// for the seed's three CRM paths (won, disqualified, lost) and HQ's direct approval; re-applying links the cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { linkToken, mailTo, partnerPassword } from '../helpers/partners.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

const get = async (path: string) => {
  const res = await t.request('GET', path, { token: t.adminToken });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
};

/** Signs up and waits for the case, its prospect and the lead dual-write makes of it. */
async function applied(overrides: Record<string, unknown> = {}) {
  const body = partnerRequest(overrides);
  const submitted = await t.request('POST', '/api/store/partner-requests', { body });
  expect(submitted.status).toBe(202);
  const found = await waitFor(async () => (await get(`/api/hq/onboarding-cases?search=${encodeURIComponent(body.email)}`)).items.find((c: { id: string }) => c.id === submitted.body.id), 'the case');
  const lead = await waitFor(async () => (await get(`/api/sales/leads?view=all-commerce-b2b-leads&search=${encodeURIComponent(body.companyName)}`)).items.find((l: { prospectId: string }) => l.prospectId === found.prospectId), 'the lead');
  return { body, caseId: found.id as string, prospectId: found.prospectId as string, leadId: lead.id as string };
}

const kinds = async (caseId: string) => (await get(`/api/hq/onboarding-cases/${caseId}`)).timeline.map((e: { kind: string }) => e.kind);

/** `expected` appear in the timeline in this order (other steps may come between). */
function inOrder(timeline: string[], expected: string[]) {
  let at = -1;
  for (const kind of expected) {
    const next = timeline.indexOf(kind, at + 1);
    expect(next, `${kind} after position ${at} in ${timeline.join(', ')}`).toBeGreaterThan(at);
    at = next;
  }
}

describe('onboarding cases', () => {
  it('tells the CRM "won" path from the request to the first sign-in, in order, with actors', async () => {
    const a = await applied();
    const opened = await get(`/api/hq/onboarding-cases/${a.caseId}`);
    expect(opened).toMatchObject({ status: 'InReview', email: a.body.email, companyName: a.body.companyName, prospectId: a.prospectId, leadId: a.leadId });
    expect(opened.number).toMatch(/^OC-\d{6}$/);

    const qualified = await t.request('POST', `/api/sales/leads/${a.leadId}/qualify`, { token: t.adminToken, body: {} });
    expect(qualified.status).toBe(200);
    expect((await t.request('POST', `/api/sales/opportunities/${qualified.body.opportunityId}/close`, { token: t.adminToken, body: { status: 'Won', statusReason: 'Won', actualRevenue: 1000 } })).status).toBe(200);
    await waitFor(async () => (await get(`/api/hq/onboarding-cases/${a.caseId}`)).status === 'Approved', 'the case approved through dual-write');

    // The partner's admin accepts the invitation from the approval mail (which signs them in) and orders nothing yet.
    const invitation = linkToken((await mailTo(t, a.body.email, 'prospect-approved')).text, 'invitation');
    await waitFor(async () => (await t.request('POST', '/api/store/auth/link', { body: { token: invitation } })).status === 200, 'the invitation on the storefront');
    expect((await t.request('POST', '/api/store/auth/accept-invitation', { body: { token: invitation, password: partnerPassword } })).status).toBe(200);

    const done = await get(`/api/hq/onboarding-cases/${a.caseId}`);
    inOrder(done.timeline.map((e: { kind: string }) => e.kind), ['submitted', 'uploaded', 'prospect-created', 'lead-created', 'qualified', 'won', 'approved', 'invitation-accepted', 'first-sign-in']);
    expect(done.timeline.filter((e: { kind: string }) => e.kind === 'mail').map((e: { text: string }) => e.text).join(' ')).toMatch(/kept in the local mailbox/);
    expect(done.timeline.find((e: { kind: string }) => e.kind === 'lead-created')).toMatchObject({ actor: 'Dual-write', context: 'dualwrite' });
    expect(done.timeline.find((e: { kind: string }) => e.kind === 'won')).toMatchObject({ context: 'sales' });
    expect(done.timeline.find((e: { kind: string }) => e.kind === 'approved')).toMatchObject({ context: 'hq' });
    expect(done).toMatchObject({ customerAccount: expect.any(String), hierarchyId: expect.any(String), opportunityId: qualified.body.opportunityId });
    for (let i = 1; i < done.timeline.length; i++) expect(done.timeline[i].at >= done.timeline[i - 1].at).toBe(true);
    // The prospect leads to its case.
    expect((await get(`/api/hq/onboarding-cases/by-prospect/${a.prospectId}`)).id).toBe(a.caseId);
  });

  it('tells the disqualified and the lost paths, each ending rejected', async () => {
    const d = await applied();
    expect((await t.request('POST', `/api/sales/leads/${d.leadId}/disqualify`, { token: t.adminToken, body: { statusReason: 'NoLongerInterested' } })).status).toBe(200);
    await waitFor(async () => (await get(`/api/hq/onboarding-cases/${d.caseId}`)).status === 'Rejected', 'the disqualified case rejected');
    inOrder(await kinds(d.caseId), ['submitted', 'uploaded', 'prospect-created', 'lead-created', 'disqualified', 'rejected']);

    const l = await applied();
    const qualified = await t.request('POST', `/api/sales/leads/${l.leadId}/qualify`, { token: t.adminToken, body: {} });
    expect((await t.request('POST', `/api/sales/opportunities/${qualified.body.opportunityId}/close`, { token: t.adminToken, body: { status: 'Lost', statusReason: 'OutSold' } })).status).toBe(200);
    await waitFor(async () => (await get(`/api/hq/onboarding-cases/${l.caseId}`)).status === 'Rejected', 'the lost case rejected');
    inOrder(await kinds(l.caseId), ['submitted', 'uploaded', 'prospect-created', 'lead-created', 'qualified', 'lost', 'rejected']);
  });

  it("tells HQ's direct approval, and links a re-application to the earlier rejected case with its reason", async () => {
    const first = await applied();
    const rejected = await t.request('POST', `/api/hq/prospects/${first.prospectId}/reject`, { token: t.adminToken, body: { reason: 'No VAT registration yet' } });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await waitFor(async () => (await get(`/api/hq/onboarding-cases/${first.caseId}`)).status === 'Rejected', 'the first case rejected');
    await mailTo(t, first.body.email, 'prospect-rejected');

    const again = await applied({ email: first.body.email, companyName: first.body.companyName });
    expect(again.caseId).not.toBe(first.caseId);
    const second = await get(`/api/hq/onboarding-cases/${again.caseId}`);
    expect(second.previousCase).toMatchObject({ id: first.caseId, status: 'Rejected', rejectionReason: 'No VAT registration yet' });
    const approved = await t.request('POST', `/api/hq/prospects/${again.prospectId}/approve`, { token: t.adminToken, body: {} });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await waitFor(async () => (await get(`/api/hq/onboarding-cases/${again.caseId}`)).status === 'Approved', 'the second case approved');
    inOrder(await kinds(again.caseId), ['submitted', 'uploaded', 'prospect-created', 'approved']);
    // Each case tells its own mails: the rejection mail stays on the first, the approval mail on the second.
    const mails = async (caseId: string) => (await get(`/api/hq/onboarding-cases/${caseId}`)).timeline.filter((e: { kind: string }) => e.kind === 'mail').map((e: { text: string }) => e.text).join('\n');
    await waitFor(async () => /Welcome/.test(await mails(again.caseId)), 'the approval mail on the second case');
    const firstMails = await mails(first.caseId);
    const secondMails = await mails(again.caseId);
    expect(firstMails).toMatch(/Your request to become/);
    expect(firstMails).not.toMatch(/Welcome/);
    expect(secondMails).not.toMatch(/Your request to become/);
    expect(secondMails.match(/We received your request/g)).toHaveLength(1);
    expect(firstMails.match(/We received your request/g)).toHaveLength(1);
  });

  it('filters the work queue by status in SQL (paging stays right), finds a customer\'s case, and counts the funnel', async () => {
    const before = await get('/api/hq/onboarding-cases/funnel');
    const approved = await applied();
    const rejected = await applied();
    const open = await applied();
    const decision = await t.request('POST', `/api/hq/prospects/${approved.prospectId}/approve`, { token: t.adminToken, body: {} });
    expect(decision.status, JSON.stringify(decision.body)).toBe(200);
    expect((await t.request('POST', `/api/hq/prospects/${rejected.prospectId}/reject`, { token: t.adminToken, body: { reason: 'Outside our market' } })).status).toBe(200);

    const ids = async (query: string) => (await get(`/api/hq/onboarding-cases?${query}`)).items.map((c: { id: string }) => c.id);
    const approvedIds = await ids('status=Approved&limit=100');
    expect(approvedIds).toContain(approved.caseId);
    expect(approvedIds).not.toContain(rejected.caseId);
    expect(await ids('status=Rejected&limit=100')).toContain(rejected.caseId);
    const inReview = await ids('status=InReview&limit=100');
    expect(inReview).toContain(open.caseId);
    expect(inReview).not.toContain(approved.caseId);
    // A question to the applicant moves the open case from In review to Waiting for applicant.
    expect((await t.request('POST', `/api/hq/onboarding-cases/${open.caseId}/questions`, { token: t.adminToken, body: { text: 'Which VAT number do you trade under?' } })).status).toBe(201);
    expect(await ids('status=WaitingForApplicant&limit=100')).toEqual([open.caseId]);
    expect(await ids('status=InReview&limit=100')).not.toContain(open.caseId);
    // Each page of a filtered list is full and counted by the filter, not cut short after reading.
    const firstPage = await get('/api/hq/onboarding-cases?status=Approved&limit=1');
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.items[0].status).toBe('Approved');
    expect(firstPage.total).toBe(approvedIds.length);
    expect(firstPage.next).toBe(approvedIds.length > 1 ? 1 : undefined);
    // Oldest first on request; newest first by default.
    const oldest = await ids('sort=openedAt&limit=100');
    const newest = await ids('limit=100');
    expect(oldest.indexOf(approved.caseId)).toBeLessThan(oldest.indexOf(open.caseId));
    expect(newest.indexOf(open.caseId)).toBeLessThan(newest.indexOf(approved.caseId));
    // Both customers the approval made lead back to the case.
    expect(await ids(`customer=${decision.body.customerAccount}`)).toEqual([approved.caseId]);
    expect(await ids(`customer=${decision.body.personCustomerAccount}`)).toEqual([approved.caseId]);
    expect((await t.request('GET', '/api/hq/onboarding-cases?status=Lost', { token: t.adminToken })).status).toBe(400);

    const after = await get('/api/hq/onboarding-cases/funnel');
    expect(after.weeks).toHaveLength(8);
    expect(after.weeks.at(-1).weekStart > after.weeks[0].weekStart).toBe(true);
    expect(after.requests - before.requests).toBe(3);
    expect(after.decided - before.decided).toBe(2);
    expect(after.approved - before.approved).toBe(1);
    expect(after.weeks.at(-1).requests - before.weeks.at(-1).requests).toBe(3);
    expect(after.medianSecondsToDecision).toEqual(expect.any(Number));
    expect((await t.request('GET', '/api/hq/onboarding-cases/funnel')).status).toBe(401);
  });

  it("gives All prospects each prospect's case, by a list of prospect ids", async () => {
    const all = (await get('/api/hq/onboarding-cases?limit=100')).items as { id: string; prospectId?: string }[];
    const [a, b] = all.filter((c) => c.prospectId);
    const picked = await get(`/api/hq/onboarding-cases?prospects=${a!.prospectId},${b!.prospectId},P-NOT-THERE&limit=100`);
    const expected = all.filter((c) => c.prospectId === a!.prospectId || c.prospectId === b!.prospectId).map((c) => c.id).sort();
    expect(picked.items.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    expect(picked.total).toBe(expected.length);
    expect((await get('/api/hq/onboarding-cases?prospects=P-NOT-THERE')).total).toBe(0);
    const tooMany = Array.from({ length: 201 }, (_, i) => `P-${i}`).join(',');
    expect((await t.request('GET', `/api/hq/onboarding-cases?prospects=${tooMany}`, { token: t.adminToken })).status).toBe(400);
  });

  it('is staff-only and answers unknown cases with 404', async () => {
    expect((await t.request('GET', '/api/hq/onboarding-cases')).status).toBe(401);
    expect((await t.request('GET', '/api/hq/onboarding-cases/00000000-0000-4000-8000-000000000000', { token: t.adminToken })).status).toBe(404);
    expect((await t.request('GET', '/api/hq/onboarding-cases/not-a-uuid', { token: t.adminToken })).status).toBe(400);
  });
});
