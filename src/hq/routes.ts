// HQ back-office routes: prospects, customers, hierarchies, number sequences, online store, distribution jobs.
import { Type } from 'typebox';
import type { Static, TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import { DomainError } from '../platform/errors.ts';
import { countryAlpha2, withCountryAsSent } from '../platform/countries.ts';
import type { StaffService } from '../platform/staff.ts';
import type { Prospects } from './prospect.ts';
import type { Duplicates } from './duplicates.ts';
import type { Customers } from './customer.ts';
import type { PartnerUsers } from './partner-users.ts';
import type { Distribution } from './distribution.ts';
import type { createNumberSequences } from './number-sequence.ts';
import type { createOnlineStores } from './online-store.ts';
import { ChannelRequestFilterQuery, CustomerFilterQuery, HierarchyFilterQuery, ProspectFilterQuery, RunFilterQuery } from './export-routes.ts';

const Paged = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), next: Type.Optional(Type.Integer()) });
const Paging = { limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }), offset: Type.Integer({ minimum: 0, default: 0 }) };
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Timestamp = Type.String({ format: 'date-time' });

export const AddressSchema = Type.Object({ street: Type.String(), city: Type.String(), state: opt(Type.String()), zip: Type.String(), countryRegionId: Type.String() }, { $id: 'Address' });
const AddressRef = Type.Unsafe<Static<typeof AddressSchema>>({ $ref: 'Address#' });
const ProspectStatus = Type.Union([Type.Literal('New'), Type.Literal('Approved'), Type.Literal('Rejected')]);

export const ProspectSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Literal('B2BProspect'),
    status: ProspectStatus,
    companyName: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    phone: opt(Type.String()),
    address: AddressRef,
    vatNumber: opt(Type.String()),
    comments: opt(Type.String()),
    language: Type.String(),
    channel: Type.String(),
    leadId: opt(Type.String()),
    customerAccount: opt(Type.String()),
    personCustomerAccount: opt(Type.String()),
    hierarchyId: opt(Type.String()),
    rejectionReason: opt(Type.String()),
    decidedBy: opt(Type.String()),
    decidedAt: opt(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Prospect' },
);
const ProspectRef = Type.Unsafe<Static<typeof ProspectSchema>>({ $ref: 'Prospect#' });

const PossibleDuplicateSchema = Type.Object({
  matchId: Type.Integer(),
  kind: Type.Union([Type.Literal('customer'), Type.Literal('prospect')]),
  id: Type.String({ description: "The organization customer's account or the prospect's id" }),
  name: Type.String(),
  reasons: Type.Array(Type.Union([Type.Literal('email'), Type.Literal('domain'), Type.Literal('vat'), Type.Literal('name')])),
  nameSimilarity: opt(Type.Number({ description: 'Trigram similarity of the normalised company names, 0–1, when `name` is a reason' })),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  status: Type.Union([Type.Literal('Open'), Type.Literal('Dismissed')]),
  dismissedBy: opt(Type.String()),
  dismissedAt: opt(Timestamp),
});

export const CustomerSchema = Type.Object(
  {
    account: Type.String(),
    type: Type.Union([Type.Literal('Person'), Type.Literal('Organization')]),
    name: Type.String(),
    firstName: opt(Type.String()),
    lastName: opt(Type.String()),
    email: Type.String(),
    phone: opt(Type.String()),
    address: AddressRef,
    language: Type.String(),
    vatNumber: opt(Type.String()),
    creditLimit: opt(Type.Number()),
    currency: Type.String({ description: 'ISO 4217 code of the credit limit (HQ\'s accounting currency)' }),
    hierarchyId: opt(Type.String()),
    hierarchyRole: opt(Type.Union([Type.Literal('Admin'), Type.Literal('User')])),
    prospectId: opt(Type.String()),
    primaryContactAccount: opt(Type.String()),
    createdAt: Timestamp,
  },
  { $id: 'Customer' },
);
const CustomerRef = Type.Unsafe<Static<typeof CustomerSchema>>({ $ref: 'Customer#' });

const HierarchySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    purpose: Type.String(),
    organization: Type.Object({ account: Type.String(), name: Type.String(), creditLimit: opt(Type.Number()), currency: Type.String() }),
    active: Type.Boolean(),
    members: Type.Array(
      Type.Object({
        account: Type.String(),
        name: Type.String(),
        email: Type.String(),
        role: Type.Union([Type.Literal('Admin'), Type.Literal('User')]),
        /** Pending: not yet on the storefront; Invited: has not signed in yet; Active: has signed in; Removed. */
        status: Type.Union([Type.Literal('Pending'), Type.Literal('Invited'), Type.Literal('Active'), Type.Literal('Removed')]),
      }),
    ),
    createdAt: Timestamp,
  },
  { $id: 'CustomerHierarchy' },
);

const RunSchema = Type.Object(
  {
    id: Type.String(),
    jobCode: Type.String(),
    trigger: Type.Union([Type.Literal('Manual'), Type.Literal('Automatic'), Type.Literal('Schedule')]),
    status: Type.Union([Type.Literal('Pending'), Type.Literal('Running'), Type.Literal('Applied'), Type.Literal('Failed')]),
    requestedAt: Timestamp,
    startedAt: opt(Timestamp),
    endedAt: opt(Timestamp),
    processed: Type.Integer(),
    failed: Type.Integer(),
    errors: Type.Array(Type.Object({ record: Type.String(), reason: Type.String() })),
    message: opt(Type.String()),
  },
  { $id: 'JobRun' },
);
const RunRef = Type.Unsafe<Static<typeof RunSchema>>({ $ref: 'JobRun#' });

const NumberSequenceSchema = Type.Object({ code: Type.String(), name: Type.String(), prefix: Type.String(), width: Type.Integer(), nextValue: Type.Integer(), nextNumber: Type.String() });
const OnlineStoreSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  customerType: Type.Union([Type.Literal('B2B'), Type.Literal('B2C')]),
  defaultLanguage: Type.String(),
  updatedAt: Timestamp,
});

export interface HqRouteDeps {
  staff: StaffService;
  prospects: Prospects;
  duplicates: Duplicates;
  customers: Customers;
  partnerUsers: PartnerUsers;
  distribution: Distribution;
  numberSequences: ReturnType<typeof createNumberSequences>;
  onlineStores: ReturnType<typeof createOnlineStores>;
  /** The channel's partner users of a hierarchy (sign-ins happen there); absent when no channel answers. */
  channelUsers?: ((hierarchyId: string) => Promise<{ email: string; status: string; firstSignedInAt: string | null }[]>) | undefined;
}

/** A member's standing, from the channel's partner user: on its way, invited (never signed in), active, removed. */
export type MemberStatus = 'Pending' | 'Invited' | 'Active' | 'Removed';
function memberStatus(user: { status: string; firstSignedInAt: string | null } | undefined): MemberStatus {
  if (!user || user.status === 'Pending') return 'Pending';
  if (user.status === 'Removed') return 'Removed';
  return user.firstSignedInAt ? 'Active' : 'Invited';
}

