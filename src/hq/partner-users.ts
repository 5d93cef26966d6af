// Business partner users as HQ knows them: members of a customer hierarchy, their roles, and their invitations.
// Every change here commits with the 1010 rows that carry it to the storefront and the mail event it causes.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { hashToken, randomToken } from '../platform/sessions.ts';
import { customerHierarchies, customers, hierarchyMembers, outbox } from './schema.ts';
import { assertEmailFree, customerSyncValues, insertCustomer, insertHierarchy, updateCustomer } from './customer.ts';
import { recordSyncChanges } from './sync-changes.ts';
import type { HierarchyRole } from './customer.ts';
import { recordMailEvents, storeOf } from './mail-events.ts';

/** Invitations are valid for 7 days; only the hash travels to the storefront, the token only in the e-mail. */
const invitationDays = 7;

interface Invitation {
  link: string;
  hash: string;
  expiresAt: string;
}

function newInvitation(storeUrl: string): Invitation {
  const token = randomToken();
  // The token sits in the fragment, so it never reaches a server log.
  return { link: `${storeUrl.replace(/\/+$/, '')}/invitation#${token}`, hash: hashToken(token), expiresAt: new Date(Date.now() + invitationDays * 86400_000).toISOString() };
}

/** What 1010 carries for one partner user. */
export interface PartnerUserRecord {
  hierarchyId: string;
  customerAccount: string;
  firstName: string;
  lastName: string;
  email: string;
  role: HierarchyRole;
  status: 'Active' | 'Removed';
  invitation?: { hash: string; expiresAt: string };
  /** Set when the change came from the storefront, so it can tell its own edit's echo from a newer one. */
  storefrontUserId?: string;
  storefrontVersion?: number;
}

export interface OrganizationRecord {
  hierarchyId: string;
  organizationAccount: string;
  name: string;
  creditLimit: number | null;
  active: boolean;
}

type CustomerRow = typeof customers.$inferSelect;

export async function queueOrganization(tx: DbOrTx, hierarchyId: string): Promise<void> {
  const { h, org } = await hierarchyRow(tx, hierarchyId);
  const payload: OrganizationRecord = {
    hierarchyId,
    organizationAccount: org.account,
    name: org.name,
    creditLimit: org.creditLimit === null ? null : Number(org.creditLimit),
    active: h.active,
  };
  await tx.insert(outbox).values({ consumer: '1010', topic: 'organization', key: hierarchyId, payload });
}

export async function queuePartnerUser(tx: DbOrTx, person: CustomerRow, hierarchyId: string, role: HierarchyRole, status: 'Active' | 'Removed', extra: Partial<PartnerUserRecord> = {}): Promise<void> {
  const payload: PartnerUserRecord = {
    hierarchyId,
    customerAccount: person.account,
    firstName: person.firstName ?? person.name,
    lastName: person.lastName ?? '',
    email: person.email,
    role,
    status,
    ...extra,
  };
  await tx.insert(outbox).values({ consumer: '1010', topic: 'partner-user', key: person.account, payload });
}

async function hierarchyRow(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ h: customerHierarchies, org: customers })
    .from(customerHierarchies)
    .innerJoin(customers, eq(customers.account, customerHierarchies.organizationAccount))
    .where(eq(customerHierarchies.id, id));
  if (!row) throw notFound(`Customer hierarchy ${id}`);
  return row;
}

async function adminCount(tx: DbOrTx, hierarchyId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(hierarchyMembers).where(and(eq(hierarchyMembers.hierarchyId, hierarchyId), eq(hierarchyMembers.role, 'Admin')));
  return row?.n ?? 0;
}

/** Lock the hierarchy: serializes role changes and removals, so two can never leave it without an admin. */
async function lockHierarchy(tx: DbOrTx, id: string): Promise<void> {
  await tx.select({ id: customerHierarchies.id }).from(customerHierarchies).where(eq(customerHierarchies.id, id)).for('update');
}

/** Queues the member for the storefront (1010) with a new invitation's hash; returns the link for the mail. */
async function queueInvitedUser(tx: DbOrTx, person: CustomerRow, hierarchyId: string, role: HierarchyRole, storeUrl: string, extra: Partial<PartnerUserRecord> = {}): Promise<string> {
  const invitation = newInvitation(storeUrl);
  await queuePartnerUser(tx, person, hierarchyId, role, 'Active', { ...extra, invitation: { hash: invitation.hash, expiresAt: invitation.expiresAt } });
  return invitation.link;
}

