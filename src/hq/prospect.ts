// B2B prospects: created from channel requests, approved into a customer hierarchy or rejected.
import { and, asc, desc, eq, ilike, inArray, or, count, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { channelRequests, customerHierarchies, customers, hierarchyMembers, outbox, prospects } from './schema.ts';
import { nextNumber, nextNumbers } from './number-sequence.ts';
import { assertEmailFree, insertCustomer, insertHierarchy } from './customer.ts';
import { changedFields, recordSyncChanges } from './sync-changes.ts';
import { recordMailEvents, storeOf } from './mail-events.ts';
import type { MailEvent } from './mail-events.ts';
import type { ChangeOrigin, SyncChange } from './sync-changes.ts';
import type { Address } from './customer.ts';
import { onboardRequestor } from './partner-users.ts';
import { duplicatesOf, hasOpenDuplicate, matchDuplicates } from './duplicates.ts';
import { anyOf } from '../platform/bulk.ts';
import type { PossibleDuplicate } from './duplicates.ts';

export type ProspectStatus = 'New' | 'Approved' | 'Rejected';
type ProspectRow = typeof prospects.$inferSelect;

export interface ProspectView {
  id: string;
  type: 'B2BProspect';
  status: ProspectStatus;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  address: Address;
  vatNumber?: string;
  comments?: string;
  language: string;
  channel: string;
  leadId?: string;
  customerAccount?: string;
  personCustomerAccount?: string;
  hierarchyId?: string;
  rejectionReason?: string;
  decidedBy?: string;
  decidedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProspectDetail extends ProspectView {
  requests: { id: string; submittedAt: string; comments?: string }[];
  possibleDuplicates: PossibleDuplicate[];
}

export interface ApprovalResult {
  customerAccount: string;
  personCustomerAccount: string;
  hierarchyId: string;
}

/** The only legal decision is on a New prospect; anything else is a conflict that changes nothing. */
export function assertUndecided(prospect: Pick<ProspectRow, 'id' | 'status' | 'customerAccount' | 'hierarchyId'>): void {
  if (prospect.status === 'New') return;
  throw new DomainError('conflict', `Prospect ${prospect.id} is already ${prospect.status.toLowerCase()}; only a New prospect can be approved or rejected.`, {
    prospectStatus: prospect.status,
    ...(prospect.customerAccount ? { customerAccount: prospect.customerAccount } : {}),
    ...(prospect.hierarchyId ? { hierarchyId: prospect.hierarchyId } : {}),
  });
}

export function prospectView(row: ProspectRow): ProspectView {
  return {
    id: row.id,
    type: 'B2BProspect',
    status: row.status as ProspectStatus,
    companyName: row.companyName,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    ...(row.phone ? { phone: row.phone } : {}),
    address: { street: row.street, city: row.city, ...(row.state ? { state: row.state } : {}), zip: row.zip, countryRegionId: row.countryRegionId },
    ...(row.vatNumber ? { vatNumber: row.vatNumber } : {}),
    ...(row.comments ? { comments: row.comments } : {}),
    language: row.language,
    channel: row.channelId,
    ...(row.leadId ? { leadId: row.leadId } : {}),
    ...(row.customerAccount ? { customerAccount: row.customerAccount } : {}),
    ...(row.personCustomerAccount ? { personCustomerAccount: row.personCustomerAccount } : {}),
    ...(row.hierarchyId ? { hierarchyId: row.hierarchyId } : {}),
    ...(row.rejectionReason ? { rejectionReason: row.rejectionReason } : {}),
    ...(row.decidedBy ? { decidedBy: row.decidedBy } : {}),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the sync job reads from an uploaded partner request. */
export interface ProspectRequest {
  requestId: string;
  channelId: string;
  firstName: string;
  lastName: string;
  email: string;
  companyName: string;
  phone?: string | undefined;
  address: { street: string; city: string; state?: string | undefined; zip: string; countryRegionId: string };
  vatNumber?: string | undefined;
  comments?: string | undefined;
  language: string;
}

/** Creates the prospect for a request, or joins the request to the undecided prospect of the same e-mail. */
export async function prospectFromRequest(tx: DbOrTx, request: ProspectRequest): Promise<{ prospectId: string; created: boolean }> {
  await recordMailEvents(tx, [receivedEvent(request, await storeOf(tx, request.channelId))]);
  const email = request.email.toLowerCase();
  const open = async () => (await tx.select({ id: prospects.id }).from(prospects).where(and(eq(prospects.email, email), eq(prospects.status, 'New'))))[0];
  const existing = await open();
  if (existing) return { prospectId: existing.id, created: false };
  const id = await nextNumber(tx, 'prospect');
  const [inserted] = await tx
    .insert(prospects)
    .values(prospectValues(id, request))
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    await recordSyncChanges(tx, [prospectCreated(inserted)]);
    await matchDuplicates(tx, [inserted.id]);
    return { prospectId: inserted.id, created: true };
  }
  // Another worker created the open prospect for this e-mail a moment ago.
  const winner = await open();
  if (!winner) throw new Error('The prospect could not be created or found');
  return { prospectId: winner.id, created: false };
}

/** The applicant hears that the request arrived: one message per request, even when it joins an open prospect. */
function receivedEvent(request: ProspectRequest, store: { storename: string; storeurl: string }): MailEvent {
  return {
    topic: 'partner-request-received',
    key: request.requestId,
    recipient: request.email.toLowerCase(),
    language: request.language,
    channelId: request.channelId,
    values: { firstname: request.firstName, lastname: request.lastName, company: request.companyName, email: request.email.toLowerCase(), ...store },
  };
}

/** The decision's message to the applicant, in the language of the request. */
function decisionEvent(row: ProspectRow, store: { storename: string; storeurl: string }, invitationLink: string | null): MailEvent {
  const common = { firstname: row.firstName, lastname: row.lastName, company: row.companyName, email: row.email, ...store };
  return row.status === 'Approved'
    ? { topic: 'prospect-approved', key: row.id, recipient: row.email, language: row.language, channelId: row.channelId, values: { ...common, zipcode: row.zip, comments: row.comments, invitationlink: invitationLink } }
    : { topic: 'prospect-rejected', key: row.id, recipient: row.email, language: row.language, channelId: row.channelId, values: { ...common, reason: row.rejectionReason } };
}

/** A prospect as dual-write sees it. */
export function prospectSyncValues(row: ProspectRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, nameKey: _n, decidedAt, ...rest } = row;
  return { ...rest, decidedAt: decidedAt?.toISOString() ?? null };
}

function prospectCreated(row: ProspectRow): SyncChange {
  const values = prospectSyncValues(row);
  return { entity: 'prospect', key: row.id, values, changedFields: Object.keys(values), created: true, origin: 'user' };
}

function prospectValues(id: string, request: ProspectRequest) {
  return {
    id,
    type: 'B2BProspect',
    status: 'New',
    companyName: request.companyName,
    firstName: request.firstName,
    lastName: request.lastName,
    email: request.email.toLowerCase(),
    phone: request.phone ?? null,
    street: request.address.street,
    city: request.address.city,
    state: request.address.state ?? null,
    zip: request.address.zip,
    countryRegionId: request.address.countryRegionId,
    vatNumber: request.vatNumber ?? null,
    comments: request.comments ?? null,
    language: request.language,
    channelId: request.channelId,
  };
}

/**
 * The bulk form of prospectFromRequest: one prospect per e-mail for a whole batch in a handful of statements.
 * Returns the prospect of each request id; throws if anything is off, and the caller falls back to one by one.
 */
export async function prospectsFromRequests(tx: DbOrTx, requests: ProspectRequest[]): Promise<Map<string, string>> {
  const stores = new Map<string, { storename: string; storeurl: string }>();
  for (const channelId of new Set(requests.map((r) => r.channelId))) stores.set(channelId, await storeOf(tx, channelId));
  await recordMailEvents(tx, requests.map((r) => receivedEvent(r, stores.get(r.channelId)!)));
  const byEmail = new Map<string, ProspectRequest>();
  for (const request of requests) if (!byEmail.has(request.email.toLowerCase())) byEmail.set(request.email.toLowerCase(), request);
  const openOf = async (emails: string[]) =>
    emails.length === 0 ? [] : tx.select({ id: prospects.id, email: prospects.email }).from(prospects).where(and(inArray(prospects.email, emails), eq(prospects.status, 'New')));
  const prospectOf = new Map((await openOf([...byEmail.keys()])).map((p) => [p.email, p.id]));
  const missing = [...byEmail.keys()].filter((email) => !prospectOf.has(email));
  const ids = await nextNumbers(tx, 'prospect', missing.length);
  if (missing.length > 0) {
    const inserted = await tx
      .insert(prospects)
      .values(missing.map((email, i) => prospectValues(ids[i]!, byEmail.get(email)!)))
      .onConflictDoNothing()
      .returning();
    for (const p of inserted) prospectOf.set(p.email, p.id);
    await recordSyncChanges(tx, inserted.map(prospectCreated));
    // Possible duplicates of the new prospects, in one statement for the batch.
    await matchDuplicates(tx, inserted.map((p) => p.id));
    // Another worker opened a prospect for some of these e-mails a moment ago: join those.
    for (const p of await openOf(missing.filter((email) => !prospectOf.has(email)))) prospectOf.set(p.email, p.id);
  }
  const result = new Map<string, string>();
  for (const request of requests) {
    const id = prospectOf.get(request.email.toLowerCase());
    if (!id) throw new Error(`No prospect for request ${request.requestId}`);
    result.set(request.requestId, id);
  }
  return result;
}

export interface ProspectQuery {
  status?: ProspectStatus | undefined;
  type?: string | undefined;
  search?: string | undefined;
  /** Only prospects with an open possible duplicate. */
  duplicates?: boolean | undefined;
  /** Only prospects whose onboarding case has this status (the case lives in the onboarding context: see `CaseQueue`). */
  caseStatus?: 'InReview' | 'WaitingForApplicant' | 'Approved' | 'Rejected' | undefined;
  sort: 'createdAt' | '-createdAt' | 'companyName' | '-companyName' | 'status' | '-status';
  /** Created on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export type ProspectFilters = Omit<ProspectQuery, 'limit' | 'offset'>;
export type ProspectListItem = ProspectView & { possibleDuplicate: boolean };

const sortColumns = { createdAt: prospects.createdAt, companyName: prospects.companyName, status: prospects.status } as const;

function prospectKeyset(sort: ProspectQuery['sort']): Keyset {
  return { key: sortColumns[sort.replace('-', '') as keyof typeof sortColumns], id: prospects.id, descending: sort.startsWith('-'), idDescending: true };
}

/** What HQ asks the onboarding context (a port, wired in src/app.ts): the prospects whose case waits for the applicant. */
export interface CaseQueue {
  waitingProspectIds(): Promise<string[]>;
}

/**
 * A case status in HQ's terms: Approved and Rejected are the prospect's own; the undecided (New) split into those
 * whose case waits for the applicant and the rest. The waiting set is small, so it goes into the SQL as one parameter
 * and filtering, `total` and paging stay in one query.
 */
function caseStatusFilter(status: NonNullable<ProspectQuery['caseStatus']>, waiting: string[]): SQL {
  if (status === 'Approved' || status === 'Rejected') return eq(prospects.status, status);
  const isWaiting = waiting.length > 0 ? anyOf(prospects.id, waiting) : sql`false`;
  return and(eq(prospects.status, 'New'), status === 'WaitingForApplicant' ? isWaiting : sql`not ${isWaiting}`)!;
}

function prospectFilters(query: ProspectFilters, waiting: string[] = []): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(prospects.createdAt, query)];
  if (query.caseStatus) filters.push(caseStatusFilter(query.caseStatus, waiting));
  if (query.status) filters.push(eq(prospects.status, query.status));
  if (query.type) filters.push(eq(prospects.type, query.type));
  if (query.duplicates) filters.push(hasOpenDuplicate);
  if (query.search) {
    const pattern = containsPattern(query.search);
    filters.push(or(ilike(prospects.companyName, pattern), ilike(prospects.email, pattern), ilike(prospects.id, pattern), ilike(sql`${prospects.firstName} || ' ' || ${prospects.lastName}`, pattern))!);
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

export function createProspects(db: Db, onChannelChange: () => void, caseQueue: () => CaseQueue | undefined = () => undefined) {
  /** The waiting set, asked of the onboarding context only when the query filters by an undecided case status. */
  async function waitingFor(query: ProspectFilters): Promise<string[]> {
    if (query.caseStatus !== 'InReview' && query.caseStatus !== 'WaitingForApplicant') return [];
    return (await caseQueue()?.waitingProspectIds()) ?? [];
  }

  async function decide(
    id: string,
    origin: ChangeOrigin,
    apply: (tx: DbOrTx, row: ProspectRow) => Promise<Partial<ProspectRow>>,
    statusForChannel: (row: ProspectRow) => { status: string; note?: string | null },
  ) {
    const result = await db.transaction(async (tx) => {
      // The row lock makes a second, concurrent decision wait and then see the first one's outcome.
      const [row] = await tx.select().from(prospects).where(eq(prospects.id, id)).for('update');
      if (!row) throw notFound(`Prospect ${id}`);
      assertUndecided(row);
      const changes = await apply(tx, row);
      const [updated] = await tx
        .update(prospects)
        .set({ ...changes, decidedAt: new Date(), updatedAt: new Date() })
        .where(eq(prospects.id, id))
        .returning();
      await recordSyncChanges(tx, [
        { entity: 'prospect', key: id, values: prospectSyncValues(updated!), changedFields: changedFields(prospectSyncValues(row), prospectSyncValues(updated!)), created: false, origin },
      ]);
      const store = await storeOf(tx, updated!.channelId);
      // The new partner and its admin travel to the storefront (1010) with an invitation whose link goes in the mail.
      const invitationLink = updated!.status === 'Approved' ? await onboardRequestor(tx, updated!.hierarchyId!, updated!.personCustomerAccount!, store.storeurl) : null;
      // Approved by HQ or by the CRM's close as won alike: the applicant is told, in the same transaction.
      await recordMailEvents(tx, [decisionEvent(updated!, store, invitationLink)]);
      // Every channel request behind this prospect learns the decision through the download job 1010.
      const requests = await tx.select({ id: channelRequests.id }).from(channelRequests).where(eq(channelRequests.prospectId, id));
      if (requests.length > 0) {
        await tx.insert(outbox).values(requests.map((r) => ({ consumer: '1010', topic: 'request-status', key: r.id, payload: statusForChannel(updated!) })));
      }
      return updated!;
    });
    onChannelChange();
    return result;
  }

  return {
    async list(query: ProspectQuery) {
      const where = prospectFilters(query, await waitingFor(query));
      const rows = await db
        .select({ prospect: prospects, possibleDuplicate: hasOpenDuplicate })
        .from(prospects)
        .where(where)
        .orderBy(...keysetOrder(prospectKeyset(query.sort)))
        .limit(query.limit)
        .offset(query.offset);
      const [total] = await db.select({ n: count() }).from(prospects).where(where);
      return { items: rows.map((r) => ({ ...prospectView(r.prospect), possibleDuplicate: Boolean(r.possibleDuplicate) })), total: total?.n ?? 0 };
    },

    /** The list's rows after the cursor, in its order, for a CSV export. */
    async exportBatch(query: ProspectFilters, after: Cursor | null, size: number): Promise<Batch<ProspectListItem>> {
      const keyset = prospectKeyset(query.sort);
      const rows = await db
        .select({ prospect: prospects, possibleDuplicate: hasOpenDuplicate, ...cursorColumns(keyset) })
        .from(prospects)
        .where(and(prospectFilters(query, await waitingFor(query)), after ? keysetAfter(keyset, after) : undefined))
        .orderBy(...keysetOrder(keyset))
        .limit(size);
      return { items: rows.map((r) => ({ ...prospectView(r.prospect), possibleDuplicate: Boolean(r.possibleDuplicate) })), cursor: lastCursor(rows) };
    },

    async get(id: string): Promise<ProspectDetail> {
      const [row] = await db.select().from(prospects).where(eq(prospects.id, id));
      if (!row) throw notFound(`Prospect ${id}`);
      const requests = await db.select().from(channelRequests).where(eq(channelRequests.prospectId, id)).orderBy(asc(channelRequests.counter));
      return {
        ...prospectView(row),
        requests: requests.map((r) => {
          const payload = r.payload as { submittedAt?: string; comments?: string };
          return { id: r.id, submittedAt: payload.submittedAt ?? r.uploadedAt.toISOString(), ...(payload.comments ? { comments: payload.comments } : {}) };
        }),
        possibleDuplicates: await duplicatesOf(db, id),
      };
    },

    /**
     * Approves: organization and person customers (reused when given), and the hierarchy with the requestor as Admin,
     * or, when the reused organization already has a hierarchy, the requestor as a User of it.
     */
    async approve(id: string, decidedBy: string, reuse: { organizationAccount?: string | undefined; personAccount?: string | undefined } = {}, origin: ChangeOrigin = 'user'): Promise<ApprovalResult> {
      const row = await decide(
        id,
        origin,
        async (tx, p) => {
          const address = { street: p.street, city: p.city, state: p.state, zip: p.zip, countryRegionId: p.countryRegionId };
          await assertEmailFree(tx, p.email, reuse.personAccount);
          const organization =
            reuse.organizationAccount ??
            (await insertCustomer(tx, { type: 'Organization', name: p.companyName, email: p.email, phone: p.phone, address, language: p.language, prospectId: p.id, vatNumber: p.vatNumber }, origin));
          const person =
            reuse.personAccount ??
            (await insertCustomer(tx, {
              type: 'Person',
              name: `${p.firstName} ${p.lastName}`,
              firstName: p.firstName,
              lastName: p.lastName,
              email: p.email,
              phone: p.phone,
              address,
              language: p.language,
              prospectId: p.id,
            }, origin));
          // A reused organization that is already a business partner (the CRM qualified the lead into its account):
          // the requestor joins its hierarchy as a User, as approving into it in HQ does; no second hierarchy.
          const [existing] = reuse.organizationAccount
            ? await tx.select({ id: customerHierarchies.id, active: customerHierarchies.active }).from(customerHierarchies).where(eq(customerHierarchies.organizationAccount, organization)).for('update')
            : [];
          if (existing) {
            if (!existing.active) throw new DomainError('conflict', `The business partner ${existing.id} of ${organization} is inactive, so its users cannot sign in; activate it first.`, { hierarchyId: existing.id });
            await tx.insert(hierarchyMembers).values({ hierarchyId: existing.id, customerAccount: person, role: 'User' }).onConflictDoNothing();
            return { status: 'Approved', customerAccount: organization, personCustomerAccount: person, hierarchyId: existing.id, decidedBy };
          }
          const hierarchyId = await insertHierarchy(tx, { name: p.companyName, organizationAccount: organization, members: [{ account: person, role: 'Admin' }] });
          return { status: 'Approved', customerAccount: organization, personCustomerAccount: person, hierarchyId, decidedBy };
        },
        () => ({ status: 'Approved' }),
      );
      return { customerAccount: row.customerAccount!, personCustomerAccount: row.personCustomerAccount!, hierarchyId: row.hierarchyId! };
    },

    /**
     * Approves into an existing organization customer (a possible duplicate): the requestor becomes a person customer
     * and a User member of that organization's customer hierarchy (the partner's admins keep deciding who else is
     * Admin); no second organization customer. 409 when the organization has no hierarchy yet or it is inactive.
     */
    async approveInto(id: string, decidedBy: string, organizationAccount: string): Promise<ApprovalResult> {
      const row = await decide(
        id,
        'user',
        async (tx, p) => {
          const [org] = await tx.select().from(customers).where(eq(customers.account, organizationAccount)).for('update');
          if (!org) throw notFound(`Customer ${organizationAccount}`);
          if (org.type !== 'Organization') {
            throw new DomainError('conflict', `${org.account} is a person customer; a request can only be approved into an organization customer.`, undefined, [{ path: 'organizationAccount', message: 'is not an organization customer' }]);
          }
          const [hierarchy] = await tx.select({ id: customerHierarchies.id, active: customerHierarchies.active }).from(customerHierarchies).where(eq(customerHierarchies.organizationAccount, org.account));
          if (!hierarchy) {
            throw new DomainError('conflict', `${org.name} (${org.account}) has no customer hierarchy yet, so there is no business partner to add the requestor to. Onboard it first or approve the request on its own.`, { organizationAccount: org.account }, [
              { path: 'organizationAccount', message: 'has no customer hierarchy' },
            ]);
          }
          if (!hierarchy.active) {
            throw new DomainError('conflict', `${org.name}'s business partner (${hierarchy.id}) is inactive, so its users cannot sign in. Activate it first or approve the request on its own.`, { hierarchyId: hierarchy.id }, [
              { path: 'organizationAccount', message: 'belongs to an inactive business partner' },
            ]);
          }
          await assertEmailFree(tx, p.email);
          const address = { street: p.street, city: p.city, state: p.state, zip: p.zip, countryRegionId: p.countryRegionId };
          const person = await insertCustomer(tx, { type: 'Person', name: `${p.firstName} ${p.lastName}`, firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone, address, language: p.language, prospectId: p.id });
          await tx.insert(hierarchyMembers).values({ hierarchyId: hierarchy.id, customerAccount: person, role: 'User' });
          return { status: 'Approved', customerAccount: org.account, personCustomerAccount: person, hierarchyId: hierarchy.id, decidedBy };
        },
        () => ({ status: 'Approved' }),
      );
      return { customerAccount: row.customerAccount!, personCustomerAccount: row.personCustomerAccount!, hierarchyId: row.hierarchyId! };
    },

    async reject(id: string, reason: string, decidedBy: string, origin: ChangeOrigin = 'user'): Promise<ProspectView> {
      const row = await decide(
        id,
        origin,
        async () => ({ status: 'Rejected', rejectionReason: reason.trim(), decidedBy }),
        (p) => ({ status: 'Rejected', note: p.rejectionReason }),
      );
      return prospectView(row);
    },
  };
}

export type Prospects = ReturnType<typeof createProspects>;
