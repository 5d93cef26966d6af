// Sales CRM routes: leads (views, qualify, disqualify, reactivate), opportunities (close, reopen), accounts, contacts, timeline.
import { Type } from 'typebox';
import type { Static, TProperties, TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import { DomainError } from '../platform/errors.ts';
import { CsvBody, csvProduces, exportBatchSize, sendCsv } from '../platform/csv.ts';
import { DateRangeQuery } from '../platform/list-query.ts';
import { withCountryAsSent } from '../platform/countries.ts';
import type { StaffService, StaffUser } from '../platform/staff.ts';
import type { FastifyRequest } from 'fastify';
import { leadSources, leadStatusReasons, opportunityStages } from './rules.ts';
import type { Actor } from './rules.ts';
import { leadViews } from './lead.ts';
import type { Leads } from './lead.ts';
import { opportunityViews } from './opportunity.ts';
import type { Opportunities } from './opportunity.ts';
import type { Parties } from './party.ts';

const tags = ['Sales'];
// type: [t, 'null'] rather than anyOf, so Ajv's type coercion keeps null as null instead of turning it into "".
const N = <T extends TSchema>(schema: T) => {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
};
const Str = (max: number) => Type.String({ maxLength: max });
const Required = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Paging = { limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }), offset: Type.Integer({ minimum: 0, default: 0 }) };
const Paged = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), next: Type.Optional(Type.Integer()) });
const Id = Type.Object({ id: Type.String() });
const Timestamp = Type.String({ format: 'date-time' });

const SalesAddress = Type.Object(
  { street: Type.Optional(Str(250)), city: Type.Optional(Str(100)), state: Type.Optional(Str(100)), zip: Type.Optional(Str(20)), countryRegionId: Type.Optional(Str(3)) },
  { additionalProperties: false },
);
const TimelineEntry = Type.Object({ id: Type.String(), kind: Enum(['note', 'system'] as const), text: Type.String(), author: Type.String(), createdAt: Timestamp });

const LeadSchema = Type.Object(
  {
    id: Type.String(),
    topic: Type.String(),
    firstName: N(Type.String()),
    lastName: Type.String(),
    jobTitle: N(Type.String()),
    email: N(Type.String()),
    phone: N(Type.String()),
    companyName: N(Type.String()),
    address: SalesAddress,
    vatNumber: N(Type.String()),
    source: Type.String(),
    description: N(Type.String()),
    ownerId: N(Type.String()),
    state: Enum(['Open', 'Qualified', 'Disqualified'] as const),
    statusReason: Type.String(),
    prospectId: N(Type.String()),
    accountId: N(Type.String()),
    contactId: N(Type.String()),
    opportunityId: N(Type.String()),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Lead' },
);
const LeadRef = Type.Unsafe<Static<typeof LeadSchema>>({ $ref: 'Lead#' });

const OpportunitySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    accountId: N(Type.String()),
    contactId: N(Type.String()),
    originatingLeadId: N(Type.String()),
    estimatedRevenue: N(Type.Number()),
    estimatedCloseDate: N(Type.String()),
    description: N(Type.String()),
    stage: Enum(opportunityStages),
    state: Enum(['Open', 'Won', 'Lost'] as const),
    statusReason: Type.String(),
    actualRevenue: N(Type.Number()),
    actualCloseDate: N(Type.String()),
    /** ISO 4217 code of the revenue amounts. */
    currency: Type.String(),
    ownerId: N(Type.String()),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Opportunity' },
);
const OpportunityRef = Type.Unsafe<Static<typeof OpportunitySchema>>({ $ref: 'Opportunity#' });

