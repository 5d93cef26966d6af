// Onboarding case routes (staff): the work queue of cases, its funnel, and one case with its timeline.
import { Type } from 'typebox';
import type { TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { CsvBody, csvProduces, exportBatchSize, sendCsv } from '../platform/csv.ts';
import { DateRangeQuery } from '../platform/list-query.ts';
import type { Cases } from './case-questions.ts';
import { QuestionSchema } from './question-routes.ts';
import type { QueueQuery } from './queue.ts';

const tags = ['Onboarding'];
// Cases are HQ's and the salespeople's shared view of an application.
const roles = ['hq-operations', 'salesperson', 'sales-manager'] as const;
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Timestamp = Type.String({ format: 'date-time' });
const CaseStatus = Type.Union([Type.Literal('Received'), Type.Literal('InReview'), Type.Literal('WaitingForApplicant'), Type.Literal('Approved'), Type.Literal('Rejected')]);
const CaseSchema = Type.Object({
  id: Type.String({ description: 'The partner request id' }),
  number: Type.String({ description: 'OC-000042' }),
  status: CaseStatus,
  email: Type.String(),
  companyName: Type.String(),
  openedAt: Timestamp,
  prospectId: opt(Type.String()),
  leadId: opt(Type.String()),
  opportunityId: opt(Type.String()),
  customerAccount: opt(Type.String()),
  hierarchyId: opt(Type.String()),
  previousCase: opt(Type.Object({ id: Type.String(), number: Type.String(), status: CaseStatus, rejectionReason: opt(Type.String()) })),
});
const QueueStatus = Type.Union(['Received', 'InReview', 'WaitingForApplicant', 'Approved', 'Rejected'].map((s) => Type.Literal(s)));
/** The work queue's filters; the list adds paging, the CSV export takes them as they are. */
const CaseFilterQuery = {
  search: opt(Type.String({ maxLength: 200, description: 'Part of the e-mail or company name' })),
  status: opt(QueueStatus),
  customer: opt(Type.String({ maxLength: 40, description: "An HQ customer account (organization or person) the case's approval made or used" })),
  prospects: opt(Type.String({ maxLength: 4000, description: 'Comma-separated HQ prospect ids (at most 200): only their cases' })),
  sort: Type.Union([Type.Literal('-openedAt'), Type.Literal('openedAt')], { default: '-openedAt' }),
  ...DateRangeQuery,
};

/** The status in the queue's terms and the prospect ids as a list (at most 200). */
function caseFilters(q: { status?: string | undefined; prospects?: string | undefined }) {
  const prospects = q.prospects === undefined ? undefined : [...new Set(q.prospects.split(',').map((id) => id.trim()).filter(Boolean))];
  if (prospects && prospects.length > 200) throw DomainError.invalid('prospects', 'must name at most 200 prospects');
  return { status: q.status as QueueQuery['status'], prospects };
}

const Funnel = Type.Object({
  weeks: Type.Array(Type.Object({ weekStart: Type.String({ format: 'date', description: 'Monday (UTC)' }), requests: Type.Integer(), decided: Type.Integer(), approved: Type.Integer() }), { description: 'Oldest first, this week last; by the week a case was opened' }),
  requests: Type.Integer(),
  decided: Type.Integer(),
  approved: Type.Integer(),
  medianSecondsToDecision: opt(Type.Integer({ description: 'From opening to decision, over the decided cases of these weeks' })),
});
const CaseDuplicateSchema = Type.Object({
  system: Type.Union([Type.Literal('hq'), Type.Literal('sales')], { description: 'The system that found it: HQ at intake, or the CRM when the lead was created' }),
  kind: Type.Union([Type.Literal('customer'), Type.Literal('prospect'), Type.Literal('lead'), Type.Literal('contact'), Type.Literal('account')]),
  id: Type.String(),
  name: Type.String(),
  reasons: Type.Array(Type.Union([Type.Literal('email'), Type.Literal('domain'), Type.Literal('vat'), Type.Literal('name')])),
  nameSimilarity: opt(Type.Number()),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  status: Type.Union([Type.Literal('Open'), Type.Literal('Dismissed')]),
});
const TimelineEntry = Type.Object({
  at: Timestamp,
  kind: Type.String({ description: 'submitted, uploaded, prospect-created, prospect-joined, lead-created, qualified, disqualified, reactivated, won, lost, approved, rejected, question-asked, question-answered, mail, invitation-accepted, first-sign-in, first-order' }),
  actor: Type.String(),
  text: Type.String(),
  context: Type.Union([Type.Literal('storefront'), Type.Literal('hq'), Type.Literal('sales'), Type.Literal('dualwrite'), Type.Literal('mail')]),
});

export function registerOnboardingRoutes(app: Server, deps: { staff: StaffService; cases: Cases }) {
  const { staff, cases } = deps;
  app.get(
    '/api/hq/onboarding-cases',
    {
      schema: {
        tags,
        summary: 'Onboarding cases (the work queue), newest first, by status, search or customer',
        querystring: Type.Object({ ...CaseFilterQuery, limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ items: Type.Array(CaseSchema), total: Type.Integer(), next: opt(Type.Integer()) }) },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      const q = request.query;
      return page(await cases.list({ ...q, ...caseFilters(q) }), q.offset, q.limit);
    },
  );

  app.get(
    '/api/hq/onboarding-cases/export.csv',
    {
      schema: {
        tags,
        summary: "Onboarding cases as CSV, with the work queue's filters",
        description: 'The whole filtered queue, streamed (any length); UTF-8 with a byte order mark; cells that would start a spreadsheet formula begin with an apostrophe.',
        querystring: Type.Object(CaseFilterQuery),
        produces: csvProduces,
        response: { 200: CsvBody },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, roles);
      const q = { ...request.query, ...caseFilters(request.query) };
      return sendCsv(reply, 'onboarding-cases', (after) => cases.exportBatch(q, after, exportBatchSize), [
        { header: 'Case', value: (c) => c.number },
        { header: 'Status', value: (c) => c.status },
        { header: 'Company', value: (c) => c.companyName },
        { header: 'E-mail', value: (c) => c.email },
        { header: 'Opened', value: (c) => c.openedAt },
        { header: 'Prospect ID', value: (c) => c.prospectId },
        { header: 'Customer account', value: (c) => c.customerAccount },
        { header: 'Hierarchy', value: (c) => c.hierarchyId },
        { header: 'Previous case', value: (c) => c.previousCase?.number },
        { header: 'Case ID', value: (c) => c.id },
      ]);
    },
  );

  app.get(
    '/api/hq/onboarding-cases/funnel',
    {
      schema: {
        tags,
        summary: 'The funnel over the last 8 weeks: requests per week, how many are decided and approved, the median time to decision',
        response: { 200: Funnel },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      return cases.funnel(8);
    },
  );

  app.get(
    '/api/hq/onboarding-cases/:id',
    {
      schema: {
        tags,
        summary: 'One onboarding case: its links and its timeline across the store, HQ, the CRM, dual-write and mail',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Intersect([CaseSchema, Type.Object({ timeline: Type.Array(TimelineEntry), questions: Type.Array(QuestionSchema), possibleDuplicates: Type.Array(CaseDuplicateSchema) })]) },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      return cases.get(request.params.id);
    },
  );

  async function caseOfProspect(prospectId: string) {
    const id = await cases.idOfProspect(prospectId);
    if (!id) throw notFound(`An onboarding case for prospect ${prospectId}`);
    return { id };
  }
  app.get(
    '/api/hq/prospects/:prospectId/onboarding-case',
    {
      schema: {
        tags,
        summary: "The case of a prospect (its first request's)",
        params: Type.Object({ prospectId: Type.String() }),
        response: { 200: Type.Object({ id: Type.String() }) },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      return caseOfProspect(request.params.prospectId);
    },
  );
  // The earlier address of the same answer, kept for existing callers but out of the OpenAPI document: beside
  // `/onboarding-cases/{id}/questions` it made `/onboarding-cases/by-prospect/questions` ambiguous.
  app.get(
    '/api/hq/onboarding-cases/by-prospect/:prospectId',
    { schema: { hide: true, params: Type.Object({ prospectId: Type.String() }), response: { 200: Type.Object({ id: Type.String() }) } } },
    async (request) => {
      await staff.authenticate(request, roles);
      return caseOfProspect(request.params.prospectId);
    },
  );
}
