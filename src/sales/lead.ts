// Leads: create, edit, qualify into opportunity + account + contact, disqualify, reactivate; the lead views.
import crypto from 'node:crypto';
import { and, count, eq, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { optionalCountry } from '../platform/countries.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { normalizeVatNumber } from '../platform/vat-numbers.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { accounts, contacts, leads, opportunities } from './schema.ts';
import { dismissLeadDuplicate, duplicatesOfLead, matchLeadDuplicates } from './duplicates.ts';
import type { LeadDuplicate } from './duplicates.ts';
import * as rules from './rules.ts';
import type { Actor, DisqualifyReason, LeadSource } from './rules.ts';
import { changedFields, recordChange } from './outbox.ts';
import type { ChangeOrigin } from './outbox.ts';
import { addNote, copyNotes, timelineOf } from './timeline.ts';
import type { TimelineEntry } from './timeline.ts';

type LeadRow = typeof leads.$inferSelect;

/** A lead view's filters and order (the list adds paging; the CSV export takes them as they are). */
export interface LeadQuery {
  view: LeadView;
  actorId: string;
  search?: string | undefined;
  sort: string;
  /** Created on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

function leadFilters(query: LeadQuery): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(leads.createdAt, query)];
  if (query.view === 'all-commerce-b2b-leads') filters.push(eq(leads.source, 'CommerceB2B'));
  if (query.view === 'my-open-leads') filters.push(eq(leads.ownerId, query.actorId), eq(leads.state, 'Open'));
  if (query.view === 'open-leads') filters.push(eq(leads.state, 'Open'));
  if (query.view === 'closed-leads') filters.push(ne(leads.state, 'Open'));
  if (query.search) {
    const pattern = containsPattern(query.search);
    filters.push(or(ilike(leads.topic, pattern), ilike(leads.companyName, pattern), ilike(leads.email, pattern), ilike(sql`coalesce(${leads.firstName}, '') || ' ' || ${leads.lastName}`, pattern))!);
  }
  return filters.length ? and(...filters) : undefined;
}

const leadSortColumns = { createdAt: leads.createdAt, topic: leads.topic, companyName: leads.companyName, statusReason: leads.statusReason } as const;

function leadKeyset(sort: string): Keyset {
  const key = sort.replace(/^-/, '') as keyof typeof leadSortColumns;
  // A lead may have no company; those come last.
  return { key: leadSortColumns[key] ?? leads.createdAt, id: leads.id, descending: sort.startsWith('-'), idDescending: true, nullable: key === 'companyName' };
}

export interface AddressInput {
  street?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  zip?: string | null | undefined;
  countryRegionId?: string | null | undefined;
}

export interface LeadInput {
  topic: string;
  firstName?: string | null | undefined;
  lastName: string;
  jobTitle?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  companyName?: string | null | undefined;
  address?: AddressInput | undefined;
  vatNumber?: string | null | undefined;
  source?: LeadSource | undefined;
  description?: string | null | undefined;
  ownerId?: string | null | undefined;
}

export const leadViews = ['all-commerce-b2b-leads', 'my-open-leads', 'open-leads', 'closed-leads', 'all-leads'] as const;
export type LeadView = (typeof leadViews)[number];

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function addressOf(row: { street: string | null; city: string | null; stateProvince: string | null; zip: string | null; countryRegionId: string | null }) {
  return {
    ...(row.street ? { street: row.street } : {}),
    ...(row.city ? { city: row.city } : {}),
    ...(row.stateProvince ? { state: row.stateProvince } : {}),
    ...(row.zip ? { zip: row.zip } : {}),
    ...(row.countryRegionId ? { countryRegionId: row.countryRegionId } : {}),
  };
}

function leadAddress(lead: LeadRow) {
  return { street: lead.street, city: lead.city, stateProvince: lead.stateProvince, zip: lead.zip, countryRegionId: lead.countryRegionId };
}

export function leadView(row: LeadRow) {
  return {
    id: row.id,
    topic: row.topic,
    firstName: row.firstName,
    lastName: row.lastName,
    jobTitle: row.jobTitle,
    email: row.email,
    phone: row.phone,
    companyName: row.companyName,
    address: addressOf(row),
    vatNumber: row.vatNumber,
    source: row.source,
    description: row.description,
    ownerId: row.ownerId,
    state: row.state as rules.LeadState,
    statusReason: row.statusReason,
    prospectId: row.prospectId,
    accountId: row.accountId,
    contactId: row.contactId,
    opportunityId: row.opportunityId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type LeadRecord = ReturnType<typeof leadView>;

function columns(input: Partial<LeadInput>) {
  return {
    ...(input.topic !== undefined ? { topic: input.topic.trim() } : {}),
    ...(input.firstName !== undefined ? { firstName: text(input.firstName) } : {}),
    ...(input.lastName !== undefined ? { lastName: input.lastName.trim() } : {}),
    ...(input.jobTitle !== undefined ? { jobTitle: text(input.jobTitle) } : {}),
    ...(input.email !== undefined ? { email: text(input.email)?.toLowerCase() ?? null } : {}),
    ...(input.phone !== undefined ? { phone: text(input.phone) } : {}),
    ...(input.companyName !== undefined ? { companyName: text(input.companyName) } : {}),
    ...(input.vatNumber !== undefined ? { vatNumber: text(input.vatNumber) ? normalizeVatNumber(input.vatNumber!) : null } : {}),
    ...(input.description !== undefined ? { description: text(input.description) } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
    ...(input.address
      ? {
          street: text(input.address.street),
          city: text(input.address.city),
          stateProvince: text(input.address.state),
          zip: text(input.address.zip),
          countryRegionId: optionalCountry(input.address.countryRegionId),
        }
      : {}),
  };
}

export interface QualifyOptions {
  createAccount?: boolean | undefined;
  createContact?: boolean | undefined;
  createOpportunity?: boolean | undefined;
  existingAccountId?: string | undefined;
  existingContactId?: string | undefined;
  /** Create new records even though an account or contact looks like a duplicate. */
  ignoreDuplicates?: boolean | undefined;
}

export interface Duplicates {
  accounts: { id: string; name: string; email: string | null }[];
  contacts: { id: string; name: string; email: string | null }[];
}

async function findDuplicates(db: DbOrTx, lead: LeadRow): Promise<Duplicates> {
  const accountRows = lead.companyName
    ? await db.select().from(accounts).where(and(sql`lower(${accounts.name}) = lower(${lead.companyName})`, eq(accounts.status, 'Active'))).limit(10)
    : [];
  const contactRows = lead.email
    ? await db.select().from(contacts).where(and(sql`lower(${contacts.email}) = lower(${lead.email})`, eq(contacts.status, 'Active'))).limit(10)
    : [];
  return {
    accounts: accountRows.map((a) => ({ id: a.id, name: a.name, email: a.email })),
    contacts: contactRows.map((c) => ({ id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' '), email: c.email })),
  };
}