const party = {
  email: N(Type.String()),
  phone: N(Type.String()),
  address: SalesAddress,
  customerAccount: N(Type.String()),
  status: Enum(['Active', 'Inactive'] as const),
  ownerId: N(Type.String()),
  originatingLeadId: N(Type.String()),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
const AccountSchema = Type.Object({ id: Type.String(), name: Type.String(), website: N(Type.String()), vatNumber: N(Type.String()), primaryContactId: N(Type.String()), ...party }, { $id: 'Account' });
const AccountRef = Type.Unsafe<Static<typeof AccountSchema>>({ $ref: 'Account#' });
const ContactSchema = Type.Object(
  { id: Type.String(), firstName: N(Type.String()), lastName: Type.String(), jobTitle: N(Type.String()), accountId: N(Type.String()), ...party },
  { $id: 'Contact' },
);
const ContactRef = Type.Unsafe<Static<typeof ContactSchema>>({ $ref: 'Contact#' });

const LeadBody = {
  topic: Required(200),
  firstName: Type.Optional(N(Str(100))),
  lastName: Required(100),
  jobTitle: Type.Optional(N(Str(100))),
  email: Type.Optional(N(Type.String({ format: 'email', maxLength: 254 }))),
  phone: Type.Optional(N(Type.String({ maxLength: 40, pattern: '^[0-9+()./ -]*$' }))),
  companyName: Type.Optional(N(Str(200))),
  address: Type.Optional(SalesAddress),
  vatNumber: Type.Optional(N(Type.String({ maxLength: 30, pattern: '^[A-Za-z0-9 .-]*$', description: 'Normalised on save (upper case, no separators); matched against other leads and accounts' }))),
  source: Type.Optional(Enum(leadSources)),
  description: Type.Optional(N(Str(4000))),
  ownerId: Type.Optional(N(Type.String())),
};
const LeadDuplicateSchema = Type.Object({
  matchId: Type.Integer(),
  kind: Enum(['lead', 'contact', 'account'] as const),
  id: Type.String({ description: "The matched lead's, contact's or account's id" }),
  name: Type.String(),
  reasons: Type.Array(Enum(['email', 'domain', 'vat', 'name'] as const)),
  nameSimilarity: Type.Optional(Type.Number({ description: 'Trigram similarity of the normalised company names, 0–1, when `name` is a reason' })),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  status: Enum(['Open', 'Dismissed'] as const),
  dismissedBy: Type.Optional(Type.String()),
  dismissedAt: Type.Optional(Timestamp),
});
/** The filters of each list; the list route adds paging, the CSV export route takes them as they are. */
const LeadFilterQuery = {
  view: Type.Optional(Enum(leadViews)),
  search: Type.Optional(Str(200)),
  sort: Type.String({ default: '-createdAt', pattern: '^-?(createdAt|topic|companyName|statusReason)$' }),
  ...DateRangeQuery,
};
const OpportunityFilterQuery = {
  view: Type.Optional(Enum(opportunityViews)),
  search: Type.Optional(Str(200)),
  sort: Type.String({ default: '-createdAt', pattern: '^-?(createdAt|name|estimatedRevenue|estimatedCloseDate)$' }),
  ...DateRangeQuery,
};
const PartyFilterQuery = { view: Type.Optional(Type.String()), search: Type.Optional(Str(200)), ...DateRangeQuery };

const NoteBody = Type.Object({ text: Required(4000) }, { additionalProperties: false });

export interface SalesRouteDeps {
  staff: StaffService;
  leads: Leads;
  opportunities: Opportunities;
  parties: Parties;
}

export function registerSalesRoutes(app: Server, deps: SalesRouteDeps): void {
  const { staff, leads, opportunities, parties } = deps;
  for (const schema of [LeadSchema, OpportunitySchema, AccountSchema, ContactSchema]) app.addSchema(schema);
  const actor = async (request: FastifyRequest): Promise<Actor> => {
    const user = await staff.authenticate(request, ['salesperson', 'sales-manager']);
    return { id: user.id, name: user.name, roles: user.roles };
  };
  const canOwn = (u: StaffUser) => !u.disabled && u.roles.some((r) => r === 'salesperson' || r === 'sales-manager' || r === 'administrator');
  /** An owner is one of the people /api/sales/users lists; any other id is refused, naming the field. */
  async function assertOwner(ownerId: string | null | undefined): Promise<void> {
    if (ownerId === undefined || ownerId === null) return;
    if ((await staff.list()).some((u) => u.id === ownerId && canOwn(u))) return;
    const message = 'is not an active salesperson or sales manager';
    throw new DomainError('validation', `ownerId ${message}`, undefined, [{ path: 'ownerId', message }]);
  }

  app.get(
    '/api/sales/users',
    { schema: { tags, summary: 'Salespeople and sales managers (owners)', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })) }) } } },
    async (request) => {
      await actor(request);
      const users = (await staff.list()).filter(canOwn);
      return { items: users.map((u) => ({ id: u.id, name: u.name, email: u.email })) };
    },
  );

  app.get(
    '/api/sales/leads',
    {
      schema: {
        tags,
        summary: 'Leads through a view',
        description: 'Views: all-commerce-b2b-leads (source Commerce B2B, any owner), my-open-leads, open-leads, closed-leads, all-leads.',
        querystring: Type.Object({ ...LeadFilterQuery, ...Paging }),
        response: { 200: Paged(LeadRef) },
      },
    },
    async (request) => {
      const me = await actor(request);
      const q = request.query;
      return page(await leads.list({ ...q, view: q.view ?? 'my-open-leads', actorId: me.id }), q.offset, q.limit);
    },
  );

  app.post(
    '/api/sales/leads',
    { schema: { tags, summary: 'Create a lead', body: Type.Object(LeadBody, { additionalProperties: false }), response: { 201: LeadRef } } },
    async (request, reply) => {
      const me = await actor(request);
      await assertOwner(request.body.ownerId);
      return reply.status(201).send(withCountryAsSent(await leads.create(request.body, me), request.body.address?.countryRegionId));
    },
  );

  app.get(
    '/api/sales/leads/:id',
    {
      schema: {
        tags,
        summary: 'A lead with its timeline and possible duplicates',
        params: Id,
        response: {
          200: Type.Intersect([
            LeadRef,
            Type.Object({ timeline: Type.Array(TimelineEntry), possibleDuplicates: Type.Array(LeadDuplicateSchema, { description: 'Found when the lead was created (a lead dual-write makes: moments after); open ones first, then by score' }) }),
          ]),
        },
      },
    },
    async (request) => {
      await actor(request);
      return leads.get(request.params.id);
    },
  );

  app.patch(
    '/api/sales/leads/:id',
    {
      schema: {
        tags,
        summary: 'Edit an open lead',
        params: Id,
        body: Type.Object({ ...LeadBody, topic: Type.Optional(Required(200)), lastName: Type.Optional(Required(100)) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: LeadRef },
      },
    },
    async (request) => {
      const me = await actor(request);
      await assertOwner(request.body.ownerId);
      return withCountryAsSent(await leads.update(request.params.id, request.body, me), request.body.address?.countryRegionId);
    },
  );

  app.post(
    '/api/sales/leads/:id/status',
    { schema: { tags, summary: 'Mark an open lead New or Contacted', params: Id, body: Type.Object({ statusReason: Enum(leadStatusReasons.Open) }, { additionalProperties: false }), response: { 200: LeadRef } } },
    async (request) => leads.setStatus(request.params.id, request.body.statusReason, await actor(request)),
  );

  app.get(
    '/api/sales/leads/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Accounts with the same company name and contacts with the same e-mail',
        params: Id,
        response: {
          200: Type.Object({
            accounts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), email: N(Type.String()) })),
            contacts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), email: N(Type.String()) })),
          }),
        },
      },
    },
    async (request) => {
      await actor(request);
      return leads.duplicates(request.params.id);
    },
  );

  app.post(
    '/api/sales/leads/:id/duplicates/:matchId/dismiss',
    {
      schema: {
        tags,
        summary: 'Dismiss a possible duplicate of a lead: it is not the same company',
        params: Type.Object({ id: Type.String(), matchId: Type.Integer({ minimum: 1 }) }),
        response: { 200: LeadDuplicateSchema },
      },
    },
    async (request) => leads.dismissDuplicate(request.params.id, request.params.matchId, await actor(request)),
  );

  app.post(
    '/api/sales/leads/:id/qualify',
    {
      // Every option is optional: a bare POST qualifies with the defaults.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags,
        summary: 'Qualify: opportunity, contact and account, linked to the lead',
        description: 'Answers 409 with `duplicates` when an account or contact looks the same, unless linked to it or `ignoreDuplicates` is set.',
        params: Id,
        body: Type.Object(
          {
            createAccount: Type.Optional(Type.Boolean()),
            createContact: Type.Optional(Type.Boolean()),
            createOpportunity: Type.Optional(Type.Boolean()),
            existingAccountId: Type.Optional(Type.String({ format: 'uuid' })),
            existingContactId: Type.Optional(Type.String({ format: 'uuid' })),
            ignoreDuplicates: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ opportunityId: N(Type.String()), accountId: N(Type.String()), contactId: N(Type.String()) }) },
      },
    },
    async (request) => leads.qualify(request.params.id, request.body, await actor(request)),
  );

  app.post(
    '/api/sales/leads/:id/disqualify',
    {
      schema: {
        tags,
        summary: 'Disqualify with a status reason',
        params: Id,
        body: Type.Object({ statusReason: Enum(leadStatusReasons.Disqualified) }, { additionalProperties: false }),
        response: { 200: LeadRef },
      },
    },
    async (request) => leads.disqualify(request.params.id, request.body.statusReason, await actor(request)),
  );

  app.post('/api/sales/leads/:id/reactivate', { schema: { tags, summary: 'Reactivate a disqualified lead', params: Id, response: { 200: LeadRef } } }, async (request) =>
    leads.reactivate(request.params.id, await actor(request)),
  );

  app.post('/api/sales/leads/:id/notes', { schema: { tags, summary: 'Add a note to the timeline', params: Id, body: NoteBody, response: { 201: TimelineEntry } } }, async (request, reply) =>
    reply.status(201).send(await leads.addNote(request.params.id, request.body.text, await actor(request))),
  );

  app.get(
    '/api/sales/opportunities',
    {
      schema: {
        tags,
        summary: 'Opportunities through a view',
        querystring: Type.Object({ ...OpportunityFilterQuery, ...Paging }),
        response: { 200: Paged(OpportunityRef) },
      },
    },
    async (request) => {
      const me = await actor(request);
      const q = request.query;
      return page(await opportunities.list({ ...q, view: q.view ?? 'my-open-opportunities', actorId: me.id }), q.offset, q.limit);
    },
  );

  const CloseRecord = Type.Object({
    id: Type.String(),
    outcome: Enum(['Won', 'Lost'] as const),
    statusReason: Type.String(),
    actualRevenue: N(Type.Number()),
    closeDate: Type.String(),
    competitor: N(Type.String()),
    description: N(Type.String()),
    createdBy: Type.String(),
    createdAt: Timestamp,
  });
  app.get(
    '/api/sales/opportunities/:id',
    {
      schema: {
        tags,
        summary: 'An opportunity with its close records and timeline',
        params: Id,
        response: { 200: Type.Intersect([OpportunityRef, Type.Object({ closeRecords: Type.Array(CloseRecord), timeline: Type.Array(TimelineEntry) })]) },
      },
    },
    async (request) => {
      await actor(request);
      return opportunities.get(request.params.id);
    },
  );

  app.patch(
    '/api/sales/opportunities/:id',
    {
      schema: {
        tags,
        summary: 'Work an open opportunity: revenue, close date, description, stage, owner',
        params: Id,
        body: Type.Object(
          {
            name: Type.Optional(Required(200)),
            estimatedRevenue: Type.Optional(N(Type.Number({ minimum: 0, maximum: 1e13 }))),
            estimatedCloseDate: Type.Optional(N(Type.String({ format: 'date' }))),
            description: Type.Optional(N(Str(4000))),
            stage: Type.Optional(Enum(opportunityStages)),
            ownerId: Type.Optional(Type.String()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: OpportunityRef },
      },
    },
    async (request) => {
      const me = await actor(request);
      await assertOwner(request.body.ownerId);
      return opportunities.update(request.params.id, request.body, me);
    },
  );

  app.post(
    '/api/sales/opportunities/:id/close',
    {
      schema: {
        tags,
        summary: 'Close as won or lost',
        description: 'Status reasons: Won → Won; Lost → Canceled or OutSold.',
        params: Id,
        body: Type.Object(
          {
            status: Enum(['Won', 'Lost'] as const),
            statusReason: Enum(['Won', 'Canceled', 'OutSold'] as const),
            actualRevenue: Type.Optional(Type.Number({ minimum: 0, maximum: 1e13 })),
            closeDate: Type.Optional(Type.String({ format: 'date' })),
            competitor: Type.Optional(Str(200)),
            description: Type.Optional(Str(4000)),
          },
          { additionalProperties: false },
        ),
        response: { 200: OpportunityRef },
      },
    },
    async (request) => opportunities.close(request.params.id, request.body, await actor(request)),
  );

  app.post('/api/sales/opportunities/:id/reopen', { schema: { tags, summary: 'Reopen a closed opportunity', params: Id, response: { 200: OpportunityRef } } }, async (request) =>
    opportunities.reopen(request.params.id, await actor(request)),
  );

  app.post('/api/sales/opportunities/:id/notes', { schema: { tags, summary: 'Add a note to the timeline', params: Id, body: NoteBody, response: { 201: TimelineEntry } } }, async (request, reply) =>
    reply.status(201).send(await opportunities.addNote(request.params.id, request.body.text, await actor(request))),
  );

  const listQuery = Type.Object({ ...PartyFilterQuery, ...Paging });
  app.get('/api/sales/accounts', { schema: { tags, summary: 'Active accounts', querystring: listQuery, response: { 200: Paged(AccountRef) } } }, async (request) => {
    await actor(request);
    return page(await parties.listAccounts(request.query), request.query.offset, request.query.limit);
  });
  app.get('/api/sales/contacts', { schema: { tags, summary: 'Active contacts', querystring: listQuery, response: { 200: Paged(ContactRef) } } }, async (request) => {
    await actor(request);
    return page(await parties.listContacts(request.query), request.query.offset, request.query.limit);
  });
  app.get(
    '/api/sales/accounts/:id',
    { schema: { tags, summary: 'An account (with its HQ customer account once synced)', params: Id, response: { 200: Type.Intersect([AccountRef, Type.Object({ timeline: Type.Array(TimelineEntry) })]) } } },
    async (request) => {
      await actor(request);
      return parties.getAccount(request.params.id);
    },
  );
  app.get(
    '/api/sales/contacts/:id',
    { schema: { tags, summary: 'A contact (with its HQ customer account once synced)', params: Id, response: { 200: Type.Intersect([ContactRef, Type.Object({ timeline: Type.Array(TimelineEntry) })]) } } },
    async (request) => {
      await actor(request);
      return parties.getContact(request.params.id);
    },
  );
  app.patch(
    '/api/sales/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Edit an account',
        params: Id,
        body: Type.Object(
          { name: Type.Optional(Required(200)), email: Type.Optional(N(Type.String({ format: 'email', maxLength: 254 }))), phone: Type.Optional(N(Str(40))), website: Type.Optional(N(Str(300))), address: Type.Optional(SalesAddress) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: AccountRef },
      },
    },
    async (request) => withCountryAsSent(await parties.updateAccount(request.params.id, request.body, await actor(request)), request.body.address?.countryRegionId),
  );
  app.patch(
    '/api/sales/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a contact',
        params: Id,
        body: Type.Object(
          {
            firstName: Type.Optional(N(Str(100))),
            lastName: Type.Optional(Required(100)),
            jobTitle: Type.Optional(N(Str(100))),
            email: Type.Optional(N(Type.String({ format: 'email', maxLength: 254 }))),
            phone: Type.Optional(N(Str(40))),
            address: Type.Optional(SalesAddress),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: ContactRef },
      },
    },
    async (request) => withCountryAsSent(await parties.updateContact(request.params.id, request.body, await actor(request)), request.body.address?.countryRegionId),
  );
  for (const type of ['accounts', 'contacts'] as const) {
    app.post(`/api/sales/${type}/:id/notes`, { schema: { tags, summary: 'Add a note to the timeline', params: Id, body: NoteBody, response: { 201: TimelineEntry } } }, async (request, reply) =>
      reply.status(201).send(await parties.addNote(type === 'accounts' ? 'account' : 'contact', request.params.id, request.body.text, await actor(request))),
    );
  }

  registerSalesExportRoutes(app, { actor, leads, opportunities, parties });
}

