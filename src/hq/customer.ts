// Customers (person and organization) and customer hierarchies: the business partner as HQ knows it.
import { and, asc, desc, eq, ilike, ne, or, sql, count } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { customerHierarchies, customers, hierarchyMembers } from './schema.ts';
import { nextNumber } from './number-sequence.ts';
import { defaultCurrency } from './product.ts';
import { recordSyncChanges } from './sync-changes.ts';
import type { ChangeOrigin } from './sync-changes.ts';

export type CustomerType = 'Person' | 'Organization';
export type HierarchyRole = 'Admin' | 'User';

export interface Address {
  street: string;
  city: string;
  state?: string;
  zip: string;
  countryRegionId: string;
}

export interface CustomerView {
  account: string;
  type: CustomerType;
  name: string;
  firstName?: string;
  lastName?: string;
  email: string;
  phone?: string;
  address: Address;
  language: string;
  vatNumber?: string;
  creditLimit?: number;
  /** The currency of the credit limit and the customer's invoices: HQ's accounting currency. */
  currency: string;
  hierarchyId?: string;
  hierarchyRole?: HierarchyRole;
  prospectId?: string;
  primaryContactAccount?: string;
  createdAt: string;
}

export interface NewCustomer {
  type: CustomerType;
  name: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email: string;
  phone?: string | null | undefined;
  address: { street: string; city: string; state?: string | null | undefined; zip: string; countryRegionId: string };
  language: string;
  prospectId?: string | undefined;
  primaryContactAccount?: string | null | undefined;
  vatNumber?: string | null | undefined;
}

/** Refuses an e-mail that a partner user of any organization already has, so sign-in never meets two. */
export async function assertEmailFree(tx: DbOrTx, email: string, exceptAccount?: string): Promise<void> {
  const [taken] = await tx
    .select({ account: customers.account })
    .from(hierarchyMembers)
    .innerJoin(customers, eq(customers.account, hierarchyMembers.customerAccount))
    .where(and(eq(customers.email, email.toLowerCase()), exceptAccount ? ne(customers.account, exceptAccount) : undefined))
    .limit(1);
  if (taken) {
    throw new DomainError('conflict', `The e-mail ${email.toLowerCase()} already belongs to a business partner user (customer ${taken.account}).`, { account: taken.account }, [
      { path: 'email', message: 'is already used by a business partner user' },
    ]);
  }
}

export async function insertCustomer(tx: DbOrTx, input: NewCustomer, origin: ChangeOrigin = 'user'): Promise<string> {
  if (input.type === 'Person') await assertEmailFree(tx, input.email);
  const account = await nextNumber(tx, 'customer');
  const [row] = await tx.insert(customers).values({
    account,
    type: input.type,
    name: input.name,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    email: input.email.toLowerCase(),
    phone: input.phone ?? null,
    street: input.address.street,
    city: input.address.city,
    state: input.address.state ?? null,
    zip: input.address.zip,
    countryRegionId: input.address.countryRegionId,
    language: input.language,
    prospectId: input.prospectId ?? null,
    primaryContactAccount: input.primaryContactAccount ?? null,
    vatNumber: input.vatNumber ?? null,
  }).returning();
  await recordSyncChanges(tx, [{ entity: 'customer', key: account, values: customerSyncValues(row!), changedFields: Object.keys(customerSyncValues(row!)), created: true, origin }]);
  return account;
}

/** A customer as dual-write sees it: the party type under its HQ name, the credit limit as a number. */
export function customerSyncValues(row: typeof customers.$inferSelect): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, nameKey: _n, creditLimit, type, ...rest } = row;
  return { ...rest, partyType: type, creditLimit: creditLimit === null ? null : Number(creditLimit) };
}

export async function insertHierarchy(tx: DbOrTx, input: { name: string; organizationAccount: string; members: { account: string; role: HierarchyRole }[] }): Promise<string> {
  const id = await nextNumber(tx, 'customer-hierarchy');
  await tx.insert(customerHierarchies).values({ id, name: input.name, purpose: 'B2B organization', organizationAccount: input.organizationAccount });
  if (input.members.length > 0) {
    await tx.insert(hierarchyMembers).values(input.members.map((m) => ({ hierarchyId: id, customerAccount: m.account, role: m.role })));
  }
  return id;
}

type CustomerRow = typeof customers.$inferSelect;

