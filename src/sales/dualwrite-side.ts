// The CRM as one side of dual-write: its lead, contact, account and opportunity changes out, HQ's changes in.
import crypto from 'node:crypto';
import { and, asc, count, eq, gt, inArray, max } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { applyInBatch } from '../platform/sync-side.ts';
import type { ApplyItem, ApplyOutcome, EntitySchema, SideChange, SyncSide } from '../platform/sync-side.ts';
import { accounts, contacts, leads, opportunities, outbox } from './schema.ts';
import { recordChange } from './outbox.ts';
import { addNote } from './timeline.ts';

const s = (extra: { required?: boolean; readOnly?: boolean } = {}) => ({ type: 'string' as const, ...extra });
const ro = { readOnly: true };
const address = { street: s(), city: s(), stateProvince: s(), zip: s(), countryRegionId: s() };

export const crmEntities: Record<string, EntitySchema> = {
  lead: {
    label: 'Leads',
    key: 'id',
    fields: {
      id: s(ro),
      topic: s(),
      firstName: s(),
      lastName: s({ required: true }),
      jobTitle: s(),
      email: s(),
      phone: s(),
      companyName: s(),
      ...address,
      source: s(),
      description: s(),
      ownerId: s(),
      state: s(ro),
      statusReason: s(ro),
      prospectId: s(),
      accountId: s(ro),
      contactId: s(ro),
      opportunityId: s(ro),
    },
  },
  contact: {
    label: 'Contacts',
    key: 'id',
    fields: { id: s(ro), firstName: s(), lastName: s({ required: true }), jobTitle: s(), email: s(), phone: s(), ...address, accountId: s(), customerAccount: s(), status: s(ro) },
  },
  account: {
    label: 'Accounts',
    key: 'id',
    fields: { id: s(ro), name: s({ required: true }), email: s(), phone: s(), website: s(), ...address, primaryContactId: s(), customerAccount: s(), status: s(ro) },
  },
  opportunity: {
    label: 'Opportunities',
    key: 'id',
    fields: {
      id: s(ro),
      name: s(ro),
      accountId: s(ro),
      contactId: s(ro),
      originatingLeadId: s(ro),
      prospectId: s(ro),
      stage: s(ro),
      state: s(ro),
      statusReason: s(ro),
      actualRevenue: { type: 'number', readOnly: true },
    },
  },
};

const tables = { lead: leads, contact: contacts, account: accounts } as const;
type Writable = keyof typeof tables;
const addressColumns = ['street', 'city', 'stateProvince', 'zip', 'countryRegionId'];

function writableFields(entity: Writable): string[] {
  return Object.entries(crmEntities[entity]!.fields)
    .filter(([, f]) => !f.readOnly)
    .map(([name]) => name);
}

