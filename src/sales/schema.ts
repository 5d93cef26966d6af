// Tables of the sales schema: the CRM's leads, opportunities, accounts, contacts and timeline.
import { sql } from 'drizzle-orm';
import { pgSchema, text, timestamp, bigserial, bigint, jsonb, uuid, integer, numeric, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { nameKeySql } from '../platform/duplicate-matching.ts';

export const sales = pgSchema('sales');

const address = {
  street: text('street'),
  city: text('city'),
  stateProvince: text('state_province'),
  zip: text('zip'),
  countryRegionId: text('country_region_id'),
};

const audit = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const leads = sales.table(
  'leads',
  {
    id: uuid('id').primaryKey(),
    topic: text('topic').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name').notNull(),
    jobTitle: text('job_title'),
    email: text('email'),
    phone: text('phone'),
    companyName: text('company_name'),
    ...address,
    /** Normalised (upper case, no separators); from the HQ prospect when dual-write made the lead. */
    vatNumber: text('vat_number'),
    /** The company name as duplicate matching compares it (platform/duplicate-matching.ts). */
    nameKey: text('name_key').generatedAlwaysAs(nameKeySql('company_name')),
    source: text('source').notNull(),
    description: text('description'),
    ownerId: text('owner_id'),
    state: text('state').notNull(),
    statusReason: text('status_reason').notNull(),
    prospectId: text('prospect_id'),
    accountId: uuid('account_id'),
    contactId: uuid('contact_id'),
    opportunityId: uuid('opportunity_id'),
    ...audit,
  },
  (t) => [
    index('leads_state_idx').on(t.state, t.createdAt),
    uniqueIndex('leads_prospect_idx').on(t.prospectId),
    // Duplicate matching: open leads by e-mail, e-mail domain, VAT number and similar name.
    index('leads_open_email_idx').on(t.email).where(sql`state = 'Open'`),
    index('leads_open_domain_idx').on(sql`split_part(${t.email}, '@', 2)`).where(sql`state = 'Open'`),
    index('leads_open_vat_idx').on(t.vatNumber).where(sql`state = 'Open'`),
    index('leads_name_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')).with({ fastupdate: true, gin_pending_list_limit: 256 }),
  ],
);

export const accounts = sales.table(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    ...address,
    /** Normalised; from HQ's organization customer. */
    vatNumber: text('vat_number'),
    nameKey: text('name_key').generatedAlwaysAs(nameKeySql('name')),
    primaryContactId: uuid('primary_contact_id'),
    customerAccount: text('customer_account'),
    status: text('status').notNull(),
    ownerId: text('owner_id'),
    originatingLeadId: uuid('originating_lead_id'),
    ...audit,
  },
  (t) => [
    index('accounts_name_idx').on(t.name),
    // Duplicate matching looks a lead's e-mail up among the accounts: without it, a scan of every account per lead.
    index('accounts_email_idx').on(t.email),
    index('accounts_email_domain_idx').on(sql`split_part(${t.email}, '@', 2)`),
    index('accounts_vat_idx').on(t.vatNumber),
    index('accounts_name_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')).with({ fastupdate: true, gin_pending_list_limit: 256 }),
  ],
);

export const contacts = sales.table(
  'contacts',
  {
    id: uuid('id').primaryKey(),
    firstName: text('first_name'),
    lastName: text('last_name').notNull(),
    jobTitle: text('job_title'),
    email: text('email'),
    phone: text('phone'),
    ...address,
    accountId: uuid('account_id'),
    customerAccount: text('customer_account'),
    status: text('status').notNull(),
    ownerId: text('owner_id'),
    originatingLeadId: uuid('originating_lead_id'),
    ...audit,
  },
  (t) => [index('contacts_email_idx').on(t.email), index('contacts_email_domain_idx').on(sql`split_part(${t.email}, '@', 2)`)],
);

export const opportunities = sales.table(
  'opportunities',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    accountId: uuid('account_id'),
    contactId: uuid('contact_id'),
    originatingLeadId: uuid('originating_lead_id').unique(),
    estimatedRevenue: numeric('estimated_revenue', { precision: 18, scale: 2 }),
    estimatedCloseDate: date('estimated_close_date'),
    description: text('description'),
    stage: text('stage').notNull(),
    state: text('state').notNull(),
    statusReason: text('status_reason').notNull(),
    actualRevenue: numeric('actual_revenue', { precision: 18, scale: 2 }),
    actualCloseDate: date('actual_close_date'),
    ownerId: text('owner_id'),
    ...audit,
  },
  (t) => [index('opportunities_state_idx').on(t.state, t.createdAt)],
);

export const opportunityCloses = sales.table('opportunity_closes', {
  id: uuid('id').primaryKey(),
  opportunityId: uuid('opportunity_id').notNull(),
  outcome: text('outcome').notNull(),
  statusReason: text('status_reason').notNull(),
  actualRevenue: numeric('actual_revenue', { precision: 18, scale: 2 }),
  closeDate: date('close_date').notNull(),
  competitor: text('competitor'),
  description: text('description'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const notes = sales.table(
  'notes',
  {
    id: uuid('id').primaryKey(),
    regardingType: text('regarding_type').notNull(),
    regardingId: uuid('regarding_id').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    author: text('author').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notes_regarding_idx').on(t.regardingType, t.regardingId, t.createdAt)],
);

/**
 * Possible duplicates of a lead, found in the transaction that creates it by hand (moments after, by the matcher, for
 * a lead dual-write makes): another open lead, a contact or an account with the same e-mail, e-mail domain (not
 * free-mail), VAT number, or a similar company name. Kept until dismissed.
 */
export const leadDuplicates = sales.table(
  'lead_duplicates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leadId: uuid('lead_id').notNull(),
    /** lead | contact | account */
    matchedKind: text('matched_kind').notNull(),
    matchedId: uuid('matched_id').notNull(),
    matchedName: text('matched_name').notNull(),
    /** Any of email, domain, vat, name. */
    reasons: text('reasons').array().notNull(),
    nameSimilarity: numeric('name_similarity', { precision: 4, scale: 3, mode: 'number' }),
    score: integer('score').notNull(),
    /** Open | Dismissed */
    status: text('status').notNull().default('Open'),
    dismissedBy: text('dismissed_by'),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lead_duplicates_match_idx').on(t.leadId, t.matchedKind, t.matchedId), index('lead_duplicates_matched_idx').on(t.matchedId)],
);

/**
 * Leads dual-write made whose possible duplicates are not looked for yet: written in the transaction that makes the
 * leads, taken by the matcher moments later (a catch-up of 50,000 leads is not slowed to matching's pace).
 */
export const leadMatchingQueue = sales.table('lead_matching_queue', {
  leadId: uuid('lead_id').primaryKey(),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every change to a lead, opportunity, account or contact, in the shape the dual-write engine consumes. */
export const outbox = sales.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    changedFields: jsonb('changed_fields').notNull(),
    payload: jsonb('payload').notNull(),
    origin: text('origin').notNull(),
    /** The writing transaction: readers go in (txid, id) order below the oldest transaction in flight, so no row is stepped over. */
    txid: bigint('txid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sales_outbox_position_idx').on(t.entity, t.txid, t.id)],
);
