// Partner routes: sign-in and password links (/api/store/auth), the caller (/api/store/me), and
// Organization users (/api/store/organization/users, partner admins only, scoped to the caller's organization).
import { Type } from 'typebox';
import type { Static } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import { DomainError } from '../platform/errors.ts';
import { clearSessionCookies, setSessionCookies } from '../platform/sessions.ts';
import type { PartnerAccounts, Caller } from './partner-accounts.ts';
import { organizationView, partnerUserView } from './partner-accounts.ts';
import type { OrganizationUsers } from './organization-users.ts';
import { userSorts } from './organization-users.ts';

const problem = { $ref: 'Problem#' } as const;
const tags = ['Partner accounts'];
const Email = Type.String({ format: 'email', maxLength: 254 });
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Role = Type.Union([Type.Literal('Admin'), Type.Literal('User')]);
// One schema with both types: as a union, type coercion would turn null (no limit) into 0.
const Money = Type.Unsafe<number | null>({ type: ['number', 'null'], minimum: 0, maximum: 1e12 });
const Password = Type.String({ minLength: 1, maxLength: 200 });
const Token = Type.String({ minLength: 10, maxLength: 200 });
/** The languages the storefront ships. */
const Language = Type.Union([Type.Literal('en'), Type.Literal('et')]);
const remembered = (language: string | null): 'en' | 'et' | null => (language === 'en' || language === 'et' ? language : null);

