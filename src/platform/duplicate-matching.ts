// The pure rules of duplicate matching, shared by every context that matches its own records (HQ's prospects, the
// CRM's leads): which e-mail domains say nothing about a company, how a company name is normalised, the weights.
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './db.ts';

/**
 * Free-mail domains: anyone can have an address there, so the same domain says nothing about the company.
 * Exact domains, plus the providers with a domain per country (`gmx.*`, `yandex.*`) in `freeMailProviders`.
 */
export const freeMailDomains = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com', 'me.com', 'mac.com',
  'web.de', 't-online.de', 'freenet.de', 'mail.ee', 'hot.ee', 'online.ee', 'proton.me', 'protonmail.com', 'pm.me', 'aol.com', 'mail.ru', 'inbox.ru',
  'bk.ru', 'list.ru', 'rambler.ru', 'zoho.com', 'tutanota.com', 'tuta.io', 'fastmail.com', 'hey.com', 'mail.com', 'email.com', 'qq.com', '163.com',
  'wp.pl', 'o2.pl', 'interia.pl', 'seznam.cz', 'libero.it', 'orange.fr', 'wanadoo.fr', 'laposte.net', 'free.fr', 'inbox.lv', 'inbox.lt', 'luukku.com',
] as const;
/** Providers whose free-mail domains exist under many country endings: gmx.de, gmx.net, yandex.ru, yahoo.co.uk … */
export const freeMailProviders = ['gmx', 'yandex', 'yahoo', 'hotmail', 'outlook', 'live'] as const;

export function isFreeMail(domain: string): boolean {
  const d = domain.toLowerCase();
  return (freeMailDomains as readonly string[]).includes(d) || freeMailProviders.some((p) => d.startsWith(`${p}.`));
}

/** SQL: the e-mail's domain is free-mail (the same rule as `isFreeMail`, for set-based matching). */
export function isFreeMailSql(domain: SQL): SQL<boolean> {
  return sql<boolean>`(${domain} = any(${sql.param([...freeMailDomains])}::text[]) or ${domain} ~ ${`^(${freeMailProviders.join('|')})\\.`})`;
}

/** How much each reason adds to the score (capped at 100); a similar name adds its similarity times `name`. */
export const reasonWeights = { email: 60, vat: 60, domain: 30, name: 40 } as const;
/** pg_trgm similarity of the normalised names from which two companies count as similar. */
export const nameSimilarityThreshold = 0.5;
/** Candidates looked at per record and reason; the strongest of them are kept. */
export const candidatesPerReason = 10;
/**
 * Names above the threshold read per record before the strongest are kept: bounds the work when thousands of names
 * share most of their trigrams ("Queued Co 1", "Queued Co 2" …), where every one of them is above it.
 */
export const similarNamesRead = 100;

/**
 * SQL: the rows of `table` (as `alias`, then kept by `where`) whose `name_key` is similar to `nameKey`, strongest
 * first, `candidatesPerReason` at most, as (id, sim). GIN's trigram filter (`%`) finds them from posting lists: on
 * 30,000 names of a made-up word and a trade ("Kavomi Logistics") a lookup took 2.6 ms, GiST's nearest-first order
 * (<->) 25 ms. `where` applies after the read, so the trigram index is the only index the read can use: with a
 * filter such as "open leads" inside, the planner listed the open leads through another partial index whenever
 * its statistics were older than the table's last burst of inserts, and compared every one of them. (Turning
 * sequential scans off for the statement instead made the rest of it 40× slower.)
 */
export function similarNamesSql(table: unknown, alias: string, idColumn: string, where: SQL, nameKey: SQL): SQL {
  const a = sql.raw(alias);
  return sql`select ${a}.${sql.raw(idColumn)} as id, ${a}.sim from (
      select ${a}.*, similarity(${a}.name_key, ${nameKey}) as sim from ${table} ${a}
      where ${a}.name_key % ${nameKey} limit ${sql.raw(String(similarNamesRead))}
    ) ${a} where ${where} order by ${a}.sim desc limit ${sql.raw(String(candidatesPerReason))}`;
}

/**
 * Runs a matching statement built with `similarNamesSql` in the caller's transaction, with pg_trgm's `%` at the
 * matching threshold (its default, 0.3, would pass far more names to the recheck).
 */
export async function runMatching(tx: DbOrTx, statement: SQL): Promise<void> {
  await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(nameSimilarityThreshold)}, true)`);
  await tx.execute(statement);
}

export type DuplicateReason = keyof typeof reasonWeights;
export type DuplicateStatus = 'Open' | 'Dismissed';

/** SQL: a pair's score from its `reason` rows and name similarity `sim`, as an aggregate over the grouped pair. */
export function scoreSql(reason: SQL, similarity: SQL): SQL<number> {
  const w = reasonWeights;
  const n = (value: number) => sql.raw(String(value));
  return sql<number>`least(100, round(sum(case ${reason} when 'email' then ${n(w.email)} when 'vat' then ${n(w.vat)} when 'domain' then ${n(w.domain)} else ${n(w.name)} * ${similarity} end)))::int`;
}

/**
 * A company name as duplicate matching compares it (the expression of a generated, trigram-indexed column): lower
 * case, legal forms dropped, anything but letters and digits a single space. "ACME Supplies OÜ" and "Acme-Supplies"
 * are the same key.
 */
export const nameKeySql = (column: string) =>
  sql.raw(
    `btrim(regexp_replace(regexp_replace(lower(${column}), '\\m(oü|ou|as|gmbh|ag|ltd|limited|llc|inc|oy|ab|bv|nv|sa|sas|srl|spa|plc|corp|co|company|sia|uab|sp z o o)\\M', ' ', 'g'), '[^[:alnum:]]+', ' ', 'g'))`,
  );

/** A stored match as each context shows it (HQ's prospects and the CRM's leads keep the same columns). */
export interface DuplicateView<Kind extends string> {
  matchId: number;
  kind: Kind;
  id: string;
  name: string;
  reasons: DuplicateReason[];
  nameSimilarity?: number;
  score: number;
  status: DuplicateStatus;
  dismissedBy?: string;
  dismissedAt?: string;
}

interface StoredMatch {
  id: number;
  matchedKind: string;
  matchedId: string;
  matchedName: string;
  reasons: unknown;
  nameSimilarity: number | null;
  score: number;
  status: string;
  dismissedBy: string | null;
  dismissedAt: Date | null;
}

export function duplicateView<Kind extends string>(row: StoredMatch): DuplicateView<Kind> {
  return {
    matchId: row.id,
    kind: row.matchedKind as Kind,
    id: row.matchedId,
    name: row.matchedName,
    reasons: row.reasons as DuplicateReason[],
    ...(row.nameSimilarity !== null ? { nameSimilarity: Number(row.nameSimilarity) } : {}),
    score: row.score,
    status: row.status as DuplicateStatus,
    ...(row.dismissedBy ? { dismissedBy: row.dismissedBy } : {}),
    ...(row.dismissedAt ? { dismissedAt: row.dismissedAt.toISOString() } : {}),
  };
}
