// Partner users' own accounts: sign-in, invitations, forgotten and changed passwords, and who is asking.
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError } from '../platform/errors.ts';
import { hashPassword, verifyPassword } from '../platform/passwords.ts';
import { assertCsrf, cookieName, hashToken, randomToken } from '../platform/sessions.ts';
import type { SessionStore } from '../platform/sessions.ts';
import { signalMailEvent } from '../platform/change-signal.ts';
import type { Throttle } from '../platform/throttle.ts';
import { accountTokens, channelSettings, organizations, outbox, partnerUsers } from './schema.ts';
import { pendingOrder } from '../platform/outbox.ts';

export type PartnerRole = 'Admin' | 'User';
export type PartnerUserStatus = 'Pending' | 'Active' | 'Removed';
type UserRow = typeof partnerUsers.$inferSelect;
type OrganizationRow = typeof organizations.$inferSelect;

export interface PartnerUserView {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: PartnerRole;
  status: PartnerUserStatus;
  /** Per order; null when there is no limit. */
  spendingLimit: number | null;
  monthlySpendingLimit: number | null;
  /** Whether the user has set a password (accepted the invitation). */
  signedUp: boolean;
  customerAccount: string | null;
  /** Why HQ refused the latest change of this user (the user stays as it was in HQ). */
  syncError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationView {
  id: string;
  account: string;
  name: string;
  creditLimit: number | null;
}

export interface Caller {
  user: UserRow;
  organization: OrganizationRow;
}

const money = (value: string | null) => (value === null ? null : Number(value));

export function partnerUserView(row: UserRow): PartnerUserView {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    role: row.role as PartnerRole,
    status: row.status as PartnerUserStatus,
    spendingLimit: money(row.spendingLimit),
    monthlySpendingLimit: money(row.monthlySpendingLimit),
    signedUp: row.passwordHash !== null,
    customerAccount: row.customerAccount,
    syncError: row.syncError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function organizationView(row: OrganizationRow): OrganizationView {
  return { id: row.hierarchyId, account: row.organizationAccount, name: row.name, creditLimit: money(row.creditLimit) };
}

export const minPasswordLength = 10;
const sessionHours = 12;
const resetMinutes = 60;
const sessionEnded = 'Your session has ended. Sign in to continue.';
const invalidLink = 'This link is no longer valid: it was already used, replaced by a newer one, or it has expired. Ask your administrator or the store for a new one.';

export interface PartnerAccountSettings {
  signInLimitPerAddress: number;
  signInLimitPerAccount: number;
}

/** Uses up every open invitation or reset link of a user (but `keep`), so only the newest one works. */
export async function closeOpenLinks(tx: DbOrTx, userId: string, keep?: string): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.userId, userId), isNull(accountTokens.usedAt), keep ? ne(accountTokens.tokenHash, keep) : undefined));
}