export function registerHqRoutes(app: Server, deps: HqRouteDeps): void {
  const { staff, prospects, customers, partnerUsers, distribution, duplicates } = deps;

  /** A hierarchy with each member's status on the storefront. */
  async function hierarchyView(id: string) {
    const view = await customers.getHierarchy(id);
    const users = new Map((await (deps.channelUsers?.(id) ?? Promise.resolve([]))).map((u) => [u.email.toLowerCase(), u]));
    return { ...view, members: view.members.map((m) => ({ ...m, status: memberStatus(users.get(m.email.toLowerCase())) })) };
  }
  const hqOps = ['hq-operations'] as const;
  app.addSchema(AddressSchema);
  app.addSchema(ProspectSchema);
  app.addSchema(CustomerSchema);
  app.addSchema(HierarchySchema);
  app.addSchema(RunSchema);
  const tags = ['HQ'];

  app.get(
    '/api/hq/prospects',
    {
      schema: {
        tags,
        summary: 'All prospects',
        querystring: Type.Object({ ...ProspectFilterQuery, ...Paging }),
        response: { 200: Paged(Type.Intersect([ProspectRef, Type.Object({ possibleDuplicate: Type.Boolean() })])) },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      const q = request.query;
      return page(await prospects.list({ ...q, sort: q.sort as Parameters<Prospects['list']>[0]['sort'] }), q.offset, q.limit);
    },
  );

  app.get(
    '/api/hq/prospects/:id',
    {
      schema: {
        tags,
        summary: 'One prospect, with the channel requests behind it',
        params: Type.Object({ id: Type.String() }),
        response: {
          200: Type.Intersect([
            ProspectRef,
            Type.Object({
              requests: Type.Array(Type.Object({ id: Type.String(), submittedAt: Type.String(), comments: opt(Type.String()) })),
              possibleDuplicates: Type.Array(PossibleDuplicateSchema, { description: 'Found at intake; open ones first, then by score' }),
            }),
          ]),
        },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return prospects.get(request.params.id);
    },
  );

  app.post(
    '/api/hq/prospects/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve: organization and person customers and a customer hierarchy with the requestor as Admin',
        description:
          'One transaction. A prospect that is no longer New answers 409 and nothing changes. With `organizationAccount` (an existing organization customer, ' +
          'e.g. a possible duplicate) the requestor becomes a User member of that organization\'s customer hierarchy and no organization customer is created; ' +
          '404 for an unknown customer, 409 for a person customer or an organization without a hierarchy or with an inactive one.',
        params: Type.Object({ id: Type.String() }),
        body: Type.Optional(Type.Object({ organizationAccount: opt(Type.String({ minLength: 1, maxLength: 40 })) }, { additionalProperties: false })),
        response: { 200: Type.Object({ customerAccount: Type.String(), personCustomerAccount: Type.String(), hierarchyId: Type.String() }) },
      },
      // The body is optional: a POST without one approves as before.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const user = await staff.authenticate(request, hqOps);
      const into = request.body?.organizationAccount;
      return into ? prospects.approveInto(request.params.id, user.email, into) : prospects.approve(request.params.id, user.email);
    },
  );

  app.post(
    '/api/hq/prospects/:id/duplicates/:matchId/dismiss',
    {
      schema: {
        tags,
        summary: 'Dismiss a possible duplicate: it is not the same business partner',
        params: Type.Object({ id: Type.String(), matchId: Type.Integer({ minimum: 1 }) }),
        response: { 200: PossibleDuplicateSchema },
      },
    },
    async (request) => {
      const user = await staff.authenticate(request, hqOps);
      return duplicates.dismiss(request.params.id, request.params.matchId, user.email);
    },
  );

  app.post(
    '/api/hq/prospects/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject with a reason',
        params: Type.Object({ id: Type.String() }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false }),
        response: { 200: ProspectRef },
      },
    },
    async (request) => {
      const user = await staff.authenticate(request, hqOps);
      return prospects.reject(request.params.id, request.body.reason, user.email);
    },
  );

  app.get(
    '/api/hq/customers',
    {
      schema: {
        tags,
        summary: 'All customers',
        querystring: Type.Object({ ...CustomerFilterQuery, ...Paging }),
        response: { 200: Paged(CustomerRef) },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return page(await customers.list(request.query), request.query.offset, request.query.limit);
    },
  );

  app.get(
    '/api/hq/customers/:account',
    { schema: { tags, summary: 'One customer', params: Type.Object({ account: Type.String() }), response: { 200: CustomerRef } } },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return customers.get(request.params.account);
    },
  );

  app.patch(
    '/api/hq/customers/:account',
    {
      schema: {
        tags,
        summary: 'Edit a customer (name, e-mail, phone, address, credit limit); dual-write carries the change to the CRM, 1010 the credit limit to the storefront',
        params: Type.Object({ account: Type.String() }),
        body: Type.Object(
          {
            name: opt(Type.String({ minLength: 1, maxLength: 200 })),
            firstName: opt(Type.String({ maxLength: 100 })),
            lastName: opt(Type.String({ maxLength: 100 })),
            email: opt(Type.String({ format: 'email', maxLength: 254 })),
            phone: opt(Type.String({ maxLength: 40 })),
            street: opt(Type.String({ minLength: 1, maxLength: 250 })),
            city: opt(Type.String({ minLength: 1, maxLength: 100 })),
            state: opt(Type.String({ maxLength: 100 })),
            zip: opt(Type.String({ minLength: 1, maxLength: 20 })),
            // One schema with both types: as a union, Ajv's type coercion would turn null (no limit) into 0.
            creditLimit: opt(Type.Unsafe<number | null>({ type: ['number', 'null'], minimum: 0, maximum: 1e15 })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CustomerRef },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      const { creditLimit, ...patch } = request.body;
      if (Object.keys(patch).length > 0) await customers.update(request.params.account, patch);
      if (creditLimit !== undefined) await partnerUsers.setCreditLimit(request.params.account, creditLimit);
      return customers.get(request.params.account);
    },
  );

  app.get(
    '/api/hq/customer-hierarchies',
    {
      schema: {
        tags,
        summary: 'Customer hierarchies (business partners)',
        querystring: Type.Object({ ...HierarchyFilterQuery, ...Paging }),
        response: {
          200: Paged(Type.Object({ id: Type.String(), name: Type.String(), purpose: Type.String(), active: Type.Boolean(), organization: Type.Object({ account: Type.String(), name: Type.String() }), memberCount: Type.Integer(), createdAt: Timestamp })),
        },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return page(await customers.listHierarchies(request.query), request.query.offset, request.query.limit);
    },
  );

  app.get(
    '/api/hq/customer-hierarchies/:id',
    { schema: { tags, summary: 'A customer hierarchy with its members and roles', params: Type.Object({ id: Type.String() }), response: { 200: { $ref: 'CustomerHierarchy#' } } } },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return hierarchyView(request.params.id);
    },
  );

  app.post(
    '/api/hq/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer (a person to add to a business partner, or an organization to onboard)',
        body: Type.Object(
          {
            type: Type.Union([Type.Literal('Person'), Type.Literal('Organization')]),
            name: opt(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
            firstName: opt(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
            lastName: opt(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
            email: Type.String({ format: 'email', maxLength: 254 }),
            phone: opt(Type.String({ maxLength: 40 })),
            address: Type.Object(
              { street: Type.String({ minLength: 1, maxLength: 250 }), city: Type.String({ minLength: 1, maxLength: 100 }), state: opt(Type.String({ maxLength: 100 })), zip: Type.String({ minLength: 1, maxLength: 20 }), countryRegionId: Type.String({ minLength: 2, maxLength: 3 }) },
              { additionalProperties: false },
            ),
            language: opt(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CustomerRef },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      const b = request.body;
      if (b.type === 'Person' && (!b.firstName || !b.lastName)) throw DomainError.invalid(b.firstName ? 'lastName' : 'firstName', 'is required for a person');
      if (b.type === 'Organization' && !b.name) throw DomainError.invalid('name', 'is required for an organization');
      const country = countryAlpha2(b.address.countryRegionId);
      if (!country) throw DomainError.invalid('address.countryRegionId', `"${b.address.countryRegionId}" is not a known country/region`);
      const account = await customers.create({
        type: b.type,
        name: b.type === 'Person' ? `${b.firstName!.trim()} ${b.lastName!.trim()}` : b.name!.trim(),
        firstName: b.firstName?.trim(),
        lastName: b.lastName?.trim(),
        email: b.email,
        phone: b.phone ?? null,
        address: { ...b.address, countryRegionId: country },
        language: (b.language ?? 'en-us').toLowerCase(),
      });
      return reply.status(201).send(withCountryAsSent(await customers.get(account), b.address.countryRegionId));
    },
  );

  const Role = Type.Union([Type.Literal('Admin'), Type.Literal('User')]);
  const HierarchyParams = Type.Object({ id: Type.String() });
  const MemberParams = Type.Object({ id: Type.String(), account: Type.String() });

  app.post(
    '/api/hq/customer-hierarchies',
    {
      schema: {
        tags,
        summary: 'Onboard an existing organization customer: a hierarchy with person customers as Admin or User, each invited',
        body: Type.Object(
          { organizationAccount: Type.String({ minLength: 1 }), name: opt(Type.String({ maxLength: 200 })), members: Type.Array(Type.Object({ account: Type.String({ minLength: 1 }), role: Role }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: { 201: { $ref: 'CustomerHierarchy#' } },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      const id = await partnerUsers.createHierarchy(request.body);
      return reply.status(201).send(await hierarchyView(id));
    },
  );

  app.patch(
    '/api/hq/customer-hierarchies/:id',
    {
      schema: {
        tags,
        summary: 'Rename a business partner, or deactivate it (locks out all its users at once) and activate it again',
        params: HierarchyParams,
        body: Type.Object({ name: opt(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })), active: opt(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: { $ref: 'CustomerHierarchy#' } },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      await partnerUsers.updateHierarchy(request.params.id, request.body);
      return hierarchyView(request.params.id);
    },
  );

  app.post(
    '/api/hq/customer-hierarchies/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a person customer to a business partner as Admin or User; the person is invited by e-mail',
        params: HierarchyParams,
        body: Type.Object({ account: Type.String({ minLength: 1 }), role: Role }, { additionalProperties: false }),
        response: { 201: { $ref: 'CustomerHierarchy#' } },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      await partnerUsers.addMember(request.params.id, request.body.account, request.body.role);
      return reply.status(201).send(await hierarchyView(request.params.id));
    },
  );

  app.patch(
    '/api/hq/customer-hierarchies/:id/members/:account',
    {
      schema: {
        tags,
        summary: "Change a member's role; the last Admin cannot become a User",
        params: MemberParams,
        body: Type.Object({ role: Role }, { additionalProperties: false }),
        response: { 200: { $ref: 'CustomerHierarchy#' } },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      await partnerUsers.changeRole(request.params.id, request.params.account, request.body.role);
      return hierarchyView(request.params.id);
    },
  );

  app.delete(
    '/api/hq/customer-hierarchies/:id/members/:account',
    {
      schema: {
        tags,
        summary: 'Remove a member (the customer stays); the last Admin cannot be removed; the user is signed out at once on the storefront',
        params: MemberParams,
        response: { 200: { $ref: 'CustomerHierarchy#' } },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      await partnerUsers.removeMember(request.params.id, request.params.account);
      return hierarchyView(request.params.id);
    },
  );

  app.post(
    '/api/hq/customer-hierarchies/:id/members/:account/invitation',
    {
      schema: {
        tags,
        summary: 'Send a member a new invitation (valid 7 days); earlier links stop working',
        params: MemberParams,
        response: { 202: Type.Object({ sent: Type.Literal(true) }) },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      const member = (await hierarchyView(request.params.id)).members.find((m) => m.account === request.params.account);
      if (member?.status === 'Active') throw new DomainError('conflict', `${member.name} has already signed in; a forgotten password is reset from the sign-in page.`);
      await partnerUsers.resendInvitation(request.params.id, request.params.account);
      return reply.status(202).send({ sent: true as const });
    },
  );

  app.get(
    '/api/hq/number-sequences',
    { schema: { tags, summary: 'Number sequences', response: { 200: Type.Object({ items: Type.Array(NumberSequenceSchema) }) } } },
    async (request) => {
      await staff.authenticate(request, ['administrator']);
      return { items: await deps.numberSequences.list() };
    },
  );

  app.patch(
    '/api/hq/number-sequences/:code',
    {
      schema: {
        tags,
        summary: 'Change the format or next value of a number sequence',
        params: Type.Object({ code: Type.String() }),
        body: Type.Object(
          {
            prefix: opt(Type.String({ maxLength: 10, pattern: '^[A-Za-z0-9-]*$' })),
            width: opt(Type.Integer({ minimum: 1, maximum: 12 })),
            // The largest number the widest format (12 digits) shows; the column is a bigint.
            nextValue: opt(Type.Integer({ minimum: 1, maximum: 999_999_999_999 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: NumberSequenceSchema },
      },
    },
    async (request) => {
      await staff.authenticate(request, ['administrator']);
      return deps.numberSequences.update(request.params.code, request.body);
    },
  );

  app.get(
    '/api/hq/online-stores',
    { schema: { tags, summary: 'Online stores (channels)', response: { 200: Type.Object({ items: Type.Array(OnlineStoreSchema) }) } } },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return { items: await deps.onlineStores.list() };
    },
  );

  app.patch(
    '/api/hq/online-stores/:id',
    {
      schema: {
        tags,
        summary: 'Change an online store; the storefront gets it through job 1070',
        params: Type.Object({ id: Type.String() }),
        body: Type.Object(
          {
            name: opt(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
            url: opt(Type.String({ format: 'uri', maxLength: 300 })),
            defaultLanguage: opt(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: OnlineStoreSchema },
      },
    },
    async (request) => {
      await staff.authenticate(request, ['administrator']);
      return deps.onlineStores.update(request.params.id, request.body);
    },
  );

  app.get(
    '/api/hq/distribution/jobs',
    {
      schema: {
        tags: ['Distribution'],
        summary: 'Distribution jobs with their schedule and last run',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                description: Type.String(),
                direction: Type.String(),
                schedule: Type.Object({ everySeconds: Type.Integer(), enabled: Type.Boolean(), nearRealTime: Type.Boolean() }),
                nextRunAt: Timestamp,
                running: Type.Boolean(),
                lastRun: opt(RunRef),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return { items: await distribution.listJobs() };
    },
  );

  app.patch(
    '/api/hq/distribution/jobs/:code',
    {
      schema: {
        tags: ['Distribution'],
        summary: "Change a job's fallback schedule",
        params: Type.Object({ code: Type.String() }),
        body: Type.Object({ everySeconds: opt(Type.Integer({ minimum: 5, maximum: 86400 })), enabled: opt(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      await distribution.updateJob(request.params.code, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/hq/distribution/jobs/:code/run',
    {
      schema: {
        tags: ['Distribution'],
        summary: 'Run a job now',
        params: Type.Object({ code: Type.String() }),
        response: { 202: Type.Object({ runId: Type.String() }) },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      return reply.status(202).send({ runId: await distribution.requestRun(request.params.code) });
    },
  );

  app.get(
    '/api/hq/distribution/runs',
    {
      schema: { tags: ['Distribution'], summary: 'Job history', querystring: Type.Object({ ...RunFilterQuery, ...Paging }), response: { 200: Paged(RunRef) } },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return page(await distribution.listRuns(request.query), request.query.offset, request.query.limit);
    },
  );

  app.get(
    '/api/hq/distribution/runs/:runId',
    { schema: { tags: ['Distribution'], summary: 'One job run', params: Type.Object({ runId: Type.String() }), response: { 200: RunRef } } },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return distribution.getRun(request.params.runId);
    },
  );

  app.get(
    '/api/hq/channel-requests',
    {
      schema: {
        tags: ['Distribution'],
        summary: 'Uploaded channel requests and what became of each',
        description: 'Every record the online store uploaded: partner requests, organization user changes and orders (filter by kind).',
        querystring: Type.Object({ ...ChannelRequestFilterQuery, ...Paging }),
        response: {
          200: Paged(
            Type.Object({
              id: Type.String(),
              channelId: Type.String(),
              kind: Type.String(),
              status: Type.Union([Type.Literal('Uploaded'), Type.Literal('Processed'), Type.Literal('Failed')]),
              uploadedAt: Timestamp,
              processedAt: opt(Timestamp),
              error: opt(Type.String()),
              prospectId: opt(Type.String()),
              companyName: Type.String({ description: 'Partner requests only; empty for other kinds' }),
              email: Type.String({ description: 'Partner requests and organization users; empty for orders' }),
              summary: Type.String({ description: 'What the record is about, whatever its kind, e.g. "Order W-000012 · C-000031 · 5 lines · 120.00 EUR · Maria Tamm"' }),
            }),
          ),
        },
      },
    },
    async (request) => {
      await staff.authenticate(request, hqOps);
      return page(await distribution.listChannelRequests(request.query), request.query.offset, request.query.limit);
    },
  );

  app.post(
    '/api/hq/channel-requests/:id/retry',
    { schema: { tags: ['Distribution'], summary: 'Retry a failed channel request', params: Type.Object({ id: Type.String() }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      await staff.authenticate(request, hqOps);
      await distribution.retryChannelRequest(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
