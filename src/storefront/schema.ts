// Tables of the storefront schema: the channel database of the B2B online store.
import { pgSchema, text, timestamp, bigserial, jsonb, uuid, index, uniqueIndex, numeric, boolean, integer, primaryKey } from 'drizzle-orm/pg-core';

export const storefront = pgSchema('storefront');

export const partnerRequests = storefront.table(
  'partner_requests',
  {
    id: uuid('id').primaryKey(),
    /** Hash of the secret in the applicant's status link. */
    statusTokenHash: text('status_token_hash').notNull().unique(),
    channelId: text('channel_id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    companyName: text('company_name').notNull(),
    street: text('street').notNull(),
    city: text('city').notNull(),
    state: text('state'),
    zip: text('zip').notNull(),
    countryRegionId: text('country_region_id').notNull(),
    comments: text('comments'),
    language: text('language').notNull(),
    /** Received → InReview (uploaded to HQ) → Approved | Rejected (downloaded from HQ). */
    status: text('status').notNull(),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partner_requests_email_idx').on(t.email)],
);

/** Channel records waiting for the upload job P-0001, written in the same transaction as the record. */
export const uploadQueue = storefront.table(
  'upload_queue',
  {
    counter: bigserial('counter', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    recordId: text('record_id').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
  },
  (t) => [index('upload_queue_pending_idx').on(t.uploadedAt, t.counter)],
);

/** The online store's settings as last downloaded from HQ (job 1070). */
export const channelSettings = storefront.table('channel_settings', {
  channelId: text('channel_id').primaryKey(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  customerType: text('customer_type').notNull(),
  defaultLanguage: text('default_language').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Business partners as downloaded from HQ (1010): the organization and whether its users may sign in. */
export const organizations = storefront.table('organizations', {
  hierarchyId: text('hierarchy_id').primaryKey(),
  organizationAccount: text('organization_account').notNull(),
  name: text('name').notNull(),
  creditLimit: numeric('credit_limit', { precision: 18, scale: 2 }),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The storefront's view of hierarchy members, with their sign-in identity (linked by e-mail, unique here). */
export const partnerUsers = storefront.table(
  'partner_users',
  {
    id: uuid('id').primaryKey(),
    hierarchyId: text('hierarchy_id').notNull(),
    /** HQ's person customer, once HQ has confirmed the user. */
    customerAccount: text('customer_account'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    /** Admin | User */
    role: text('role').notNull(),
    /** Pending (added here, not yet in HQ) → Active (confirmed by 1010) → Removed. */
    status: text('status').notNull(),
    spendingLimit: numeric('spending_limit', { precision: 18, scale: 2 }),
    monthlySpendingLimit: numeric('monthly_spending_limit', { precision: 18, scale: 2 }),
    passwordHash: text('password_hash'),
    /** Why HQ refused this user's latest change, until a later change of it is applied. */
    syncError: text('sync_error'),
    /** When the user first signed in (accepting the invitation signs in): a step on the onboarding case. */
    firstSignedInAt: timestamp('first_signed_in_at', { withTimezone: true }),
    /** The language the user last picked in the storefront (en | et); their mails follow it, else the store's. */
    language: text('language'),
    /** Bumped by every local edit; HQ echoes it, so an older echo does not undo a newer edit. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('partner_users_email_idx').on(t.email), index('partner_users_hierarchy_idx').on(t.hierarchyId, t.status), index('partner_users_customer_idx').on(t.customerAccount)],
);

/** Single-use links (invitation, password reset); only the token's SHA-256 is stored. */
export const accountTokens = storefront.table(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull(),
    /** invitation | reset */
    kind: text('kind').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId)],
);

/** Events for other contexts (the mail context reads `mail`), written in the transaction that caused them. */
export const outbox = storefront.table(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consumer: text('consumer').notNull(),
    topic: text('topic').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.consumer, t.deliveredAt, t.id)],
);

/** Released products as downloaded from HQ (1040); a record older than the stored version is ignored. */
export const products = storefront.table(
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
    version: integer('version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('products_status_name_idx').on(t.status, t.name)],
);

/** One cart per partner user: item and quantity only; prices are read from `products` whenever the cart is shown. */
export const cartLines = storefront.table(
  'cart_lines',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    itemNumber: text('item_number').notNull(),
    quantity: integer('quantity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cart_lines_user_item_idx').on(t.userId, t.itemNumber)],
);

/** Order numbers of this store ("SO-00000042"); HQ's sales orders will keep their own sequence. */
export const orderNumbers = storefront.sequence('order_numbers', { startWith: 1 });

/** Orders on account: kept whole (lines, buyer, PO number, history) so they can be uploaded to HQ as they are. */
export const orders = storefront.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    hierarchyId: text('hierarchy_id').notNull(),
    organizationAccount: text('organization_account').notNull(),
    placedBy: uuid('placed_by').notNull(),
    placedByName: text('placed_by_name').notNull(),
    /** AwaitingApproval | Placed | Confirmed | Invoiced | Rejected | Canceled */
    status: text('status').notNull(),
    total: numeric('total', { precision: 18, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    purchaseOrderNumber: text('purchase_order_number'),
    note: text('note'),
    approvedBy: uuid('approved_by'),
    approvedByName: text('approved_by_name'),
    rejectionReason: text('rejection_reason'),
    /** The highest HQ sales order version applied (1010): an older status re-sent or overtaken changes nothing. */
    hqVersion: integer('hq_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('orders_organization_idx').on(t.hierarchyId, t.status), index('orders_buyer_idx').on(t.placedBy, t.createdAt)],
);

/** An order's lines as priced at checkout. */
export const orderLines = storefront.table(
  'order_lines',
  {
    orderId: uuid('order_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    itemNumber: text('item_number').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 2 }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.lineNumber] })],
);

/** Every status an order took, who set it and when. */
export const orderHistory = storefront.table(
  'order_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_history_order_idx').on(t.orderId, t.id)],
);

/** HQ's invoices for the organization's orders, as 1010 delivers them; unpaid balances count against credit. */
export const invoices = storefront.table(
  'invoices',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    orderId: uuid('order_id').notNull(),
    hierarchyId: text('hierarchy_id').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    paid: numeric('paid', { precision: 18, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    dueDate: text('due_date').notNull(),
    /** Open | PartlyPaid | Paid */
    status: text('status').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invoices_organization_idx').on(t.hierarchyId, t.status), index('invoices_order_idx').on(t.orderId)],
);

/**
 * Further status links of a partner request, issued when the partner team writes to the applicant (a question, a
 * reminder): only the first link's hash is on the request, and a hash cannot be turned back into a link to send.
 */
export const statusLinks = storefront.table(
  'status_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    requestId: uuid('request_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('status_links_request_idx').on(t.requestId)],
);
