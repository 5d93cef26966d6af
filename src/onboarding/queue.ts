// The work queue's questions about many cases at once: which are in a status, and the funnel. A case's status comes
// from HQ's decision on its prospect; HQ owns it, and the case records it once it has been made (a decision is
// final: a re-application is a new case). Before answering, `recordDecisions` asks HQ in one read about every case
// still undecided and records the new decisions, so status filters, sorting and paging are plain SQL over the cases
// and stay correct (no page is cut short by filtering after reading). The cost is one read per undecided case set
// (chunks of 500), not per case, and it works with HQ in another database.
import { and, count, eq, exists, gte, ilike, inArray, isNotNull, isNull, not, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Cursor } from '../platform/csv.ts';
import { cases, questions } from './schema.ts';

export type QueueStatus = 'Received' | 'InReview' | 'WaitingForApplicant' | 'Approved' | 'Rejected';
export type QueueSort = 'openedAt' | '-openedAt';

export interface CaseDecision {
  prospectId: string;
  status: 'Approved' | 'Rejected';
  decidedAt: string;
  customerAccount: string | null;
  personCustomerAccount: string | null;
  hierarchyId: string | null;
}

export interface QueueQuery {
  search?: string | undefined;
  status?: QueueStatus | undefined;
  /** An HQ customer account (organization or person) the case's approval made or used. */
  customer?: string | undefined;
  /** Only the cases of these HQ prospects (All prospects shows each prospect's case beside it). */
  prospects?: string[] | undefined;
  sort?: QueueSort | undefined;
  /** Opened on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** The queue's filters and order without paging: what a CSV export takes. */
export type QueueFilters = Omit<QueueQuery, 'limit' | 'offset'>;

const chunk = 500;

/** Records HQ's decisions on undecided cases; the number recorded. */
export async function recordDecisions(db: Db, decisions: (prospectIds: string[]) => Promise<CaseDecision[]>): Promise<number> {
  const open = await db.selectDistinct({ prospectId: cases.prospectId }).from(cases).where(and(isNull(cases.decidedStatus), isNotNull(cases.prospectId)));
  const ids = open.map((r) => r.prospectId!);
  let recorded = 0;
  for (let i = 0; i < ids.length; i += chunk) {
    for (const d of await decisions(ids.slice(i, i + chunk))) {
      // Every undecided case of the prospect (several requests can share one undecided prospect) ends with it.
      const done = await db
        .update(cases)
        .set({ decidedStatus: d.status, decidedAt: new Date(d.decidedAt), customerAccount: d.customerAccount, personCustomerAccount: d.personCustomerAccount, hierarchyId: d.hierarchyId })
        .where(and(eq(cases.prospectId, d.prospectId), isNull(cases.decidedStatus)))
        .returning({ id: cases.id });
      recorded += done.length;
    }
  }
  return recorded;
}

/** A question to the applicant on the case is still unanswered. */
function waiting(db: Db): SQL {
  return exists(db.select({ one: sql`1` }).from(questions).where(and(eq(questions.caseId, cases.id), isNull(questions.answeredAt))));
}

/** The same words as the case's own status: undecided cases wait for the applicant while a question is open. */
function statusFilter(db: Db, status: QueueStatus): SQL {
  switch (status) {
    case 'Approved':
    case 'Rejected':
      return eq(cases.decidedStatus, status);
    case 'WaitingForApplicant':
      return and(isNull(cases.decidedStatus), waiting(db))!;
    case 'Received':
      return and(isNull(cases.decidedStatus), isNull(cases.prospectId), not(waiting(db)))!;
    case 'InReview':
      return and(isNull(cases.decidedStatus), isNotNull(cases.prospectId), not(waiting(db)))!;
  }
}

/**
 * The prospects whose undecided case waits for the applicant (a question unanswered): the set HQ's All prospects
 * filters by. Small by nature (open questions), so it travels as a list of ids.
 */
export async function waitingProspectIds(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ prospectId: cases.prospectId }).from(cases).where(and(isNull(cases.decidedStatus), isNotNull(cases.prospectId), waiting(db)));
  return rows.map((r) => r.prospectId!);
}