export function createPartnerAccounts(db: Db, sessions: SessionStore, throttle: Throttle, settings: PartnerAccountSettings) {
  async function liveToken(tx: DbOrTx, token: string) {
    const [row] = await tx
      .select({ t: accountTokens, u: partnerUsers, o: organizations })
      .from(accountTokens)
      .innerJoin(partnerUsers, eq(partnerUsers.id, accountTokens.userId))
      .innerJoin(organizations, eq(organizations.hierarchyId, partnerUsers.hierarchyId))
      .where(and(eq(accountTokens.tokenHash, hashToken(token)), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date())));
    if (!row || row.u.status !== 'Active' || !row.o.active) throw new DomainError('not-found', invalidLink);
    return row;
  }

  async function startSession(user: UserRow) {
    const session = await sessions.create('partner', user.id, sessionHours);
    if (!user.firstSignedInAt) await db.update(partnerUsers).set({ firstSignedInAt: new Date() }).where(and(eq(partnerUsers.id, user.id), isNull(partnerUsers.firstSignedInAt)));
    return { ...session, user: partnerUserView(user) };
  }

  return {
    /** The signed-in partner user of a request (Active, in an active organization), or 401. */
    async authenticate(request: FastifyRequest): Promise<Caller> {
      const session = await sessions.fromRequest(request, 'partner');
      // A token that no longer works (revoked when the user was removed, signed out elsewhere, expired) means the session has ended.
      const presented = request.headers.authorization?.startsWith('Bearer ') === true || Boolean(request.cookies[cookieName.partner]);
      if (!session) throw new DomainError('unauthorized', presented ? sessionEnded : 'Sign in to continue.');
      const [row] = await db
        .select({ user: partnerUsers, organization: organizations })
        .from(partnerUsers)
        .innerJoin(organizations, eq(organizations.hierarchyId, partnerUsers.hierarchyId))
        .where(and(eq(partnerUsers.id, session.subjectId), eq(partnerUsers.status, 'Active'), eq(organizations.active, true)));
      if (!row) throw new DomainError('unauthorized', sessionEnded);
      assertCsrf(request, session);
      request.sessionTokenHash = session.tokenHash;
      return row;
    },

    async signIn(email: string, password: string, address: string) {
      const normalized = email.trim().toLowerCase();
      // Only failures count: a good sign-in clears the account's counter and is not held against the address.
      const attempt = await throttle.hit(
        { bucket: 'partner-sign-in-address', key: address, limit: settings.signInLimitPerAddress, onSuccess: 'forgive' },
        { bucket: 'partner-sign-in-account', key: normalized, limit: settings.signInLimitPerAccount, onSuccess: 'clear' },
      );
      const [row] = await db
        .select({ user: partnerUsers, active: organizations.active })
        .from(partnerUsers)
        .innerJoin(organizations, eq(organizations.hierarchyId, partnerUsers.hierarchyId))
        .where(eq(partnerUsers.email, normalized));
      // Always verify, even with no such user, so the answer and its timing do not reveal who has an account.
      const ok = await verifyPassword(row?.user.passwordHash ?? undefined, password);
      if (!row || !ok || row.user.status !== 'Active' || !row.active) throw new DomainError('unauthorized', 'The e-mail or password is not correct.');
      await attempt.succeeded();
      return startSession(row.user);
    },

    async signOut(tokenHash: string) {
      await sessions.revoke(tokenHash);
    },

    /** What the invitation or reset page shows before the password is chosen. */
    async linkInfo(token: string) {
      const { t, u, o } = await liveToken(db, token);
      return { kind: t.kind as 'invitation' | 'reset', email: u.email, firstName: u.firstName, lastName: u.lastName, companyName: o.name, expiresAt: t.expiresAt.toISOString() };
    },

    /** Accepts an invitation or a reset link: sets the password, uses the link up, and signs the user in. */
    async usePasswordLink(token: string, password: string) {
      if (password.length < minPasswordLength) throw DomainError.invalid('password', `must be at least ${minPasswordLength} characters`);
      const passwordHash = await hashPassword(password);
      const user = await db.transaction(async (tx) => {
        const { t, u } = await liveToken(tx, token);
        // Marking it used only if still unused makes two concurrent uses of one link succeed once.
        const [used] = await tx
          .update(accountTokens)
          .set({ usedAt: new Date() })
          .where(and(eq(accountTokens.tokenHash, t.tokenHash), isNull(accountTokens.usedAt)))
          .returning();
        if (!used) throw new DomainError('not-found', invalidLink);
        // Every other open link of this user stops working too.
        await closeOpenLinks(tx, u.id);
        const [updated] = await tx.update(partnerUsers).set({ passwordHash, updatedAt: new Date() }).where(eq(partnerUsers.id, u.id)).returning();
        return updated!;
      });
      await sessions.revokeAll('partner', user.id);
      return startSession(user);
    },

    /** Always answers the same; sends a reset link only to an active user, throttled per address and per e-mail. */
    async forgotPassword(email: string, address: string): Promise<void> {
      const normalized = email.trim().toLowerCase();
      await throttle.hit(
        { bucket: 'partner-reset-address', key: address, limit: settings.signInLimitPerAddress },
        { bucket: 'partner-reset-account', key: normalized, limit: settings.signInLimitPerAccount },
      );
      await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ user: partnerUsers, organization: organizations })
          .from(partnerUsers)
          .innerJoin(organizations, eq(organizations.hierarchyId, partnerUsers.hierarchyId))
          .where(and(eq(partnerUsers.email, normalized), eq(partnerUsers.status, 'Active'), eq(organizations.active, true)));
        if (!row) return;
        await mailLink(tx, row.user, row.organization.name, 'reset');
      });
      await signalMailEvent(db);
    },

    async changePassword(caller: Caller, currentPassword: string, newPassword: string, keepTokenHash: string | undefined) {
      if (newPassword.length < minPasswordLength) throw DomainError.invalid('newPassword', `must be at least ${minPasswordLength} characters`);
      if (!(await verifyPassword(caller.user.passwordHash ?? undefined, currentPassword))) throw DomainError.invalid('currentPassword', 'is not correct');
      await db.update(partnerUsers).set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() }).where(eq(partnerUsers.id, caller.user.id));
      // Other devices are signed out; this one stays.
      await sessions.revokeAll('partner', caller.user.id, keepTokenHash);
    },

    /** The storefront's language for this user, which their mails follow. Not HQ's business: no version, no upload. */
    async setLanguage(caller: Caller, language: 'en' | 'et') {
      await db.update(partnerUsers).set({ language }).where(eq(partnerUsers.id, caller.user.id));
    },
  };
}

