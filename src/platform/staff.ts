// Staff accounts: sign-in, roles, and the bootstrap administrator.
import crypto from 'node:crypto';
import { and, arrayContains, asc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Db } from './db.ts';
import { staffUsers } from './schema.ts';
import { DomainError, notFound } from './errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { SessionStore } from './sessions.ts';
import { assertCsrf } from './sessions.ts';
import type { Throttle } from './throttle.ts';
import type { Config } from './config.ts';

export const staffRoles = ['administrator', 'hq-operations', 'salesperson', 'sales-manager', 'integration-administrator'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  disabled: boolean;
  createdAt: string;
}

type Row = typeof staffUsers.$inferSelect;

function toUser(row: Row): StaffUser {
  return { id: row.id, email: row.email, name: row.name, roles: row.roles as StaffRole[], disabled: row.disabled, createdAt: row.createdAt.toISOString() };
}

export const minPasswordLength = 10;

function checkPassword(password: string): void {
  if (password.length < minPasswordLength) throw DomainError.invalid('password', `must be at least ${minPasswordLength} characters`);
}

export interface StaffService {
  signIn(email: string, password: string, address: string): Promise<{ token: string; csrfToken: string; expiresAt: Date; user: StaffUser }>;
  /** The signed-in staff user of a request, or a 401/403 DomainError. */
  authenticate(request: FastifyRequest, roles?: readonly StaffRole[]): Promise<StaffUser>;
  list(): Promise<StaffUser[]>;
  create(input: { email: string; name: string; password: string; roles: StaffRole[] }): Promise<StaffUser>;
  update(id: string, input: { name?: string; roles?: StaffRole[]; disabled?: boolean; password?: string }, actor: StaffUser): Promise<StaffUser>;
  ensureAdministrator(config: Config, log: FastifyBaseLogger): Promise<void>;
}

export function createStaffService(db: Db, sessions: SessionStore, throttle: Throttle, config: Config): StaffService {
  return {
    async signIn(email, password, address) {
      const normalized = email.trim().toLowerCase();
      // Only failures count: a good sign-in clears the account's counter and is not held against the address.
      const attempt = await throttle.hit(
        { bucket: 'staff-sign-in-address', key: address, limit: config.signInLimitPerAddress, onSuccess: 'forgive' },
        { bucket: 'staff-sign-in-account', key: normalized, limit: config.signInLimitPerAccount, onSuccess: 'clear' },
      );
      const [row] = await db.select().from(staffUsers).where(eq(staffUsers.email, normalized));
      const ok = await verifyPassword(row?.passwordHash, password);
      if (!row || !ok || row.disabled) throw new DomainError('unauthorized', 'The e-mail or password is not correct.');
      await attempt.succeeded();
      const session = await sessions.create('staff', row.id, 12);
      return { ...session, user: toUser(row) };
    },

    async authenticate(request, roles) {
      const session = await sessions.fromRequest(request, 'staff');
      if (!session) throw new DomainError('unauthorized', 'Sign in to continue.');
      const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, session.subjectId));
      if (!row || row.disabled) throw new DomainError('unauthorized', 'Sign in to continue.');
      assertCsrf(request, session);
      const user = toUser(row);
      if (roles && roles.length > 0 && !user.roles.includes('administrator') && !roles.some((role) => user.roles.includes(role))) {
        throw new DomainError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
      }
      request.sessionTokenHash = session.tokenHash;
      return user;
    },

    async list() {
      return (await db.select().from(staffUsers).orderBy(asc(staffUsers.email))).map(toUser);
    },

    async create(input) {
      checkPassword(input.password);
      const email = input.email.trim().toLowerCase();
      const passwordHash = await hashPassword(input.password);
      const [row] = await db
        .insert(staffUsers)
        .values({ id: crypto.randomUUID(), email, name: input.name.trim(), passwordHash, roles: [...new Set(input.roles)] })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new DomainError('conflict', `A staff user with the e-mail ${email} already exists.`, undefined, [{ path: 'email', message: 'is already in use' }]);
      return toUser(row);
    },

    async update(id, input, actor) {
      if (input.password !== undefined) checkPassword(input.password);
      const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
      const updated = await db.transaction(async (tx) => {
        const [current] = await tx.select().from(staffUsers).where(eq(staffUsers.id, id)).for('update');
        if (!current) throw notFound('Staff user');
        const roles = input.roles ? [...new Set(input.roles)] : (current.roles as StaffRole[]);
        const disabled = input.disabled ?? current.disabled;
        const losesAdmin = current.roles.includes('administrator') && !current.disabled && (disabled || !roles.includes('administrator'));
        if (losesAdmin) {
          if (actor.id === id) throw new DomainError('conflict', 'You cannot remove your own administrator role or disable yourself.');
          const [count] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(staffUsers)
            .where(and(arrayContains(staffUsers.roles, ['administrator']), eq(staffUsers.disabled, false)));
          if ((count?.n ?? 0) <= 1) throw new DomainError('conflict', 'The last active administrator cannot lose the role or be disabled.');
        }
        const [row] = await tx
          .update(staffUsers)
          .set({ name: input.name?.trim() ?? current.name, roles, disabled, ...(passwordHash ? { passwordHash } : {}), updatedAt: new Date() })
          .where(eq(staffUsers.id, id))
          .returning();
        return row!;
      });
      // Disabling or changing the password ends every open session at once.
      if (updated.disabled || passwordHash) await sessions.revokeAll('staff', id);
      return toUser(updated);
    },

    async ensureAdministrator(config, log) {
      const [existing] = await db.select({ id: staffUsers.id }).from(staffUsers).where(arrayContains(staffUsers.roles, ['administrator'])).limit(1);
      if (existing) return;
      const email = (config.adminEmail ?? 'admin@handshake.local').toLowerCase();
      const generated = !config.adminPassword;
      const password = config.adminPassword ?? crypto.randomBytes(12).toString('base64url');
      await db
        .insert(staffUsers)
        .values({ id: crypto.randomUUID(), email, name: 'Administrator', passwordHash: await hashPassword(password), roles: [...staffRoles] })
        .onConflictDoNothing();
      if (generated) {
        // Printed once, on the console only, so it never lands in structured logs shipped elsewhere.
        process.stdout.write(`\n  Handshake staff administrator created\n  e-mail:   ${email}\n  password: ${password}\n  (set ADMIN_EMAIL and ADMIN_PASSWORD to choose them)\n\n`);
      } else {
        log.info({ email }, 'staff administrator created from ADMIN_EMAIL');
      }
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionTokenHash?: string;
  }
}
