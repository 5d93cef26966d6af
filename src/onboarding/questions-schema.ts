// Tables of the onboarding schema for questions to the applicant: a question on a case, its answer (one), the
// answer's files (bytes kept here, type as sniffed from the content), and the outbox of mail events for the mail context.
import { sql } from 'drizzle-orm';
import { bigserial, customType, index, integer, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The same schema as schema.ts's (schema.ts re-exports these tables; importing it back would be a cycle).
const onboarding = pgSchema('onboarding');

// Bytes travel as base64 text decoded by the database: a 5 MB Buffer parameter took about 2.5 s to bind on the embedded
// database (PGlite), base64 about 0.4 s; on PostgreSQL it is also a third smaller than the driver's hex form.
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => sql`decode(${value.toString('base64')}, 'base64')`,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const questions = onboarding.table(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    text: text('text').notNull(),
    /** The staff user's name. */
    askedBy: text('asked_by').notNull(),
    /** Where the asker works: 'hq' (HQ operations) or 'sales' (the salesperson on the lead). */
    askedIn: text('asked_in').$type<'hq' | 'sales'>().notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The one reminder after ONBOARDING_REMINDER_DAYS without an answer. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [index('questions_case_idx').on(t.caseId, t.askedAt), index('questions_open_idx').on(t.answeredAt, t.remindedAt, t.askedAt)],
);

export const answers = onboarding.table('answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  questionId: uuid('question_id').notNull().unique(),
  text: text('text').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const attachments = onboarding.table(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    answerId: uuid('answer_id').notNull(),
    /** As the applicant named it, cleaned of paths and control characters; never used to decide the type. */
    fileName: text('file_name').notNull(),
    /** Sniffed from the bytes: application/pdf, image/png or image/jpeg. */
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [index('attachments_answer_idx').on(t.answerId)],
);

/** Events for other contexts (today the mail context: 'mail'), written in the transaction of the change. */
export const outbox = onboarding.table(
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