export function createLeads(db: Db, settings: { createAllOnQualify: boolean }) {
  async function lockLead(tx: DbOrTx, id: string): Promise<LeadRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Lead');
    const [row] = await tx.select().from(leads).where(eq(leads.id, id)).for('update');
    if (!row) throw notFound('Lead');
    return row;
  }

  async function save(tx: DbOrTx, before: LeadRow, changes: Partial<LeadRow>, origin: ChangeOrigin): Promise<LeadRow> {
    const [row] = await tx
      .update(leads)
      .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
      .where(eq(leads.id, before.id))
      .returning();
    await recordChange(tx, 'lead', row!, changedFields(before, changes), origin);
    return row!;
  }

  return {
    async list(query: LeadQuery & { limit: number; offset: number }) {
      const where = leadFilters(query);
      const rows = await db.select().from(leads).where(where).orderBy(...keysetOrder(leadKeyset(query.sort))).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(leads).where(where);
      return { items: rows.map(leadView), total: total?.n ?? 0 };
    },

    /** The view's leads after the cursor, in its order, for a CSV export. */
    async exportBatch(query: LeadQuery, after: Cursor | null, size: number): Promise<Batch<LeadRecord>> {
      const keyset = leadKeyset(query.sort);
      const rows = await db
        .select({ lead: leads, ...cursorColumns(keyset) })
        .from(leads)
        .where(and(leadFilters(query), after ? keysetAfter(keyset, after) : undefined))
        .orderBy(...keysetOrder(keyset))
        .limit(size);
      return { items: rows.map((r) => leadView(r.lead)), cursor: lastCursor(rows) };
    },

    async get(id: string): Promise<LeadRecord & { timeline: TimelineEntry[]; possibleDuplicates: LeadDuplicate[] }> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Lead');
      const [row] = await db.select().from(leads).where(eq(leads.id, id));
      if (!row) throw notFound('Lead');
      return { ...leadView(row), timeline: await timelineOf(db, 'lead', id), possibleDuplicates: await duplicatesOfLead(db, id) };
    },

    /** Marks a possible duplicate as not one; whoever may see the lead may say so. */
    dismissDuplicate: (id: string, matchId: number, actor: Actor) => dismissLeadDuplicate(db, id, matchId, actor.name),

    async create(input: LeadInput, actor: Actor, origin: ChangeOrigin = 'user', systemNote?: string) {
      return db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        const values = { id, source: 'Other', ownerId: actor.id, ...columns(input), state: 'Open', statusReason: 'New' } as typeof leads.$inferInsert;
        // Only a manager may hand a new lead to someone else.
        if (values.ownerId !== actor.id && origin === 'user') rules.assertCanEdit(actor, { ownerId: null, source: null }, 'lead');
        const [row] = await tx.insert(leads).values(values).returning();
        await recordChange(tx, 'lead', row!, Object.keys(values), origin);
        if (systemNote) await addNote(tx, 'lead', id, 'system', systemNote, 'System');
        await matchLeadDuplicates(tx, [id]);
        return leadView(row!);
      });
    },

    async update(id: string, input: Partial<LeadInput>, actor: Actor) {
      return db.transaction(async (tx) => {
        const lead = await lockLead(tx, id);
        rules.assertCanEdit(actor, lead, 'lead');
        if (lead.state !== 'Open') throw new DomainError('conflict', `This lead is ${lead.state.toLowerCase()} and read-only. Reactivate it to change it.`, { leadState: lead.state });
        if (input.ownerId !== undefined && input.ownerId !== lead.ownerId && input.ownerId !== actor.id) rules.assertCanEdit(actor, { ownerId: null, source: null }, 'lead');
        return leadView(await save(tx, lead, columns(input), 'user'));
      });
    },

    async setStatus(id: string, statusReason: 'New' | 'Contacted', actor: Actor) {
      return db.transaction(async (tx) => {
        const lead = await lockLead(tx, id);
        rules.assertCanEdit(actor, lead, 'lead');
        return leadView(await save(tx, lead, rules.setLeadStatus(lead, statusReason), 'user'));
      });
    },

    async duplicates(id: string): Promise<Duplicates> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Lead');
      const [lead] = await db.select().from(leads).where(eq(leads.id, id));
      if (!lead) throw notFound('Lead');
      return findDuplicates(db, lead);
    },

    /** One transaction: the lead row lock makes a second, simultaneous qualify wait and then answer 409. */
    async qualify(id: string, options: QualifyOptions, actor: Actor) {
      return db.transaction(async (tx) => {
        const lead = await lockLead(tx, id);
        const change = rules.qualify(lead);
        rules.assertCanEdit(actor, lead, 'lead');
        const createAccount = options.existingAccountId ? false : (options.createAccount ?? settings.createAllOnQualify) && Boolean(lead.companyName);
        const createContact = options.existingContactId ? false : (options.createContact ?? settings.createAllOnQualify);
        const createOpportunity = options.createOpportunity ?? settings.createAllOnQualify;

        if (!options.ignoreDuplicates && (createAccount || createContact)) {
          const found = await findDuplicates(tx, lead);
          const blocking = { accounts: createAccount ? found.accounts : [], contacts: createContact ? found.contacts : [] };
          if (blocking.accounts.length > 0 || blocking.contacts.length > 0) {
            throw new DomainError('conflict', 'Possible duplicates found: link the lead to the existing account or contact, or choose to create new records anyway.', { duplicates: blocking });
          }
        }

        let accountId: string | null = null;
        if (options.existingAccountId) {
          const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, options.existingAccountId));
          if (!existing) throw DomainError.invalid('existingAccountId', 'is not an existing account');
          accountId = existing.id;
        } else if (createAccount) {
          const [account] = await tx
            .insert(accounts)
            .values({ id: crypto.randomUUID(), name: lead.companyName!, email: lead.email, phone: lead.phone, ...leadAddress(lead), status: 'Active', ownerId: actor.id, originatingLeadId: lead.id })
            .returning();
          accountId = account!.id;
          await recordChange(tx, 'account', account!, ['name', 'email', 'phone', 'address'], 'user');
        }

        let contactId: string | null = null;
        if (options.existingContactId) {
          const [existing] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, options.existingContactId));
          if (!existing) throw DomainError.invalid('existingContactId', 'is not an existing contact');
          contactId = existing.id;
        } else if (createContact) {
          const [contact] = await tx
            .insert(contacts)
            .values({
              id: crypto.randomUUID(),
              firstName: lead.firstName,
              lastName: lead.lastName,
              jobTitle: lead.jobTitle,
              email: lead.email,
              phone: lead.phone,
              ...leadAddress(lead),
              accountId,
              status: 'Active',
              ownerId: actor.id,
              originatingLeadId: lead.id,
            })
            .returning();
          contactId = contact!.id;
          await recordChange(tx, 'contact', contact!, ['firstName', 'lastName', 'email', 'phone', 'address', 'accountId'], 'user');
        }
        if (accountId && contactId && createAccount) {
          const [account] = await tx.update(accounts).set({ primaryContactId: contactId, version: sql`${accounts.version} + 1` }).where(eq(accounts.id, accountId)).returning();
          await recordChange(tx, 'account', account!, ['primaryContactId'], 'user');
        }

        let opportunityId: string | null = null;
        if (createOpportunity) {
          const [opportunity] = await tx
            .insert(opportunities)
            .values({ id: crypto.randomUUID(), name: lead.topic, accountId, contactId, originatingLeadId: lead.id, description: lead.description, stage: 'Qualify', state: 'Open', statusReason: 'InProgress', ownerId: actor.id })
            .returning();
          opportunityId = opportunity!.id;
          await recordChange(tx, 'opportunity', opportunity!, ['name', 'accountId', 'contactId', 'originatingLeadId', 'stage', 'state'], 'user');
          await copyNotes(tx, { type: 'lead', id: lead.id }, { type: 'opportunity', id: opportunityId });
        }

        await save(tx, lead, { ...change, accountId, contactId, opportunityId }, 'user');
        await addNote(tx, 'lead', lead.id, 'system', `Qualified by ${actor.name}.`, 'System');
        return { opportunityId, accountId, contactId };
      });
    },

    async disqualify(id: string, reason: DisqualifyReason, actor: Actor) {
      return db.transaction(async (tx) => {
        const lead = await lockLead(tx, id);
        const change = rules.disqualify(lead, reason);
        rules.assertCanEdit(actor, lead, 'lead');
        const row = await save(tx, lead, change, 'user');
        await addNote(tx, 'lead', lead.id, 'system', `Disqualified by ${actor.name}: ${reason}.`, 'System');
        return leadView(row);
      });
    },

    async reactivate(id: string, actor: Actor) {
      return db.transaction(async (tx) => {
        const lead = await lockLead(tx, id);
        const change = rules.reactivate(lead);
        rules.assertCanEdit(actor, lead, 'lead');
        const row = await save(tx, lead, change, 'user');
        await addNote(tx, 'lead', lead.id, 'system', `Reactivated by ${actor.name}.`, 'System');
        return leadView(row);
      });
    },

    async addNote(id: string, textValue: string, actor: Actor) {
      return db.transaction(async (tx) => {
        await lockLead(tx, id);
        return addNote(tx, 'lead', id, 'note', textValue.trim(), actor.name);
      });
    },

    unownedCount: async () => (await db.select({ n: count() }).from(leads).where(isNull(leads.ownerId)))[0]?.n ?? 0,
  };
}

export type Leads = ReturnType<typeof createLeads>;
