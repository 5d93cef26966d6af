// Duplicates at intake: when SYNC-CHANNEL-REQUESTS creates prospects, each is matched against organization customers
// and the other open prospects, in the same transaction, and the possible duplicates are kept with their reasons.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { candidatesPerReason, duplicateView, freeMailDomains, freeMailProviders, reasonWeights, runMatching, similarNamesSql } from '../platform/duplicate-matching.ts';
import type { DuplicateView } from '../platform/duplicate-matching.ts';
import { customerHierarchies, customers, hierarchyMembers, prospectDuplicates, prospects } from './schema.ts';

export { candidatesPerReason, freeMailDomains, freeMailProviders, isFreeMail, nameSimilarityThreshold, reasonWeights } from '../platform/duplicate-matching.ts';
export type { DuplicateReason, DuplicateStatus } from '../platform/duplicate-matching.ts';
export type DuplicateKind = 'customer' | 'prospect';

export type PossibleDuplicate = DuplicateView<DuplicateKind>;

/**
 * Matches newly created prospects, set-based: one statement for the whole batch, whatever its size (sign-up
 * throughput is benchmarked, and a statement per prospect would be a round trip per sign-up). A prospect-to-prospect
 * match is stored for both prospects, so the earlier one shows it too.
 */
/**
 * SQL: at most candidatesPerReason organization customers whose own e-mail, or one of whose partner users' e-mails,
 * meets `emailMatches` — each through its index (`customers` by e-mail, `hierarchy_members` by member).
 */
function organizationsReached(emailMatches: (email: SQL) => SQL): SQL {
  const L = sql.raw(String(candidatesPerReason));
  return sql`select account from (
      (select c.account from ${customers} c where ${emailMatches(sql`c.email`)} and c.type = 'Organization' limit ${L})
      union
      (select h.organization_account from ${customers} m_c
         join ${hierarchyMembers} m on m.customer_account = m_c.account join ${customerHierarchies} h on h.id = m.hierarchy_id
       where ${emailMatches(sql`m_c.email`)} limit ${L})
    ) e limit ${L}`;
}

export async function matchDuplicates(tx: DbOrTx, prospectIds: string[]): Promise<void> {
  if (prospectIds.length === 0) return;
  const w = reasonWeights;
  const L = sql.raw(String(candidatesPerReason));
  // Raw SQL: unions of lateral joins with a grouped insert, and pg_trgm's similarity filter (%), which the query builder cannot say.
  await runMatching(
    tx,
    sql`
    with fresh as (
      select p.id, p.email, split_part(p.email, '@', 2) as domain, p.vat_number, p.name_key,
             (split_part(p.email, '@', 2) = any(${sql.param([...freeMailDomains])}::text[])
              or split_part(p.email, '@', 2) ~ ${`^(${freeMailProviders.join('|')})\\.`}) as free_mail
      from ${prospects} p where p.id = any(${sql.param(prospectIds)}::text[])
    ),
    -- Each reason looks at no more than candidatesPerReason candidates per prospect (an index scan with a limit), so a
    -- domain shared by thousands of open prospects costs the same as one shared by two. An organization customer is
    -- reached by its own e-mail and by its partner users' e-mails, each through its index: a union of every
    -- organization's e-mails, scanned per prospect, grew with the customer base (two scans of 100,000 rows each).
    pairs as (
      select f.id as prospect_id, 'customer' as kind, e.account as matched_id, 'email' as reason, null::real as sim
      from fresh f cross join lateral (${organizationsReached((email) => sql`${email} = f.email`)}) e
      union all
      select f.id, 'customer', e.account, 'domain', null
      from fresh f cross join lateral (${organizationsReached((email) => sql`split_part(${email}, '@', 2) = f.domain and ${email} <> f.email`)}) e
      where not f.free_mail
      union all
      select f.id, 'customer', c.account, 'vat', null
      from fresh f cross join lateral (select c.account from ${customers} c where c.vat_number = f.vat_number and c.type = 'Organization' limit ${L}) c
      union all
      select f.id, 'customer', c.id, 'name', c.sim
      from fresh f cross join lateral (${similarNamesSql(customers, 'c', 'account', sql`c.type = 'Organization'`, sql`f.name_key`)}) c
      where f.name_key <> ''
      union all
      select f.id, 'prospect', p.id, 'domain', null
      from fresh f cross join lateral (select p.id from ${prospects} p where split_part(p.email, '@', 2) = f.domain and p.status = 'New' and p.id <> f.id limit ${L}) p
      where not f.free_mail
      union all
      select f.id, 'prospect', p.id, 'vat', null
      from fresh f cross join lateral (select p.id from ${prospects} p where p.vat_number = f.vat_number and p.status = 'New' and p.id <> f.id limit ${L}) p
      union all
      select f.id, 'prospect', p.id, 'name', p.sim
      from fresh f cross join lateral (${similarNamesSql(prospects, 'p', 'id', sql`p.status = 'New' and p.id <> f.id`, sql`f.name_key`)}) p
      where f.name_key <> ''
    ),
    matches as (
      select prospect_id, kind, matched_id, array_agg(distinct reason order by reason) as reasons, max(sim) as sim,
             least(100, round(sum(case reason when 'email' then ${sql.raw(String(w.email))} when 'vat' then ${sql.raw(String(w.vat))} when 'domain' then ${sql.raw(String(w.domain))} else ${sql.raw(String(w.name))} * sim end)))::int as score
      from pairs group by prospect_id, kind, matched_id
    ),
    both_ways as (
      select prospect_id, kind, matched_id, reasons, sim, score from matches
      union all
      select matched_id, 'prospect', prospect_id, reasons, sim, score from matches where kind = 'prospect'
    )
    insert into ${prospectDuplicates} (prospect_id, matched_kind, matched_id, matched_name, reasons, name_similarity, score)
    select b.prospect_id, b.kind, b.matched_id, coalesce(c.name, p.company_name), b.reasons, round(b.sim::numeric, 3), b.score
    from both_ways b
    left join ${customers} c on b.kind = 'customer' and c.account = b.matched_id
    left join ${prospects} p on b.kind = 'prospect' and p.id = b.matched_id
    on conflict (prospect_id, matched_kind, matched_id) do nothing`,
  );
}

