// HQ's part of an onboarding case: an event when a partner request arrives (written in the intake transaction, to
// HQ's outbox for the onboarding context), the feed that context reads it from, and the facts HQ shows on a case.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { channelRequests, hierarchyMembers, outbox, prospects } from './schema.ts';
import { duplicatesOf } from './duplicates.ts';
import type { PossibleDuplicate } from './duplicates.ts';
import { pendingOrder } from '../platform/outbox.ts';

export interface CaseIntake {
  /** The storefront's request id: the case's id. */
  requestId: string;
  prospectId: string;
  email: string;
  companyName: string;
}

/** One event per request that became (or joined) a prospect, in the caller's transaction. */
export async function recordCaseIntake(tx: DbOrTx, intakes: CaseIntake[]): Promise<void> {
  if (intakes.length === 0) return;
  await tx.insert(outbox).values(intakes.map((i) => ({ consumer: 'onboarding', topic: 'case-intake', key: i.requestId, payload: i })));
}

/** The onboarding context's view of the intake events: read the undelivered ones, acknowledge them once stored. */
export function createCaseFeed(db: Db) {
  return {
    async read(limit: number): Promise<(CaseIntake & { id: number })[]> {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.consumer, 'onboarding'), isNull(outbox.deliveredAt)))
        .orderBy(...pendingOrder(outbox))
        .limit(limit);
      return rows.map((r) => ({ ...(r.payload as CaseIntake), id: r.id }));
    },
    async ack(ids: number[]): Promise<void> {
      if (ids.length > 0) await db.update(outbox).set({ deliveredAt: new Date() }).where(inArray(outbox.id, ids));
    },
  };
}

/** What HQ did with a request and its prospect, for the case's timeline. */
export interface HqCaseFacts {
  submittedAt: string | null;
  uploadedAt: string | null;
  processedAt: string | null;
  prospect: {
    id: string;
    status: 'New' | 'Approved' | 'Rejected';
    createdAt: string;
    /** This request made the prospect (false: it joined the undecided prospect of an earlier request). */
    createdByThisRequest: boolean;
    decidedAt: string | null;
    decidedBy: string | null;
    rejectionReason: string | null;
    customerAccount: string | null;
    personCustomerAccount: string | null;
    hierarchyId: string | null;
    /** The requestor's role in that hierarchy: Admin of a new one, or User when approved into an existing partner. */
    requestorRole: string | null;
    leadId: string | null;
  } | null;
  /** The prospect's possible duplicates (organization customers, other prospects) found at intake. */
  possibleDuplicates: PossibleDuplicate[];
}

export function createCaseFacts(db: Db) {
  return async function caseFacts(requestId: string, prospectId: string | null): Promise<HqCaseFacts> {
    const [request] = await db
      .select()
      .from(channelRequests)
      .where(and(eq(channelRequests.kind, 'partner-request'), eq(channelRequests.id, requestId)));
    const [prospect] = prospectId ? await db.select().from(prospects).where(eq(prospects.id, prospectId)) : [];
    const [member] =
      prospect?.hierarchyId && prospect.personCustomerAccount
        ? await db.select({ role: hierarchyMembers.role }).from(hierarchyMembers).where(and(eq(hierarchyMembers.hierarchyId, prospect.hierarchyId), eq(hierarchyMembers.customerAccount, prospect.personCustomerAccount)))
        : [];
    const [first] = prospect ? await db.select({ id: channelRequests.id }).from(channelRequests).where(eq(channelRequests.prospectId, prospect.id)).orderBy(asc(channelRequests.counter)).limit(1) : [];
    const payload = (request?.payload ?? {}) as { submittedAt?: string };
    return {
      submittedAt: payload.submittedAt ?? null,
      uploadedAt: request?.uploadedAt.toISOString() ?? null,
      processedAt: request?.processedAt?.toISOString() ?? null,
      prospect: prospect
        ? {
            id: prospect.id,
            status: prospect.status as 'New' | 'Approved' | 'Rejected',
            createdAt: prospect.createdAt.toISOString(),
            createdByThisRequest: !first || first.id === requestId,
            decidedAt: prospect.decidedAt?.toISOString() ?? null,
            decidedBy: prospect.decidedBy,
            rejectionReason: prospect.rejectionReason,
            customerAccount: prospect.customerAccount,
            personCustomerAccount: prospect.personCustomerAccount,
            hierarchyId: prospect.hierarchyId,
            requestorRole: member?.role ?? null,
            leadId: prospect.leadId,
          }
        : null,
      possibleDuplicates: prospect ? await duplicatesOf(db, prospect.id) : [],
    };
  };
}

/** HQ's decisions on these prospects, in one read: the onboarding context records them on its cases once made. */
export function createCaseDecisions(db: Db) {
  return async function caseDecisions(prospectIds: string[]): Promise<{ prospectId: string; status: 'Approved' | 'Rejected'; decidedAt: string; customerAccount: string | null; personCustomerAccount: string | null; hierarchyId: string | null }[]> {
    if (prospectIds.length === 0) return [];
    const rows = await db
      .select({ id: prospects.id, status: prospects.status, decidedAt: prospects.decidedAt, updatedAt: prospects.updatedAt, customerAccount: prospects.customerAccount, personCustomerAccount: prospects.personCustomerAccount, hierarchyId: prospects.hierarchyId })
      .from(prospects)
      .where(and(inArray(prospects.id, prospectIds), inArray(prospects.status, ['Approved', 'Rejected'])));
    return rows.map((r) => ({
      prospectId: r.id,
      status: r.status as 'Approved' | 'Rejected',
      decidedAt: (r.decidedAt ?? r.updatedAt).toISOString(),
      customerAccount: r.customerAccount,
      personCustomerAccount: r.personCustomerAccount,
      hierarchyId: r.hierarchyId,
    }));
  };
}
