// The online store (channel) as configured in HQ; changes reach the storefront through job 1070.
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { onlineStores, outbox } from './schema.ts';

export interface OnlineStoreView {
  id: string;
  name: string;
  url: string;
  customerType: 'B2B' | 'B2C';
  defaultLanguage: string;
  updatedAt: string;
}

function view(row: typeof onlineStores.$inferSelect): OnlineStoreView {
  return { id: row.id, name: row.name, url: row.url, customerType: row.customerType as 'B2B' | 'B2C', defaultLanguage: row.defaultLanguage, updatedAt: row.updatedAt.toISOString() };
}

async function queueForChannel(tx: DbOrTx, row: typeof onlineStores.$inferSelect) {
  await tx.insert(outbox).values({ consumer: '1070', topic: 'online-store', key: row.id, payload: { name: row.name, url: row.url, customerType: row.customerType, defaultLanguage: row.defaultLanguage } });
}

export function createOnlineStores(db: Db, onChannelChange: () => void) {
  return {
    /** First start: one B2B online store, so the sign-up form works with nothing to set up. */
    async seed(id: string, url: string) {
      await db.transaction(async (tx) => {
        const [row] = await tx.insert(onlineStores).values({ id, name: 'Handshake B2B store', url, customerType: 'B2B', defaultLanguage: 'en-us' }).onConflictDoNothing().returning();
        if (row) await queueForChannel(tx, row);
      });
    },
    async list(): Promise<OnlineStoreView[]> {
      return (await db.select().from(onlineStores).orderBy(asc(onlineStores.id))).map(view);
    },
    async update(id: string, input: { name?: string; url?: string; defaultLanguage?: string }): Promise<OnlineStoreView> {
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(onlineStores)
          .set({ ...(input.name ? { name: input.name.trim() } : {}), ...(input.url ? { url: input.url.trim() } : {}), ...(input.defaultLanguage ? { defaultLanguage: input.defaultLanguage.toLowerCase() } : {}), updatedAt: new Date() })
          .where(eq(onlineStores.id, id))
          .returning();
        if (!updated) throw notFound(`Online store ${id}`);
        await queueForChannel(tx, updated);
        return updated;
      });
      onChannelChange();
      return view(row);
    },
  };
}