function queueKeyset(sort: QueueSort | undefined): Keyset {
  const descending = sort !== 'openedAt';
  return { key: cases.openedAt, id: cases.number, descending, idDescending: descending };
}

function queueFilters(db: Db, query: QueueFilters): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(cases.openedAt, query)];
  if (query.search) {
    const pattern = containsPattern(query.search);
    filters.push(or(ilike(cases.email, pattern), ilike(cases.companyName, pattern))!);
  }
  if (query.status) filters.push(statusFilter(db, query.status));
  if (query.customer) filters.push(or(eq(cases.customerAccount, query.customer), eq(cases.personCustomerAccount, query.customer))!);
  if (query.prospects) filters.push(query.prospects.length > 0 ? inArray(cases.prospectId, query.prospects) : sql`false`);
  return filters.length > 0 ? and(...filters) : undefined;
}

/** One page of case rows matching the query, and how many match. */
export async function queueRows(db: Db, query: QueueQuery) {
  const where = queueFilters(db, query);
  const rows = await db.select().from(cases).where(where).orderBy(...keysetOrder(queueKeyset(query.sort))).limit(query.limit).offset(query.offset);
  const [total] = await db.select({ n: count() }).from(cases).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** The case rows after the cursor, in the queue's order, for a CSV export. */
export async function queueBatch(db: Db, query: QueueFilters, after: Cursor | null, size: number) {
  const keyset = queueKeyset(query.sort);
  const rows = await db
    .select({ row: cases, ...cursorColumns(keyset) })
    .from(cases)
    .where(and(queueFilters(db, query), after ? keysetAfter(keyset, after) : undefined))
    .orderBy(...keysetOrder(keyset))
    .limit(size);
  return { rows: rows.map((r) => r.row), cursor: lastCursor(rows) };
}

export interface Funnel {
  weeks: { weekStart: string; requests: number; decided: number; approved: number }[];
  requests: number;
  decided: number;
  approved: number;
  /** Median of decided cases opened in these weeks, from opening to decision; absent when none is decided. */
  medianSecondsToDecision?: number;
}

const weekMs = 7 * 24 * 3600 * 1000;

/** Monday 00:00 UTC of the week holding `at`. */
function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 24 * 3600 * 1000);
}

/** Requests per week (the last `weeks` weeks, this one included), how many of them are decided and approved. */
export async function funnel(db: Db, weeks: number, now = new Date()): Promise<Funnel> {
  const starts = Array.from({ length: weeks }, (_, i) => new Date(weekStart(now).getTime() - (weeks - 1 - i) * weekMs));
  const from = starts[0]!;
  const week = sql<string>`to_char(date_trunc('week', ${cases.openedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      week,
      requests: sql<number>`count(*)::int`,
      decided: sql<number>`count(${cases.decidedStatus})::int`,
      approved: sql<number>`(count(*) filter (where ${cases.decidedStatus} = 'Approved'))::int`,
    })
    .from(cases)
    .where(gte(cases.openedAt, from))
    .groupBy(week);
  const [median] = await db
    .select({ seconds: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${cases.decidedAt} - ${cases.openedAt}))` })
    .from(cases)
    .where(and(gte(cases.openedAt, from), isNotNull(cases.decidedAt)));
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const result = starts.map((s) => {
    const key = s.toISOString().slice(0, 10);
    const r = byWeek.get(key);
    return { weekStart: key, requests: r?.requests ?? 0, decided: r?.decided ?? 0, approved: r?.approved ?? 0 };
  });
  const sum = (k: 'requests' | 'decided' | 'approved') => result.reduce((n, w) => n + w[k], 0);
  const seconds = median?.seconds === null || median?.seconds === undefined ? undefined : Math.max(0, Math.round(Number(median.seconds)));
  return { weeks: result, requests: sum('requests'), decided: sum('decided'), approved: sum('approved'), ...(seconds !== undefined ? { medianSecondsToDecision: seconds } : {}) };
}
