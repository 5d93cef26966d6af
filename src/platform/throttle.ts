// Fixed-window counters in the database, so limits hold across every web process. The table is unlogged: an
// upsert on one address's counter row holds its lock for microseconds, not for a WAL flush.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { preparedStatement } from './db.ts';
import { throttleHits } from './schema.ts';
import { DomainError } from './errors.ts';

export interface Limit {
  bucket: string;
  key: string;
  /** Attempts allowed per window; 0 turns the limit off. */
  limit: number;
  /**
   * What a successful attempt does to this counter (sign-in): `clear` empties it (an account's failures are
   * forgotten once its owner signs in), `forgive` takes this attempt back (an address is counted on failures
   * only). Without it every attempt counts (sign-up, forgot-password).
   */
  onSuccess?: 'clear' | 'forgive';
}

export interface Attempt {
  /** The attempt succeeded: applies each limit's `onSuccess`. */
  succeeded(): Promise<void>;
}

export interface Throttle {
  /**
   * Counts one attempt on every limit in one statement, and throws 429 (with Retry-After) when any is exceeded in
   * the current window. Counting before the attempt runs means parallel guesses cannot overtake the limit.
   */
  hit(...limits: Limit[]): Promise<Attempt>;
}

const done: Attempt = { succeeded: async () => undefined };

export function createThrottle(db: Db, windowSeconds: number): Throttle {
  const windowMs = windowSeconds * 1000;
  let sweptWindow = 0;
  // The upsert is on every sign-up and sign-in: prepared once per number of limits (one to three in practice).
  const upserts = new Map<number, (values: Record<string, unknown>) => Promise<{ bucket: string; hits: number }[]>>();
  function upsert(count: number) {
    let prepared = upserts.get(count);
    if (!prepared) {
      const rows = Array.from({ length: count }, (_, i) => ({ bucket: sql.placeholder(`bucket${i}`), key: sql.placeholder(`key${i}`), windowStart: sql.placeholder('windowStart'), hits: 1 }));
      const statement = db
        .insert(throttleHits)
        .values(rows as unknown as (typeof throttleHits.$inferInsert)[])
        .onConflictDoUpdate({ target: [throttleHits.bucket, throttleHits.key, throttleHits.windowStart], set: { hits: sql`${throttleHits.hits} + 1` } })
        .returning({ bucket: throttleHits.bucket, hits: throttleHits.hits })
        .getSQL();
      prepared = preparedStatement(db, `platform_throttle_hit_${count}`, statement);
      upserts.set(count, prepared);
    }
    return prepared;
  }

  function tooMany(windowStart: Date): DomainError {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000));
    return new DomainError('too-many-requests', `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, { retryAfter });
  }

  /** Once per window and process, drops the counters of windows that have ended. */
  function sweep(windowStart: Date): void {
    if (sweptWindow === windowStart.getTime()) return;
    sweptWindow = windowStart.getTime();
    void db
      .delete(throttleHits)
      .where(lt(throttleHits.windowStart, windowStart))
      .catch(() => undefined);
  }

  return {
    async hit(...limits) {
      const active = limits.filter((l) => l.limit > 0).map((l) => ({ ...l, key: l.key.toLowerCase() }));
      if (active.length === 0) return done;
      const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
      sweep(windowStart);
      const values: Record<string, unknown> = { windowStart };
      active.forEach((l, i) => Object.assign(values, { [`bucket${i}`]: l.bucket, [`key${i}`]: l.key }));
      const rows = await upsert(active.length)(values);
      const exceeded = rows.some((row) => row.hits > (active.find((l) => l.bucket === row.bucket)?.limit ?? Infinity));
      if (exceeded) throw tooMany(windowStart);
      return {
        async succeeded() {
          const at = (l: Limit) => and(eq(throttleHits.bucket, l.bucket), eq(throttleHits.key, l.key));
          await Promise.all(
            active.map((l) =>
              l.onSuccess === 'clear'
                ? db.delete(throttleHits).where(at(l))
                : l.onSuccess === 'forgive'
                  ? db
                      .update(throttleHits)
                      .set({ hits: sql`${throttleHits.hits} - 1` })
                      .where(and(at(l), eq(throttleHits.windowStart, windowStart), gt(throttleHits.hits, 0)))
                  : undefined,
            ),
          );
        },
      };
    },
  };
}