/** Sends a member an invitation: a new token, its hash to the storefront (1010), the link by e-mail. */
async function invite(tx: DbOrTx, person: CustomerRow, hierarchyId: string, role: HierarchyRole, company: string, channelId: string, extra: Partial<PartnerUserRecord> = {}) {
  const store = await storeOf(tx, channelId);
  const invitationlink = await queueInvitedUser(tx, person, hierarchyId, role, store.storeurl, extra);
  await recordMailEvents(tx, [
    {
      topic: 'organization-user-added',
      key: person.account,
      recipient: person.email,
      language: person.language,
      channelId,
      values: { firstname: person.firstName ?? person.name, lastname: person.lastName ?? '', company, email: person.email, invitationlink, ...store },
    },
  ]);
}

/**
 * After approval: the organization and the requestor go to the storefront, in the role the approval gave them (Admin
 * of a new partner; User when approved into an existing one); returns the invitation link for the mail.
 */
export async function onboardRequestor(tx: DbOrTx, hierarchyId: string, personAccount: string, storeUrl: string): Promise<string> {
  await queueOrganization(tx, hierarchyId);
  const [person] = await tx.select().from(customers).where(eq(customers.account, personAccount));
  const [member] = await tx.select({ role: hierarchyMembers.role }).from(hierarchyMembers).where(and(eq(hierarchyMembers.hierarchyId, hierarchyId), eq(hierarchyMembers.customerAccount, personAccount)));
  return queueInvitedUser(tx, person!, hierarchyId, (member?.role as HierarchyRole | undefined) ?? 'Admin', storeUrl);
}

/** A change a partner admin made on the storefront, uploaded by P-0001. */
export interface OrganizationUserChange {
  action: 'add' | 'update' | 'remove';
  storefrontUserId: string;
  version: number;
  hierarchyId: string;
  channelId: string;
  customerAccount?: string | null;
  firstName: string;
  lastName: string;
  email: string;
  role: HierarchyRole;
}

/** Reads an uploaded organization-user change; a string is the reason it cannot be applied. */
export function readOrganizationUserChange(payload: unknown): OrganizationUserChange | string {
  if (typeof payload !== 'object' || payload === null) return 'The record has no content.';
  const p = payload as Record<string, unknown>;
  if (!['add', 'update', 'remove'].includes(String(p.action))) return `Unknown organization user action "${String(p.action)}".`;
  for (const field of ['storefrontUserId', 'hierarchyId', 'channelId', 'firstName', 'lastName', 'email']) {
    if (typeof p[field] !== 'string' || (p[field] as string).trim() === '') return `The record is missing ${field}.`;
  }
  if (p.role !== 'Admin' && p.role !== 'User') return `Unknown role "${String(p.role)}".`;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(p.email))) return `The e-mail address "${String(p.email)}" is not valid.`;
  return p as unknown as OrganizationUserChange;
}

/** Tells the storefront (1010) that HQ could not apply an admin's change, and why. */
export async function refuseOrganizationUserChange(tx: DbOrTx, change: OrganizationUserChange, reason: string): Promise<void> {
  const payload: RefusedChange = { storefrontUserId: change.storefrontUserId, version: change.version, action: change.action, reason };
  await tx.insert(outbox).values({ consumer: '1010', topic: 'partner-user-refused', key: change.storefrontUserId, payload });
}

export interface RefusedChange {
  storefrontUserId: string;
  version: number;
  action: OrganizationUserChange['action'];
  reason: string;
}

