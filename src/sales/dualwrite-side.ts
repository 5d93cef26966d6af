// The CRM as one side of dual-write: its lead, contact, account and opportunity changes out, HQ's changes in.
import crypto from 'node:crypto';
import { and, asc, count, desc, eq, getTableColumns, gt, inArray, lte, sql } from 'drizzle-orm';
import type { AnyColumn } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db.ts';
import { afterPosition, applyInBatch, glanceOf, horizonOf, latestPositionOf, startOfOutbox } from '../platform/sync-side.ts';
import type { ApplyItem, ApplyOutcome, EntitySchema, SideChange, SyncSide } from '../platform/sync-side.ts';
import { accounts, contacts, leads, notes, opportunities, outbox } from './schema.ts';
import { anyOf, bulkInsert } from '../platform/bulk.ts';
import { recordChange } from './outbox.ts';
import { queueLeadMatching } from './duplicates.ts';

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
      vatNumber: s(),
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
    fields: { id: s(ro), name: s({ required: true }), email: s(), phone: s(), website: s(), ...address, vatNumber: s(), primaryContactId: s(), customerAccount: s(), status: s(ro) },
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

function writableValues(entity: Writable, item: ApplyItem): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of writableFields(entity)) {
    if (field in item.values) values[field] = item.values[field] === undefined ? null : item.values[field];
  }
  if (typeof values.email === 'string') values.email = values.email.toLowerCase();
  return values;
}

function missingRequired(entity: Writable, values: Record<string, unknown>): string | null {
  const missing = Object.entries(crmEntities[entity]!.fields)
    .filter(([name, f]) => f.required && (values[name] === undefined || values[name] === null || values[name] === ''))
    .map(([name]) => name);
  return missing.length > 0 ? `The CRM needs ${missing.join(', ')} to create a ${entity}, and the change has none.` : null;
}

/** Inserts new rows with their outbox rows (and, for leads, the dual-write timeline note) in a few statements. */
async function insertNew(tx: DbOrTx, entity: Writable, rows: { item: ApplyItem; values: Record<string, unknown> }[]): Promise<ApplyOutcome[]> {
  if (rows.length === 0) return [];
  const table = tables[entity];
  const prepared = rows.map(({ item, values }) => {
    const defaults =
      entity === 'lead'
        ? { topic: values.topic ?? `Partner request from ${String(values.companyName ?? values.lastName)}`, source: values.source ?? 'CommerceB2B', state: 'Open', statusReason: 'New' }
        : { status: 'Active' };
    return { item, fields: Object.keys(values), row: { ...values, ...defaults, id: crypto.randomUUID() } as Record<string, unknown> & { id: string } };
  });
  const now = new Date().toISOString();
  await bulkInsert(tx, table, prepared.map((p) => p.row) as never[]);
  await bulkInsert(
    tx,
    outbox,
    prepared.map((p) => ({ entity, key: p.row.id, version: 1, changedFields: p.fields, payload: { ...p.row, version: 1, createdAt: now, updatedAt: now }, origin: 'dualwrite' })),
  );
  if (entity === 'lead') {
    await bulkInsert(
      tx,
      notes,
      prepared.map((p) => ({
        id: crypto.randomUUID(),
        regardingType: 'lead',
        regardingId: p.row.id,
        kind: 'system',
        text: `Lead generated by dual-write${p.row.prospectId ? ` from HQ prospect ${String(p.row.prospectId)}` : ''} (${p.item.source}).`,
        author: 'Dual-write',
      })),
    );
    // Possible duplicates are looked for by the matcher, moments after this commits: matching costs milliseconds a lead
    // against a large CRM, and a catch-up of 50,000 changes ran at its pace (about 200 a second) when it was done here.
    await queueLeadMatching(tx, prepared.map((p) => p.row.id));
  }
  return prepared.map((p) => ({ ref: p.item.ref, status: 'created' as const, key: p.row.id }));
}

// The engine's own changes (origin dualwrite) are read for their position only, never sent back: their row
// images stay in the database instead of crossing the wire and being parsed (an initial sync reads back every row it wrote).
const { payload: _payload, ...readColumns } = getTableColumns(outbox);

