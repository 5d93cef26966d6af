// Tables of the hq schema: the back office (prospects, customers, hierarchies, number sequences, distribution).
import { sql } from 'drizzle-orm';
import { pgSchema, text, timestamp, bigserial, bigint, jsonb, uuid, integer, boolean, numeric, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { nameKeySql } from '../platform/duplicate-matching.ts';

// A company name as duplicate matching compares it: the shared rule of platform/duplicate-matching.ts.
const nameKey = nameKeySql;

export const hq = pgSchema('hq');

export const onlineStores = hq.table('online_stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  customerType: text('customer_type').notNull(),
  defaultLanguage: text('default_language').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const numberSequences = hq.table('number_sequences', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  width: integer('width').notNull(),
  nextValue: bigint('next_value', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Channel records as uploaded by P-0001, with their fate after "Synchronize customers and channel requests". */
export const channelRequests = hq.table(
  'channel_requests',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull(),
    kind: text('kind').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull(),
    error: text('error'),
    prospectId: text('prospect_id'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('channel_requests_status_idx').on(t.status, t.counter), index('channel_requests_prospect_idx').on(t.prospectId)],
);

export const prospects = hq.table(
  'prospects',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    companyName: text('company_name').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    street: text('street').notNull(),
    city: text('city').notNull(),
    state: text('state'),
    zip: text('zip').notNull(),
    countryRegionId: text('country_region_id').notNull(),
    /** Normalised (upper case, no separators), format-checked by the storefront. */
    vatNumber: text('vat_number'),
    nameKey: text('name_key').generatedAlwaysAs(nameKey('company_name')),
    comments: text('comments'),
    language: text('language').notNull(),
    channelId: text('channel_id').notNull(),
    leadId: text('lead_id'),
    customerAccount: text('customer_account'),
    personCustomerAccount: text('person_customer_account'),
    hierarchyId: text('hierarchy_id'),
    rejectionReason: text('rejection_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('prospects_status_idx').on(t.status, t.createdAt),
    // One undecided prospect per e-mail: a second request from the same person joins the first.
    uniqueIndex('prospects_open_email_idx').on(t.email).where(sql`status = 'New'`),
    // Duplicate matching at intake (open prospects only): same domain, same VAT number, similar name.
    index('prospects_open_domain_idx').on(sql`split_part(${t.email}, '@', 2)`).where(sql`status = 'New'`),
    index('prospects_open_vat_idx').on(t.vatNumber).where(sql`status = 'New'`),
    // GIN: duplicate matching reads names by trigram similarity (%), see similarNamesSql. No pending list: matching
    // reads the index right after each batch's inserts, and a pending list is searched row by row.
    index('prospects_name_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')).with({ fastupdate: false }),
    // All prospects' default order, newest first.
    index('prospects_created_idx').on(t.createdAt, t.id),
  ],
);

export const customers = hq.table(
  'customers',
  {
    account: text('account').primaryKey(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email').notNull(),
    phone: text('phone'),
    street: text('street').notNull(),
    city: text('city').notNull(),
    state: text('state'),
    zip: text('zip').notNull(),
    countryRegionId: text('country_region_id').notNull(),
    language: text('language').notNull(),
    /** An organization's VAT number, kept from the prospect it was approved from. */
    vatNumber: text('vat_number'),
    nameKey: text('name_key').generatedAlwaysAs(nameKey('name')),
    creditLimit: numeric('credit_limit', { precision: 18, scale: 2 }),
    /** An organization's primary contact: a person customer's account. */
    primaryContactAccount: text('primary_contact_account'),
    prospectId: text('prospect_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_email_idx').on(t.email),
    index('customers_name_idx').on(t.name),
    index('customers_email_domain_idx').on(sql`split_part(${t.email}, '@', 2)`),
    index('customers_vat_idx').on(t.vatNumber),
    index('customers_name_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')).with({ fastupdate: false }),
  ],
);

/**
 * Possible duplicates found when a prospect is created: an organization customer or another open prospect with the
 * same e-mail, e-mail domain (not free-mail), VAT number, or a similar company name. Kept until dismissed.
 */
export const prospectDuplicates = hq.table(
  'prospect_duplicates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    prospectId: text('prospect_id').notNull(),
    /** 'customer' (an organization customer's account) or 'prospect' (a prospect id). */
    matchedKind: text('matched_kind').notNull(),
    matchedId: text('matched_id').notNull(),
    matchedName: text('matched_name').notNull(),
    /** Any of email, domain, vat, name. */
    reasons: text('reasons').array().notNull(),
    /** Trigram similarity of the names (0–1) when `name` is a reason. */
    nameSimilarity: numeric('name_similarity', { precision: 4, scale: 3, mode: 'number' }),
    score: integer('score').notNull(),
    /** Open | Dismissed */
    status: text('status').notNull().default('Open'),
    dismissedBy: text('dismissed_by'),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('prospect_duplicates_match_idx').on(t.prospectId, t.matchedKind, t.matchedId), index('prospect_duplicates_open_idx').on(t.prospectId).where(sql`status = 'Open'`)],
);

export const customerHierarchies = hq.table('customer_hierarchies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  purpose: text('purpose').notNull(),
  organizationAccount: text('organization_account')
    .notNull()
    .unique()
    .references(() => customers.account),
  /** An inactive partner's users are locked out of the storefront. */
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const hierarchyMembers = hq.table(
  'hierarchy_members',
  {
    hierarchyId: text('hierarchy_id')
      .notNull()
      .references(() => customerHierarchies.id),
    customerAccount: text('customer_account')
      .notNull()
      .unique()
      .references(() => customers.account),
    role: text('role').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // By member as well: duplicate matching goes from a partner user's e-mail to its organization.
  (t) => [primaryKey({ columns: [t.hierarchyId, t.customerAccount] }), index('hierarchy_members_customer_idx').on(t.customerAccount)],
);

export const distributionJobs = hq.table('distribution_jobs', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  direction: text('direction').notNull(),
  scheduleSeconds: integer('schedule_seconds').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull().defaultNow(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
});

export const jobRuns = hq.table(
  'job_runs',
  {
    id: uuid('id').primaryKey(),
    jobCode: text('job_code').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    processed: integer('processed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    errors: jsonb('errors').notNull().default([]),
    message: text('message'),
  },
  (t) => [index('job_runs_job_idx').on(t.jobCode, t.requestedAt), index('job_runs_status_idx').on(t.status)],
);

/** Changes for other systems, written in the transaction that made them; `consumer` is the job that delivers them. */
export const outbox = hq.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consumer: text('consumer').notNull(),
    topic: text('topic').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').notNull(),
    /** The writing transaction: readers go in (txid, id) order below the oldest transaction in flight, so no row is stepped over. */
    txid: bigint('txid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.consumer, t.deliveredAt, t.id), index('outbox_position_idx').on(t.consumer, t.topic, t.txid, t.id)],
);

/** Released products: what partners can order, with price and order quantity limits; 1040 carries them to the channel. */
export const products = hq.table(
  'products',
  {
    itemNumber: text('item_number').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    unit: text('unit').notNull(),
    price: numeric('price', { precision: 18, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    minQuantity: integer('min_quantity'),
    maxQuantity: integer('max_quantity'),
    multiple: integer('multiple'),
    standardQuantity: integer('standard_quantity'),
    /** Active | Discontinued */
    status: text('status').notNull(),
    /** Bumped by every change; the channel keeps the highest it has seen. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('products_name_idx').on(t.name), index('products_status_idx').on(t.status, t.itemNumber)],
);

/** Orders placed on the storefront, as HQ's sales orders (from "Synchronize orders"); one per storefront order. */
export const salesOrders = hq.table(
  'sales_orders',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    /** The storefront's order id: uploading the same order twice never makes a second sales order. */
    storefrontOrderId: uuid('storefront_order_id').notNull().unique(),
    storefrontOrderNumber: text('storefront_order_number').notNull(),
    channelId: text('channel_id').notNull(),
    hierarchyId: text('hierarchy_id').notNull(),
    customerAccount: text('customer_account').notNull(),
    buyerId: text('buyer_id').notNull(),
    buyerName: text('buyer_name').notNull(),
    purchaseOrderNumber: text('purchase_order_number'),
    note: text('note'),
    /** Open | Confirmed | Invoiced | Canceled */
    status: text('status').notNull(),
    total: numeric('total', { precision: 18, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    /** Bumped by every status change; the storefront keeps the highest it has seen. */
    version: integer('version').notNull().default(1),
    orderedAt: timestamp('ordered_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sales_orders_customer_idx').on(t.customerAccount, t.createdAt), index('sales_orders_status_idx').on(t.status, t.createdAt)],
);

export const salesOrderLines = hq.table(
  'sales_order_lines',
  {
    salesOrderId: uuid('sales_order_id')
      .notNull()
      .references(() => salesOrders.id),
    lineNumber: integer('line_number').notNull(),
    itemNumber: text('item_number').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 2 }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.salesOrderId, t.lineNumber] })],
);

/** One invoice per invoiced sales order; `paid` grows with each payment recorded against it. */
export const invoices = hq.table(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    salesOrderId: uuid('sales_order_id')
      .notNull()
      .unique()
      .references(() => salesOrders.id),
    customerAccount: text('customer_account').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    paid: numeric('paid', { precision: 18, scale: 2 }).notNull().default('0'),
    currency: text('currency').notNull(),
    paymentTerms: text('payment_terms').notNull(),
    dueDate: text('due_date').notNull(),
    /** Open | PartlyPaid | Paid */
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invoices_customer_idx').on(t.customerAccount, t.createdAt), index('invoices_status_idx').on(t.status, t.createdAt)],
);

export const invoicePayments = hq.table(
  'invoice_payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invoice_payments_invoice_idx').on(t.invoiceId)],
);
