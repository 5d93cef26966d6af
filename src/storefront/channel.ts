// The channel side of distribution: what P-0001 uploads from here and what download jobs apply here.
import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import type { SessionStore } from '../platform/sessions.ts';
import { accountTokens, channelSettings, organizations, partnerRequests, partnerUsers, products, uploadQueue } from './schema.ts';
import { closeOpenLinks } from './partner-accounts.ts';
import { applyInvoice, applySalesOrderStatus } from './ordering.ts';

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
  /** Where each partner user of a business partner stands here (HQ's members table shows it; only the store sees sign-ins). */
  partnerUserStatuses(hierarchyId: string): Promise<PartnerUserStatus[]>;
}

export interface PartnerUserStatus {
  email: string;
  /** Pending (not yet confirmed by HQ), Active or Removed. */
  status: string;
  firstSignedInAt: string | null;
}

export function createChannelDatabase(db: Db, sessions: SessionStore): ChannelDatabase {
  return {
    async partnerUserStatuses(hierarchyId) {
      const rows = await db
        .select({ email: partnerUsers.email, status: partnerUsers.status, firstSignedInAt: partnerUsers.firstSignedInAt })
        .from(partnerUsers)
        .where(eq(partnerUsers.hierarchyId, hierarchyId));
      return rows.map((r) => ({ email: r.email, status: r.status, firstSignedInAt: r.firstSignedInAt?.toISOString() ?? null }));
    },
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
      const lockedOut: string[] = [];
      await db.transaction(async (tx) => {
        for (const record of records) {
          if (record.topic === 'organization') {
            lockedOut.push(...(await applyOrganization(tx, record.payload as unknown as OrganizationRecord)));
            continue;
          }
          if (record.topic === 'partner-user-refused') {
            const p = record.payload as unknown as { storefrontUserId: string; version: number; reason: string };
            // Only the refusal of the user's latest change is news; an older one was overtaken.
            if (uuidPattern.test(p.storefrontUserId)) {
              await tx.update(partnerUsers).set({ syncError: p.reason, updatedAt: new Date() }).where(and(eq(partnerUsers.id, p.storefrontUserId), eq(partnerUsers.version, p.version)));
            }
            continue;
          }
          if (record.topic === 'product') {
            await applyProduct(tx, record.payload as unknown as ProductRecord);
            continue;
          }
          if (record.topic === 'sales-order-status' && uuidPattern.test(record.key)) {
            await applySalesOrderStatus(tx, record.payload as unknown as Parameters<typeof applySalesOrderStatus>[1]);
            continue;
          }
          if (record.topic === 'invoice' && uuidPattern.test(record.key)) {
            await applyInvoice(tx, record.payload as unknown as Parameters<typeof applyInvoice>[1]);
            continue;
          }
          if (record.topic === 'partner-user') {
            lockedOut.push(...(await applyPartnerUser(tx, record.payload as unknown as PartnerUserRecord)));
            continue;
          }
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
      // After the commit: a removed user or a deactivated organization is signed out everywhere.
      await sessions.revokeAll('partner', lockedOut);
    },
  };
}

/** A released product as HQ's 1040 sends it; the price is the numeric column's text, exact to the cent. */
interface ProductRecord {
  itemNumber: string;
  name: string;
  description: string | null;
  unit: string;
  price: string;
  currency: string;
  minQuantity: number | null;
  maxQuantity: number | null;
  multiple: number | null;
  standardQuantity: number | null;
  status: string;
  version: number;
}

/** Upsert by item number; a record re-sent or overtaken (an older version) never overwrites a newer one. */
async function applyProduct(tx: DbOrTx, p: ProductRecord): Promise<void> {
  const values = {
    itemNumber: p.itemNumber,
    name: p.name,
    description: p.description,
    unit: p.unit,
    price: p.price,
    currency: p.currency,
    minQuantity: p.minQuantity,
    maxQuantity: p.maxQuantity,
    multiple: p.multiple,
    standardQuantity: p.standardQuantity,
    status: p.status,
    version: p.version,
    updatedAt: new Date(),
  };
  await tx
    .insert(products)
    .values(values)
    .onConflictDoUpdate({ target: products.itemNumber, set: values, setWhere: sql`${products.version} < excluded.version` });
}

/** A business partner as HQ's 1010 sends it. */
interface OrganizationRecord {
  hierarchyId: string;
  organizationAccount: string;
  name: string;
  creditLimit: number | null;
  active: boolean;
}

/** A hierarchy member as HQ's 1010 sends it. */
interface PartnerUserRecord {
  hierarchyId: string;
  customerAccount: string;
  firstName: string;
  lastName: string;
  email: string;
  role: 'Admin' | 'User';
  status: 'Active' | 'Removed';
  invitation?: { hash: string; expiresAt: string };
  storefrontUserId?: string;
  storefrontVersion?: number;
}

/** Returns the users to sign out (all of them when the organization was deactivated). */
async function applyOrganization(tx: DbOrTx, p: OrganizationRecord): Promise<string[]> {
  const values = { hierarchyId: p.hierarchyId, organizationAccount: p.organizationAccount, name: p.name, creditLimit: p.creditLimit === null ? null : p.creditLimit.toFixed(2), active: p.active, updatedAt: new Date() };
  await tx.insert(organizations).values(values).onConflictDoUpdate({ target: organizations.hierarchyId, set: values });
  if (p.active) return [];
  const users = await tx.select({ id: partnerUsers.id }).from(partnerUsers).where(eq(partnerUsers.hierarchyId, p.hierarchyId));
  return users.map((u) => u.id);
}

/** Matches by the storefront's own id, then HQ's customer account, then e-mail; returns users to sign out. */
async function applyPartnerUser(tx: DbOrTx, p: PartnerUserRecord): Promise<string[]> {
  const email = p.email.toLowerCase();
  const find = async (where: ReturnType<typeof eq>) => (await tx.select().from(partnerUsers).where(where).for('update'))[0];
  const row =
    (p.storefrontUserId && uuidPattern.test(p.storefrontUserId) ? await find(eq(partnerUsers.id, p.storefrontUserId)) : undefined) ??
    (await find(eq(partnerUsers.customerAccount, p.customerAccount))) ??
    (await find(eq(partnerUsers.email, email)));
  // The echo of an older storefront edit: only confirm the user, never undo the newer edit.
  const stale = row !== undefined && p.storefrontVersion !== undefined && p.storefrontUserId === row.id && p.storefrontVersion < row.version;

  if (p.status === 'Removed') {
    if (!row || row.hierarchyId !== p.hierarchyId || row.status === 'Removed' || stale) return [];
    await tx.update(partnerUsers).set({ status: 'Removed', customerAccount: p.customerAccount, updatedAt: new Date() }).where(eq(partnerUsers.id, row.id));
    await closeOpenLinks(tx, row.id);
    return [row.id];
  }
  let userId: string;
  if (row && stale) {
    if (row.status === 'Removed') return [];
    await tx.update(partnerUsers).set({ status: 'Active', customerAccount: p.customerAccount, updatedAt: new Date() }).where(eq(partnerUsers.id, row.id));
    userId = row.id;
  } else if (row) {
    const moved = row.hierarchyId !== p.hierarchyId;
    await tx
      .update(partnerUsers)
      .set({ hierarchyId: p.hierarchyId, customerAccount: p.customerAccount, firstName: p.firstName, lastName: p.lastName, email, role: p.role, status: 'Active', syncError: null, updatedAt: new Date() })
      .where(eq(partnerUsers.id, row.id));
    userId = row.id;
    if (moved) return [row.id];
  } else {
    userId = crypto.randomUUID();
    await tx.insert(partnerUsers).values({ id: userId, hierarchyId: p.hierarchyId, customerAccount: p.customerAccount, firstName: p.firstName, lastName: p.lastName, email, role: p.role, status: 'Active' });
  }
  if (p.invitation) {
    // A new invitation replaces every earlier open link of this user.
    // (Not the same link again: a download re-sent after a crash must leave it working.)
    await closeOpenLinks(tx, userId, p.invitation.hash);
    await tx.insert(accountTokens).values({ tokenHash: p.invitation.hash, userId, kind: 'invitation', expiresAt: new Date(p.invitation.expiresAt) }).onConflictDoNothing();
  }
  return [];
}
