// Records a prospect or customer change for the dual-write engine, in the caller's transaction.
import type { DbOrTx } from '../platform/db.ts';
import { signalSync } from '../platform/change-signal.ts';
import { outbox } from './schema.ts';

export type SyncEntity = 'prospect' | 'customer';
/** `user` for people's and HQ's own changes; `dualwrite` for the engine's writes, which are never sent back. */
export type ChangeOrigin = 'user' | 'dualwrite';

export interface SyncChange {
  entity: SyncEntity;
  key: string;
  values: Record<string, unknown>;
  changedFields: string[];
  created: boolean;
  origin: ChangeOrigin;
}

export async function recordSyncChanges(tx: DbOrTx, changes: SyncChange[]): Promise<void> {
  // The engine's own writes produce no row at all: nothing to skip later, nothing to echo.
  const rows = changes.filter((c) => c.origin !== 'dualwrite');
  if (rows.length === 0) return;
  await tx.insert(outbox).values(
    rows.map((c) => ({
      consumer: 'dualwrite',
      topic: c.entity,
      key: c.key,
      payload: { values: c.values, changedFields: c.changedFields, created: c.created, origin: c.origin },
    })),
  );
  await signalSync(tx);
}

/** Names of the fields whose values differ. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => key !== 'updatedAt' && String(before[key] ?? '') !== String(after[key] ?? ''));
}