export function createCrmSyncSide(db: Db): SyncSide {
  async function applyOne(tx: DbOrTx, entity: Writable, item: ApplyItem): Promise<ApplyOutcome> {
    const table = tables[entity];
    const values: Record<string, unknown> = {};
    for (const field of writableFields(entity)) {
      if (field in item.values) values[field] = item.values[field] === undefined ? null : item.values[field];
    }
    if (typeof values.email === 'string') values.email = values.email.toLowerCase();
    let id = item.key;
    if (id && (await tx.select({ id: table.id }).from(table).where(eq(table.id, id))).length === 0) id = null;
    if (!id && Object.keys(item.match).length > 0) {
      const column = (field: string) => (table as unknown as Record<string, Parameters<typeof eq>[0]>)[field]!;
      const conditions = Object.entries(item.match).map(([field, value]) => eq(column(field), field === 'email' ? String(value).toLowerCase() : value));
      const [found] = await tx.select({ id: table.id }).from(table).where(and(...conditions)).orderBy(asc(table.createdAt)).limit(1);
      id = found?.id ?? null;
    }
    if (id) {
      const [before] = await tx.select().from(table).where(eq(table.id, id)).for('update');
      const current = before as unknown as Record<string, unknown>;
      const changes = Object.fromEntries(Object.entries(values).filter(([field, value]) => String(current[field] ?? '') !== String(value ?? '')));
      if (Object.keys(changes).length === 0) return { ref: item.ref, status: 'unchanged', key: id };
      const [saved] = await tx
        .update(table)
        .set({ ...changes, version: (current.version as number) + 1, updatedAt: new Date() })
        .where(eq(table.id, id))
        .returning();
      await recordChange(tx, entity, saved as { id: string; version: number }, Object.keys(changes), 'dualwrite');
      return { ref: item.ref, status: 'updated', key: id };
    }
    const missing = Object.entries(crmEntities[entity]!.fields)
      .filter(([name, f]) => f.required && (values[name] === undefined || values[name] === null || values[name] === ''))
      .map(([name]) => name);
    if (missing.length > 0) return { ref: item.ref, status: 'failed', reason: `The CRM needs ${missing.join(', ')} to create a ${entity}, and the change has none.` };
    const newId = crypto.randomUUID();
    const defaults =
      entity === 'lead'
        ? { topic: values.topic ?? `Partner request from ${String(values.companyName ?? values.lastName)}`, source: values.source ?? 'CommerceB2B', state: 'Open', statusReason: 'New' }
        : { status: 'Active' };
    const [saved] = await tx
      .insert(table)
      .values({ ...values, ...defaults, id: newId } as never)
      .returning();
    await recordChange(tx, entity, saved as { id: string; version: number }, Object.keys(values), 'dualwrite');
    if (entity === 'lead') {
      const prospect = values.prospectId ? ` from HQ prospect ${String(values.prospectId)}` : '';
      await addNote(tx, 'lead', newId, 'system', `Lead generated by dual-write${prospect} (${item.source}).`, 'Dual-write');
    }
    return { ref: item.ref, status: 'created', key: newId };
  }

  return {
    name: 'crm',
    entities: crmEntities,

    async readChanges(entity, afterId, limit, keys) {
      const rows = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.entity, entity), gt(outbox.id, afterId), keys ? inArray(outbox.key, keys) : undefined))
        .orderBy(asc(outbox.id))
        .limit(limit);
      // An opportunity carries its originating lead's HQ prospect, so that closing it can decide the prospect.
      const leadIds = entity === 'opportunity' ? [...new Set(rows.map((r) => (r.payload as { originatingLeadId?: string }).originatingLeadId).filter((id): id is string => !!id))] : [];
      const prospectOf = new Map(
        leadIds.length === 0 ? [] : (await db.select({ id: leads.id, prospectId: leads.prospectId }).from(leads).where(inArray(leads.id, leadIds))).map((l) => [l.id, l.prospectId]),
      );
      return rows.map((r): SideChange => {
        const values = { ...(r.payload as Record<string, unknown>) };
        if (entity === 'opportunity') values.prospectId = prospectOf.get(values.originatingLeadId as string) ?? null;
        const fields = (r.changedFields as string[]).flatMap((f) => (f === 'address' ? addressColumns : [f]));
        return { id: r.id, entity, key: r.key, values, changedFields: fields, created: r.version === 1, at: r.createdAt, origin: r.origin };
      });
    },

    async countChanges(entity, afterId) {
      const [row] = await db.select({ n: count() }).from(outbox).where(and(eq(outbox.entity, entity), gt(outbox.id, afterId)));
      return row?.n ?? 0;
    },

    async latestChangeId() {
      const [row] = await db.select({ id: max(outbox.id) }).from(outbox);
      return row?.id ?? 0;
    },

    async apply(entity, items) {
      if (!(entity in tables)) return items.map((i) => ({ ref: i.ref, status: 'failed' as const, reason: `The CRM does not accept ${entity} changes from HQ.` }));
      return applyInBatch(db, items, (tx, item) => applyOne(tx, entity as Writable, item));
    },

    async list(entity, afterKey, limit) {
      const table = entity in tables ? tables[entity as Writable] : opportunities;
      const rows = await db
        .select()
        .from(table)
        .where(afterKey ? gt(table.id, afterKey) : undefined)
        .orderBy(asc(table.id))
        .limit(limit);
      return rows.map((r) => ({ key: r.id, values: JSON.parse(JSON.stringify(r)) as Record<string, unknown> }));
    },

    async count(entity) {
      const table = entity in tables ? tables[entity as Writable] : opportunities;
      const [row] = await db.select({ n: count() }).from(table);
      return row?.n ?? 0;
    },
  };
}
