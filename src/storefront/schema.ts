// Tables of the storefront schema: the channel database of the B2B online store.
import { pgSchema, text, timestamp, bigserial, jsonb, uuid, index } from 'drizzle-orm/pg-core';

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
