// Onboarding cases: one per partner request, opened when HQ takes the request in. The timeline is assembled when
// a case is read, from what each context says it did (their published facts), never from their tables.
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { funnel, queueBatch, queueRows, recordDecisions } from './queue.ts';
import type { CaseDecision, Funnel, QueueFilters, QueueQuery } from './queue.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { cases } from './schema.ts';

/** WaitingForApplicant: a question to the applicant is unanswered (see questions.ts); an answer puts the case back InReview. */
export type CaseStatus = 'Received' | 'InReview' | 'WaitingForApplicant' | 'Approved' | 'Rejected';
export type TimelineContext = 'storefront' | 'hq' | 'sales' | 'dualwrite' | 'mail';

/** A possible duplicate as the owning system found it: HQ (customer, prospect) or the CRM (lead, contact, account). */
export interface CaseDuplicate {
  system: 'hq' | 'sales';
  kind: 'customer' | 'prospect' | 'lead' | 'contact' | 'account';
  id: string;
  name: string;
  reasons: ('email' | 'domain' | 'vat' | 'name')[];
  nameSimilarity?: number;
  score: number;
  status: 'Open' | 'Dismissed';
}
type SourceDuplicate = Omit<CaseDuplicate, 'system'> & { matchId: number };

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string;
  text: string;
  context: TimelineContext;
}

/** What the onboarding context needs from the others (src/app.ts connects them). */
export interface CaseSources {
  intake: {
    read(limit: number): Promise<{ id: number; requestId: string; prospectId: string; email: string; companyName: string }[]>;
    ack(ids: number[]): Promise<void>;
  };
  hq(requestId: string, prospectId: string | null): Promise<{
    submittedAt: string | null;
    uploadedAt: string | null;
    processedAt: string | null;
    prospect: {
      id: string;
      status: 'New' | 'Approved' | 'Rejected';
      createdAt: string;
      createdByThisRequest: boolean;
      decidedAt: string | null;
      decidedBy: string | null;
      rejectionReason: string | null;
      customerAccount: string | null;
      hierarchyId: string | null;
      requestorRole: string | null;
    } | null;
    possibleDuplicates: SourceDuplicate[];
  }>;
  sales(prospectId: string): Promise<{
    lead: { id: string; createdAt: string; state: string; statusReason: string } | null;
    notes: { at: string; text: string; author: string }[];
    opportunity: { id: string; name: string; createdAt: string; state: string } | null;
    closes: { at: string; outcome: string; statusReason: string; by: string }[];
    possibleDuplicates: SourceDuplicate[];
  }>;
  storefront(requestId: string, requestor: { email: string; hierarchyId: string | null }): Promise<{
    submittedAt: string | null;
    invitationAcceptedAt: string | null;
    firstSignInAt: string | null;
    firstOrder: { at: string; number: string; by: string } | null;
  }>;
  /** HQ's decisions on these prospects (the decided ones only), read in one go for the work queue. */
  decisions(prospectIds: string[]): Promise<CaseDecision[]>;
  mailTo(email: string): Promise<{ type: string; subject: string; status: string; createdAt: string; sentAt: string | null; lastError: string | null }[]>;
}

export interface CaseView {
  id: string;
  number: string;
  status: CaseStatus;
  email: string;
  companyName: string;
  openedAt: string;
  prospectId?: string;
  leadId?: string;
  opportunityId?: string;
  customerAccount?: string;
  hierarchyId?: string;
  previousCase?: { id: string; number: string; status: CaseStatus; rejectionReason?: string };
}

export interface CaseDetail extends CaseView {
  timeline: TimelineEntry[];
  /** HQ's and the CRM's possible duplicates of the prospect and its lead, open ones first, then by score. */
  possibleDuplicates: CaseDuplicate[];
}

type CaseRow = typeof cases.$inferSelect;

