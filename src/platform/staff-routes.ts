// HTTP routes for staff sign-in and for managing staff users (administrators only).
import { Type } from 'typebox';
import type { Static } from 'typebox';
import type { Server } from './http.ts';
import { CsvBody, csvProduces, sendCsv } from './csv.ts';
import { clearSessionCookies, setSessionCookies } from './sessions.ts';
import type { SessionStore } from './sessions.ts';
import type { StaffService } from './staff.ts';
import { staffRoles } from './staff.ts';
import type { StaffRole } from './staff.ts';
import type { Config } from './config.ts';

const Role = Type.Unsafe<StaffRole>({ type: 'string', enum: [...staffRoles] });
export const StaffUserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    roles: Type.Array(Role),
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StaffUser' },
);
const Email = Type.String({ format: 'email', maxLength: 254 });
const problem = { $ref: 'Problem#' } as const;

export function registerStaffRoutes(app: Server, staff: StaffService, sessions: SessionStore, config: Config): void {
  app.addSchema(StaffUserSchema);
  const StaffUserRef = Type.Unsafe<Static<typeof StaffUserSchema>>({ $ref: 'StaffUser#' });

  app.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['Staff'],
        summary: 'Sign in as staff',
        security: [],
        body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ token: Type.String(), csrfToken: Type.String(), user: StaffUserRef }), 401: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const result = await staff.signIn(request.body.email, request.body.password, request.ip);
      setSessionCookies(reply, 'staff', result.token, result.csrfToken, result.expiresAt, config.secureCookies);
      return { token: result.token, csrfToken: result.csrfToken, user: result.user };
    },
  );

  app.post('/api/auth/sign-out', { schema: { tags: ['Staff'], summary: 'Sign out (revokes the session)', response: { 204: Type.Null() } } }, async (request, reply) => {
    await staff.authenticate(request);
    if (request.sessionTokenHash) await sessions.revoke(request.sessionTokenHash);
    clearSessionCookies(reply, 'staff');
    return reply.status(204).send(null);
  });

  app.get(
    '/api/auth/me',
    { schema: { tags: ['Staff'], summary: 'The signed-in staff user', response: { 200: Type.Object({ user: StaffUserRef, roles: Type.Array(Role) }) } } },
    async (request) => {
      const user = await staff.authenticate(request);
      return { user, roles: user.roles };
    },
  );

  app.get(
    '/api/hq/staff-users',
    { schema: { tags: ['Staff'], summary: 'List staff users', response: { 200: Type.Object({ items: Type.Array(StaffUserRef) }) } } },
    async (request) => {
      await staff.authenticate(request, ['administrator']);
      return { items: await staff.list() };
    },
  );

  app.get(
    '/api/hq/staff-users/export.csv',
    {
      schema: {
        tags: ['Staff'],
        summary: 'Staff users as CSV',
        description: 'Every staff user, by e-mail; UTF-8 with a byte order mark; cells that would start a spreadsheet formula begin with an apostrophe.',
        produces: csvProduces,
        response: { 200: CsvBody },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, ['administrator']);
      // The list has no paging (a few dozen people): one batch holds it all.
      return sendCsv(reply, 'staff-users', async () => ({ items: await staff.list(), cursor: null }), [
        { header: 'Name', value: (u) => u.name },
        { header: 'E-mail', value: (u) => u.email },
        { header: 'Roles', value: (u) => u.roles.join(' ') },
        { header: 'Disabled', value: (u) => (u.disabled ? 'Yes' : 'No') },
        { header: 'Created', value: (u) => u.createdAt },
        { header: 'User ID', value: (u) => u.id },
      ]);
    },
  );

  app.post(
    '/api/hq/staff-users',
    {
      schema: {
        tags: ['Staff'],
        summary: 'Create a staff user',
        body: Type.Object(
          {
            email: Email,
            name: Type.String({ minLength: 1, maxLength: 120 }),
            password: Type.String({ minLength: 10, maxLength: 200 }),
            roles: Type.Array(Role, { minItems: 1, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffUserRef },
      },
    },
    async (request, reply) => {
      await staff.authenticate(request, ['administrator']);
      return reply.status(201).send(await staff.create(request.body));
    },
  );

  app.patch(
    '/api/hq/staff-users/:id',
    {
      schema: {
        tags: ['Staff'],
        summary: 'Change a staff user: name, roles, password, disabled',
        params: Type.Object({ id: Type.String() }),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            roles: Type.Optional(Type.Array(Role, { minItems: 1, uniqueItems: true })),
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffUserRef },
      },
    },
    async (request) => {
      const actor = await staff.authenticate(request, ['administrator']);
      return staff.update(request.params.id, request.body, actor);
    },
  );
}