/** Applies one uploaded change in the caller's transaction (the sync job's savepoint); throws with the reason. */
export async function applyOrganizationUserChange(tx: DbOrTx, change: OrganizationUserChange): Promise<void> {
  const { h, org } = await hierarchyRow(tx, change.hierarchyId);
  const email = change.email.toLowerCase();
  const echo = { storefrontUserId: change.storefrontUserId, storefrontVersion: change.version };
  const [member] = await tx
    .select({ m: hierarchyMembers, c: customers })
    .from(hierarchyMembers)
    .innerJoin(customers, eq(customers.account, hierarchyMembers.customerAccount))
    .where(and(eq(hierarchyMembers.hierarchyId, h.id), change.customerAccount ? eq(customers.account, change.customerAccount) : eq(customers.email, email)));

  if (change.action === 'remove') {
    if (!member) return; // already gone: removing twice is harmless
    await tx.delete(hierarchyMembers).where(and(eq(hierarchyMembers.hierarchyId, h.id), eq(hierarchyMembers.customerAccount, member.c.account)));
    await queuePartnerUser(tx, member.c, h.id, member.m.role as HierarchyRole, 'Removed', echo);
    return;
  }
  if (member) {
    // updateCustomer refuses an e-mail that another partner user already has.
    await updateCustomer(tx, member.c.account, { firstName: change.firstName, lastName: change.lastName, name: `${change.firstName} ${change.lastName}`, email });
    await tx.update(hierarchyMembers).set({ role: change.role }).where(and(eq(hierarchyMembers.hierarchyId, h.id), eq(hierarchyMembers.customerAccount, member.c.account)));
    const [person] = await tx.select().from(customers).where(eq(customers.account, member.c.account));
    await queuePartnerUser(tx, person!, h.id, change.role, 'Active', echo);
    return;
  }
  if (change.action === 'update') throw new DomainError('not-found', `${email} is not a member of ${h.name} in HQ.`);
  await assertEmailFree(tx, email);
  // A person customer with this e-mail who belongs to no partner yet is reused, not duplicated.
  const [existing] = await tx.select().from(customers).where(and(eq(customers.email, email), eq(customers.type, 'Person'))).limit(1);
  const account =
    existing?.account ??
    (await insertCustomer(tx, {
      type: 'Person',
      name: `${change.firstName} ${change.lastName}`,
      firstName: change.firstName,
      lastName: change.lastName,
      email,
      address: { street: org.street, city: org.city, state: org.state, zip: org.zip, countryRegionId: org.countryRegionId },
      language: org.language,
    }));
  await tx.insert(hierarchyMembers).values({ hierarchyId: h.id, customerAccount: account, role: change.role });
  const [person] = await tx.select().from(customers).where(eq(customers.account, account));
  await invite(tx, person!, h.id, change.role, org.name, change.channelId, echo);
}

