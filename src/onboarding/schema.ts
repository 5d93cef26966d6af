// Tables of the onboarding schema: one case per partner request. What happened to it lives in the contexts that
// did it; the case keeps only its own facts (its number, the request it opened for, the earlier case it follows).
import { bigserial, index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const onboarding = pgSchema('onboarding');

export const cases = onboarding.table(
  'cases',
  {
    /** The storefront's partner request id: the one id every context already carries. */
    id: uuid('id').primaryKey(),
    /** Shown as OC-000042. */
    number: bigserial('number', { mode: 'number' }).notNull().unique(),
    email: text('email').notNull(),
    companyName: text('company_name').notNull(),
    /** HQ's prospect for the request (several requests from one e-mail can share an undecided prospect). */
    prospectId: text('prospect_id'),
    /** The applicant's earlier case that ended rejected: a re-application shows it and its reason. */
    previousCaseId: uuid('previous_case_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * HQ's decision on the prospect, recorded here once it is seen (a decision is final). HQ stays the owner; this
     * copy lets the work queue filter and page by status, the funnel count, and a customer find its case in SQL.
     */
    decidedStatus: text('decided_status').$type<'Approved' | 'Rejected'>(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    customerAccount: text('customer_account'),
    personCustomerAccount: text('person_customer_account'),
    hierarchyId: text('hierarchy_id'),
  },
  (t) => [
    index('cases_prospect_idx').on(t.prospectId),
    index('cases_email_idx').on(t.email, t.openedAt),
    index('cases_opened_idx').on(t.openedAt),
    index('cases_decided_idx').on(t.decidedStatus, t.openedAt),
    index('cases_customer_idx').on(t.customerAccount),
    index('cases_person_customer_idx').on(t.personCustomerAccount),
  ],
);

export * from './questions-schema.ts';
