// Accounts and contacts: the CRM's organizations and people, each with its HQ customer account once synced.
import { and, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { optionalCountry } from '../platform/countries.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { accounts, contacts } from './schema.ts';
import * as rules from './rules.ts';
import type { Actor } from './rules.ts';
import { changedFields, recordChange } from './outbox.ts';
import { addNote, timelineOf } from './timeline.ts';
import { addressOf } from './lead.ts';
import type { AddressInput } from './lead.ts';

type AccountRow = typeof accounts.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;

/** The filters of the accounts and contacts lists (the list adds paging; the CSV export takes them as they are). */
export interface PartyQuery {
  search?: string | undefined;
  /** Created on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

const accountKeyset: Keyset = { key: accounts.name, id: accounts.id, descending: false, idDescending: true };
const contactKeyset: Keyset = { key: contacts.lastName, id: contacts.id, descending: false, idDescending: true };

function accountFilters(query: PartyQuery): SQL | undefined {
  const filters: SQL[] = [eq(accounts.status, 'Active'), ...dateRangeFilter(accounts.createdAt, query)];
  if (query.search) filters.push(or(ilike(accounts.name, containsPattern(query.search)), ilike(accounts.email, containsPattern(query.search)))!);
  return and(...filters);
}

function contactFilters(query: PartyQuery): SQL | undefined {
  const filters: SQL[] = [eq(contacts.status, 'Active'), ...dateRangeFilter(contacts.createdAt, query)];
  if (query.search) filters.push(or(ilike(contacts.email, containsPattern(query.search)), ilike(sql`coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName}`, containsPattern(query.search)))!);
  return and(...filters);
}

export function accountView(row: AccountRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    website: row.website,
    address: addressOf(row),
    vatNumber: row.vatNumber,
    primaryContactId: row.primaryContactId,
    customerAccount: row.customerAccount,
    status: row.status as 'Active' | 'Inactive',
    ownerId: row.ownerId,
    originatingLeadId: row.originatingLeadId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function contactView(row: ContactRow) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    jobTitle: row.jobTitle,
    email: row.email,
    phone: row.phone,
    address: addressOf(row),
    accountId: row.accountId,
    customerAccount: row.customerAccount,
    status: row.status as 'Active' | 'Inactive',
    ownerId: row.ownerId,
    originatingLeadId: row.originatingLeadId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function addressColumns(address: AddressInput | undefined) {
  if (!address) return {};
  return { street: text(address.street), city: text(address.city), stateProvince: text(address.state), zip: text(address.zip), countryRegionId: optionalCountry(address.countryRegionId) };
}

const uuid = /^[0-9a-f-]{36}$/i;

export function createParties(db: Db) {
  async function lockAccount(tx: DbOrTx, id: string) {
    if (!uuid.test(id)) throw notFound('Account');
    const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).for('update');
    if (!row) throw notFound('Account');
    return row;
  }
  async function lockContact(tx: DbOrTx, id: string) {
    if (!uuid.test(id)) throw notFound('Contact');
    const [row] = await tx.select().from(contacts).where(eq(contacts.id, id)).for('update');
    if (!row) throw notFound('Contact');
    return row;
  }

  return {
    async listAccounts(query: PartyQuery & { limit: number; offset: number }) {
      const where = accountFilters(query);
      const rows = await db.select().from(accounts).where(where).orderBy(...keysetOrder(accountKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(accounts).where(where);
      return { items: rows.map(accountView), total: total?.n ?? 0 };
    },
    /** Active accounts after the cursor, by name, for a CSV export. */
    async exportAccounts(query: PartyQuery, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof accountView>>> {
      const rows = await db
        .select({ account: accounts, ...cursorColumns(accountKeyset) })
        .from(accounts)
        .where(and(accountFilters(query), after ? keysetAfter(accountKeyset, after) : undefined))
        .orderBy(...keysetOrder(accountKeyset))
        .limit(size);
      return { items: rows.map((r) => accountView(r.account)), cursor: lastCursor(rows) };
    },
    async listContacts(query: PartyQuery & { limit: number; offset: number }) {
      const where = contactFilters(query);
      const rows = await db.select().from(contacts).where(where).orderBy(...keysetOrder(contactKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(contacts).where(where);
      return { items: rows.map(contactView), total: total?.n ?? 0 };
    },
    /** Active contacts after the cursor, by last name, for a CSV export. */
    async exportContacts(query: PartyQuery, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof contactView>>> {
      const rows = await db
        .select({ contact: contacts, ...cursorColumns(contactKeyset) })
        .from(contacts)
        .where(and(contactFilters(query), after ? keysetAfter(contactKeyset, after) : undefined))
        .orderBy(...keysetOrder(contactKeyset))
        .limit(size);
      return { items: rows.map((r) => contactView(r.contact)), cursor: lastCursor(rows) };
    },
    async getAccount(id: string) {
      if (!uuid.test(id)) throw notFound('Account');
      const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
      if (!row) throw notFound('Account');
      return { ...accountView(row), timeline: await timelineOf(db, 'account', id) };
    },
    async getContact(id: string) {
      if (!uuid.test(id)) throw notFound('Contact');
      const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
      if (!row) throw notFound('Contact');
      return { ...contactView(row), timeline: await timelineOf(db, 'contact', id) };
    },
    async updateAccount(id: string, input: { name?: string; email?: string | null; phone?: string | null; website?: string | null; address?: AddressInput }, actor: Actor) {
      return db.transaction(async (tx) => {
        const row = await lockAccount(tx, id);
        rules.assertCanEdit(actor, row, 'account');
        const changes: Partial<AccountRow> = {
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.email !== undefined ? { email: text(input.email)?.toLowerCase() ?? null } : {}),
          ...(input.phone !== undefined ? { phone: text(input.phone) } : {}),
          ...(input.website !== undefined ? { website: text(input.website) } : {}),
          ...addressColumns(input.address),
        };
        const [saved] = await tx.update(accounts).set({ ...changes, version: row.version + 1, updatedAt: new Date() }).where(eq(accounts.id, id)).returning();
        await recordChange(tx, 'account', saved!, changedFields(row, changes), 'user');
        return accountView(saved!);
      });
    },
    async updateContact(id: string, input: { firstName?: string | null; lastName?: string; jobTitle?: string | null; email?: string | null; phone?: string | null; address?: AddressInput }, actor: Actor) {
      return db.transaction(async (tx) => {
        const row = await lockContact(tx, id);
        rules.assertCanEdit(actor, row, 'contact');
        const changes: Partial<ContactRow> = {
          ...(input.firstName !== undefined ? { firstName: text(input.firstName) } : {}),
          ...(input.lastName !== undefined ? { lastName: input.lastName.trim() } : {}),
          ...(input.jobTitle !== undefined ? { jobTitle: text(input.jobTitle) } : {}),
          ...(input.email !== undefined ? { email: text(input.email)?.toLowerCase() ?? null } : {}),
          ...(input.phone !== undefined ? { phone: text(input.phone) } : {}),
          ...addressColumns(input.address),
        };
        if (changes.lastName === '') throw DomainError.invalid('lastName', 'is required');
        const [saved] = await tx.update(contacts).set({ ...changes, version: row.version + 1, updatedAt: new Date() }).where(eq(contacts.id, id)).returning();
        await recordChange(tx, 'contact', saved!, changedFields(row, changes), 'user');
        return contactView(saved!);
      });
    },
    async addNote(type: 'account' | 'contact', id: string, text: string, actor: Actor) {
      return db.transaction(async (tx) => {
        if (type === 'account') await lockAccount(tx, id);
        else await lockContact(tx, id);
        return addNote(tx, type, id, 'note', text.trim(), actor.name);
      });
    },
  };
}

export type Parties = ReturnType<typeof createParties>;
