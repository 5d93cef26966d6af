// Possible duplicates in the CRM: a new lead is matched against the other open leads, the contacts and the accounts,
// and the matches are kept with reasons. A lead made by hand is matched in the transaction that creates it; leads
// dual-write makes are queued in theirs and matched moments later by the matcher (createLeadMatcher).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../platform/db.ts';
import { bulkInsert } from '../platform/bulk.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { candidatesPerReason, duplicateView, isFreeMailSql, scoreSql, runMatching, similarNamesSql } from '../platform/duplicate-matching.ts';
import type { DuplicateView } from '../platform/duplicate-matching.ts';
import { accounts, contacts, leadDuplicates, leadMatchingQueue, leads } from './schema.ts';

export type LeadDuplicateKind = 'lead' | 'contact' | 'account';

export type LeadDuplicate = DuplicateView<LeadDuplicateKind>;

/**
 * Matches newly created leads, set-based: one statement for the whole batch (dual-write inserts leads in batches;
 * a statement per lead or reason would be a round trip each). A lead-to-lead match is stored for both leads.
 */
export async function matchLeadDuplicates(tx: DbOrTx, leadIds: string[]): Promise<void> {
  if (leadIds.length === 0) return;
  const L = sql.raw(String(candidatesPerReason));
  // Raw SQL: a union of lateral index lookups grouped into one row per pair, and pg_trgm's similarity filter (%), which the builder cannot say.
  await runMatching(
    tx,
    sql`
    with fresh as (
      select l.id, l.email, split_part(l.email, '@', 2) as domain, l.vat_number, l.name_key,
             ${isFreeMailSql(sql`split_part(l.email, '@', 2)`)} as free_mail
      from ${leads} l where l.id = any(${sql.param(leadIds)}::uuid[])
    ),
    pairs as (
      select f.id as lead_id, 'lead' as kind, x.id as matched_id, 'email' as reason, null::real as sim
      from fresh f cross join lateral (select l.id from ${leads} l where l.email = f.email and l.state = 'Open' and l.id <> f.id limit ${L}) x
      union all
      select f.id, 'lead', x.id, 'domain', null
      from fresh f cross join lateral (select l.id from ${leads} l where split_part(l.email, '@', 2) = f.domain and l.email <> f.email and l.state = 'Open' and l.id <> f.id limit ${L}) x
      where not f.free_mail
      union all
      select f.id, 'lead', x.id, 'vat', null
      from fresh f cross join lateral (select l.id from ${leads} l where l.vat_number = f.vat_number and l.state = 'Open' and l.id <> f.id limit ${L}) x
      union all
      select f.id, 'lead', x.id, 'name', x.sim
      from fresh f cross join lateral (${similarNamesSql(leads, 'l', 'id', sql`l.state = 'Open' and l.id <> f.id`, sql`f.name_key`)}) x
      where f.name_key <> ''
      union all
      select f.id, 'contact', x.id, 'email', null
      from fresh f cross join lateral (select c.id from ${contacts} c where c.email = f.email and c.status = 'Active' limit ${L}) x
      union all
      select f.id, 'contact', x.id, 'domain', null
      from fresh f cross join lateral (select c.id from ${contacts} c where split_part(c.email, '@', 2) = f.domain and c.email <> f.email and c.status = 'Active' limit ${L}) x
      where not f.free_mail
      union all
      select f.id, 'account', x.id, 'email', null
      from fresh f cross join lateral (select a.id from ${accounts} a where a.email = f.email and a.status = 'Active' limit ${L}) x
      union all
      select f.id, 'account', x.id, 'domain', null
      from fresh f cross join lateral (select a.id from ${accounts} a where split_part(a.email, '@', 2) = f.domain and a.email <> f.email and a.status = 'Active' limit ${L}) x
      where not f.free_mail
      union all
      select f.id, 'account', x.id, 'vat', null
      from fresh f cross join lateral (select a.id from ${accounts} a where a.vat_number = f.vat_number and a.status = 'Active' limit ${L}) x
      union all
      select f.id, 'account', x.id, 'name', x.sim
      from fresh f cross join lateral (${similarNamesSql(accounts, 'a', 'id', sql`a.status = 'Active'`, sql`f.name_key`)}) x
      where f.name_key <> ''
    ),
    matches as (
      select lead_id, kind, matched_id, array_agg(distinct reason order by reason) as reasons, max(sim) as sim, ${scoreSql(sql`reason`, sql`sim`)} as score
      from pairs group by lead_id, kind, matched_id
    ),
    both_ways as (
      select lead_id, kind, matched_id, reasons, sim, score from matches
      union all
      select matched_id, 'lead', lead_id, reasons, sim, score from matches where kind = 'lead'
    )
    insert into ${leadDuplicates} (lead_id, matched_kind, matched_id, matched_name, reasons, name_similarity, score)
    select b.lead_id, b.kind, b.matched_id,
           coalesce(a.name, nullif(concat_ws(' ', c.first_name, c.last_name), ''), l.company_name, concat_ws(' ', l.first_name, l.last_name)),
           b.reasons, round(b.sim::numeric, 3), b.score
    from both_ways b
    left join ${accounts} a on b.kind = 'account' and a.id = b.matched_id
    left join ${contacts} c on b.kind = 'contact' and c.id = b.matched_id
    left join ${leads} l on b.kind = 'lead' and l.id = b.matched_id
    on conflict (lead_id, matched_kind, matched_id) do nothing`,
  );
}