export function createPartnerUsers(db: Db, channelId: string, onChannelChange: () => void) {
  async function inTx<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
    const result = await db.transaction(work);
    onChannelChange();
    return result;
  }

  async function personOf(tx: DbOrTx, account: string): Promise<CustomerRow> {
    const [person] = await tx.select().from(customers).where(eq(customers.account, account)).for('update');
    if (!person) throw notFound(`Customer ${account}`);
    if (person.type !== 'Person') throw DomainError.invalid('account', `${account} is an organization; members are person customers`);
    return person;
  }

  async function addMember(tx: DbOrTx, hierarchyId: string, company: string, account: string, role: HierarchyRole) {
    const person = await personOf(tx, account);
    const [membership] = await tx.select().from(hierarchyMembers).where(eq(hierarchyMembers.customerAccount, account));
    if (membership) throw new DomainError('conflict', `Customer ${account} is already a member of ${membership.hierarchyId}.`);
    await assertEmailFree(tx, person.email, account);
    await tx.insert(hierarchyMembers).values({ hierarchyId, customerAccount: account, role });
    await invite(tx, person, hierarchyId, role, company, channelId);
  }

  async function memberOf(tx: DbOrTx, hierarchyId: string, account: string) {
    const [m] = await tx.select().from(hierarchyMembers).where(and(eq(hierarchyMembers.hierarchyId, hierarchyId), eq(hierarchyMembers.customerAccount, account))).for('update');
    if (!m) throw notFound(`Member ${account} of ${hierarchyId}`);
    return m;
  }

  return {
    /** Onboards an existing organization customer: a hierarchy with person customers as Admin or User, each invited. */
    async createHierarchy(input: { organizationAccount: string; name?: string | undefined; members: { account: string; role: HierarchyRole }[] }): Promise<string> {
      if (!input.members.some((m) => m.role === 'Admin')) throw DomainError.invalid('members', 'must include at least one Admin');
      if (new Set(input.members.map((m) => m.account)).size !== input.members.length) throw DomainError.invalid('members', 'lists a customer twice');
      return inTx(async (tx) => {
        const [org] = await tx.select().from(customers).where(eq(customers.account, input.organizationAccount)).for('update');
        if (!org) throw notFound(`Customer ${input.organizationAccount}`);
        if (org.type !== 'Organization') throw DomainError.invalid('organizationAccount', `${org.account} is a person; a business partner is an organization customer`);
        const [owned] = await tx.select({ id: customerHierarchies.id }).from(customerHierarchies).where(eq(customerHierarchies.organizationAccount, org.account));
        if (owned) throw new DomainError('conflict', `${org.name} already has the customer hierarchy ${owned.id}.`, { hierarchyId: owned.id });
        const id = await insertHierarchy(tx, { name: input.name?.trim() || org.name, organizationAccount: org.account, members: [] });
        await queueOrganization(tx, id);
        for (const m of input.members) await addMember(tx, id, org.name, m.account, m.role);
        return id;
      });
    },

    async addMember(hierarchyId: string, account: string, role: HierarchyRole) {
      await inTx(async (tx) => {
        const { h, org } = await hierarchyRow(tx, hierarchyId);
        await addMember(tx, h.id, org.name, account, role);
      });
    },

    async changeRole(hierarchyId: string, account: string, role: HierarchyRole) {
      await inTx(async (tx) => {
        await lockHierarchy(tx, hierarchyId);
        const m = await memberOf(tx, hierarchyId, account);
        if (m.role === role) return;
        if (m.role === 'Admin' && (await adminCount(tx, hierarchyId)) <= 1) throw new DomainError('conflict', 'The last admin of a business partner cannot be made a User. Make another member Admin first.');
        await tx.update(hierarchyMembers).set({ role }).where(and(eq(hierarchyMembers.hierarchyId, hierarchyId), eq(hierarchyMembers.customerAccount, account)));
        await queuePartnerUser(tx, await personOf(tx, account), hierarchyId, role, 'Active');
      });
    },

    async removeMember(hierarchyId: string, account: string) {
      await inTx(async (tx) => {
        await lockHierarchy(tx, hierarchyId);
        const m = await memberOf(tx, hierarchyId, account);
        if (m.role === 'Admin' && (await adminCount(tx, hierarchyId)) <= 1) throw new DomainError('conflict', 'The last admin of a business partner cannot be removed. Make another member Admin first.');
        await tx.delete(hierarchyMembers).where(and(eq(hierarchyMembers.hierarchyId, hierarchyId), eq(hierarchyMembers.customerAccount, account)));
        await queuePartnerUser(tx, await personOf(tx, account), hierarchyId, m.role as HierarchyRole, 'Removed');
      });
    },

    async resendInvitation(hierarchyId: string, account: string) {
      await inTx(async (tx) => {
        const { org } = await hierarchyRow(tx, hierarchyId);
        const m = await memberOf(tx, hierarchyId, account);
        await invite(tx, await personOf(tx, account), hierarchyId, m.role as HierarchyRole, org.name, channelId);
      });
    },

    async updateHierarchy(id: string, input: { name?: string | undefined; active?: boolean | undefined }) {
      await inTx(async (tx) => {
        await hierarchyRow(tx, id);
        await tx
          .update(customerHierarchies)
          .set({ ...(input.name ? { name: input.name.trim() } : {}), ...(input.active !== undefined ? { active: input.active } : {}), updatedAt: new Date() })
          .where(eq(customerHierarchies.id, id));
        await queueOrganization(tx, id);
      });
    },

    /** The credit limit of an organization customer; its partner's users see it on their account page. */
    async setCreditLimit(account: string, creditLimit: number | null) {
      await inTx(async (tx) => {
        const [org] = await tx.select().from(customers).where(eq(customers.account, account)).for('update');
        if (!org) throw notFound(`Customer ${account}`);
        const [after] = await tx.update(customers).set({ creditLimit: creditLimit === null ? null : creditLimit.toFixed(2), updatedAt: new Date() }).where(eq(customers.account, account)).returning();
        await recordSyncChanges(tx, [{ entity: 'customer', key: account, values: customerSyncValues(after!), changedFields: ['creditLimit'], created: false, origin: 'user' }]);
        const [owned] = await tx.select({ id: customerHierarchies.id }).from(customerHierarchies).where(eq(customerHierarchies.organizationAccount, account));
        if (owned) await queueOrganization(tx, owned.id);
      });
    },
  };
}

export type PartnerUsers = ReturnType<typeof createPartnerUsers>;