/** A prospect's possible duplicates: open ones first, then by score. */
export async function duplicatesOf(db: DbOrTx, prospectId: string): Promise<PossibleDuplicate[]> {
  const rows = await db
    .select()
    .from(prospectDuplicates)
    .where(eq(prospectDuplicates.prospectId, prospectId))
    .orderBy(desc(sql`${prospectDuplicates.status} = 'Open'`), desc(prospectDuplicates.score), asc(prospectDuplicates.id));
  return rows.map((row) => duplicateView<DuplicateKind>(row));
}

/** SQL: the prospect has an open possible duplicate (for All prospects' flag and filter). */
// Qualified by hand: in a select list the query builder writes the column as a bare "id", which is d.id here.
export const hasOpenDuplicate = sql<boolean>`exists (select 1 from ${prospectDuplicates} d where d.prospect_id = "hq"."prospects"."id" and d.status = 'Open')`;

export function createDuplicates(db: Db) {
  return {
    /**
     * Marks a match as not a duplicate; 404 for a match of another prospect, 409 when already dismissed. Two
     * prospects are not the same company either way round, so the other prospect's row of the pair goes too.
     */
    async dismiss(prospectId: string, matchId: number, dismissedBy: string): Promise<PossibleDuplicate> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(prospectDuplicates)
          .where(and(eq(prospectDuplicates.id, matchId), eq(prospectDuplicates.prospectId, prospectId)))
          .for('update');
        if (!row) throw notFound(`Possible duplicate ${matchId} of prospect ${prospectId}`);
        if (row.status !== 'Open') throw new DomainError('conflict', `Possible duplicate ${matchId} was already dismissed by ${row.dismissedBy ?? 'someone'}.`, { matchStatus: row.status });
        const [updated] = await tx
          .update(prospectDuplicates)
          .set({ status: 'Dismissed', dismissedBy, dismissedAt: new Date() })
          .where(eq(prospectDuplicates.id, matchId))
          .returning();
        if (row.matchedKind === 'prospect') {
          await tx
            .update(prospectDuplicates)
            .set({ status: 'Dismissed', dismissedBy, dismissedAt: new Date() })
            .where(and(eq(prospectDuplicates.prospectId, row.matchedId), eq(prospectDuplicates.matchedKind, 'prospect'), eq(prospectDuplicates.matchedId, prospectId), eq(prospectDuplicates.status, 'Open')));
        }
        return duplicateView<DuplicateKind>(updated!);
      });
    },
  };
}

export type Duplicates = ReturnType<typeof createDuplicates>;