/** A lead's possible duplicates: open ones first, then by score. */
export async function duplicatesOfLead(db: DbOrTx, leadId: string): Promise<LeadDuplicate[]> {
  const rows = await db
    .select()
    .from(leadDuplicates)
    .where(eq(leadDuplicates.leadId, leadId))
    .orderBy(desc(sql`${leadDuplicates.status} = 'Open'`), desc(leadDuplicates.score), asc(leadDuplicates.id));
  return rows.map((row) => duplicateView<LeadDuplicateKind>(row));
}

/**
 * Marks a match as not a duplicate; 404 for a match of another lead, 409 when already dismissed. Two leads are not
 * the same company either way round, so the other lead's row of the pair goes too.
 */
export async function dismissLeadDuplicate(db: Db, leadId: string, matchId: number, dismissedBy: string): Promise<LeadDuplicate> {
  // lead_id is a uuid column: any other id names no lead (and must not reach the database as a cast error).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(leadId)) throw notFound('Lead');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(leadDuplicates).where(and(eq(leadDuplicates.id, matchId), eq(leadDuplicates.leadId, leadId))).for('update');
    if (!row) throw notFound(`Possible duplicate ${matchId} of this lead`);
    if (row.status !== 'Open') throw new DomainError('conflict', `Possible duplicate ${matchId} was already dismissed by ${row.dismissedBy ?? 'someone'}.`, { matchStatus: row.status });
    const dismissed = { status: 'Dismissed', dismissedBy, dismissedAt: new Date() };
    const [updated] = await tx.update(leadDuplicates).set(dismissed).where(eq(leadDuplicates.id, matchId)).returning();
    if (row.matchedKind === 'lead') {
      await tx
        .update(leadDuplicates)
        .set(dismissed)
        .where(and(eq(leadDuplicates.leadId, row.matchedId), eq(leadDuplicates.matchedKind, 'lead'), eq(leadDuplicates.matchedId, leadId), eq(leadDuplicates.status, 'Open')));
    }
    return duplicateView<LeadDuplicateKind>(updated!);
  });
}

/** Queues new leads for the matcher, in the caller's transaction (so no lead is ever left unmatched). */
export async function queueLeadMatching(tx: DbOrTx, leadIds: string[]): Promise<void> {
  await bulkInsert(tx, leadMatchingQueue, leadIds.map((leadId) => ({ leadId })), { onConflictDoNothing: true });
}

/**
 * Matches queued leads in batches until none are left, then waits for a kick or the poll. Each batch is taken with
 * SKIP LOCKED, matched and removed from the queue in one transaction: two workers never match the same lead, and a
 * failed batch stays queued.
 */
export function createLeadMatcher(db: Db, log: FastifyBaseLogger, options: { batchSize?: number; pollMs?: number; yieldWhile?: () => boolean } = {}) {
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 1000;
  const yieldMs = 100;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  // A kick during a batch: look again when it ends, not at the next poll (those leads may have committed after its read).
  let again = false;

  async function takeBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      const taken = await tx.select({ leadId: leadMatchingQueue.leadId }).from(leadMatchingQueue).orderBy(asc(leadMatchingQueue.queuedAt)).limit(batchSize).for('update', { skipLocked: true });
      if (taken.length === 0) return 0;
      const ids = taken.map((row) => row.leadId);
      await matchLeadDuplicates(tx, ids);
      await tx.delete(leadMatchingQueue).where(inArray(leadMatchingQueue.leadId, ids));
      return ids.length;
    });
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), delay);
  }

  async function loop() {
    if (stopped || running) return;
    // Sync goes first: while dual-write catches up, the leads arrive and their possible duplicates follow after.
    if (options.yieldWhile?.()) return schedule(yieldMs);
    again = false;
    running = takeBatch().catch((error: unknown) => {
      log.error({ err: error }, 'sales: matching queued leads failed');
      return 0;
    });
    const taken = await running;
    running = undefined;
    schedule(taken > 0 || again ? 0 : pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** Leads were queued: match them now rather than at the next poll (a few ms' grace for their transaction to commit). */
    kick() {
      if (running) again = true;
      else schedule(10);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
