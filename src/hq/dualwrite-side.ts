// HQ as one side of dual-write: its prospect and customer changes out, the CRM's changes in.
import { and, asc, count, desc, eq, getTableColumns, gt, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { DomainError } from '../platform/errors.ts';
import { afterPosition, applyInBatch, glanceOf, horizonOf, latestPositionOf, startOfOutbox } from '../platform/sync-side.ts';
import type { ApplyItem, ApplyOutcome, EntitySchema, SideChange, SyncSide } from '../platform/sync-side.ts';
import { customers, outbox, prospects } from './schema.ts';
import { anyOf } from '../platform/bulk.ts';
import { customerSyncValues, insertCustomer, updateCustomer } from './customer.ts';
import { prospectSyncValues } from './prospect.ts';
import type { Prospects } from './prospect.ts';

const s = (extra: { required?: boolean; readOnly?: boolean } = {}) => ({ type: 'string' as const, ...extra });
const ro = { readOnly: true };

export const hqEntities: Record<string, EntitySchema> = {
  prospect: {
    label: 'Prospects',
    key: 'id',
    fields: {
      id: s(ro),
      type: s(ro),
      status: s(),
      companyName: s(ro),
      firstName: s(ro),
      lastName: s(ro),
      email: s(ro),
      phone: s(ro),
      street: s(ro),
      city: s(ro),
      state: s(ro),
      zip: s(ro),
      countryRegionId: s(ro),
      vatNumber: s(ro),
      comments: s(ro),
      language: s(ro),
      rejectionReason: s(),
      customerAccount: s(),
      personCustomerAccount: s(),
      hierarchyId: s(ro),
      decidedBy: s(ro),
      leadId: s(ro),
    },
  },
  customer: {
    label: 'Customers',
    key: 'account',
    fields: {
      account: s(ro),
      partyType: s({ required: true }),
      name: s({ required: true }),
      firstName: s(),
      lastName: s(),
      email: s({ required: true }),
      phone: s(),
      street: s({ required: true }),
      city: s({ required: true }),
      state: s(),
      zip: s({ required: true }),
      countryRegionId: s({ required: true }),
      language: s({ required: true }),
      vatNumber: s(ro),
      creditLimit: { type: 'number', readOnly: true },
      primaryContactAccount: s(),
      prospectId: s(ro),
    },
  },
};

function str(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

const { payload: _payload, ...readColumns } = getTableColumns(outbox);

export function createHqSyncSide(db: Db, prospectService: Prospects): SyncSide {
  async function applyProspect(item: ApplyItem): Promise<ApplyOutcome> {
    const id = item.key ?? str(item.match.id);
    if (!id) return { ref: item.ref, status: 'failed', reason: 'The change names no prospect.' };
    const [row] = await db.select().from(prospects).where(eq(prospects.id, id));
    if (!row) return { ref: item.ref, status: 'failed', reason: `HQ has no prospect ${id}; prospects come from the storefront and cannot be created from the CRM.` };
    const status = str(item.values.status);
    if (!status || status === row.status) return { ref: item.ref, status: 'unchanged', key: id };
    if (row.status !== 'New') return { ref: item.ref, status: 'failed', reason: `Prospect ${id} is already ${row.status} in HQ; it cannot become ${status}.` };
    try {
      if (status === 'Approved') {
        const reuse = { organizationAccount: str(item.values.customerAccount), personAccount: str(item.values.personCustomerAccount) };
        for (const account of [reuse.organizationAccount, reuse.personAccount]) {
          if (account && (await db.select({ a: customers.account }).from(customers).where(eq(customers.account, account))).length === 0) {
            return { ref: item.ref, status: 'failed', reason: `Customer ${account} does not exist in HQ.` };
          }
        }
        await prospectService.approve(id, 'Dual-write', reuse, 'dualwrite');
      } else if (status === 'Rejected') {
        await prospectService.reject(id, str(item.values.rejectionReason) ?? 'Rejected in the CRM', 'Dual-write', 'dualwrite');
      } else {
        return { ref: item.ref, status: 'failed', reason: `A prospect cannot be set to "${status}".` };
      }
    } catch (error) {
      if (error instanceof DomainError) return { ref: item.ref, status: 'failed', reason: error.message };
      throw error;
    }
    return { ref: item.ref, status: 'updated', key: id };
  }

  async function applyCustomer(tx: DbOrTx, item: ApplyItem): Promise<ApplyOutcome> {
    const v = { ...item.values };
    let account = item.key;
    if (account) {
      const [found] = await tx.select({ a: customers.account }).from(customers).where(eq(customers.account, account));
      if (!found) account = null;
    }
    if (!account && Object.keys(item.match).length > 0) {
      const conditions = Object.entries(item.match).map(([field, value]) =>
        field === 'partyType' ? eq(customers.type, String(value)) : field === 'email' ? eq(customers.email, String(value).toLowerCase()) : eq(sql.identifier(snake(field)), value as string),
      );
      const [found] = await tx.select({ a: customers.account }).from(customers).where(and(...conditions)).orderBy(asc(customers.createdAt)).limit(1);
      account = found?.a ?? null;
    }
    if (account) {
      const status = await updateCustomer(tx, account, patchOf(v), 'dualwrite');
      return { ref: item.ref, status, key: account };
    }
    // A person's name is their first and last name, when the other system has no single name field.
    if ((v.name === undefined || v.name === null) && v.partyType === 'Person' && v.lastName) v.name = [v.firstName, v.lastName].filter(Boolean).join(' ');
    const missing = ['partyType', 'name', 'email', 'street', 'city', 'zip', 'countryRegionId', 'language'].filter((f) => v[f] === undefined || v[f] === null || v[f] === '');
    if (missing.length > 0) return { ref: item.ref, status: 'failed', reason: `HQ needs ${missing.join(', ')} to create a customer, and the change has none.` };
    const partyType = String(v.partyType);
    if (partyType !== 'Person' && partyType !== 'Organization') return { ref: item.ref, status: 'failed', reason: `"${partyType}" is not a party type; use Person or Organization.` };
    const created = await insertCustomer(
      tx,
      {
        type: partyType,
        name: String(v.name),
        firstName: str(v.firstName),
        lastName: str(v.lastName),
        email: String(v.email),
        phone: str(v.phone) ?? null,
        address: { street: String(v.street), city: String(v.city), state: str(v.state) ?? null, zip: String(v.zip), countryRegionId: String(v.countryRegionId) },
        language: String(v.language),
        primaryContactAccount: str(v.primaryContactAccount) ?? null,
      },
      'dualwrite',
    );
    return { ref: item.ref, status: 'created', key: created };
  }

  return {
    name: 'hq',
    entities: hqEntities,

    horizon: () => horizonOf(db),

    glance: (entities) =>
      glanceOf(db, entities, (entity) => sql`select ${outbox.txid}::text || ':' || ${outbox.id}::text from ${outbox} where ${outbox.consumer} = 'dualwrite' and ${outbox.topic} = ${entity} order by ${outbox.txid} desc, ${outbox.id} desc limit 1`),

    async readChanges(entity, after, limit, options = {}) {
      // The engine's own changes are read for their position only: their row images stay in the database.
      const rows = await db
        .select({ ...readColumns, payload: sql<unknown>`case when ${outbox.payload}->>'origin' = 'dualwrite' then ${outbox.payload} - 'values' else ${outbox.payload} end` })
        .from(outbox)
        .where(and(eq(outbox.consumer, 'dualwrite'), eq(outbox.topic, entity), afterPosition(outbox.txid, outbox.id, after, options.horizon), options.keys ? anyOf(outbox.key, options.keys) : undefined))
        .orderBy(asc(outbox.txid), asc(outbox.id))
        .limit(limit);
      return rows.map((r): SideChange => {
        const p = r.payload as { values: Record<string, unknown>; changedFields: string[]; created: boolean; origin: string };
        return { id: r.id, txid: r.txid, entity, key: r.key, values: p.values ?? {}, changedFields: p.changedFields, created: p.created, at: r.createdAt, origin: p.origin };
      });
    },

    async countChanges(entity, after) {
      const [row] = await db.select({ n: count() }).from(outbox).where(and(eq(outbox.consumer, 'dualwrite'), eq(outbox.topic, entity), afterPosition(outbox.txid, outbox.id, after)));
      return row?.n ?? 0;
    },

    latestPosition: () => latestPositionOf(db),

    async positionOf(id) {
      const [row] = await db.select({ txid: outbox.txid, id: outbox.id }).from(outbox).where(and(eq(outbox.consumer, 'dualwrite'), lte(outbox.id, id))).orderBy(desc(outbox.id)).limit(1);
      return row ?? startOfOutbox;
    },

    async apply(entity, items) {
      if (entity === 'prospect') {
        const outcomes: ApplyOutcome[] = [];
        // Each decision is HQ's own approval or rejection, one transaction each: one code path, not two.
        for (const item of items) outcomes.push(await applyProspect(item));
        return outcomes;
      }
      if (entity !== 'customer') return items.map((i) => ({ ref: i.ref, status: 'failed' as const, reason: `HQ has no entity "${entity}".` }));
      return applyInBatch(db, items, applyCustomer);
    },

    async list(entity, afterKey, limit) {
      if (entity === 'customer') {
        const rows = await db
          .select()
          .from(customers)
          .where(afterKey ? gt(customers.account, afterKey) : undefined)
          .orderBy(asc(customers.account))
          .limit(limit);
        return rows.map((r) => ({ key: r.account, values: customerSyncValues(r) }));
      }
      const rows = await db
        .select()
        .from(prospects)
        .where(afterKey ? gt(prospects.id, afterKey) : undefined)
        .orderBy(asc(prospects.id))
        .limit(limit);
      return rows.map((r) => ({ key: r.id, values: prospectSyncValues(r) }));
    },

    async count(entity) {
      const [row] = await db.select({ n: count() }).from(entity === 'customer' ? customers : prospects);
      return row?.n ?? 0;
    },
  };
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function patchOf(v: Record<string, unknown>) {
  const pick = (field: string) => (field in v ? (v[field] === null ? null : String(v[field])) : undefined);
  return {
    name: pick('name') ?? undefined,
    firstName: pick('firstName'),
    lastName: pick('lastName'),
    email: pick('email') ?? undefined,
    phone: pick('phone'),
    street: pick('street') ?? undefined,
    city: pick('city') ?? undefined,
    state: pick('state'),
    zip: pick('zip') ?? undefined,
    countryRegionId: pick('countryRegionId') ?? undefined,
    language: pick('language') ?? undefined,
    primaryContactAccount: pick('primaryContactAccount'),
  };
}