export const PartnerUserSchema = Type.Object(
  {
    id: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    role: Role,
    status: Type.Union([Type.Literal('Pending'), Type.Literal('Active'), Type.Literal('Removed')]),
    spendingLimit: Type.Union([Type.Number(), Type.Null()]),
    monthlySpendingLimit: Type.Union([Type.Number(), Type.Null()]),
    signedUp: Type.Boolean(),
    customerAccount: Type.Union([Type.String(), Type.Null()]),
    syncError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PartnerUser' },
);
const UserRef = Type.Unsafe<Static<typeof PartnerUserSchema>>({ $ref: 'PartnerUser#' });
const Organization = Type.Object({ id: Type.String(), account: Type.String(), name: Type.String(), creditLimit: Type.Union([Type.Number(), Type.Null()]) });
const Session = Type.Object({ token: Type.String(), csrfToken: Type.String(), user: UserRef });

export function registerAccountRoutes(app: Server, deps: { accounts: PartnerAccounts; users: OrganizationUsers; secureCookies: boolean }): void {
  const { accounts, users } = deps;
  app.addSchema(PartnerUserSchema);

  async function admin(request: Parameters<PartnerAccounts['authenticate']>[0]): Promise<Caller> {
    const caller = await accounts.authenticate(request);
    if (caller.user.role !== 'Admin') throw new DomainError('forbidden', 'Only an admin of your organization can manage its users.');
    return caller;
  }

  app.post(
    '/api/store/auth/sign-in',
    { schema: { tags, summary: 'Sign in as a partner user', security: [], description: 'Throttled per address and per account; the answer never says whether the e-mail exists.', body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }), response: { 200: Session, 401: problem, 429: problem } } },
    async (request, reply) => {
      const result = await accounts.signIn(request.body.email, request.body.password, request.ip);
      setSessionCookies(reply, 'partner', result.token, result.csrfToken, result.expiresAt, deps.secureCookies);
      return { token: result.token, csrfToken: result.csrfToken, user: result.user };
    },
  );

  app.post('/api/store/auth/sign-out', { schema: { tags, summary: 'Sign out (revokes the session)', response: { 204: Type.Null() } } }, async (request, reply) => {
    await accounts.authenticate(request);
    if (request.sessionTokenHash) await accounts.signOut(request.sessionTokenHash);
    clearSessionCookies(reply, 'partner');
    return reply.status(204).send(null);
  });

  app.post(
    '/api/store/auth/link',
    {
      schema: {
        tags,
        summary: 'What an invitation or password-reset link is for (the token travels in the body, never in a URL)',
        security: [],
        body: Type.Object({ token: Token }, { additionalProperties: false }),
        response: { 200: Type.Object({ kind: Type.Union([Type.Literal('invitation'), Type.Literal('reset')]), email: Type.String(), firstName: Type.String(), lastName: Type.String(), companyName: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }), 404: problem },
      },
    },
    async (request) => accounts.linkInfo(request.body.token),
  );

  for (const [path, summary] of [
    ['/api/store/auth/accept-invitation', 'Accept an invitation: choose a password and sign in (single use, 7 days)'],
    ['/api/store/auth/reset-password', 'Choose a new password with a reset link and sign in (single use, 1 hour); other sessions end'],
  ] as const) {
    app.post(path, { schema: { tags, summary, security: [], body: Type.Object({ token: Token, password: Password }, { additionalProperties: false }), response: { 200: Session, 404: problem } } }, async (request, reply) => {
      const result = await accounts.usePasswordLink(request.body.token, request.body.password);
      setSessionCookies(reply, 'partner', result.token, result.csrfToken, result.expiresAt, deps.secureCookies);
      return { token: result.token, csrfToken: result.csrfToken, user: result.user };
    });
  }

  app.post(
    '/api/store/auth/forgot-password',
    {
      schema: {
        tags,
        summary: 'Send a password-reset link',
        security: [],
        description: 'Answers 202 whether or not the e-mail belongs to a user; throttled per address and per e-mail.',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Type.Object({ message: Type.String() }), 429: problem },
      },
    },
    async (request, reply) => {
      await accounts.forgotPassword(request.body.email, request.ip);
      return reply.status(202).send({ message: 'If the e-mail belongs to a user of the store, a link to choose a new password is on its way. It is valid for one hour.' });
    },
  );

  app.post(
    '/api/store/auth/change-password',
    { schema: { tags, summary: 'Change your password; your other sessions end', body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      const caller = await accounts.authenticate(request);
      await accounts.changePassword(caller, request.body.currentPassword, request.body.newPassword, request.sessionTokenHash);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/store/me',
    { schema: { tags, summary: 'The signed-in partner user, the organization and its credit limit', response: { 200: Type.Object({ user: UserRef, organization: Organization, role: Role, language: Type.Union([Language, Type.Null()]) }) } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const caller = await accounts.authenticate(request);
      return { user: partnerUserView(caller.user), organization: organizationView(caller.organization), role: caller.user.role as 'Admin' | 'User', language: remembered(caller.user.language) };
    },
  );

  app.put(
    '/api/store/me/language',
    {
      schema: {
        tags,
        summary: 'Remember your language: the storefront and your mails (orders, password links) use it',
        body: Type.Object({ language: Language }, { additionalProperties: false }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const caller = await accounts.authenticate(request);
      await accounts.setLanguage(caller, request.body.language);
      return reply.status(204).send(null);
    },
  );

  const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  const UserBody = {
    firstName: Name,
    lastName: Name,
    email: Email,
    role: Role,
    spendingLimit: Type.Optional(Money),
    monthlySpendingLimit: Type.Optional(Money),
  };

  app.get(
    '/api/store/organization/users',
    {
      schema: {
        tags,
        summary: "Your organization's users (admins only)",
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 200 })),
          status: Type.Optional(Type.Union([Type.Literal('Pending'), Type.Literal('Active'), Type.Literal('Removed')])),
          sort: Type.Unsafe<string>({ type: 'string', enum: userSorts, default: 'name' }),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(UserRef), total: Type.Integer(), next: Type.Optional(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const caller = await admin(request);
      return page(await users.list(caller, request.query), request.query.offset, request.query.limit);
    },
  );

  app.post(
    '/api/store/organization/users',
    {
      schema: {
        tags,
        summary: 'Add a user: Pending at once, Active when HQ has made the customer; the user is invited by e-mail',
        body: Type.Object(UserBody, { additionalProperties: false }),
        response: { 201: UserRef },
      },
    },
    async (request, reply) => {
      const caller = await admin(request);
      return reply.status(201).send(await users.add(caller, request.body));
    },
  );

  app.get('/api/store/organization/users/:id', { schema: { tags, summary: 'One of your organization\'s users', params: UserParams, response: { 200: UserRef } } }, async (request) => {
    const caller = await admin(request);
    return users.get(caller, request.params.id);
  });

  app.patch(
    '/api/store/organization/users/:id',
    {
      schema: {
        tags,
        summary: 'Edit a user; the last admin cannot become a User',
        params: UserParams,
        body: Type.Partial(Type.Object(UserBody), { additionalProperties: false, minProperties: 1 }),
        response: { 200: UserRef },
      },
    },
    async (request) => {
      const caller = await admin(request);
      return users.update(caller, request.params.id, request.body);
    },
  );

  app.post(
    '/api/store/organization/users/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Send a user who has not chosen a password yet a new invitation (7 days); earlier links stop working',
        params: UserParams,
        response: { 202: Type.Object({ sent: Type.Literal(true) }) },
      },
    },
    async (request, reply) => {
      const caller = await admin(request);
      await users.resendInvitation(caller, request.params.id);
      return reply.status(202).send({ sent: true as const });
    },
  );

  app.delete(
    '/api/store/organization/users/:id',
    { schema: { tags, summary: 'Remove a user: signed out at once; the last admin and yourself cannot be removed', params: UserParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const caller = await admin(request);
      await users.remove(caller, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
