// The live-sync engine: reads each map's source changes after its cursor, applies them to the other side in
// batches, and records every record's fate. At least once, applied once (idempotent targets), in order per map.
import os from 'node:os';
import crypto from 'node:crypto';
import { and, asc, eq, lt, or, sql, gte, count } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import type { ApplyItem, ChangePosition, Glance, SideChange, SyncSide } from '../platform/sync-side.ts';
import { isAfter, plainMessage, startOfOutbox } from '../platform/sync-side.ts';
import { isUnreachable } from '../platform/errors.ts';
import { anyOf, bulkInsert } from '../platform/bulk.ts';
import { activity, cursors, initialSyncRuns, leases, ledger, links, syncErrors, tableMaps } from './schema.ts';
import { parseFilter } from './filter.ts';
import { directionsOf, MissingParent, transform } from './table-map.ts';
import type { SyncDirection, TableMapDefinition, MapStatus } from './table-map.ts';

export type MapRow = typeof tableMaps.$inferSelect;
export interface Sides {
  hq: SyncSide;
  crm: SyncSide;
}

/** A map's place in a side's outbox; a cursor stored before positions had a txid is looked up by its id. */
export async function positionOfCursor(row: { lastId: number; lastTxid: number | null } | undefined, side: SyncSide): Promise<ChangePosition> {
  if (!row) return startOfOutbox;
  if (row.lastTxid !== null) return { txid: row.lastTxid, id: row.lastId };
  return row.lastId > 0 ? side.positionOf(row.lastId) : startOfOutbox;
}

export function definitionOf(row: MapRow): TableMapDefinition {
  return {
    id: row.id,
    name: row.name,
    hqEntity: row.hqEntity,
    crmEntity: row.crmEntity,
    fieldMaps: row.fieldMaps as TableMapDefinition['fieldMaps'],
    hqFilter: row.hqFilter,
    crmFilter: row.crmFilter,
    integrationKey: row.integrationKey as TableMapDefinition['integrationKey'],
    masterForInitialSync: row.masterForInitialSync as 'CRM' | 'HQ',
    executionOrder: row.executionOrder,
    alertRule: row.alertRule as TableMapDefinition['alertRule'],
  };
}

/** One clock entry per mapped pair of fields, whichever way a value last travelled. */
function clockKeyOf(map: TableMapDefinition, direction: SyncDirection, targetField: string): string {
  const pair = map.fieldMaps.find((f) => (direction === 'hq-to-crm' ? f.crmField : f.hqField) === targetField);
  return pair ? `${pair.hqField ?? ''}=${pair.crmField ?? ''}` : `${direction}:${targetField}`;
}

export interface EngineOptions {
  db: Db;
  sides: Sides;
  log: FastifyBaseLogger;
  batchSize?: number;
  /** Existing rows per initial-sync batch; progress is saved after each. */
  initialBatchSize?: number;
  /** How often to look for work when nothing signalled any. */
  pollMs?: number;
  /** The pause between cycles while changes trickle in (a full batch goes again at once). */
  cycleGapMs?: number;
  /** How long a side's horizon may stand still, with committed changes waiting behind it, before the map says so. */
  heldBackMs?: number;
  /** Told when an alert rule pauses a map. */
  onAlert?: (alert: { mapId: string; mapName: string; errors: number; withinMinutes: number }) => void;
}

interface Cycle {
  glance(side: 'hq' | 'crm'): Promise<Glance>;
  cursor(mapId: string, direction: SyncDirection): Promise<ChangePosition>;
}

type Outcome = {
  change: SideChange;
  status: 'Created' | 'Updated' | 'Unchanged' | 'Superseded' | 'Skipped' | 'Failed';
  targetKey?: string | undefined;
  detail?: string | undefined;
  fields?: string[] | undefined;
  waitingFor?: string | undefined;
};

const sideOf = (direction: SyncDirection): { source: 'hq' | 'crm'; target: 'hq' | 'crm' } => (direction === 'hq-to-crm' ? { source: 'hq', target: 'crm' } : { source: 'crm', target: 'hq' });

