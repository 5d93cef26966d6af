// Writes a CRM change and its outbox row in the caller's transaction, in the shape dual-write consumes.
import type { DbOrTx } from '../platform/db.ts';
import { signalSync } from '../platform/change-signal.ts';
import { outbox } from './schema.ts';

export type SalesEntity = 'lead' | 'opportunity' | 'account' | 'contact';
/** `user` for people's edits; the dual-write engine tags its own writes so they never echo back. */
export type ChangeOrigin = 'user' | 'dualwrite';

export async function recordChange(
  tx: DbOrTx,
  entity: SalesEntity,
  row: { id: string; version: number },
  changedFields: string[],
  origin: ChangeOrigin,
): Promise<void> {
  // The engine's own writes mark a position only: it skips them, and nothing else reads this outbox, so no row image.
  await tx.insert(outbox).values({ entity, key: row.id, version: row.version, changedFields, payload: origin === 'dualwrite' ? {} : row, origin });
  if (origin !== 'dualwrite') await signalSync(tx);
}

/** Names of the fields whose values differ, for the outbox's changed-fields list. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => key !== 'updatedAt' && key !== 'version' && String(before[key] ?? '') !== String(after[key] ?? ''));
}
