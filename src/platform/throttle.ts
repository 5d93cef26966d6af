// Fixed-window counters in the database, so limits hold across every web process.
import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { throttleHits } from './schema.ts';
import { DomainError } from './errors.ts';

export interface Limit {
  bucket: string;
  key: string;
  /** Attempts allowed per window; 0 turns the limit off. */
  limit: number;
  /**
   * Counted in this process's memory instead of the database. For per-address limits: one address sends many
   * requests, and a shared counter row would make them all queue on its lock. With N processes the limit is N × limit.
   */
  local?: boolean;
}

export interface Throttle {
  /** Counts one attempt on every limit in one statement, and throws 429 when any is exceeded in the current window. */
  hit(...limits: Limit[]): Promise<void>;
}

export function createThrottle(db: Db, windowSeconds: number): Throttle {
  const windowMs = windowSeconds * 1000;
  const local = new Map<string, number>();
  let localWindow = 0;

  function tooMany(windowStart: Date): DomainError {
    const retryAfter = Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000);
    return new DomainError('too-many-requests', `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, { retryAfter });
  }

  return {
    async hit(...limits) {
      const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
      if (windowStart.getTime() !== localWindow) {
        local.clear();
        localWindow = windowStart.getTime();
      }
      for (const l of limits.filter((x) => x.local && x.limit > 0)) {
        const key = `${l.bucket}\u0000${l.key.toLowerCase()}`;
        const hits = (local.get(key) ?? 0) + 1;
        local.set(key, hits);
        if (hits > l.limit) throw tooMany(windowStart);
      }
      const active = limits.filter((l) => l.limit > 0 && !l.local);
      if (active.length === 0) return;
      const rows = await db
        .insert(throttleHits)
        .values(active.map((l) => ({ bucket: l.bucket, key: l.key.toLowerCase(), windowStart, hits: 1 })))
        .onConflictDoUpdate({ target: [throttleHits.bucket, throttleHits.key, throttleHits.windowStart], set: { hits: sql`${throttleHits.hits} + 1` } })
        .returning({ bucket: throttleHits.bucket, hits: throttleHits.hits });
      const exceeded = rows.some((row) => row.hits > (active.find((l) => l.bucket === row.bucket)?.limit ?? Infinity));
      if (exceeded) throw tooMany(windowStart);
    },
  };
}
