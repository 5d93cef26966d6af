// Writes a CRM change and its outbox row in the caller's transaction, in the shape dual-write consumes.
import type { DbOrTx } from '../platform/db.ts';
import { signalSync } from '../platform/change-signal.ts';
import { outbox } from './schema.ts';

export type SalesEntity = 'lead' | 'opportunity' | 'account' | 'contact';
/** `user` for people's edits; the dual-write engine tags its own writes so they never echo back. */
export type ChangeOrigin = 'user' | 'dualwrite';

/** The outbox row of a change: the row image for people's edits; the engine's own writes mark a position only (it
 * skips them, and nothing else reads this outbox). */
export function outboxRow(entity: SalesEntity, row: { id: string; version: number }, changedFields: string[], origin: ChangeOrigin): typeof outbox.$inferInsert {
  return { entity, key: row.id, version: row.version, changedFields, payload: origin === 'dualwrite' ? {} : row, origin };
}

export async function recordChange(
  tx: DbOrTx,
  entity: SalesEntity,
  row: { id: string; version: number },
  changedFields: string[],
  origin: ChangeOrigin,
): Promise<void> {
  await tx.insert(outbox).values(outboxRow(entity, row, changedFields, origin));
  if (origin !== 'dualwrite') await signalSync(tx);
}

/** Names of the fields whose values differ, for the outbox's changed-fields list. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => key !== 'updatedAt' && key !== 'version' && String(before[key] ?? '') !== String(after[key] ?? ''));
}