const exportSchema = <F extends TProperties>(what: string, filters: F) => ({
  tags,
  summary: `${what} as CSV, with the list's view and filters`,
  description: 'The whole filtered list, streamed (any length); UTF-8 with a byte order mark; cells that would start a spreadsheet formula begin with an apostrophe.',
  querystring: Type.Object(filters),
  produces: csvProduces,
  response: { 200: CsvBody },
});

/** `GET <list path>/export.csv` for the CRM's lists: the same roles, view, search, sort and date range as the list. */
function registerSalesExportRoutes(
  app: Server,
  deps: { actor: (request: FastifyRequest) => Promise<Actor>; leads: Leads; opportunities: Opportunities; parties: Parties },
): void {
  const { actor, leads, opportunities, parties } = deps;
  const size = exportBatchSize;

  app.get('/api/sales/leads/export.csv', { schema: exportSchema('Leads', LeadFilterQuery) }, async (request, reply) => {
    const me = await actor(request);
    const q = { ...request.query, view: request.query.view ?? ('my-open-leads' as const), actorId: me.id };
    return sendCsv(reply, 'leads', (after) => leads.exportBatch(q, after, size), [
      { header: 'Lead ID', value: (l) => l.id },
      { header: 'Topic', value: (l) => l.topic },
      { header: 'First name', value: (l) => l.firstName },
      { header: 'Last name', value: (l) => l.lastName },
      { header: 'Job title', value: (l) => l.jobTitle },
      { header: 'Company', value: (l) => l.companyName },
      { header: 'E-mail', value: (l) => l.email },
      { header: 'Phone', value: (l) => l.phone },
      { header: 'City', value: (l) => l.address.city },
      { header: 'Country/region', value: (l) => l.address.countryRegionId },
      { header: 'VAT number', value: (l) => l.vatNumber },
      { header: 'Source', value: (l) => l.source },
      { header: 'Status', value: (l) => l.state },
      { header: 'Status reason', value: (l) => l.statusReason },
      { header: 'Owner ID', value: (l) => l.ownerId },
      { header: 'Created', value: (l) => l.createdAt },
    ]);
  });

  app.get('/api/sales/opportunities/export.csv', { schema: exportSchema('Opportunities', OpportunityFilterQuery) }, async (request, reply) => {
    const me = await actor(request);
    const q = { ...request.query, view: request.query.view ?? ('my-open-opportunities' as const), actorId: me.id };
    return sendCsv(reply, 'opportunities', (after) => opportunities.exportBatch(q, after, size), [
      { header: 'Opportunity ID', value: (o) => o.id },
      { header: 'Name', value: (o) => o.name },
      { header: 'Account ID', value: (o) => o.accountId },
      { header: 'Contact ID', value: (o) => o.contactId },
      { header: 'Stage', value: (o) => o.stage },
      { header: 'Status', value: (o) => o.state },
      { header: 'Status reason', value: (o) => o.statusReason },
      { header: 'Estimated revenue', value: (o) => o.estimatedRevenue },
      { header: 'Estimated close date', value: (o) => o.estimatedCloseDate },
      { header: 'Actual revenue', value: (o) => o.actualRevenue },
      { header: 'Actual close date', value: (o) => o.actualCloseDate },
      { header: 'Owner ID', value: (o) => o.ownerId },
      { header: 'Created', value: (o) => o.createdAt },
    ]);
  });

  app.get('/api/sales/accounts/export.csv', { schema: exportSchema('Active accounts', PartyFilterQuery) }, async (request, reply) => {
    await actor(request);
    return sendCsv(reply, 'accounts', (after) => parties.exportAccounts(request.query, after, size), [
      { header: 'Account ID', value: (a) => a.id },
      { header: 'Name', value: (a) => a.name },
      { header: 'E-mail', value: (a) => a.email },
      { header: 'Phone', value: (a) => a.phone },
      { header: 'Website', value: (a) => a.website },
      { header: 'VAT number', value: (a) => a.vatNumber },
      { header: 'City', value: (a) => a.address.city },
      { header: 'Country/region', value: (a) => a.address.countryRegionId },
      { header: 'Customer account', value: (a) => a.customerAccount },
      { header: 'Owner ID', value: (a) => a.ownerId },
      { header: 'Created', value: (a) => a.createdAt },
    ]);
  });

  app.get('/api/sales/contacts/export.csv', { schema: exportSchema('Active contacts', PartyFilterQuery) }, async (request, reply) => {
    await actor(request);
    return sendCsv(reply, 'contacts', (after) => parties.exportContacts(request.query, after, size), [
      { header: 'Contact ID', value: (c) => c.id },
      { header: 'First name', value: (c) => c.firstName },
      { header: 'Last name', value: (c) => c.lastName },
      { header: 'Job title', value: (c) => c.jobTitle },
      { header: 'E-mail', value: (c) => c.email },
      { header: 'Phone', value: (c) => c.phone },
      { header: 'Account ID', value: (c) => c.accountId },
      { header: 'City', value: (c) => c.address.city },
      { header: 'Country/region', value: (c) => c.address.countryRegionId },
      { header: 'Customer account', value: (c) => c.customerAccount },
      { header: 'Owner ID', value: (c) => c.ownerId },
      { header: 'Created', value: (c) => c.createdAt },
    ]);
  });
}
