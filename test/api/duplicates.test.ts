// Duplicates at intake (issue 14 §3): the VAT number on the form, matching when a request becomes a prospect,
// dismissing a match, and approving a request into the organization customer it duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerRequest, startApp, waitFor } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { addedUser, approvedPartner, mailTo } from '../helpers/partners.ts';

let t: TestApp;
let ops: string;
beforeAll(async () => {
  // Small dual-write batches, so that a handful of queued changes is a backlog the engine works through batch by batch.
  t = await startApp({ env: { DUALWRITE_BATCH_SIZE: '3' } });
  ops = await t.staffToken(['hq-operations']);
});
afterAll(() => t?.close());

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Submits a request and waits for its prospect, with its possible duplicates. */
async function prospectOf(overrides: Record<string, unknown>) {
  const body = partnerRequest(overrides);
  const res = await t.request('POST', '/api/store/partner-requests', { body });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  // The open one: the same e-mail may have an earlier, decided prospect.
  const listed = await waitFor(
    async () => (await t.request('GET', `/api/hq/prospects?status=New&search=${encodeURIComponent(body.email)}`, { token: ops })).body.items[0],
    'the prospect',
  );
  return (await t.request('GET', `/api/hq/prospects/${listed.id}`, { token: ops })).body;
}

type Match = { matchId: number; kind: string; id: string; name: string; reasons: string[]; score: number; status: string; nameSimilarity?: number };
const matchOf = (prospect: { possibleDuplicates: Match[] }, id: string) => prospect.possibleDuplicates.find((d) => d.id === id);