/** `onLeadsQueued`: new leads were committed to the matching queue (the matcher's kick). */
export function createCrmSyncSide(db: Db, onLeadsQueued: () => void = () => {}): SyncSide {
  async function applyOne(tx: DbOrTx, entity: Writable, item: ApplyItem): Promise<ApplyOutcome> {
    const table = tables[entity];
    const values = writableValues(entity, item);
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
    const missing = missingRequired(entity, values);
    if (missing) return { ref: item.ref, status: 'failed', reason: missing };
    const [created] = await insertNew(tx, entity, [{ item, values }]);
    return created!;
  }

  /**
   * The bulk path for rows the CRM has never seen (an initial sync, a catch-up): one query to match them all,
   * one insert for the new ones. Returns null when the batch does not fit it; the caller goes row by row.
   */
  async function applyNewRows(tx: DbOrTx, entity: Writable, items: ApplyItem[]): Promise<ApplyOutcome[] | null> {
    const field = Object.keys(items[0]?.match ?? {})[0];
    if (!field || items.some((i) => i.key !== null || Object.keys(i.match).length !== 1 || !(field in i.match))) return null;
    const wanted = items.map((i) => (field === 'email' ? String(i.match[field]).toLowerCase() : String(i.match[field])));
    if (new Set(wanted).size !== wanted.length) return null;
    const table = tables[entity];
    const column = (table as unknown as Record<string, AnyColumn>)[field]!;
    const existing = await tx.select({ id: table.id }).from(table).where(anyOf(column, wanted)).limit(1);
    if (existing.length > 0) return null;
    const outcomes: ApplyOutcome[] = [];
    const fresh: { item: ApplyItem; values: Record<string, unknown> }[] = [];
    for (const item of items) {
      const values = writableValues(entity, item);
      const missing = missingRequired(entity, values);
      if (missing) outcomes.push({ ref: item.ref, status: 'failed', reason: missing });
      else fresh.push({ item, values });
    }
    outcomes.push(...(await insertNew(tx, entity, fresh)));
    return outcomes.sort((a, b) => a.ref - b.ref);
  }

  return {
    name: 'crm',
    entities: crmEntities,

    horizon: () => horizonOf(db),

    glance: (entities) => glanceOf(db, entities, (entity) => sql`select ${outbox.txid}::text || ':' || ${outbox.id}::text from ${outbox} where ${outbox.entity} = ${entity} order by ${outbox.txid} desc, ${outbox.id} desc limit 1`),

    async readChanges(entity, after, limit, options = {}) {
      const rows = await db
        .select({ ...readColumns, payload: sql<unknown>`case when ${outbox.origin} = 'dualwrite' then '{}'::jsonb else ${outbox.payload} end` })
        .from(outbox)
        .where(and(eq(outbox.entity, entity), afterPosition(outbox.txid, outbox.id, after, options.horizon), options.keys ? anyOf(outbox.key, options.keys) : undefined))
        .orderBy(asc(outbox.txid), asc(outbox.id))
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
        return { id: r.id, txid: r.txid, entity, key: r.key, values, changedFields: fields, created: r.version === 1, at: r.createdAt, origin: r.origin };
      });
    },

    async countChanges(entity, after) {
      const [row] = await db.select({ n: count() }).from(outbox).where(and(eq(outbox.entity, entity), afterPosition(outbox.txid, outbox.id, after)));
      return row?.n ?? 0;
    },

    latestPosition: () => latestPositionOf(db),

    async positionOf(id) {
      const [row] = await db.select({ txid: outbox.txid, id: outbox.id }).from(outbox).where(lte(outbox.id, id)).orderBy(desc(outbox.id)).limit(1);
      return row ?? startOfOutbox;
    },

    async apply(entity, items) {
      if (!(entity in tables)) return items.map((i) => ({ ref: i.ref, status: 'failed' as const, reason: `The CRM does not accept ${entity} changes from HQ.` }));
      let outcomes: ApplyOutcome[] | null = null;
      if (items.length > 1) outcomes = await db.transaction((tx) => applyNewRows(tx, entity as Writable, items)).catch(() => null);
      outcomes ??= await applyInBatch(db, items, (tx, item) => applyOne(tx, entity as Writable, item));
      if (entity === 'lead' && outcomes.some((o) => o.status === 'created')) onLeadsQueued();
      return outcomes;
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
