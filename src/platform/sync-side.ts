// The port through which the dual-write engine reads one system's changes and writes into it.
// HQ and the CRM implement it; dual-write consumes it. Plumbing only: no entity knows another system here.
import { and, lt, sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from './db.ts';
import { DomainError } from './errors.ts';

export type FieldType = 'string' | 'number' | 'date' | 'boolean';

export interface FieldSchema {
  type: FieldType;
  /** The row cannot be created without it. */
  required?: boolean;
  /** Written by the system itself; a map may read it but never write it. */
  readOnly?: boolean;
}

export interface EntitySchema {
  label: string;
  /** The field that identifies a row of this entity in its own system. */
  key: string;
  fields: Record<string, FieldSchema>;
}

/** One committed change from a system's outbox, oldest first by position. */
export interface SideChange {
  id: number;
  /** The writing transaction; with `id`, the change's position in its outbox. */
  txid: number;
  entity: string;
  key: string;
  /** The row as it was after this change (every intermediate version is kept). */
  values: Record<string, unknown>;
  /** Fields this change touched; every field on a create. */
  changedFields: string[];
  created: boolean;
  at: Date;
  /** `dualwrite` for the engine's own writes, which it never sends back. */
  origin: string;
}

export interface ApplyItem {
  /** Caller's reference, echoed in the outcome. */
  ref: number;
  /** The target row's key when the engine already links it; null to match or create. */
  key: string | null;
  /** Integration-key values used to find an existing row when `key` is null. */
  match: Record<string, unknown>;
  values: Record<string, unknown>;
  /** A short words-only description of where the change came from, for the target's own history. */
  source: string;
}

export type ApplyOutcome =
  | { ref: number; status: 'created' | 'updated' | 'unchanged'; key: string }
  | { ref: number; status: 'failed'; reason: string };

/**
 * Where a reader stands in a system's outbox. Rows are read in (transaction id, id) order and only from
 * transactions older than the oldest one still in flight, so a row that took its id early and committed late
 * is never stepped over.
 */
export interface ChangePosition {
  txid: number;
  id: number;
}

export const startOfOutbox: ChangePosition = { txid: 0, id: 0 };

export interface ReadOptions {
  /** Read only transactions below this one (a `horizon()` taken once per cycle, so every map sees the same commits). */
  horizon?: number;
  /** Only these keys (for looking at the other side's undelivered changes). */
  keys?: string[];
}

export interface SyncSide {
  readonly name: 'hq' | 'crm';
  readonly entities: Record<string, EntitySchema>;
  /** The oldest transaction still in flight: every change below it has committed (or never will). */
  horizon(): Promise<number>;
  /** The horizon and each entity's newest committed change, in one statement: maps with nothing new cost no more. */
  glance(entities: string[]): Promise<Glance>;
  /** Changes of one entity after the position, oldest first, up to the horizon when one is given. */
  readChanges(entity: string, after: ChangePosition, limit: number, options?: ReadOptions): Promise<SideChange[]>;
  countChanges(entity: string, after: ChangePosition): Promise<number>;
  /** A position before every change that has not committed yet, so that a map can start "from now". */
  latestPosition(): Promise<ChangePosition>;
  /** The position of an outbox row, for cursors that stored only an id (written before positions had a txid). */
  positionOf(id: number): Promise<ChangePosition>;
  /** Applies a batch tagged as dual-write's own writes; one bad item fails alone. Throws when the system is unreachable. */
  apply(entity: string, items: ApplyItem[]): Promise<ApplyOutcome[]>;
  /** Existing rows in key order, for the initial sync. */
  list(entity: string, afterKey: string | null, limit: number): Promise<{ key: string; values: Record<string, unknown> }[]>;
  count(entity: string): Promise<number>;
}

/** One look at a side: its horizon and, per entity, the position of its newest committed change (null: none). */
export interface Glance {
  horizon: number;
  newest: Map<string, ChangePosition | null>;
}

/** True when position `a` comes after position `b` in an outbox. */
export function isAfter(a: ChangePosition, b: ChangePosition): boolean {
  return a.txid > b.txid || (a.txid === b.txid && a.id > b.id);
}

/**
 * The horizon and the newest change of each entity in one round trip; `newestOf(entity)` is a scalar subquery
 * returning `txid:id` of the entity's newest outbox row (a backward scan of the position index, one row).
 */
export async function glanceOf(db: Db, entities: string[], newestOf: (entity: string) => SQL): Promise<Glance> {
  const columns = entities.map((entity, i) => sql`, (${newestOf(entity)}) as ${sql.identifier(`e${i}`)}`);
  const result = await db.execute<Record<string, string | null>>(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon${sql.join(columns, sql``)}`);
  const row = (Array.isArray(result) ? result : (result as { rows: Record<string, string | null>[] }).rows)[0]!;
  const newest = new Map<string, ChangePosition | null>();
  entities.forEach((entity, i) => {
    const at = row[`e${i}`];
    const [txid, id] = at ? at.split(':').map(Number) : [];
    newest.set(entity, at ? { txid: txid!, id: id! } : null);
  });
  return { horizon: Number(row.horizon), newest };
}

/** The oldest transaction id still in flight in the database (every lower one has ended). */
export async function horizonOf(db: Db): Promise<number> {
  const result = await db.execute<{ horizon: string }>(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`);
  const rows = Array.isArray(result) ? result : (result as { rows: { horizon: string }[] }).rows;
  return Number(rows[0]!.horizon);
}

/** Outbox rows after a position, and below a horizon when one is given; the columns' index is (…, txid, id). */
export function afterPosition(txid: AnyColumn, id: AnyColumn, after: ChangePosition, horizon?: number): SQL | undefined {
  return and(sql`(${txid}, ${id}) > (${after.txid}, ${after.id})`, horizon === undefined ? undefined : lt(txid, horizon));
}

/** Before every transaction that may still commit: a map run now starts here. */
export async function latestPositionOf(db: Db): Promise<ChangePosition> {
  return { txid: (await horizonOf(db)) - 1, id: Number.MAX_SAFE_INTEGER };
}

/** The innermost message of an error, without the SQL text a query wrapper adds. */
export function plainMessage(error: unknown): string {
  let e = error;
  while ((e as { cause?: unknown })?.cause) e = (e as { cause?: unknown }).cause;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Applies a batch in one transaction; if any item fails, the batch is applied again with a savepoint per item,
 * so one bad record is reported alone and the others still commit.
 */
export async function applyInBatch(db: Db, items: ApplyItem[], applyOne: (tx: DbOrTx, item: ApplyItem) => Promise<ApplyOutcome>): Promise<ApplyOutcome[]> {
  const fast = await db
    .transaction(async (tx) => {
      const outcomes: ApplyOutcome[] = [];
      for (const item of items) {
        const outcome = await applyOne(tx, item);
        if (outcome.status === 'failed') throw new RetryOneByOne();
        outcomes.push(outcome);
      }
      return outcomes;
    })
    .catch((error: unknown) => {
      if (error instanceof RetryOneByOne || error instanceof DomainError || isDataError(error)) return null;
      throw error;
    });
  if (fast) return fast;
  return db.transaction(async (tx) => {
    const outcomes: ApplyOutcome[] = [];
    for (const item of items) {
      try {
        outcomes.push(await tx.transaction((sp) => applyOne(sp, item).then((o) => (o.status === 'failed' ? Promise.reject(new Failed(o)) : o))));
      } catch (error) {
        if (error instanceof Failed) outcomes.push(error.outcome);
        else if (error instanceof DomainError || isDataError(error)) outcomes.push({ ref: item.ref, status: 'failed', reason: error instanceof Error ? error.message : String(error) });
        else throw error;
      }
    }
    return outcomes;
  });
}

class RetryOneByOne extends Error {}
class Failed extends Error {
  outcome: ApplyOutcome;
  constructor(outcome: ApplyOutcome) {
    super('failed');
    this.outcome = outcome;
  }
}

/** PostgreSQL's data and constraint errors (class 22 and 23): the record is bad, the database is fine. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code ?? '';
  return /^2[23]/.test(code);
}
