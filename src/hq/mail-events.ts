// Events that cause e-mail (request received, prospect approved or rejected), written in the caller's transaction
// to HQ's outbox for the mail context, and the feed the mail context reads them from.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { signalMailEvent } from '../platform/change-signal.ts';
import { onlineStores, outbox } from './schema.ts';
import { pendingOrder } from '../platform/outbox.ts';

export type MailTopic = 'partner-request-received' | 'prospect-approved' | 'prospect-rejected' | 'organization-user-added';

export interface MailEvent {
  topic: MailTopic;
  key: string;
  recipient: string;
  language: string;
  channelId: string;
  values: Record<string, string | null>;
}

export async function storeOf(tx: DbOrTx, channelId: string): Promise<{ storename: string; storeurl: string }> {
  const [store] = await tx.select().from(onlineStores).where(eq(onlineStores.id, channelId));
  return { storename: store?.name ?? '', storeurl: store?.url ?? '' };
}

export async function recordMailEvents(tx: DbOrTx, events: MailEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(outbox).values(events.map((e) => ({ consumer: 'mail', topic: e.topic, key: e.key, payload: e })));
  await signalMailEvent(tx);
}

/** The mail context's view of HQ's mail events: read the undelivered ones, acknowledge them once stored. */
export function createMailFeed(db: Db) {
  return {
    async read(limit: number): Promise<(MailEvent & { id: string })[]> {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.consumer, 'mail'), isNull(outbox.deliveredAt)))
        .orderBy(...pendingOrder(outbox))
        .limit(limit);
      return rows.map((r) => ({ ...(r.payload as MailEvent), id: `hq:${r.id}` }));
    },
    async ack(ids: string[]): Promise<void> {
      const numbers = ids.map((id) => Number(id.replace(/^hq:/, ''))).filter(Number.isFinite);
      if (numbers.length > 0) await db.update(outbox).set({ deliveredAt: new Date() }).where(inArray(outbox.id, numbers));
    },
  };
}
