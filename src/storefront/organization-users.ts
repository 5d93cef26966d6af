// My account → Organization users: a partner admin adds, edits and removes the organization's users.
// Every query names the caller's own organization, so another organization's user is simply not found.
import crypto from 'node:crypto';
import { and, asc, count, desc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { containsPattern } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import type { SessionStore } from '../platform/sessions.ts';
import { organizations, partnerUsers, uploadQueue } from './schema.ts';
import { closeOpenLinks, mailLink, partnerUserView } from './partner-accounts.ts';
import { signalMailEvent } from '../platform/change-signal.ts';
import type { Throttle } from '../platform/throttle.ts';
import type { Caller, PartnerRole, PartnerUserStatus } from './partner-accounts.ts';

export interface UserInput {
  firstName: string;
  lastName: string;
  email: string;
  role: PartnerRole;
  spendingLimit?: number | null | undefined;
  monthlySpendingLimit?: number | null | undefined;
}

export interface UserQuery {
  search?: string | undefined;
  status?: PartnerUserStatus | undefined;
  sort: string;
  limit: number;
  offset: number;
}

type UserRow = typeof partnerUsers.$inferSelect;

const sortColumns = { name: [partnerUsers.lastName, partnerUsers.firstName], email: [partnerUsers.email], role: [partnerUsers.role], status: [partnerUsers.status], createdAt: [partnerUsers.createdAt] } as const;
export const userSorts = Object.keys(sortColumns).flatMap((k) => [k, `-${k}`]);

const toMoney = (value: number | null | undefined) => (value === null || value === undefined ? null : value.toFixed(2));

function checkLimits(perOrder: number | null, perMonth: number | null) {
  for (const [path, value] of [['spendingLimit', perOrder], ['monthlySpendingLimit', perMonth]] as const) {
    if (value !== null && Math.round(value * 100) / 100 !== value) throw DomainError.invalid(path, 'must have at most two decimals');
  }
  if (perOrder !== null && perMonth !== null && perOrder > perMonth) throw DomainError.invalid('spendingLimit', 'per order cannot be more than the monthly spending limit');
}

function emailTaken(email: string): DomainError {
  return new DomainError('conflict', `The e-mail ${email} is already used by a business partner user.`, undefined, [{ path: 'email', message: 'is already in use' }]);
}

export function createOrganizationUsers(db: Db, sessions: SessionStore, throttle: Throttle, channelId: string, onUploadQueued: () => void) {
  /** The change travels to HQ through P-0001, in the same transaction as the storefront's own change. */
  async function queueUpload(tx: DbOrTx, action: 'add' | 'update' | 'remove', row: UserRow) {
    await tx.insert(uploadQueue).values({
      kind: 'organization-user',
      recordId: crypto.randomUUID(),
      payload: {
        action,
        storefrontUserId: row.id,
        version: row.version,
        hierarchyId: row.hierarchyId,
        channelId,
        customerAccount: row.customerAccount,
        firstName: row.firstName,
        lastName: row.lastName,
        email: row.email,
        role: row.role,
        submittedAt: new Date().toISOString(),
      },
    });
  }

  async function lockOrganization(tx: DbOrTx, caller: Caller) {
    // Serializes admins' changes within one organization: two admins cannot demote or remove each other at once.
    await tx.select({ id: organizations.hierarchyId }).from(organizations).where(eq(organizations.hierarchyId, caller.organization.hierarchyId)).for('update');
  }

  async function ownUser(tx: DbOrTx, caller: Caller, id: string, lock = false): Promise<UserRow> {
    const query = tx
      .select()
      .from(partnerUsers)
      .where(and(eq(partnerUsers.id, id), eq(partnerUsers.hierarchyId, caller.organization.hierarchyId), ne(partnerUsers.status, 'Removed')));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw notFound('User');
    return row;
  }

  async function otherAdmins(tx: DbOrTx, caller: Caller, exceptId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(partnerUsers)
      .where(and(eq(partnerUsers.hierarchyId, caller.organization.hierarchyId), eq(partnerUsers.role, 'Admin'), ne(partnerUsers.status, 'Removed'), ne(partnerUsers.id, exceptId)));
    return row?.n ?? 0;
  }

  async function done<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    onUploadQueued();
    return result;
  }

  return {
    async list(caller: Caller, query: UserQuery) {
      const filters: SQL[] = [eq(partnerUsers.hierarchyId, caller.organization.hierarchyId)];
      filters.push(query.status ? eq(partnerUsers.status, query.status) : ne(partnerUsers.status, 'Removed'));
      if (query.search) {
        const pattern = containsPattern(query.search);
        filters.push(or(ilike(partnerUsers.email, pattern), ilike(sql`${partnerUsers.firstName} || ' ' || ${partnerUsers.lastName}`, pattern))!);
      }
      const where = and(...filters);
      const descending = query.sort.startsWith('-');
      const columns = sortColumns[query.sort.replace('-', '') as keyof typeof sortColumns] ?? sortColumns.name;
      const rows = await db
        .select()
        .from(partnerUsers)
        .where(where)
        .orderBy(...columns.map((c) => (descending ? desc(c) : asc(c))), asc(partnerUsers.id))
        .limit(query.limit)
        .offset(query.offset);
      const [total] = await db.select({ n: count() }).from(partnerUsers).where(where);
      return { items: rows.map(partnerUserView), total: total?.n ?? 0 };
    },

    async get(caller: Caller, id: string) {
      return partnerUserView(await ownUser(db, caller, id));
    },

    /** Adds a user as Pending; HQ makes the customer and member, and 1010 makes the user Active. */
    async add(caller: Caller, input: UserInput) {
      const email = input.email.trim().toLowerCase();
      const perOrder = input.spendingLimit ?? null;
      const perMonth = input.monthlySpendingLimit ?? null;
      checkLimits(perOrder, perMonth);
      return done(
        db.transaction(async (tx) => {
          await lockOrganization(tx, caller);
          const values = {
            hierarchyId: caller.organization.hierarchyId,
            customerAccount: null,
            firstName: input.firstName.trim(),
            lastName: input.lastName.trim(),
            email,
            role: input.role,
            status: 'Pending',
            spendingLimit: toMoney(perOrder),
            monthlySpendingLimit: toMoney(perMonth),
            passwordHash: null,
            syncError: null,
            updatedAt: new Date(),
          };
          const [existing] = await tx.select().from(partnerUsers).where(eq(partnerUsers.email, email)).for('update');
          let row: UserRow | undefined;
          if (existing && existing.status !== 'Removed') throw emailTaken(email);
          if (existing) {
            // A removed user comes back as a new one: no old password, no old links.
            [row] = await tx.update(partnerUsers).set({ ...values, version: existing.version + 1 }).where(eq(partnerUsers.id, existing.id)).returning();
            await closeOpenLinks(tx, existing.id);
          } else {
            [row] = await tx.insert(partnerUsers).values({ id: crypto.randomUUID(), ...values }).onConflictDoNothing().returning();
            if (!row) throw emailTaken(email);
          }
          await queueUpload(tx, 'add', row!);
          return partnerUserView(row!);
        }),
      );
    },

    async update(caller: Caller, id: string, input: Partial<UserInput>) {
      return done(
        db.transaction(async (tx) => {
          await lockOrganization(tx, caller);
          const before = await ownUser(tx, caller, id, true);
          const email = input.email?.trim().toLowerCase() ?? before.email;
          const role = input.role ?? (before.role as PartnerRole);
          if (before.role === 'Admin' && role !== 'Admin' && (await otherAdmins(tx, caller, id)) === 0) {
            throw new DomainError('conflict', 'The last admin cannot become a User. Make another user Admin first.', undefined, [{ path: 'role', message: 'the organization needs at least one admin' }]);
          }
          const perOrder = input.spendingLimit !== undefined ? input.spendingLimit : before.spendingLimit === null ? null : Number(before.spendingLimit);
          const perMonth = input.monthlySpendingLimit !== undefined ? input.monthlySpendingLimit : before.monthlySpendingLimit === null ? null : Number(before.monthlySpendingLimit);
          checkLimits(perOrder, perMonth);
          if (email !== before.email) {
            const [taken] = await tx.select({ id: partnerUsers.id }).from(partnerUsers).where(eq(partnerUsers.email, email));
            if (taken) throw emailTaken(email);
          }
          const synced = { firstName: input.firstName?.trim() ?? before.firstName, lastName: input.lastName?.trim() ?? before.lastName, email, role };
          const hqChanged = (Object.keys(synced) as (keyof typeof synced)[]).some((k) => synced[k] !== before[k]);
          const [row] = await tx
            .update(partnerUsers)
            .set({ ...synced, spendingLimit: toMoney(perOrder), monthlySpendingLimit: toMoney(perMonth), version: hqChanged ? before.version + 1 : before.version, ...(hqChanged ? { syncError: null } : {}), updatedAt: new Date() })
            .where(eq(partnerUsers.id, id))
            .returning();
          // Spending limits live on the storefront; only what HQ keeps travels there.
          if (hqChanged) await queueUpload(tx, 'update', row!);
          return partnerUserView(row!);
        }),
      );
    },

    /** A new invitation for a user who has not chosen a password yet (the first one was lost or expired). */
    async resendInvitation(caller: Caller, id: string) {
      // A few per user and window: enough for a lost mail, too few to flood someone's inbox.
      await throttle.hit({ bucket: 'partner-invitation-resend', key: id, limit: 5 });
      await db.transaction(async (tx) => {
        const user = await ownUser(tx, caller, id, true);
        if (user.status !== 'Active') throw new DomainError('conflict', 'The invitation goes out as soon as HQ has confirmed the user; it is not confirmed yet.');
        if (user.passwordHash !== null) throw new DomainError('conflict', `${user.firstName} ${user.lastName} has already chosen a password; "Forgot your password?" on the sign-in page sends a new one.`);
        await mailLink(tx, user, caller.organization.name, 'invitation');
      });
      await signalMailEvent(db);
    },

    /** Removes a user: refused from the next request on, before the change has even reached HQ. */
    async remove(caller: Caller, id: string) {
      const row = await done(
        db.transaction(async (tx) => {
          await lockOrganization(tx, caller);
          const before = await ownUser(tx, caller, id, true);
          if (before.id === caller.user.id) throw new DomainError('conflict', 'You cannot remove yourself. Ask another admin of your organization.');
          if (before.role === 'Admin' && (await otherAdmins(tx, caller, id)) === 0) throw new DomainError('conflict', 'The last admin cannot be removed.');
          const [removed] = await tx.update(partnerUsers).set({ status: 'Removed', version: before.version + 1, updatedAt: new Date() }).where(eq(partnerUsers.id, id)).returning();
          await closeOpenLinks(tx, id);
          await queueUpload(tx, 'remove', removed!);
          return removed!;
        }),
      );
      await sessions.revokeAll('partner', row.id);
    },
  };
}

export type OrganizationUsers = ReturnType<typeof createOrganizationUsers>;