function duplicateOf(system: CaseDuplicate['system'], d: SourceDuplicate): CaseDuplicate {
  return { system, kind: d.kind, id: d.id, name: d.name, reasons: d.reasons, ...(d.nameSimilarity !== undefined ? { nameSimilarity: d.nameSimilarity } : {}), score: d.score, status: d.status };
}
const caseNumber = (n: number) => `OC-${String(n).padStart(6, '0')}`;
/** Mail types about the application itself; the rest (order mails, password resets) are not the case's story. */
const caseMailTypes = new Set(['partner-request-received', 'prospect-approved', 'prospect-rejected', 'organization-user-added', 'applicant-question']);

export function createCases(db: Db, sources: CaseSources) {
  const statusOf = (prospect: Awaited<ReturnType<CaseSources['hq']>>['prospect']): CaseStatus =>
    !prospect ? 'Received' : prospect.status === 'Approved' ? 'Approved' : prospect.status === 'Rejected' ? 'Rejected' : 'InReview';

  /** The earlier case a re-application follows: its status and, when rejected, HQ's reason (which the case does not copy). */
  /**
   * Cases as the list shows them. The rows hold HQ's decisions: status and customers come from them, not from a read
   * of HQ per case (All prospects asks for its page's cases every few seconds). Only earlier cases of re-applications
   * ask HQ, once each.
   */
  async function listViews(rows: CaseRow[]): Promise<CaseView[]> {
    const earlierIds = [...new Set(rows.flatMap((r) => (r.previousCaseId ? [r.previousCaseId] : [])))];
    const earlier = earlierIds.length > 0 ? await db.select().from(cases).where(inArray(cases.id, earlierIds)) : [];
    const previous = new Map(await Promise.all(earlier.map(async (e) => [e.id, await previousCaseOf(e)] as const)));
    return rows.map((r): CaseView => {
      const previousCase = r.previousCaseId ? previous.get(r.previousCaseId) : undefined;
      return {
        id: r.id,
        number: caseNumber(r.number),
        status: r.decidedStatus ?? (r.prospectId ? 'InReview' : 'Received'),
        email: r.email,
        companyName: r.companyName,
        openedAt: r.openedAt.toISOString(),
        ...(r.prospectId ? { prospectId: r.prospectId } : {}),
        ...(r.customerAccount ? { customerAccount: r.customerAccount } : {}),
        ...(r.hierarchyId ? { hierarchyId: r.hierarchyId } : {}),
        ...(previousCase ? { previousCase } : {}),
      };
    });
  }

  async function previousCaseOf(earlier: CaseRow): Promise<NonNullable<CaseView['previousCase']>> {
    const facts = await sources.hq(earlier.id, earlier.prospectId);
    return { id: earlier.id, number: caseNumber(earlier.number), status: statusOf(facts.prospect), ...(facts.prospect?.rejectionReason ? { rejectionReason: facts.prospect.rejectionReason } : {}) };
  }

  async function view(row: CaseRow): Promise<CaseView & { facts: Awaited<ReturnType<CaseSources['hq']>> }> {
    const facts = await sources.hq(row.id, row.prospectId);
    const p = facts.prospect;
    const [earlier] = row.previousCaseId ? await db.select().from(cases).where(eq(cases.id, row.previousCaseId)) : [];
    const previousCase = earlier ? await previousCaseOf(earlier) : undefined;
    return {
      id: row.id,
      number: caseNumber(row.number),
      status: statusOf(p),
      email: row.email,
      companyName: row.companyName,
      openedAt: row.openedAt.toISOString(),
      ...(row.prospectId ? { prospectId: row.prospectId } : {}),
      ...(p?.customerAccount ? { customerAccount: p.customerAccount } : {}),
      ...(p?.hierarchyId ? { hierarchyId: p.hierarchyId } : {}),
      ...(previousCase ? { previousCase } : {}),
      facts,
    };
  }

  return {
    /** Opens a case for each partner request HQ took in (idempotent by request id); the number of events taken. */
    async takeIntake(): Promise<number> {
      const events = await sources.intake.read(200);
      if (events.length === 0) return 0;
      // Set-based: one read of the applicants' latest earlier cases and one insert for the whole batch.
      const requestIds = events.map((e) => e.requestId);
      const emails = [...new Set(events.map((e) => e.email.toLowerCase()))];
      const earlier = await db
        .selectDistinctOn([cases.email], { email: cases.email, id: cases.id })
        .from(cases)
        .where(and(inArray(cases.email, emails), notInArray(cases.id, requestIds)))
        .orderBy(cases.email, desc(cases.number));
      // A new application from someone who applied before follows their latest earlier case (in this batch too).
      const latest = new Map(earlier.map((r) => [r.email, r.id]));
      const seen = new Set<string>();
      const fresh = events.filter((e) => !seen.has(e.requestId) && seen.add(e.requestId));
      const rows = fresh.map((e) => {
        const email = e.email.toLowerCase();
        const row = { id: e.requestId, email, companyName: e.companyName, prospectId: e.prospectId, previousCaseId: latest.get(email) ?? null };
        latest.set(email, e.requestId);
        return row;
      });
      await db.insert(cases).values(rows).onConflictDoNothing();
      await sources.intake.ack(events.map((e) => e.id));
      return events.length;
    },

    /** The work queue: cases by status, search or customer, newest first (or oldest), with HQ's new decisions recorded first. */
    async list(query: QueueQuery): Promise<{ items: CaseView[]; total: number }> {
      await recordDecisions(db, sources.decisions);
      const { rows, total } = await queueRows(db, query);
      return { items: await listViews(rows), total };
    },

    /** The queue's cases after the cursor, in its order, for a CSV export; HQ's decisions are recorded before the first batch. */
    async exportBatch(query: QueueFilters, after: Cursor | null, size: number): Promise<Batch<CaseView>> {
      if (!after) await recordDecisions(db, sources.decisions);
      const { rows, cursor } = await queueBatch(db, query, after, size);
      return { items: await listViews(rows), cursor };
    },

    /** Requests per week over the last `weeks` weeks, how many are decided and approved, the median time to decision. */
    async funnel(weeks = 8): Promise<Funnel> {
      await recordDecisions(db, sources.decisions);
      return funnel(db, weeks);
    },

    /** A case of a prospect (the first request's), for links from the prospect and the lead. */
    async idOfProspect(prospectId: string): Promise<string | undefined> {
      const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.prospectId, prospectId)).orderBy(cases.number).limit(1);
      return row?.id;
    },

    async get(id: string): Promise<CaseDetail> {
      const [row] = await db.select().from(cases).where(eq(cases.id, id));
      if (!row) throw notFound(`Onboarding case ${id}`);
      const { facts, ...caseView } = await view(row);
      const p = facts.prospect;
      const [sales, store, mails] = await Promise.all([
        p ? sources.sales(p.id) : Promise.resolve(null),
        sources.storefront(row.id, { email: row.email, hierarchyId: p?.hierarchyId ?? null }),
        sources.mailTo(row.email),
      ]);
      const timeline: TimelineEntry[] = [];
      const add = (at: string | null | undefined, kind: string, actor: string, text: string, context: TimelineContext) => {
        if (at) timeline.push({ at, kind, actor, text, context });
      };
      add(store.submittedAt ?? facts.submittedAt, 'submitted', `${row.email}`, `Request submitted on the storefront by ${row.email} for ${row.companyName}.`, 'storefront');
      add(facts.uploadedAt, 'uploaded', 'P-0001', 'Uploaded to HQ by P-0001.', 'hq');
      if (p?.createdByThisRequest) add(p.createdAt, 'prospect-created', 'Synchronize customers and channel requests', `Prospect ${p.id} created (type B2B).`, 'hq');
      else if (p) add(facts.processedAt, 'prospect-joined', 'Synchronize customers and channel requests', `Joined the undecided prospect ${p.id} of an earlier request from the same e-mail.`, 'hq');
      if (sales?.lead) add(sales.lead.createdAt, 'lead-created', 'Dual-write', `Lead created in the CRM (${sales.lead.id}).`, 'dualwrite');
      for (const note of sales?.notes ?? []) {
        if (/dual-write/i.test(note.text) && /generated|created/i.test(note.text)) continue; // the lead-created step says it
        const kind = /^Qualified/.test(note.text) ? 'qualified' : /^Disqualified/.test(note.text) ? 'disqualified' : /^Reactivated/.test(note.text) ? 'reactivated' : 'note';
        add(note.at, kind, note.author === 'System' ? 'CRM' : note.author, note.text, 'sales');
      }
      for (const close of sales?.closes ?? []) add(close.at, close.outcome === 'Won' ? 'won' : 'lost', close.by, `Opportunity closed as ${close.outcome.toLowerCase()} (${close.statusReason}).`, 'sales');
      if (p?.status === 'Approved') {
        add(p.decidedAt, 'approved', p.decidedBy ?? 'HQ', `Prospect approved${p.customerAccount ? `: organization customer ${p.customerAccount}` : ''}${p.hierarchyId ? `, customer hierarchy ${p.hierarchyId} with the requestor as ${p.requestorRole ?? 'Admin'}` : ''}.`, 'hq');
      }
      if (p?.status === 'Rejected') add(p.decidedAt, 'rejected', p.decidedBy ?? 'HQ', `Prospect rejected${p.rejectionReason ? `: ${p.rejectionReason}` : ''}.`, 'hq');
      // Mail goes to an address, not a case: an applicant who applied before has the earlier case's mails too. A case's
      // mails are those from its submission until the next application from the same address was submitted.
      const since = row.previousCaseId ? Date.parse(store.submittedAt ?? facts.submittedAt ?? row.openedAt.toISOString()) : -Infinity;
      const [later] = await db.select({ id: cases.id, prospectId: cases.prospectId, openedAt: cases.openedAt }).from(cases).where(eq(cases.previousCaseId, row.id)).orderBy(cases.number).limit(1);
      const until = later ? Date.parse((await sources.hq(later.id, later.prospectId)).submittedAt ?? later.openedAt.toISOString()) : Infinity;
      for (const m of mails) {
        if (!caseMailTypes.has(m.type)) continue;
        const at = Date.parse(m.createdAt);
        if (at < since || at >= until) continue;
        const outcome = m.status === 'Sent' ? 'sent' : m.status === 'Stored' ? 'kept in the local mailbox (no SMTP server configured)' : m.status === 'Failed' ? `failed${m.lastError ? `: ${m.lastError}` : ''}` : m.status.toLowerCase();
        add(m.createdAt, 'mail', 'Mail', `Mail "${m.subject}" — ${outcome}.`, 'mail');
      }
      add(store.invitationAcceptedAt, 'invitation-accepted', row.email, 'Invitation accepted: the requestor chose a password.', 'storefront');
      add(store.firstSignInAt, 'first-sign-in', row.email, 'First sign-in on the storefront.', 'storefront');
      if (store.firstOrder) add(store.firstOrder.at, 'first-order', store.firstOrder.by, `First order ${store.firstOrder.number}.`, 'storefront');
      // Oldest first; a stable sort keeps the flow's order for steps recorded in the same millisecond.
      timeline.sort((a, b) => a.at.localeCompare(b.at));
      return {
        ...caseView,
        ...(sales?.lead ? { leadId: sales.lead.id } : {}),
        ...(sales?.opportunity ? { opportunityId: sales.opportunity.id } : {}),
        timeline,
        possibleDuplicates: [
          ...facts.possibleDuplicates.map((d) => duplicateOf('hq', d)),
          ...(sales?.possibleDuplicates ?? []).map((d) => duplicateOf('sales', d)),
        ].sort((a, b) => Number(b.status === 'Open') - Number(a.status === 'Open') || b.score - a.score),
      };
    },
  };
}

export type Cases = ReturnType<typeof createCases>;
