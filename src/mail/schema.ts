// Tables of the mail schema: templates per notification type and language, notification profiles, messages, link reveals.
import { pgSchema, text, timestamp, bigserial, bigint, integer, serial, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';

export const mail = pgSchema('mail');

export const templates = mail.table(
  'templates',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('templates_type_language_idx').on(t.type, t.language)],
);

export const profiles = mail.table('profiles', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The online store (channel) the profile is assigned to. */
  channelId: text('channel_id'),
  defaultLanguage: text('default_language').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const profileEntries = mail.table(
  'profile_entries',
  {
    profileId: text('profile_id').notNull(),
    type: text('type').notNull(),
    /** Send: at once. Hold: kept for someone to release. Off: no message. */
    mode: text('mode').notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.type] })],
);

export const messages = mail.table(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The event that caused it: consumed once, however often it is delivered. */
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    recipient: text('recipient').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Queued, Held, Sent, Failed, Stored (kept in the local mailbox, not sent). */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** Chosen before the first attempt, so a resend after a crash carries the same Message-ID. */
    messageId: text('message_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('messages_event_idx').on(t.eventId), index('messages_due_idx').on(t.status, t.nextAttemptAt), index('messages_created_idx').on(t.createdAt), index('messages_recipient_idx').on(t.recipient, t.createdAt)],
);

/** Each time a staff administrator revealed the single-use links of a stored (unsent) message: who and when. */
export const linkReveals = mail.table(
  'link_reveals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    staffUserId: text('staff_user_id').notNull(),
    /** The name at the time, so the record reads the same after a rename. */
    staffName: text('staff_name').notNull(),
    revealedAt: timestamp('revealed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('link_reveals_message_idx').on(t.messageId)],
);
