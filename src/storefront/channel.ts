// The channel side of distribution: what P-0001 uploads from here and what download jobs apply here.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { channelSettings, partnerRequests, uploadQueue } from './schema.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UploadRecord {
  counter: number;
  kind: string;
  recordId: string;
  payload: unknown;
}

export interface DownloadRecord {
  id: number;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
}

export interface ChannelDatabase {
  pendingUploads(limit: number): Promise<UploadRecord[]>;
  markUploaded(counters: number[]): Promise<void>;
  /** Applies HQ's changes; idempotent, so a download re-sent after a crash changes nothing twice. */
  applyDownload(records: DownloadRecord[]): Promise<void>;
}

export function createChannelDatabase(db: Db): ChannelDatabase {
  return {
    async pendingUploads(limit) {
      const rows = await db.select().from(uploadQueue).where(isNull(uploadQueue.uploadedAt)).orderBy(asc(uploadQueue.counter)).limit(limit);
      return rows.map((row) => ({ counter: row.counter, kind: row.kind, recordId: row.recordId, payload: row.payload }));
    },

    async markUploaded(counters) {
      if (counters.length === 0) return;
      await db.transaction(async (tx) => {
        const rows = await tx
          .update(uploadQueue)
          .set({ uploadedAt: new Date() })
          .where(and(inArray(uploadQueue.counter, counters), isNull(uploadQueue.uploadedAt)))
          .returning({ kind: uploadQueue.kind, recordId: uploadQueue.recordId });
        // Only well-formed ids: a damaged record must not stop the whole upload from being acknowledged.
        const requestIds = rows.filter((row) => row.kind === 'partner-request' && uuidPattern.test(row.recordId)).map((row) => row.recordId);
        if (requestIds.length > 0) {
          await tx
            .update(partnerRequests)
            .set({ status: 'InReview', updatedAt: new Date() })
            .where(and(inArray(partnerRequests.id, requestIds), eq(partnerRequests.status, 'Received')));
        }
      });
    },

    async applyDownload(records) {
      await db.transaction(async (tx) => {
        for (const record of records) {
          if (record.topic === 'request-status' && uuidPattern.test(record.key)) {
            const { status, note } = record.payload as { status: string; note?: string | null };
            await tx
              .update(partnerRequests)
              .set({ status, decisionNote: note ?? null, updatedAt: new Date() })
              .where(eq(partnerRequests.id, record.key));
          } else if (record.topic === 'online-store') {
            const p = record.payload as { name: string; url: string; customerType: string; defaultLanguage: string };
            const values = { channelId: record.key, name: p.name, url: p.url, customerType: p.customerType, defaultLanguage: p.defaultLanguage, updatedAt: new Date() };
            await tx.insert(channelSettings).values(values).onConflictDoUpdate({ target: channelSettings.channelId, set: { ...values, updatedAt: sql`now()` } });
          }
        }
      });
    },
  };
}
