// The port through which the dual-write engine reads one system's changes and writes into it.
// HQ and the CRM implement it; dual-write consumes it. Plumbing only: no entity knows another system here.
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

/** One committed change from a system's outbox, oldest first by `id`. */
export interface SideChange {
  id: number;
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

export interface SyncSide {
  readonly name: 'hq' | 'crm';
  readonly entities: Record<string, EntitySchema>;
  /** Changes of one entity after the given outbox id, oldest first; only those keys when given. */
  readChanges(entity: string, afterId: number, limit: number, keys?: string[]): Promise<SideChange[]>;
  countChanges(entity: string, afterId: number): Promise<number>;
  /** The newest outbox id, so that a map can start "from now". */
  latestChangeId(): Promise<number>;
  /** Applies a batch tagged as dual-write's own writes; one bad item fails alone. Throws when the system is unreachable. */
  apply(entity: string, items: ApplyItem[]): Promise<ApplyOutcome[]>;
  /** Existing rows in key order, for the initial sync. */
  list(entity: string, afterKey: string | null, limit: number): Promise<{ key: string; values: Record<string, unknown> }[]>;
  count(entity: string): Promise<number>;
}

/** Errors that mean "the other system is down", as opposed to a bad record (looks through wrapped causes). */
export function isUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string }).code ?? '';
    const message = e instanceof Error ? e.message : String(e);
    if (
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(code) ||
      /connection terminated|ECONNREFUSED|timeout exceeded when trying to connect|PGlite is closed|Client was closed|Connection ended/i.test(message)
    ) {
      return true;
    }
  }
  return false;
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