function customerView(row: CustomerRow, membership?: { hierarchyId: string; role: string } | null, ownedHierarchy?: string | null): CustomerView {
  return {
    account: row.account,
    type: row.type as CustomerType,
    name: row.name,
    ...(row.firstName ? { firstName: row.firstName } : {}),
    ...(row.lastName ? { lastName: row.lastName } : {}),
    email: row.email,
    ...(row.phone ? { phone: row.phone } : {}),
    address: { street: row.street, city: row.city, ...(row.state ? { state: row.state } : {}), zip: row.zip, countryRegionId: row.countryRegionId },
    language: row.language,
    ...(row.vatNumber ? { vatNumber: row.vatNumber } : {}),
    ...(row.creditLimit !== null ? { creditLimit: Number(row.creditLimit) } : {}),
    currency: defaultCurrency,
    ...(membership ? { hierarchyId: membership.hierarchyId, hierarchyRole: membership.role as HierarchyRole } : ownedHierarchy ? { hierarchyId: ownedHierarchy } : {}),
    ...(row.prospectId ? { prospectId: row.prospectId } : {}),
    ...(row.primaryContactAccount ? { primaryContactAccount: row.primaryContactAccount } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}

export interface CustomerQuery {
  search?: string | undefined;
  type?: CustomerType | undefined;
  limit: number;
  /** Created on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
}

export interface HierarchyView {
  id: string;
  name: string;
  purpose: string;
  organization: { account: string; name: string; creditLimit?: number; currency: string };
  active: boolean;
  members: { account: string; name: string; email: string; role: HierarchyRole }[];
  createdAt: string;
}

export type CustomerFilters = Omit<CustomerQuery, 'limit' | 'offset'>;
export interface HierarchyFilters { from?: string | undefined; to?: string | undefined }
export interface HierarchyListItem { id: string; name: string; purpose: string; active: boolean; organization: { account: string; name: string }; memberCount: number; createdAt: string }

const customerKeyset: Keyset = { key: customers.createdAt, id: customers.account, descending: true, idDescending: true };
const hierarchyKeyset: Keyset = { key: customerHierarchies.createdAt, id: customerHierarchies.id, descending: true, idDescending: true };

function customerFilters(query: CustomerFilters): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(customers.createdAt, query)];
  if (query.type) filters.push(eq(customers.type, query.type));
  if (query.search) {
    const pattern = containsPattern(query.search);
    filters.push(or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.account, pattern))!);
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

function hierarchyFilters(query: HierarchyFilters): SQL | undefined {
  const filters = dateRangeFilter(customerHierarchies.createdAt, query);
  return filters.length > 0 ? and(...filters) : undefined;
}

function customerListItem(r: { customer: CustomerRow; hierarchyId: string | null; role: string | null }): CustomerView {
  return customerView(r.customer, r.role && r.hierarchyId ? { hierarchyId: r.hierarchyId, role: r.role } : null, r.hierarchyId);
}

function hierarchyListItem(r: { h: typeof customerHierarchies.$inferSelect; orgName: string; members: number }): HierarchyListItem {
  return { id: r.h.id, name: r.h.name, purpose: r.h.purpose, active: r.h.active, organization: { account: r.h.organizationAccount, name: r.orgName }, memberCount: r.members, createdAt: r.h.createdAt.toISOString() };
}

export function createCustomers(db: Db) {
  function customerRows(where: SQL | undefined) {
    return db
      .select({ customer: customers, hierarchyId: sql<string | null>`coalesce(${hierarchyMembers.hierarchyId}, ${customerHierarchies.id})`, role: hierarchyMembers.role, ...cursorColumns(customerKeyset) })
      .from(customers)
      .leftJoin(hierarchyMembers, eq(hierarchyMembers.customerAccount, customers.account))
      .leftJoin(customerHierarchies, eq(customerHierarchies.organizationAccount, customers.account))
      .where(where);
  }

  function hierarchyRows(where: SQL | undefined) {
    return db
      .select({ h: customerHierarchies, orgName: customers.name, members: sql<number>`(select count(*)::int from ${hierarchyMembers} m where m.hierarchy_id = ${customerHierarchies.id})`, ...cursorColumns(hierarchyKeyset) })
      .from(customerHierarchies)
      .innerJoin(customers, eq(customers.account, customerHierarchies.organizationAccount))
      .where(where);
  }

  async function hierarchyOf(account: string) {
    const [membership] = await db.select().from(hierarchyMembers).where(eq(hierarchyMembers.customerAccount, account));
    const [owned] = await db.select({ id: customerHierarchies.id }).from(customerHierarchies).where(eq(customerHierarchies.organizationAccount, account));
    return { membership: membership ?? null, owned: owned?.id ?? null };
  }

  return {
    async create(input: NewCustomer): Promise<string> {
      return db.transaction((tx) => insertCustomer(tx, input));
    },

    async update(account: string, patch: CustomerPatch) {
      return db.transaction((tx) => updateCustomer(tx, account, patch));
    },

    async list(query: CustomerQuery) {
      const where = customerFilters(query);
      const rows = await customerRows(where).orderBy(...keysetOrder(customerKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(customers).where(where);
      return { items: rows.map(customerListItem), total: total?.n ?? 0 };
    },

    /** The list's rows after the cursor, in its order, for a CSV export. */
    async exportBatch(query: CustomerFilters, after: Cursor | null, size: number): Promise<Batch<CustomerView>> {
      const rows = await customerRows(and(customerFilters(query), after ? keysetAfter(customerKeyset, after) : undefined)).orderBy(...keysetOrder(customerKeyset)).limit(size);
      return { items: rows.map(customerListItem), cursor: lastCursor(rows) };
    },

    async get(account: string): Promise<CustomerView> {
      const [row] = await db.select().from(customers).where(eq(customers.account, account));
      if (!row) throw notFound(`Customer ${account}`);
      const { membership, owned } = await hierarchyOf(account);
      return customerView(row, membership, owned);
    },

    async listHierarchies(query: HierarchyFilters & { limit: number; offset: number }) {
      const where = hierarchyFilters(query);
      const rows = await hierarchyRows(where).orderBy(...keysetOrder(hierarchyKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(customerHierarchies).where(where);
      return { items: rows.map(hierarchyListItem), total: total?.n ?? 0 };
    },

    /** The business partners after the cursor, in the list's order, for a CSV export. */
    async exportHierarchies(query: HierarchyFilters, after: Cursor | null, size: number): Promise<Batch<HierarchyListItem>> {
      const rows = await hierarchyRows(and(hierarchyFilters(query), after ? keysetAfter(hierarchyKeyset, after) : undefined)).orderBy(...keysetOrder(hierarchyKeyset)).limit(size);
      return { items: rows.map(hierarchyListItem), cursor: lastCursor(rows) };
    },

    async getHierarchy(id: string): Promise<HierarchyView> {
      const [row] = await db
        .select({ h: customerHierarchies, orgName: customers.name, creditLimit: customers.creditLimit })
        .from(customerHierarchies)
        .innerJoin(customers, eq(customers.account, customerHierarchies.organizationAccount))
        .where(eq(customerHierarchies.id, id));
      if (!row) throw notFound(`Customer hierarchy ${id}`);
      const members = await db
        .select({ account: customers.account, name: customers.name, email: customers.email, role: hierarchyMembers.role })
        .from(hierarchyMembers)
        .innerJoin(customers, eq(customers.account, hierarchyMembers.customerAccount))
        .where(eq(hierarchyMembers.hierarchyId, id))
        .orderBy(asc(hierarchyMembers.role), asc(customers.name));
      return {
        id: row.h.id,
        name: row.h.name,
        purpose: row.h.purpose,
        organization: { account: row.h.organizationAccount, name: row.orgName, ...(row.creditLimit !== null ? { creditLimit: Number(row.creditLimit) } : {}), currency: defaultCurrency },
        active: row.h.active,
        members: members.map((m) => ({ ...m, role: m.role as HierarchyRole })),
        createdAt: row.h.createdAt.toISOString(),
      };
    },
  };
}

export type Customers = ReturnType<typeof createCustomers>;

/** Fields of a customer that people (and dual-write) may change after it is created. */
export interface CustomerPatch {
  name?: string | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  email?: string | undefined;
  phone?: string | null | undefined;
  street?: string | undefined;
  city?: string | undefined;
  state?: string | null | undefined;
  zip?: string | undefined;
  countryRegionId?: string | undefined;
  language?: string | undefined;
  primaryContactAccount?: string | null | undefined;
}

const patchable = ['name', 'firstName', 'lastName', 'email', 'phone', 'street', 'city', 'state', 'zip', 'countryRegionId', 'language', 'primaryContactAccount'] as const;

/** Changes a customer in the caller's transaction; `unchanged` when every value is already there (a replay). */
export async function updateCustomer(tx: DbOrTx, account: string, patch: CustomerPatch, origin: ChangeOrigin = 'user'): Promise<'updated' | 'unchanged'> {
  const [before] = await tx.select().from(customers).where(eq(customers.account, account)).for('update');
  if (!before) throw notFound(`Customer ${account}`);
  const changes: Record<string, unknown> = {};
  for (const field of patchable) {
    const value = field === 'email' && typeof patch.email === 'string' ? patch.email.toLowerCase() : patch[field];
    if (value !== undefined && (value ?? null) !== (before[field] ?? null)) changes[field] = value ?? null;
  }
  if (Object.keys(changes).length === 0) return 'unchanged';
  if (typeof changes.email === 'string') await assertEmailFree(tx, changes.email, account);
  const [after] = await tx.update(customers).set({ ...changes, updatedAt: new Date() }).where(eq(customers.account, account)).returning();
  await recordSyncChanges(tx, [{ entity: 'customer', key: account, values: customerSyncValues(after!), changedFields: Object.keys(changes), created: false, origin }]);
  return 'updated';
}