export type PartnerAccounts = ReturnType<typeof createPartnerAccounts>;

const linkKinds = {
  invitation: { path: 'invitation', minutes: 7 * 24 * 60, topic: 'organization-user-added', placeholder: 'invitationlink' },
  reset: { path: 'reset-password', minutes: resetMinutes, topic: 'password-reset', placeholder: 'resetlink' },
} as const;

/**
 * Issues a single-use link (only its hash is stored; earlier open links of the user stop working) and writes the
 * mail event that carries it, in the caller's transaction. The caller signals the change after the commit.
 */
export async function mailLink(tx: DbOrTx, user: UserRow, company: string, kind: keyof typeof linkKinds): Promise<void> {
  const spec = linkKinds[kind];
  const [store] = await tx.select().from(channelSettings).limit(1);
  const token = randomToken();
  await closeOpenLinks(tx, user.id);
  await tx.insert(accountTokens).values({ tokenHash: hashToken(token), userId: user.id, kind, expiresAt: new Date(Date.now() + spec.minutes * 60_000) });
  const storeurl = (store?.url ?? '').replace(/\/+$/, '');
  await tx.insert(outbox).values({
    consumer: 'mail',
    topic: spec.topic,
    key: user.id,
    payload: {
      recipient: user.email,
      language: user.language ?? store?.defaultLanguage ?? 'en-us',
      channelId: store?.channelId ?? '',
      // The token sits in the fragment, so it never reaches a server log.
      values: { firstname: user.firstName, lastname: user.lastName, company, email: user.email, [spec.placeholder]: `${storeurl}/${spec.path}#${token}`, storename: store?.name ?? '', storeurl },
    },
  });
}

/** The mail context's view of the storefront's mail events (invitation, password reset, orders: order-mail.ts). */
export function createStorefrontMailFeed(db: Db) {
  return {
    async read(limit: number) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.consumer, 'mail'), isNull(outbox.deliveredAt)))
        .orderBy(...pendingOrder(outbox))
        .limit(limit);
      return rows.map((r) => {
        const p = r.payload as { recipient: string; language: string; channelId: string; values: Record<string, string | null> };
        return { id: `sf:${r.id}`, type: r.topic, recipient: p.recipient, language: p.language, channelId: p.channelId, values: p.values };
      });
    },
    async ack(ids: string[]) {
      const numbers = ids.map((id) => Number(id.replace(/^sf:/, ''))).filter(Number.isFinite);
      if (numbers.length > 0) await db.update(outbox).set({ deliveredAt: new Date() }).where(inArray(outbox.id, numbers));
    },
  };
}