export function createEngine(options: EngineOptions) {
  const { db, sides, log } = options;
  const batchSize = options.batchSize ?? 1000;
  const initialBatchSize = options.initialBatchSize ?? 2000;
  const pollMs = options.pollMs ?? 500;
  const heldBackMs = options.heldBackMs ?? 30_000;
  const cycleGapMs = options.cycleGapMs ?? 25;
  // How long one map and direction may keep the engine while its batches come full (a catch-up) before the others' turn.
  const turnMs = 500;
  /** Since when each side's horizon has stood where it is, and when each map and direction last looked behind it. */
  const horizonSince = new Map<'hq' | 'crm', { horizon: number; since: number }>();
  const lookedBehind = new Map<string, number>();
  const holder = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  let running = false;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let kicked = false;
  let lastKick = 0;
  // Changes the last cycle handled: a full batch means more are waiting (a catch-up or an initial sync).
  let lastHandled = 0;
  // Set by a cycle that found signalled changes committed but still behind another open transaction's horizon.
  let behindHorizon = false;
  /** Backoff per map and direction while the target does not answer. */
  const waitUntil = new Map<string, number>();
  const waitReason = new Map<string, string>();
  const waitBackoff = new Map<string, number>();

  let leaseRenewedAt = 0;
  async function holdLease(): Promise<boolean> {
    // The lease runs 10 s from its renewal: renewed within the last 3 s, it is still ours without asking again.
    if (Date.now() - leaseRenewedAt < 3000) return true;
    const asked = Date.now();
    const rows = await db.execute<{ holder: string }>(sql`
      insert into ${leases} (name, holder, expires_at) values ('engine', ${holder}, now() + interval '10 seconds')
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where ${leases.holder} = ${holder} or ${leases.expiresAt} < now()
      returning holder`);
    const held = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).length > 0;
    leaseRenewedAt = held ? asked : 0;
    return held;
  }

  async function cursorOf(mapId: string, direction: SyncDirection): Promise<ChangePosition> {
    const [row] = await db.select().from(cursors).where(and(eq(cursors.mapId, mapId), eq(cursors.direction, direction)));
    return positionOfCursor(row, sides[sideOf(direction).source]);
  }

  /** Translates keys of a looked-up map for a batch; both directions' links are one table. */
  async function lookupTable(map: TableMapDefinition, direction: SyncDirection, changes: SideChange[]) {
    const wanted = new Map<string, Set<string>>();
    for (const f of map.fieldMaps) {
      if (!f.lookup) continue;
      const from = direction === 'hq-to-crm' ? f.hqField : f.crmField;
      if (!from) continue;
      const set = wanted.get(f.lookup) ?? new Set<string>();
      for (const c of changes) if (c.values[from] !== null && c.values[from] !== undefined) set.add(String(c.values[from]));
      wanted.set(f.lookup, set);
    }
    const found = new Map<string, string>();
    for (const [mapId, keys] of wanted) {
      if (keys.size === 0) continue;
      const list = [...keys];
      const rows = await db
        .select()
        .from(links)
        .where(and(eq(links.mapId, mapId), anyOf(direction === 'hq-to-crm' ? links.hqKey : links.crmKey, list)));
      for (const r of rows) found.set(`${mapId}:${direction === 'hq-to-crm' ? r.hqKey : r.crmKey}`, direction === 'hq-to-crm' ? r.crmKey : r.hqKey);
    }
    return (mapId: string, key: string) => found.get(`${mapId}:${key}`);
  }

  /**
   * Applies source changes to the target. Returns the outcomes; throws when the target is unreachable,
   * in which case nothing was recorded and the same changes are tried again later.
   */
  async function deliver(row: MapRow, direction: SyncDirection, changes: SideChange[], mode: 'live' | 'initial'): Promise<Outcome[]> {
    const map = definitionOf(row);
    const { source, target } = sideOf(direction);
    const sourceSide = sides[source];
    const targetSide = sides[target];
    const sourceEntity = source === 'hq' ? map.hqEntity : map.crmEntity;
    const targetEntity = target === 'hq' ? map.hqEntity : map.crmEntity;
    const filter = parseFilter(source === 'hq' ? map.hqFilter : map.crmFilter, Object.keys(sourceSide.entities[sourceEntity]!.fields));
    const outcomes: Outcome[] = [];
    const relevant: SideChange[] = [];
    for (const change of changes) {
      // The engine's own writes are never sent back: that is what stops echoes.
      if (change.origin === 'dualwrite') continue;
      if (!filter(change.values)) {
        outcomes.push({ change, status: 'Skipped', detail: 'The map filter leaves this row out.' });
        continue;
      }
      relevant.push(change);
    }
    if (relevant.length === 0) return outcomes;

    const sourceKeys = [...new Set(relevant.map((c) => c.key))];
    const linkRows = await db
      .select()
      .from(links)
      .where(and(eq(links.mapId, map.id), anyOf(direction === 'hq-to-crm' ? links.hqKey : links.crmKey, sourceKeys)));
    const linkOf = new Map(linkRows.map((l) => [direction === 'hq-to-crm' ? l.hqKey : l.crmKey, l]));
    const lookups = await lookupTable(map, direction, relevant);

    // Changes the other side made to the same rows and the engine has not yet delivered: a later one wins.
    const otherDirection: SyncDirection = direction === 'hq-to-crm' ? 'crm-to-hq' : 'hq-to-crm';
    const pendingOther = new Map<string, Map<string, number>>();
    if (mode === 'live' && directionsOf(map.fieldMaps).includes(otherDirection) && linkRows.length > 0) {
      const otherKeys = linkRows.map((l) => (direction === 'hq-to-crm' ? l.crmKey : l.hqKey));
      const otherCursor = await cursorOf(map.id, otherDirection);
      // As many as the batch is long, so that a larger DUALWRITE_BATCH_SIZE does not see fewer of them.
      const pending = await targetSide.readChanges(targetEntity, otherCursor, Math.max(batchSize, changes.length), { keys: otherKeys });
      for (const p of pending) {
        if (p.origin === 'dualwrite') continue;
        const fields = pendingOther.get(p.key) ?? new Map<string, number>();
        for (const f of p.changedFields) fields.set(f, Math.max(fields.get(f) ?? 0, p.at.getTime()));
        pendingOther.set(p.key, fields);
      }
    }

    const items: ApplyItem[] = [];
    const itemChange = new Map<number, { change: SideChange; fields: string[] }>();
    for (const [index, change] of relevant.entries()) {
      const link = linkOf.get(change.key);
      // A row the target has never seen is sent whole, whatever this change touched.
      const fields = link && !change.created ? new Set(change.changedFields) : 'all';
      const values = transform(map, direction, change.values, fields, lookups);
      if (values instanceof MissingParent) {
        outcomes.push({ change, status: 'Failed', detail: values.reason, waitingFor: values.waitingFor });
        continue;
      }
      const targetKey = link ? (direction === 'hq-to-crm' ? link.crmKey : link.hqKey) : null;
      const clock = (link?.clock ?? {}) as Record<string, number>;
      const otherPending = targetKey ? pendingOther.get(targetKey) : undefined;
      const at = change.at.getTime();
      const superseded: string[] = [];
      for (const field of Object.keys(values)) {
        const clockKey = clockKeyOf(map, direction, field);
        const newer = (clock[clockKey] ?? 0) > at || (otherPending?.get(field) ?? 0) > at;
        if (newer && link) {
          superseded.push(field);
          delete values[field];
        }
      }
      if (Object.keys(values).length === 0) {
        outcomes.push({ change, status: superseded.length > 0 ? 'Superseded' : 'Skipped', targetKey: targetKey ?? undefined, detail: superseded.length > 0 ? `A later change on the other side wins for ${superseded.join(', ')}.` : 'No mapped field changed.' });
        continue;
      }
      const keyFields = target === 'hq' ? map.integrationKey.hq : map.integrationKey.crm;
      const match = Object.fromEntries(keyFields.filter((f) => values[f] !== undefined && values[f] !== null).map((f) => [f, values[f]]));
      items.push({ ref: index, key: targetKey, match: keyFields.every((f) => f in match) ? match : {}, values, source: `${map.name}, ${change.entity} ${change.key}` });
      itemChange.set(index, { change, fields: Object.keys(values).concat(superseded.length > 0 ? [] : []) });
      if (superseded.length > 0) itemChange.get(index)!.fields.push(...superseded.map((f) => `-${f}`));
    }

    if (items.length > 0) {
      const results = await targetSide.apply(targetEntity, items);
      for (const result of results) {
        const { change, fields } = itemChange.get(result.ref)!;
        const applied = fields.filter((f) => !f.startsWith('-'));
        const lost = fields.filter((f) => f.startsWith('-')).map((f) => f.slice(1));
        if (result.status === 'failed') outcomes.push({ change, status: 'Failed', detail: result.reason, fields: applied });
        else {
          const status = result.status === 'created' ? 'Created' : result.status === 'updated' ? 'Updated' : 'Unchanged';
          outcomes.push({ change, status, targetKey: result.key, fields: applied, detail: lost.length > 0 ? `A later change on the other side wins for ${lost.join(', ')}.` : undefined });
        }
      }
      // The target's new key flows back to the source where the map says so (for example the customer account number).
      const writeBack = map.fieldMaps.find((f) => f.enabled && direction === 'crm-to-hq' && f.hqField === sides.hq.entities[map.hqEntity]!.key && f.direction !== '<' && f.crmField);
      const created = outcomes.filter((o) => o.status === 'Created' && o.targetKey);
      if (writeBack && created.length > 0) {
        await sourceSide.apply(
          sourceEntity,
          created.map((o, i) => ({ ref: i, key: o.change.key, match: {}, values: { [writeBack.crmField!]: o.targetKey }, source: map.name })),
        );
      }
    }
    return outcomes;
  }

  /** Records outcomes, links, errors and the cursor in one transaction of the dualwrite database. */
  async function record(row: MapRow, direction: SyncDirection, outcomes: Outcome[], cursor: ChangePosition | null, retryOf?: number) {
    const definition = definitionOf(row);
    const linked: { hq: string; crm: string }[] = [];
    await db.transaction(async (tx) => {
      const ok = outcomes.filter((o) => o.targetKey && ['Created', 'Updated', 'Unchanged'].includes(o.status));
      const pairs = ok.map((o) => ({
        hqKey: direction === 'hq-to-crm' ? o.change.key : o.targetKey!,
        crmKey: direction === 'hq-to-crm' ? o.targetKey! : o.change.key,
        stamp: Object.fromEntries((o.fields ?? []).map((f) => [clockKeyOf(definition, direction, f), o.change.at.getTime()])) as Record<string, number>,
      }));
      // One read of the batch's links, one update for the links whose clock moved, one insert for new links.
      const existing = new Map<string, typeof links.$inferSelect>();
      if (pairs.length > 0) for (const l of await tx.select().from(links).where(and(eq(links.mapId, row.id), anyOf(links.hqKey, [...new Set(pairs.map((p) => p.hqKey))])))) existing.set(l.hqKey, l);
      const fresh = new Map<string, { mapId: string; hqKey: string; crmKey: string; clock: Record<string, number> }>();
      const moved = new Map<string, { hq_key: string; crm_key: string; clock: Record<string, number> }>();
      for (const p of pairs) {
        const known = existing.get(p.hqKey);
        if (!known) {
          const clock = { ...(fresh.get(p.hqKey)?.clock ?? {}) };
          for (const [k, v] of Object.entries(p.stamp)) clock[k] = Math.max(clock[k] ?? 0, v);
          fresh.set(p.hqKey, { mapId: row.id, hqKey: p.hqKey, crmKey: p.crmKey, clock });
          continue;
        }
        const clock = { ...(known.clock as Record<string, number>) };
        let changed = known.crmKey !== p.crmKey;
        for (const [k, v] of Object.entries(p.stamp)) {
          if ((clock[k] ?? 0) < v) {
            clock[k] = v;
            changed = true;
          }
        }
        if (changed) {
          moved.set(p.hqKey, { hq_key: p.hqKey, crm_key: p.crmKey, clock });
          existing.set(p.hqKey, { ...known, clock, crmKey: p.crmKey });
        }
      }
      if (moved.size > 0) {
        await tx.execute(sql`
          update ${links} set crm_key = v.crm_key, clock = v.clock, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify([...moved.values()])}::jsonb) as v(hq_key text, crm_key text, clock jsonb)
          where ${links.mapId} = ${row.id} and ${links.hqKey} = v.hq_key`);
      }
      const inserts = [...fresh.values()];
      await bulkInsert(tx, links, inserts, { onConflictDoNothing: true });
      linked.push(...inserts.map((l) => ({ hq: l.hqKey, crm: l.crmKey })));
      await bulkInsert(
        tx,
        ledger,
        outcomes.map((o) => ({
          mapId: row.id,
          direction,
          changeId: o.change.id > 0 ? o.change.id : null,
          sourceKey: o.change.key,
          targetKey: o.targetKey ?? null,
          status: o.status,
          origin: o.change.origin,
          fields: o.fields ?? null,
          detail: o.detail ?? null,
          sourceAt: o.change.at,
        })),
      );
      const failed = outcomes.filter((o) => o.status === 'Failed');
      if (retryOf !== undefined) {
        if (failed.length > 0) {
          await tx
            .update(syncErrors)
            .set({ reason: failed[0]!.detail ?? 'Failed', attempts: sql`${syncErrors.attempts} + 1`, waitingFor: failed[0]!.waitingFor ?? null, updatedAt: new Date() })
            .where(eq(syncErrors.id, retryOf));
        } else {
          await tx.update(syncErrors).set({ status: 'Resolved', waitingFor: null, updatedAt: new Date() }).where(eq(syncErrors.id, retryOf));
        }
      } else if (failed.length > 0) {
        await tx.insert(syncErrors).values(
          failed.map((o) => ({
            mapId: row.id,
            direction,
            changeId: o.change.id > 0 ? o.change.id : null,
            sourceKey: o.change.key,
            reason: o.detail ?? 'Failed',
            change: { ...o.change, at: o.change.at.toISOString() },
            status: 'Pending',
            waitingFor: o.waitingFor ?? null,
          })),
        );
      }
      if (cursor !== null) {
        const position = { lastId: cursor.id, lastTxid: cursor.txid };
        await tx
          .insert(cursors)
          .values({ mapId: row.id, direction, ...position })
          .onConflictDoUpdate({ target: [cursors.mapId, cursors.direction], set: position });
      }
      if (outcomes.some((o) => o.status !== 'Skipped')) await tx.update(tableMaps).set({ lastSyncedAt: new Date() }).where(eq(tableMaps.id, row.id));
    });
    if (linked.length > 0) await wakeWaiting(row.id, linked);
    if (outcomes.some((o) => o.status === 'Failed') && retryOf === undefined) await checkAlert(row);
  }

  /** Errors that waited for these parents retry now. */
  async function wakeWaiting(mapId: string, linked: { hq: string; crm: string }[]) {
    const [anyWaiting] = await db.select({ id: syncErrors.id }).from(syncErrors).where(and(eq(syncErrors.status, 'Pending'), sql`${syncErrors.waitingFor} like ${`${mapId}:%`}`)).limit(1);
    if (!anyWaiting) return;
    const names = linked.flatMap((l) => [`${mapId}:hq-to-crm:${l.hq}`, `${mapId}:crm-to-hq:${l.crm}`]);
    const waiting = await db
      .select({ id: syncErrors.id })
      .from(syncErrors)
      .where(and(eq(syncErrors.status, 'Pending'), anyOf(syncErrors.waitingFor, names)))
      .orderBy(asc(syncErrors.id));
    for (const e of waiting) await retry(e.id).catch((error: unknown) => log.warn({ err: error }, 'dual-write: retry after parent failed'));
  }

  async function checkAlert(row: MapRow) {
    const rule = definitionOf(row).alertRule;
    if (!rule || rule.action !== 'Pause') return;
    const since = new Date(Date.now() - rule.withinMinutes * 60_000);
    const [n] = await db.select({ n: count() }).from(syncErrors).where(and(eq(syncErrors.mapId, row.id), gte(syncErrors.createdAt, since), sql`${syncErrors.waitingFor} is null`));
    if ((n?.n ?? 0) < rule.errors) return;
    const reason = `Paused by its alert rule: ${n!.n} errors within ${rule.withinMinutes} minutes.`;
    const updated = await db.update(tableMaps).set({ status: 'Paused', statusReason: reason, updatedAt: new Date() }).where(and(eq(tableMaps.id, row.id), eq(tableMaps.status, 'Running'))).returning();
    if (updated.length === 0) return;
    await db.insert(activity).values({ mapId: row.id, event: 'Paused by alert rule', detail: reason, actor: 'Dual-write' });
    log.warn({ map: row.id }, reason);
    options.onAlert?.({ mapId: row.id, mapName: row.name, errors: n!.n, withinMinutes: rule.withinMinutes });
  }

  /** Retries one logged error with the change it stored; it stays logged with a new reason if it fails again. */
  async function retry(errorId: number): Promise<'Resolved' | 'Pending'> {
    const [error] = await db.select().from(syncErrors).where(eq(syncErrors.id, errorId));
    if (!error || error.status !== 'Pending') return 'Resolved';
    const [row] = await db.select().from(tableMaps).where(eq(tableMaps.id, error.mapId));
    if (!row) return 'Pending';
    const stored = error.change as SideChange & { at: string };
    const change: SideChange = { ...stored, at: new Date(stored.at) };
    const outcomes = await deliver(row, error.direction as SyncDirection, [change], 'live');
    await record(row, error.direction as SyncDirection, outcomes, null, errorId);
    return outcomes.some((o) => o.status === 'Failed') ? 'Pending' : 'Resolved';
  }

  /**
   * True when the side's horizon has stood still for `heldBackMs` while committed changes of this map wait behind it
   * (the caller knows there are some): a transaction left open holds sync back. Once per `heldBackMs` per map and direction.
   */
  function heldBack(side: 'hq' | 'crm', horizon: number, waitKey: string): boolean {
    const now = Date.now();
    const seen = horizonSince.get(side);
    if (!seen || seen.horizon !== horizon) {
      horizonSince.set(side, { horizon, since: now });
      return false;
    }
    if (now - seen.since < heldBackMs || now - (lookedBehind.get(waitKey) ?? 0) < heldBackMs) return false;
    lookedBehind.set(waitKey, now);
    return true;
  }

  /** Puts a reason on the map's status line once; the next batch that goes through clears it. */
  async function say(row: MapRow, waitKey: string, reason: string) {
    if (waitReason.get(waitKey) === reason) return;
    waitReason.set(waitKey, reason);
    log.warn({ map: row.id }, reason);
    await db.update(tableMaps).set({ statusReason: reason }).where(eq(tableMaps.id, row.id));
  }

  /**
   * Delivers `first` and, while batches come full and the turn lasts, the batches after it, each recorded while the
   * next is read and delivered: recording (ledger, links, cursor) took a third of a catch-up's time, one core idle.
   * Records commit in order, so the cursor only moves forward; a batch touching a row whose record is still being
   * written waits for it (its link carries the conflict clock). Should the process die in between, the batches
   * after the cursor are read again and find their rows applied (Unchanged), as after any crash.
   */
  async function deliverInTurn(row: MapRow, direction: SyncDirection, first: SideChange[], readAfter: (position: ChangePosition) => Promise<SideChange[]>): Promise<number> {
    const turnEnds = Date.now() + turnMs;
    let batch = first;
    let handled = 0;
    let recording: Promise<void> = Promise.resolve();
    let recordingKeys = new Set<string>();
    try {
      for (;;) {
        if (batch.some((c) => recordingKeys.has(c.key))) await recording;
        const outcomes = await deliver(row, direction, batch, 'live');
        const last = batch.at(-1)!;
        const previous = recording;
        recording = previous.then(() => record(row, direction, outcomes, { txid: last.txid, id: last.id }));
        // Handled here so that a failure while the next batch is delivered is not an unhandled rejection; awaited below.
        recording.catch(() => undefined);
        recordingKeys = new Set(batch.map((c) => c.key));
        handled += batch.length;
        if (batch.length < batchSize || Date.now() >= turnEnds) break;
        batch = await readAfter({ txid: last.txid, id: last.id });
        if (batch.length === 0) break;
      }
    } finally {
      // Never leave a record running into the next cycle (it reads the cursor that record writes).
      await recording.catch(() => undefined);
    }
    await recording;
    return handled;
  }

  /** One batch of live changes for one map and direction, up to the cycle's horizon; the number handled. */
  async function syncBatch(row: MapRow, direction: SyncDirection, cycle: Cycle): Promise<number> {
    const waitKey = `${row.id}:${direction}`;
    if ((waitUntil.get(waitKey) ?? 0) > Date.now()) return 0;
    const { source, target } = sideOf(direction);
    const entity = source === 'hq' ? row.hqEntity : row.crmEntity;
    let failing = source;
    try {
      const glance = await cycle.glance(source);
      const newest = glance.newest.get(entity);
      const cursor = await cycle.cursor(row.id, direction);
      // Nothing committed after the cursor: no statement for this map. (A row that commits later, out of id
      // order, has a transaction id at or above this cycle's horizon, so it still lies after the cursor.)
      if (!newest || !isAfter(newest, cursor)) return 0;
      const changes = await sides[source].readChanges(entity, cursor, batchSize, { horizon: glance.horizon });
      if (changes.length === 0) {
        // Committed changes wait behind an older open transaction (any in the database). Soon after a signal, look
        // again shortly instead of at the poll, which with a worker process may be long.
        if (Date.now() - lastKick < 10_000) behindHorizon = true;
        if (heldBack(source, glance.horizon, waitKey)) {
          await say(row, waitKey, `${source === 'crm' ? 'The CRM' : 'HQ'} has a transaction open for more than ${Math.round(heldBackMs / 1000)} s; changes committed after it wait until it ends (delayed, not lost).`);
        }
        return 0;
      }
      failing = target;
      const handled = await deliverInTurn(row, direction, changes, async (after) => {
        failing = source;
        const next = await sides[source].readChanges(entity, after, batchSize, { horizon: glance.horizon });
        failing = target;
        return next;
      });
      if (waitReason.delete(waitKey)) await db.update(tableMaps).set({ statusReason: null }).where(eq(tableMaps.id, row.id));
      waitUntil.delete(waitKey);
      waitBackoff.delete(waitKey);
      return handled;
    } catch (error) {
      // Back off while the other side is down: 250 ms, doubling up to 5 s.
      const previous = waitUntil.has(waitKey) ? Math.min(5000, Math.max(250, 2 * (waitBackoff.get(waitKey) ?? 125))) : 250;
      waitBackoff.set(waitKey, previous);
      waitUntil.set(waitKey, Date.now() + previous);
      const reason = isUnreachable(error)
        ? `${failing === 'crm' ? 'The CRM' : 'HQ'} does not answer; changes wait in order and are applied when it is back.`
        : `Sync stopped at a change it could not handle (${plainMessage(error)}); it is tried again.`;
      if (waitReason.get(waitKey) !== reason) {
        waitReason.set(waitKey, reason);
        log.warn({ err: error, map: row.id, direction }, 'dual-write: delivery waits');
        await db
          .update(tableMaps)
          .set({ statusReason: reason })
          .where(eq(tableMaps.id, row.id))
          .catch(() => {});
      }
      return 0;
    }
  }

  /**
   * What one cycle reads once and shares between its maps: every cursor (one statement), and per side one glance —
   * the horizon and each entity's newest change. One horizon per side for the whole cycle means every map sees the
   * same committed transactions, so a parent (the contact) and its child (the account) written together are applied
   * in the maps' execution order.
   */
  function newCycle(maps: MapRow[]): Cycle {
    const glances = new Map<'hq' | 'crm', Promise<Glance>>();
    let stored: Promise<Map<string, typeof cursors.$inferSelect>> | undefined;
    return {
      glance(side) {
        if (!glances.has(side)) {
          const entities = new Set(maps.map((m) => (side === 'hq' ? m.hqEntity : m.crmEntity)));
          glances.set(side, sides[side].glance([...entities]));
        }
        return glances.get(side)!;
      },
      async cursor(mapId, direction) {
        stored ??= db
          .select()
          .from(cursors)
          .execute()
          .then((rows) => new Map(rows.map((r) => [`${r.mapId}:${r.direction}`, r])));
        return positionOfCursor((await stored).get(`${mapId}:${direction}`), sides[sideOf(direction).source]);
      },
    };
  }

  async function tick(): Promise<number> {
    if (!(await holdLease())) return 0;
    const maps = await db
      .select()
      .from(tableMaps)
      .where(or(eq(tableMaps.status, 'Running'), eq(tableMaps.status, 'Initializing')))
      .orderBy(asc(tableMaps.executionOrder), asc(tableMaps.id));
    const cycle = newCycle(maps);
    let handled = 0;
    for (const row of maps) {
      if (row.status === 'Initializing') handled += await initialBatch(row);
      for (const direction of directionsOf(definitionOf(row).fieldMaps)) handled += await syncBatch(row, direction, cycle);
    }
    return handled;
  }

  /** One batch of the map's initial sync; resumable because progress is saved after each batch. */
  async function initialBatch(row: MapRow): Promise<number> {
    const [run] = await db.select().from(initialSyncRuns).where(and(eq(initialSyncRuns.mapId, row.id), eq(initialSyncRuns.status, 'Running'))).orderBy(asc(initialSyncRuns.id)).limit(1);
    if (!run) {
      await db.update(tableMaps).set({ status: 'Running', statusReason: null, updatedAt: new Date() }).where(and(eq(tableMaps.id, row.id), eq(tableMaps.status, 'Initializing')));
      await db.insert(activity).values({ mapId: row.id, event: 'Initial sync completed', actor: 'Dual-write' });
      return 0;
    }
    const direction = run.direction as SyncDirection;
    const { source } = sideOf(direction);
    const entity = source === 'hq' ? row.hqEntity : row.crmEntity;
    try {
      const rows = await sides[source].list(entity, run.afterKey, initialBatchSize);
      if (rows.length === 0) {
        await db.update(initialSyncRuns).set({ status: 'Completed', finishedAt: new Date(), updatedAt: new Date() }).where(eq(initialSyncRuns.id, run.id));
        return 0;
      }
      // The master's rows went first; the other side only adds rows that are not linked yet.
      const master = definitionOf(row).masterForInitialSync === 'HQ' ? 'hq-to-crm' : 'crm-to-hq';
      let candidates = rows;
      if (direction !== master) {
        const keys = rows.map((r) => r.key);
        const linked = await db.select({ hq: links.hqKey, crm: links.crmKey }).from(links).where(and(eq(links.mapId, row.id), anyOf(direction === 'hq-to-crm' ? links.hqKey : links.crmKey, keys)));
        const done = new Set(linked.map((l) => (direction === 'hq-to-crm' ? l.hq : l.crm)));
        candidates = rows.filter((r) => !done.has(r.key));
      }
      const now = new Date();
      const changes: SideChange[] = candidates.map((r) => ({ id: 0, txid: 0, entity, key: r.key, values: r.values, changedFields: Object.keys(r.values), created: true, at: now, origin: 'initial-sync' }));
      const outcomes = changes.length > 0 ? await deliver(row, direction, changes, 'initial') : [];
      await record(row, direction, outcomes.filter((o) => o.status !== 'Skipped'), null);
      const failed = outcomes.filter((o) => o.status === 'Failed').length;
      await db
        .update(initialSyncRuns)
        .set({ done: sql`${initialSyncRuns.done} + ${rows.length}`, errors: sql`${initialSyncRuns.errors} + ${failed}`, afterKey: rows.at(-1)!.key, updatedAt: new Date() })
        .where(eq(initialSyncRuns.id, run.id));
      return rows.length;
    } catch (error) {
      if (!isUnreachable(error)) {
        log.error({ err: error, map: row.id }, 'dual-write: initial sync failed');
        await db.update(initialSyncRuns).set({ status: 'Failed', finishedAt: new Date(), updatedAt: new Date() }).where(eq(initialSyncRuns.id, run.id));
        await db.update(tableMaps).set({ status: 'Error', statusReason: `Initial sync failed: ${error instanceof Error ? error.message : String(error)}` }).where(eq(tableMaps.id, row.id));
      }
      return 0;
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), delay);
  }

  async function loop() {
    if (running || stopped) return;
    running = true;
    kicked = false;
    behindHorizon = false;
    let handled = 0;
    current = (async () => {
      try {
        handled = await tick();
      } catch (error) {
        log.error({ err: error }, 'dual-write: engine tick failed');
      }
    })();
    await current;
    running = false;
    lastHandled = handled;
    // A full batch: more is waiting, go again at once. Some work, or a signal that arrived while busy: again after a
    // short gap, so that a stream of single changes travels in batches instead of a cycle each. A signal sent from
    // inside a transaction may arrive before its commit, so look again shortly after one; otherwise wait for a
    // signal or the poll.
    schedule(handled >= batchSize ? 0 : handled > 0 || kicked ? cycleGapMs : behindHorizon ? 50 : Date.now() - lastKick < 300 ? 20 : pollMs);
  }

  return {
    holder,
    tick,
    retry,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    /** Something changed on one side: look soon (changes committed a moment after the signal are caught by a second look). */
    kick() {
      if (stopped) return;
      lastKick = Date.now();
      if (running) {
        kicked = true;
        return;
      }
      schedule(5);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      leaseRenewedAt = 0;
      await db.delete(leases).where(and(eq(leases.name, 'engine'), eq(leases.holder, holder))).catch(() => {});
    },
    /** A backlog is being worked through: the last cycle took a full batch and the next follows at once. */
    catchingUp: () => !stopped && lastHandled >= batchSize,
    /** Releases a lease that a crashed engine still holds (tests, operations). */
    async expireLeases() {
      await db.update(leases).set({ expiresAt: new Date(0) }).where(lt(leases.expiresAt, new Date(Date.now() + 60_000)));
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
export type { MapStatus };