describe('VAT number', () => {
  it('is normalised, travels to the prospect, and is refused in a wrong format naming the field', async () => {
    const company = `Vatcheck ${unique()}`;
    const p = await prospectOf({ companyName: company, vatNumber: 'ee 1012.345-67', email: `a.${unique()}@vatcheck-${unique()}.test` });
    expect(p.vatNumber).toBe('EE101234567');

    for (const [vatNumber, country] of [
      ['EE12345678', 'EE'], // one digit short
      ['DE123456789', 'EE'], // another country's prefix
      ['FI123456789', 'FI'], // Finland has 8 digits
      ['12', 'US'], // elsewhere: 4 to 20 letters and digits
    ]) {
      const res = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ vatNumber, address: { street: 'Main 1', city: 'Town', zip: '123', countryRegionId: country } }) });
      expect(res.status, `${vatNumber} in ${country}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['vatNumber']);
    }
    const us = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest({ vatNumber: '12-3456789', address: { street: 'Main 1', city: 'Town', zip: '123', countryRegionId: 'US' } }) });
    expect(us.status).toBe(202);
  });
});

describe('matching at intake', () => {
  it('finds an organization customer by e-mail, e-mail domain, VAT number and a similar name, and stays quiet for unrelated free-mail applicants', async () => {
    const domain = `nordwind-${unique()}.test`;
    const tag = unique();
    // The first request is approved: an organization customer with the VAT number.
    const first = await approvedPartner(t, { email: `anna@${domain}`, companyName: `Nordwind Logistics ${tag} OÜ`, vatNumber: 'EE100200300' });
    const org = (await t.request('GET', `/api/hq/prospects/${first.prospectId}`, { token: ops })).body.customerAccount as string;
    expect((await t.request('GET', `/api/hq/customers/${org}`, { token: ops })).body.vatNumber).toBe('EE100200300');

    // Same e-mail domain only (different company name, no VAT number).
    const byDomain = await prospectOf({ email: `bert@${domain}`, companyName: `Totally Different ${unique()}` });
    expect(matchOf(byDomain, org)).toMatchObject({ kind: 'customer', reasons: ['domain'], status: 'Open' });

    // Same VAT number only, written differently.
    const byVat = await prospectOf({ email: `c.${unique()}@elsewhere-${unique()}.test`, companyName: `Holding ${unique()}`, vatNumber: 'EE 100 200 300' });
    expect(matchOf(byVat, org)).toMatchObject({ kind: 'customer', reasons: ['vat'] });

    // A similar company name only (legal form and case differ).
    const byName = await prospectOf({ email: `d.${unique()}@other-${unique()}.test`, companyName: `NORDWIND LOGISTICS ${tag} AS` });
    const nameMatch = matchOf(byName, org)!;
    expect(nameMatch.reasons).toEqual(['name']);
    expect(nameMatch.nameSimilarity).toBeGreaterThanOrEqual(0.5);
    expect(nameMatch.score).toBeGreaterThan(0);

    // Same e-mail: the partner's own admin applies again (from the same address), together with the domain.
    const byEmail = await prospectOf({ email: first.email, companyName: `Unrelated ${unique()}` });
    expect(matchOf(byEmail, org)!.reasons).toEqual(['email']);
    expect(matchOf(byEmail, org)!.score).toBeGreaterThanOrEqual(60);

    // A user the partner's admin added (an address on another domain) applies as if new: found through the membership.
    const member = await addedUser(t, first);
    const byMember = await prospectOf({ email: member.email, companyName: `Unrelated ${unique()}` });
    expect(matchOf(byMember, org)).toMatchObject({ kind: 'customer', reasons: ['email'] });

    // Two open prospects of one company match each other, both ways.
    const domain2 = `brightpath-${unique()}.test`;
    const p1 = await prospectOf({ email: `x@${domain2}`, companyName: `Brightpath ${tag}` });
    const p2 = await prospectOf({ email: `y@${domain2}`, companyName: `Brightpath ${tag} Ltd` });
    expect(matchOf(p2, p1.id)).toMatchObject({ kind: 'prospect', reasons: ['domain', 'name'], name: p1.companyName });
    expect(matchOf(p2, p1.id)!.score).toBeGreaterThan(60);
    const p1Again = (await t.request('GET', `/api/hq/prospects/${p1.id}`, { token: ops })).body;
    expect(matchOf(p1Again, p2.id)).toMatchObject({ kind: 'prospect' });

    // Unrelated applicants on gmail.com with different companies: no match between them.
    const g1 = await prospectOf({ email: `jaan.${unique()}@gmail.com`, companyName: `Kivisild Ehitus ${unique()}` });
    const g2 = await prospectOf({ email: `piret.${unique()}@gmail.com`, companyName: `Merelaine Kohvik ${unique()}` });
    expect(matchOf(g2, g1.id)).toBeUndefined();
    expect(g2.possibleDuplicates.filter((d: Match) => d.reasons.includes('domain'))).toEqual([]);

    // All prospects flags them and filters by it.
    const flagged = await t.request('GET', '/api/hq/prospects?duplicates=true&limit=200', { token: ops });
    const ids = flagged.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([byDomain.id, byVat.id, byName.id, p1.id, p2.id]));
    expect(ids).not.toContain(g2.id);
    expect(flagged.body.items.every((p: { possibleDuplicate: boolean }) => p.possibleDuplicate)).toBe(true);
    const g2Listed = (await t.request('GET', `/api/hq/prospects?status=New&search=${encodeURIComponent(g2.email)}`, { token: ops })).body.items[0];
    expect(g2Listed.possibleDuplicate).toBe(false);
  });
});

describe('deciding on a match', () => {
  it('dismisses a match once (409 the second time, 404 for another prospect\'s match), and the flag goes', async () => {
    const domain = `dismiss-${unique()}.test`;
    const a = await prospectOf({ email: `a@${domain}`, companyName: `Alpha ${unique()}` });
    const b = await prospectOf({ email: `b@${domain}`, companyName: `Beta ${unique()}` });
    const match = matchOf(b, a.id)!;
    expect(match.reasons).toEqual(['domain']);

    const sales = await t.staffToken(['salesperson']);
    expect((await t.request('POST', `/api/hq/prospects/${b.id}/duplicates/${match.matchId}/dismiss`, { token: sales })).status).toBe(403);
    expect((await t.request('POST', `/api/hq/prospects/${a.id}/duplicates/${match.matchId}/dismiss`, { token: ops })).status).toBe(404);
    const dismissed = await t.request('POST', `/api/hq/prospects/${b.id}/duplicates/${match.matchId}/dismiss`, { token: ops });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'Dismissed', id: a.id });
    const again = await t.request('POST', `/api/hq/prospects/${b.id}/duplicates/${match.matchId}/dismiss`, { token: ops });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const after = (await t.request('GET', `/api/hq/prospects/${b.id}`, { token: ops })).body;
    expect(matchOf(after, a.id)!.status).toBe('Dismissed');
    const listed = (await t.request('GET', `/api/hq/prospects?status=New&search=${encodeURIComponent(b.email)}`, { token: ops })).body.items[0];
    expect(listed.possibleDuplicate).toBe(false);
    // Not the same company either way round: the other prospect's side of the pair is dismissed too.
    const other = (await t.request('GET', `/api/hq/prospects/${a.id}`, { token: ops })).body;
    expect(matchOf(other, b.id)!.status).toBe('Dismissed');
  });

  it('approves a request into the existing organization customer: no second organization, the applicant a User member who is invited', async () => {
    const domain = `into-${unique()}.test`;
    const tag = unique();
    const first = await approvedPartner(t, { email: `boss@${domain}`, companyName: `Harbour Tools ${tag}` });
    const firstProspect = (await t.request('GET', `/api/hq/prospects/${first.prospectId}`, { token: ops })).body;
    const org = firstProspect.customerAccount as string;
    const second = await prospectOf({ email: `buyer@${domain}`, companyName: `Harbour Tools ${tag} Ltd`, firstName: 'Liis', lastName: 'Kask' });
    expect(matchOf(second, org)).toMatchObject({ kind: 'customer', reasons: ['domain', 'name'] });

    const orgsBefore = (await t.request('GET', `/api/hq/customers?type=Organization&search=${encodeURIComponent(`Harbour Tools ${tag}`)}`, { token: ops })).body.total;
    // Not an organization, not a customer at all: refused, nothing decided.
    expect((await t.request('POST', `/api/hq/prospects/${second.id}/approve`, { token: ops, body: { organizationAccount: firstProspect.personCustomerAccount } })).status).toBe(409);
    expect((await t.request('POST', `/api/hq/prospects/${second.id}/approve`, { token: ops, body: { organizationAccount: 'CUS-999999' } })).status).toBe(404);
    // An organization customer without a customer hierarchy: 409.
    const bare = await t.request('POST', '/api/hq/customers', { token: ops, body: { type: 'Organization', name: `Bare ${tag}`, email: `bare@${domain}`, address: { street: 'Main 1', city: 'Tallinn', zip: '10111', countryRegionId: 'EE' } } });
    expect(bare.status).toBe(201);
    const noHierarchy = await t.request('POST', `/api/hq/prospects/${second.id}/approve`, { token: ops, body: { organizationAccount: bare.body.account } });
    expect(noHierarchy.status).toBe(409);
    expect(noHierarchy.body.detail).toContain('no customer hierarchy');
    // An inactive partner: its users cannot sign in, so nobody is added to it.
    const dormant = await approvedPartner(t, { email: `old@dormant-${unique()}.test`, companyName: `Dormant ${tag}` });
    expect((await t.request('PATCH', `/api/hq/customer-hierarchies/${dormant.hierarchyId}`, { token: ops, body: { active: false } })).status).toBeLessThan(300);
    const dormantOrg = (await t.request('GET', `/api/hq/prospects/${dormant.prospectId}`, { token: ops })).body.customerAccount;
    const inactive = await t.request('POST', `/api/hq/prospects/${second.id}/approve`, { token: ops, body: { organizationAccount: dormantOrg } });
    expect(inactive.status).toBe(409);
    expect(inactive.body.detail).toContain('inactive');
    expect((await t.request('GET', `/api/hq/prospects/${second.id}`, { token: ops })).body.status).toBe('New');

    const approved = await t.request('POST', `/api/hq/prospects/${second.id}/approve`, { token: ops, body: { organizationAccount: org } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ customerAccount: org, hierarchyId: first.hierarchyId });

    const orgsAfter = (await t.request('GET', `/api/hq/customers?type=Organization&search=${encodeURIComponent(`Harbour Tools ${tag}`)}`, { token: ops })).body.total;
    expect(orgsAfter).toBe(orgsBefore);
    const hierarchy = (await t.request('GET', `/api/hq/customer-hierarchies/${first.hierarchyId}`, { token: ops })).body;
    expect(hierarchy.members).toEqual(expect.arrayContaining([expect.objectContaining({ email: `buyer@${domain}`, role: 'User' }), expect.objectContaining({ email: first.email, role: 'Admin' })]));

    // The applicant is told and invited; on the storefront the partner's admin sees the new user.
    const mail = await mailTo(t, `buyer@${domain}`, 'prospect-approved');
    expect(mail.text).toContain('/invitation#');
    const users = await waitFor(async () => {
      const res = await t.request('GET', '/api/store/organization/users', { token: first.admin });
      const u = res.body.items?.find((x: { email: string }) => x.email === `buyer@${domain}`);
      return u?.status === 'Active' ? u : undefined;
    }, 'the new member on the storefront');
    expect(users.role).toBe('User');

    // The case tells it as it happened: the requestor joined as a User, not as the Admin of a new hierarchy.
    const caseRef = (await t.request('GET', `/api/hq/prospects/${second.id}/onboarding-case`, { token: ops })).body;
    const approvedStep = (await t.request('GET', `/api/hq/onboarding-cases/${caseRef.id}`, { token: ops })).body.timeline.find((s: { kind: string }) => s.kind === 'approved');
    expect(approvedStep.text).toContain(`customer hierarchy ${first.hierarchyId} with the requestor as User`);
  });
});

describe('country codes (issue 15: current ISO 3166-1 only; the three-letter codes D365 consultants use)', () => {
  it('lists each current country once, without withdrawn codes', async () => {
    const list: { id: string; name: string }[] = (await t.request('GET', '/api/store/countries')).body;
    const ids = list.map((c) => c.id);
    for (const withdrawn of ['DD', 'SU', 'UK', 'FX', 'CS', 'YU', 'AN', 'XK']) expect(ids).not.toContain(withdrawn);
    expect(ids).toEqual(expect.arrayContaining(['EE', 'DE', 'RU', 'GB', 'FR', 'RS', 'US']));
    expect(new Set(list.map((c) => c.name)).size).toBe(list.length);
    expect(list).toHaveLength(249);
  });

  it('takes EST on the storefront as Estonia: its VAT format, stored as EE, and a duplicate of the same VAT number sent with EE', async () => {
    const estonia = (vatNumber: string, country: string) => ({ vatNumber, address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: country } });
    const wrong = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest(estonia('DE123456789', 'EST')) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([{ path: 'vatNumber', message: expect.stringContaining('EE1') }]);
    const unknown = await t.request('POST', '/api/store/partner-requests', { body: partnerRequest(estonia('EE100200399', 'DDR')) });
    expect(unknown.body.errors).toEqual([{ path: 'address.countryRegionId', message: 'must be a country from the list' }]);

    const first = await prospectOf({ companyName: `Alpha3 ${unique()}`, email: `a.${unique()}@alpha3-${unique()}.test`, ...estonia('EE 100200399', 'est') });
    expect(first.address.countryRegionId).toBe('EE');
    const second = await prospectOf({ companyName: `Other ${unique()}`, email: `b.${unique()}@elsewhere-${unique()}.test`, ...estonia('EE100200399', 'EE') });
    expect(matchOf(second, first.id)).toMatchObject({ kind: 'prospect', reasons: ['vat'] });
  });

  it('takes USA in HQ and EST in the CRM, answers in the form sent, and stores one country', async () => {
    const created = await t.request('POST', '/api/hq/customers', {
      token: ops,
      body: { type: 'Organization', name: `Fabrikam ${unique()}`, email: `ap.${unique()}@fabrikam.test`, address: { street: '1 Main St', city: 'Seattle', zip: '98101', countryRegionId: 'USA' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.address.countryRegionId).toBe('USA');
    expect((await t.request('GET', `/api/hq/customers/${created.body.account}`, { token: ops })).body.address.countryRegionId).toBe('US');
    const refused = await t.request('POST', '/api/hq/customers', {
      token: ops,
      body: { type: 'Organization', name: 'Old', email: `old.${unique()}@old.test`, address: { street: '1', city: 'Berlin', zip: '1', countryRegionId: 'DD' } },
    });
    expect(refused.status).toBe(400);

    const sales = await t.staffToken(['salesperson']);
    const lead = await t.request('POST', '/api/sales/leads', { token: sales, body: { topic: 'Alpha-3', lastName: 'Tamm', address: { city: 'Tallinn', countryRegionId: 'EST' } } });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    expect(lead.body.address.countryRegionId).toBe('EST');
    expect((await t.request('GET', `/api/sales/leads/${lead.body.id}`, { token: sales })).body.address.countryRegionId).toBe('EE');
    const edited = await t.request('PATCH', `/api/sales/leads/${lead.body.id}`, { token: sales, body: { address: { city: 'Tallinn', countryRegionId: 'ee' } } });
    expect(edited.body.address.countryRegionId).toBe('EE');
    const bad = await t.request('PATCH', `/api/sales/leads/${lead.body.id}`, { token: sales, body: { address: { countryRegionId: 'SUN' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'address.countryRegionId', message: '"SUN" is not a known country/region' }]);
  });
});

describe('in the CRM', () => {
  let sales: string;
  beforeAll(async () => {
    sales = await t.staffToken(['salesperson']);
  });

  type LeadMatch = { matchId: number; kind: 'lead' | 'contact' | 'account'; id: string; name: string; reasons: string[]; score: number; status: string; nameSimilarity?: number };
  const leadDetail = async (id: string) => (await t.request('GET', `/api/sales/leads/${id}`, { token: sales })).body as { possibleDuplicates: LeadMatch[]; companyName: string };
  const leadMatch = async (leadId: string, id: string) => (await leadDetail(leadId)).possibleDuplicates.find((d) => d.id === id);
  async function lead(body: Record<string, unknown>): Promise<string> {
    const res = await t.request('POST', '/api/sales/leads', { token: sales, body: { topic: 'Buys on account', lastName: 'Lepp', ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  }
  /** The CRM's account (and contact) that dual-write made from an HQ organization (and person) customer. */
  async function crmAccountOf(name: string) {
    return waitFor(async () => (await t.request('GET', `/api/sales/accounts?search=${encodeURIComponent(name)}`, { token: sales })).body.items?.find((a: { name: string }) => a.name === name), `the CRM account ${name}`);
  }

  it('matches the leads of a dual-write backlog once it has arrived: seven applications from one domain each find the other six', async () => {
    const integration = await t.staffToken(['integration-administrator']);
    expect((await t.request('POST', '/api/dualwrite/maps/prospects-leads/pause', { token: integration })).status).toBe(204);
    const domain = `${unique()}.test`;
    const bodies = Array.from({ length: 7 }, (_, i) => partnerRequest({ email: `buyer${i}@${domain}`, companyName: `Backlog ${unique()} ${i}` }));
    for (const body of bodies) expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
    await waitFor(async () => ((await t.request('GET', '/api/dualwrite/maps/prospects-leads', { token: integration })).body.pending >= 7 ? true : undefined), 'seven queued changes');
    expect((await t.request('POST', '/api/dualwrite/maps/prospects-leads/resume', { token: integration })).status).toBe(204);
    const ids = await waitFor(async () => {
      const found = await Promise.all(bodies.map(async (b) => (await t.request('GET', `/api/sales/leads?view=all-leads&search=${encodeURIComponent(b.email)}`, { token: sales })).body.items[0]?.id as string | undefined));
      return found.every(Boolean) ? (found as string[]) : undefined;
    }, 'a lead for each application');
    // The matcher waited while the engine worked through the backlog (batches of 3), then matched every lead.
    for (const id of ids) {
      const others = await waitFor(async () => {
        const matched = (await leadDetail(id)).possibleDuplicates.filter((d) => d.kind === 'lead' && ids.includes(d.id));
        return matched.length === 6 ? matched : undefined;
      }, `the six other leads of ${id} as possible duplicates`);
      for (const match of others) expect(match.reasons).toContain('domain');
    }
  });

  it('matches a lead made by hand against open leads, contacts and accounts for each reason, and not unrelated gmail.com leads', async () => {
    const tag = unique();
    const domain = `kaskad-${tag}.test`;
    const a = await lead({ email: `mari@${domain}`, companyName: `Kaskad Systems ${tag} OÜ`, vatNumber: 'ee 123 456 789' });
    expect((await t.request('GET', `/api/sales/leads/${a}`, { token: sales })).body.vatNumber).toBe('EE123456789');

    const byEmail = await lead({ email: `mari@${domain}`, companyName: `Elsewhere ${unique()}` });
    expect(await leadMatch(byEmail, a)).toMatchObject({ kind: 'lead', reasons: ['email'], status: 'Open' });
    const byDomain = await lead({ email: `jaak@${domain}`, companyName: `Another ${unique()}` });
    expect(await leadMatch(byDomain, a)).toMatchObject({ kind: 'lead', reasons: ['domain'] });
    const byVat = await lead({ email: `x@vat-${unique()}.test`, companyName: `Holding ${unique()}`, vatNumber: 'EE123456789' });
    expect(await leadMatch(byVat, a)).toMatchObject({ kind: 'lead', reasons: ['vat'] });
    const byName = await lead({ email: `y@name-${unique()}.test`, companyName: `KASKAD SYSTEMS ${tag} AS` });
    const nameMatch = (await leadMatch(byName, a))!;
    expect(nameMatch.reasons).toEqual(['name']);
    expect(nameMatch.nameSimilarity).toBeGreaterThanOrEqual(0.5);
    // A lead-to-lead match shows on the earlier lead too.
    expect(await leadMatch(a, byName)).toMatchObject({ kind: 'lead', reasons: ['name'] });

    // An HQ partner reaches the CRM as an account and a contact (dual-write); a lead from its domain, with its VAT
    // number, or with a similar name finds them.
    const partnerDomain = `pilv-${tag}.test`;
    const partner = await approvedPartner(t, { email: `juhan@${partnerDomain}`, companyName: `Pilv Data ${tag}`, vatNumber: 'EE200300400' });
    const account = await crmAccountOf(partner.company);
    expect(account.vatNumber).toBe('EE200300400');
    const contact = await waitFor(async () => (await t.request('GET', `/api/sales/contacts?search=${encodeURIComponent(partner.email)}`, { token: sales })).body.items?.[0], 'the CRM contact');
    const colleague = await lead({ email: `kadri@${partnerDomain}`, companyName: `Pilv Data ${tag} OÜ` });
    expect(await leadMatch(colleague, account.id)).toMatchObject({ kind: 'account', reasons: ['domain', 'name'], name: partner.company });
    expect(await leadMatch(colleague, contact.id)).toMatchObject({ kind: 'contact', reasons: ['domain'] });
    const sameVat = await lead({ email: `z@other-${unique()}.test`, companyName: `Unrelated ${unique()}`, vatNumber: 'EE200300400' });
    expect(await leadMatch(sameVat, account.id)).toMatchObject({ kind: 'account', reasons: ['vat'] });
    const sameEmail = await lead({ email: partner.email, companyName: `Unrelated ${unique()}` });
    expect((await leadMatch(sameEmail, contact.id))!.reasons).toEqual(['email']);

    // Unrelated applicants on gmail.com: no match between them.
    const g1 = await lead({ email: `jaan.${unique()}@gmail.com`, companyName: `Kivisild Ehitus ${unique()}` });
    const g2 = await lead({ email: `piret.${unique()}@gmail.com`, companyName: `Merelaine Kohvik ${unique()}` });
    expect(await leadMatch(g2, g1)).toBeUndefined();
    expect((await leadDetail(g2)).possibleDuplicates.filter((d) => d.reasons.includes('domain'))).toEqual([]);

    // Dismissed once, on both leads of the pair; 404 for another lead's match.
    const match = (await leadMatch(byDomain, a))!;
    expect((await t.request('POST', `/api/sales/leads/${byVat}/duplicates/${match.matchId}/dismiss`, { token: sales })).status).toBe(404);
    const dismissed = await t.request('POST', `/api/sales/leads/${byDomain}/duplicates/${match.matchId}/dismiss`, { token: sales });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'Dismissed', id: a });
    expect((await t.request('POST', `/api/sales/leads/${byDomain}/duplicates/${match.matchId}/dismiss`, { token: sales })).status).toBe(409);
    expect((await leadMatch(a, byDomain))!.status).toBe('Dismissed');
  });

  it('qualifies a dual-write lead into the matched account: no second account or organization customer, and the won requestor joins the existing partner as a User', async () => {
    const tag = unique();
    const domain = `rannik-${tag}.test`;
    const first = await approvedPartner(t, { email: `boss@${domain}`, companyName: `Rannik Foods ${tag}` });
    const org = (await t.request('GET', `/api/hq/prospects/${first.prospectId}`, { token: ops })).body.customerAccount as string;
    const account = await crmAccountOf(first.company);

    // A colleague applies on the storefront; dual-write makes the lead, which shows the account as a possible duplicate.
    const body = partnerRequest({ email: `buyer@${domain}`, companyName: `Rannik Foods ${tag} OÜ`, firstName: 'Liis', lastName: 'Kask' });
    expect((await t.request('POST', '/api/store/partner-requests', { body })).status).toBe(202);
    const crmLead = await waitFor(async () => (await t.request('GET', `/api/sales/leads?view=all-commerce-b2b-leads&search=${encodeURIComponent(body.email)}`, { token: sales })).body.items[0], 'the lead made by dual-write');
    // Matched moments after dual-write commits the lead (the matcher takes queued leads in batches).
    expect(await waitFor(() => leadMatch(crmLead.id, account.id), "the account among the dual-write lead's possible duplicates")).toMatchObject({ kind: 'account', reasons: ['domain', 'name'] });

    // The onboarding case lists both systems' findings (through each context's case facts, not their tables).
    const caseRef = await t.request('GET', `/api/hq/prospects/${crmLead.prospectId}/onboarding-case`, { token: ops });
    expect(caseRef.status).toBe(200);
    const onboardingCase = (await t.request('GET', `/api/hq/onboarding-cases/${caseRef.body.id}`, { token: ops })).body;
    expect(onboardingCase.possibleDuplicates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: 'hq', kind: 'customer', id: org, reasons: ['domain', 'name'], status: 'Open' }),
        expect.objectContaining({ system: 'sales', kind: 'account', id: account.id, reasons: ['domain', 'name'], status: 'Open' }),
      ]),
    );
    // The earlier address of the case-of-a-prospect answer still works.
    expect((await t.request('GET', `/api/hq/onboarding-cases/by-prospect/${crmLead.prospectId}`, { token: ops })).body.id).toBe(caseRef.body.id);

    const qualified = await t.request('POST', `/api/sales/leads/${crmLead.id}/qualify`, { token: sales, body: { existingAccountId: account.id } });
    expect(qualified.status, JSON.stringify(qualified.body)).toBe(200);
    expect(qualified.body.accountId).toBe(account.id);
    const accounts = (await t.request('GET', `/api/sales/accounts?search=${encodeURIComponent(`Rannik Foods ${tag}`)}`, { token: sales })).body;
    expect(accounts.items.map((a: { id: string }) => a.id)).toEqual([account.id]);
    expect((await t.request('GET', `/api/sales/contacts/${qualified.body.contactId}`, { token: sales })).body.accountId).toBe(account.id);

    // The new contact becomes a person customer in HQ; winning approves the prospect into the existing organization.
    await waitFor(async () => (await t.request('GET', `/api/hq/customers?type=Person&search=${encodeURIComponent(body.email)}`, { token: ops })).body.items[0], 'the person customer');
    expect((await t.request('POST', `/api/sales/opportunities/${qualified.body.opportunityId}/close`, { token: sales, body: { status: 'Won', statusReason: 'Won', actualRevenue: 500 } })).status).toBe(200);
    const approved = await waitFor(async () => {
      const p = (await t.request('GET', `/api/hq/prospects/${crmLead.prospectId}`, { token: ops })).body;
      return p.status === 'Approved' ? p : undefined;
    }, 'the prospect approved through dual-write');
    expect(approved).toMatchObject({ customerAccount: org, hierarchyId: first.hierarchyId });
    const orgs = (await t.request('GET', `/api/hq/customers?type=Organization&search=${encodeURIComponent(`Rannik Foods ${tag}`)}`, { token: ops })).body;
    expect(orgs.items.map((c: { account: string }) => c.account)).toEqual([org]);
    const hierarchy = (await t.request('GET', `/api/hq/customer-hierarchies/${first.hierarchyId}`, { token: ops })).body;
    expect(hierarchy.members).toEqual(expect.arrayContaining([expect.objectContaining({ email: body.email, role: 'User' }), expect.objectContaining({ email: first.email, role: 'Admin' })]));
    const mail = await mailTo(t, body.email, 'prospect-approved');
    expect(mail.text).toContain('/invitation#');
  });
});

describe('All prospects by case status', () => {
  it('filters by the onboarding case status, Waiting for applicant included, with total and paging counting only matches', async () => {
    const p = await prospectOf({ email: `wait.${unique()}@queue-${unique()}.test`, companyName: `Queue ${unique()}` });
    const caseId = await waitFor(async () => (await t.request('GET', `/api/hq/prospects/${p.id}/onboarding-case`, { token: ops })).body.id as string | undefined, 'the case');
    const listed = async (caseStatus: string) => (await t.request('GET', `/api/hq/prospects?caseStatus=${caseStatus}&search=${encodeURIComponent(p.email)}`, { token: ops })).body;
    expect((await listed('InReview')).items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect((await listed('WaitingForApplicant')).total).toBe(0);

    const asked = await t.request('POST', `/api/hq/onboarding-cases/${caseId}/questions`, { token: ops, body: { text: 'Which VAT number do you trade under?' } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(await listed('WaitingForApplicant')).toMatchObject({ total: 1, items: [expect.objectContaining({ id: p.id })] });
    expect((await listed('InReview')).total).toBe(0);

    // Paging stays right: a page of one from the waiting set, total the whole set.
    const page1 = (await t.request('GET', '/api/hq/prospects?caseStatus=WaitingForApplicant&limit=1&offset=0', { token: ops })).body;
    expect(page1.items).toHaveLength(1);
    expect(page1.total).toBeGreaterThanOrEqual(1);
    const all = (await t.request('GET', '/api/hq/prospects?caseStatus=WaitingForApplicant&limit=200', { token: ops })).body;
    expect(all.items).toHaveLength(all.total);
    expect((await t.request('GET', '/api/hq/prospects?caseStatus=Received', { token: ops })).status).toBe(400);
  });
});
