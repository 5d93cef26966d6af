// Table maps as people operate them: status and counts, run / pause / resume / stop, field maps, errors, ledger.
import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../platform/db.ts';
import { prefixPattern } from '../platform/db.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { cursorColumns, dateRangeFilter, keysetAfter, keysetOrder, lastCursor } from '../platform/list-query.ts';
import type { Keyset } from '../platform/list-query.ts';
import type { Batch, Cursor } from '../platform/csv.ts';
import { notifyOtherProcesses } from '../platform/change-signal.ts';
import { activity, cursors, initialSyncRuns, ledger, syncErrors, tableMaps } from './schema.ts';
import { commerceMapEarlierNames, commerceMaps, directionSymbol, directionsOf, MapDefinitionError, validateMap } from './table-map.ts';
import type { FieldMap, MapStatus, SyncDirection, TableMapDefinition } from './table-map.ts';
import { definitionOf, positionOfCursor } from './engine.ts';
import type { Engine, MapRow, Sides } from './engine.ts';

/** The ledger's filters (the list adds paging; the CSV export takes them as they are). */
export interface RecordFilters {
  map?: string | undefined;
  key?: string | undefined;
  status?: string | undefined;
  /** Handled on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}
export interface ErrorFilters {
  map?: string | undefined;
  status?: string | undefined;
  /** Failed on or after / on or before these days (UTC). */
  from?: string | undefined;
  to?: string | undefined;
}

// Newest first: ids grow with time, so the id is the key and its own tie-break.
const ledgerKeyset: Keyset = { key: ledger.id, id: ledger.id, descending: true, idDescending: true };
const errorKeyset: Keyset = { key: syncErrors.id, id: syncErrors.id, descending: true, idDescending: true };

function recordFilters(query: RecordFilters): SQL | undefined {
  const filters: SQL[] = [...dateRangeFilter(ledger.at, query)];
  if (query.map) filters.push(eq(ledger.mapId, query.map));
  if (query.status) filters.push(eq(ledger.status, query.status));
  if (query.key) {
    const pattern = prefixPattern(query.key.toLowerCase());
    filters.push(or(sql`lower(${ledger.sourceKey}) like ${pattern}`, sql`lower(${ledger.targetKey}) like ${pattern}`)!);
  }
  return filters.length > 0 ? and(...filters) : undefined;
}

function errorFilters(query: ErrorFilters): SQL | undefined {
  return and(...dateRangeFilter(syncErrors.createdAt, query), query.map ? eq(syncErrors.mapId, query.map) : undefined, eq(syncErrors.status, query.status ?? 'Pending'));
}

function ledgerItem(r: typeof ledger.$inferSelect) {
  return {
    id: r.id,
    mapId: r.mapId,
    direction: r.direction as SyncDirection,
    sourceKey: r.sourceKey,
    targetKey: r.targetKey,
    changeId: r.changeId,
    status: r.status,
    origin: r.origin,
    fields: (r.fields as string[] | null) ?? [],
    detail: r.detail,
    sourceAt: r.sourceAt?.toISOString() ?? null,
    at: r.at.toISOString(),
  };
}

function errorItem(e: typeof syncErrors.$inferSelect) {
  return {
    id: e.id,
    mapId: e.mapId,
    direction: e.direction as SyncDirection,
    key: e.sourceKey,
    reason: e.reason,
    waitingForParent: e.waitingFor !== null,
    attempts: e.attempts,
    status: e.status,
    payload: (e.change as { values: unknown }).values,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function createMaps(db: Db, sides: Sides, engine: () => Engine) {
  async function load(id: string): Promise<MapRow> {
    const [row] = await db.select().from(tableMaps).where(eq(tableMaps.id, id));
    if (!row) throw notFound(`Table map ${id}`);
    return row;
  }

  async function pendingOf(row: MapRow) {
    let pending = 0;
    for (const direction of directionsOf(definitionOf(row).fieldMaps)) {
      const [c] = await db.select().from(cursors).where(and(eq(cursors.mapId, row.id), eq(cursors.direction, direction)));
      const side = direction === 'hq-to-crm' ? sides.hq : sides.crm;
      pending += await positionOfCursor(c, side)
        .then((position) => side.countChanges(direction === 'hq-to-crm' ? row.hqEntity : row.crmEntity, position))
        .catch(() => 0);
    }
    return pending;
  }

  async function summary(row: MapRow) {
    // A change waiting for its parent (on its way through another map) is not a failure.
    const [errors] = await db
      .select({ failed: sql<number>`count(*) filter (where ${syncErrors.waitingFor} is null)`.mapWith(Number), waiting: sql<number>`count(${syncErrors.waitingFor})`.mapWith(Number) })
      .from(syncErrors)
      .where(and(eq(syncErrors.mapId, row.id), eq(syncErrors.status, 'Pending')));
    return {
      id: row.id,
      name: row.name,
      source: row.hqEntity,
      target: row.crmEntity,
      hqEntity: row.hqEntity,
      crmEntity: row.crmEntity,
      status: row.status as MapStatus,
      statusReason: row.statusReason,
      directions: directionsOf(definitionOf(row).fieldMaps),
      pending: await pendingOf(row),
      failed: errors?.failed ?? 0,
      waiting: errors?.waiting ?? 0,
      lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    };
  }

  /** A map runs again: the engine looks now, here or, in a web-only process, in the worker. */
  async function wake() {
    engine().kick();
    await notifyOtherProcesses(db, 'sync');
  }

  async function setStatus(id: string, from: MapStatus[], to: MapStatus, event: string, actor: string, extra: Partial<MapRow> = {}) {
    const row = await load(id);
    if (!from.includes(row.status as MapStatus)) {
      throw new DomainError('conflict', `The map is ${row.status}; it can be ${event.toLowerCase()} only when it is ${from.join(' or ')}.`);
    }
    await db.transaction(async (tx) => {
      await tx.update(tableMaps).set({ status: to, statusReason: null, updatedAt: new Date(), ...extra }).where(eq(tableMaps.id, id));
      await tx.insert(activity).values({ mapId: id, event, actor });
    });
    await wake();
  }

  return {
    /** First start: the Commerce solution's maps, running, reading both sides from the beginning. */
    async seed() {
      for (const map of commerceMaps) {
        await db
          .insert(tableMaps)
          .values({ ...map, status: 'Running', fieldMaps: map.fieldMaps, integrationKey: map.integrationKey })
          .onConflictDoNothing();
        // A database seeded before the maps were renamed: rename them, unless someone chose another name.
        const earlier = commerceMapEarlierNames[map.id];
        if (earlier) await db.update(tableMaps).set({ name: map.name }).where(and(eq(tableMaps.id, map.id), eq(tableMaps.name, earlier)));
      }
    },

    async list() {
      const rows = await db.select().from(tableMaps).orderBy(asc(tableMaps.executionOrder), asc(tableMaps.id));
      return Promise.all(rows.map(summary));
    },

    async get(id: string) {
      const row = await load(id);
      const definition = definitionOf(row);
      const runs = await db.select().from(initialSyncRuns).where(eq(initialSyncRuns.mapId, id)).orderBy(desc(initialSyncRuns.id)).limit(4);
      const log = await db.select().from(activity).where(eq(activity.mapId, id)).orderBy(desc(activity.id)).limit(50);
      return {
        ...(await summary(row)),
        version: row.version,
        fieldMaps: definition.fieldMaps.map((f, index) => ({ index, ...f, symbol: directionSymbol(f) })),
        hqFilter: row.hqFilter,
        crmFilter: row.crmFilter,
        integrationKey: definition.integrationKey,
        masterForInitialSync: definition.masterForInitialSync,
        executionOrder: row.executionOrder,
        alertRule: definition.alertRule,
        initialSync: runs.map((r) => {
          const seconds = Math.max(0.001, ((r.finishedAt ?? r.updatedAt).getTime() - r.startedAt.getTime()) / 1000);
          const rate = r.done / seconds;
          return {
            id: r.id,
            direction: r.direction as SyncDirection,
            status: r.status,
            done: r.done,
            total: r.total,
            errors: r.errors,
            ratePerSecond: Math.round(rate),
            secondsLeft: r.status === 'Running' && rate > 0 ? Math.round(Math.max(0, r.total - r.done) / rate) : null,
            startedAt: r.startedAt.toISOString(),
            finishedAt: r.finishedAt?.toISOString() ?? null,
          };
        }),
        activity: log.map((a) => ({ event: a.event, detail: a.detail, actor: a.actor, at: a.at.toISOString() })),
        fields: {
          hq: Object.entries(sides.hq.entities[row.hqEntity]!.fields).map(([name, f]) => ({ name, ...f })),
          crm: Object.entries(sides.crm.entities[row.crmEntity]!.fields).map(([name, f]) => ({ name, ...f })),
        },
      };
    },

    /** Runs a map that is not running: from now on, with an initial sync of existing rows unless skipped. */
    async run(id: string, actor: string, initialSync: boolean, alsoWhenRunning = false) {
      const row = await load(id);
      if (row.status === 'Paused' && !alsoWhenRunning) return this.resume(id, actor);
      const allowed = alsoWhenRunning ? ['NotRunning', 'Stopped', 'Error', 'Running', 'Paused'] : ['NotRunning', 'Stopped', 'Error'];
      if (!allowed.includes(row.status)) throw new DomainError('conflict', `The map is ${row.status}; only a map that is not running can be run.`);
      const definition = definitionOf(row);
      const directions = directionsOf(definition.fieldMaps);
      const sideOf = (direction: SyncDirection) => (direction === 'hq-to-crm' ? { side: sides.hq, entity: row.hqEntity } : { side: sides.crm, entity: row.crmEntity });
      // Read the other systems before the transaction: on the embedded database every context shares one connection.
      const keepPlace = row.status === 'Running' || row.status === 'Paused';
      const starts = keepPlace ? [] : await Promise.all(directions.map(async (direction) => ({ direction, position: await sideOf(direction).side.latestPosition() })));
      const master: SyncDirection = definition.masterForInitialSync === 'HQ' ? 'hq-to-crm' : 'crm-to-hq';
      const runs = initialSync
        ? await Promise.all([...directions].sort((a) => (a === master ? -1 : 1)).map(async (direction) => ({ direction, total: await sideOf(direction).side.count(sideOf(direction).entity) })))
        : [];
      await db.transaction(async (tx) => {
        // Live sync starts from now (a running map keeps its place); the initial sync covers what existed before.
        for (const { direction, position } of starts) {
          const place = { lastId: position.id, lastTxid: position.txid };
          await tx.insert(cursors).values({ mapId: id, direction, ...place }).onConflictDoUpdate({ target: [cursors.mapId, cursors.direction], set: place });
        }
        // A new initial sync replaces one still under way; it starts over and links what exists.
        if (runs.length > 0) await tx.update(initialSyncRuns).set({ status: 'Failed', finishedAt: new Date() }).where(and(eq(initialSyncRuns.mapId, id), eq(initialSyncRuns.status, 'Running')));
        for (const { direction, total } of runs) await tx.insert(initialSyncRuns).values({ mapId: id, direction, status: 'Running', total });
        await tx.update(tableMaps).set({ status: initialSync ? 'Initializing' : 'Running', statusReason: null, updatedAt: new Date() }).where(eq(tableMaps.id, id));
        await tx.insert(activity).values({ mapId: id, event: initialSync ? 'Run with initial sync' : 'Run without initial sync', actor });
      });
      await wake();
    },

    pause: (id: string, actor: string) => setStatus(id, ['Running'], 'Paused', 'Paused', actor),
    resume: (id: string, actor: string) => setStatus(id, ['Paused'], 'Running', 'Resumed', actor),
    async stop(id: string, actor: string) {
      await db.update(initialSyncRuns).set({ status: 'Failed', finishedAt: new Date() }).where(and(eq(initialSyncRuns.mapId, id), eq(initialSyncRuns.status, 'Running')));
      await setStatus(id, ['Running', 'Paused', 'Initializing', 'Error'], 'Stopped', 'Stopped', actor);
    },

    /** Replaces the field maps, filters or alert rule after validating the whole definition; a bad one changes nothing. */
    async update(id: string, patch: { fieldMaps?: FieldMap[]; hqFilter?: string | null; crmFilter?: string | null; alertRule?: TableMapDefinition['alertRule'] }, actor: string) {
      const row = await load(id);
      const next: TableMapDefinition = { ...definitionOf(row), ...patch };
      const ids = (await db.select({ id: tableMaps.id }).from(tableMaps)).map((r) => r.id);
      try {
        validateMap(next, sides.hq.entities[row.hqEntity]!, sides.crm.entities[row.crmEntity]!, ids);
      } catch (error) {
        if (error instanceof MapDefinitionError) throw DomainError.invalid('fieldMaps', error.message);
        throw error;
      }
      await db.transaction(async (tx) => {
        const [saved] = await tx
          .update(tableMaps)
          .set({ fieldMaps: next.fieldMaps, hqFilter: next.hqFilter, crmFilter: next.crmFilter, alertRule: next.alertRule, version: sql`${tableMaps.version} + 1`, updatedAt: new Date() })
          .where(and(eq(tableMaps.id, id), eq(tableMaps.version, row.version)))
          .returning();
        if (!saved) throw new DomainError('conflict', 'Someone else changed this map a moment ago; reload it and try again.');
        await tx.insert(activity).values({ mapId: id, event: 'Map changed', detail: Object.keys(patch).join(', '), actor });
      });
      return this.get(id);
    },

    async errors(query: ErrorFilters & { limit: number; offset: number }) {
      const where = errorFilters(query);
      const rows = await db.select().from(syncErrors).where(where).orderBy(...keysetOrder(errorKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(syncErrors).where(where);
      return { items: rows.map(errorItem), total: total?.n ?? 0 };
    },

    /** The failures after the cursor, newest first, for a CSV export. */
    async exportErrors(query: ErrorFilters, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof errorItem>>> {
      const rows = await db
        .select({ error: syncErrors, ...cursorColumns(errorKeyset) })
        .from(syncErrors)
        .where(and(errorFilters(query), after ? keysetAfter(errorKeyset, after) : undefined))
        .orderBy(...keysetOrder(errorKeyset))
        .limit(size);
      return { items: rows.map((r) => errorItem(r.error)), cursor: lastCursor(rows) };
    },

    async retry(id: number) {
      const [row] = await db.select().from(syncErrors).where(eq(syncErrors.id, id));
      if (!row) throw notFound(`Error ${id}`);
      return { id, status: await engine().retry(id) };
    },

    async retryAll(mapId: string) {
      await load(mapId);
      const rows = await db.select({ id: syncErrors.id }).from(syncErrors).where(and(eq(syncErrors.mapId, mapId), eq(syncErrors.status, 'Pending'))).orderBy(asc(syncErrors.id));
      let resolved = 0;
      for (const r of rows) if ((await engine().retry(r.id)) === 'Resolved') resolved++;
      return { retried: rows.length, resolved };
    },

    async records(query: RecordFilters & { limit: number; offset: number }) {
      const where = recordFilters(query);
      const rows = await db.select().from(ledger).where(where).orderBy(...keysetOrder(ledgerKeyset)).limit(query.limit).offset(query.offset);
      const [total] = await db.select({ n: count() }).from(ledger).where(where);
      return { items: rows.map(ledgerItem), total: total?.n ?? 0 };
    },

    /** The ledger's records after the cursor, newest first, for a CSV export. */
    async exportRecords(query: RecordFilters, after: Cursor | null, size: number): Promise<Batch<ReturnType<typeof ledgerItem>>> {
      const rows = await db
        .select({ record: ledger, ...cursorColumns(ledgerKeyset) })
        .from(ledger)
        .where(and(recordFilters(query), after ? keysetAfter(ledgerKeyset, after) : undefined))
        .orderBy(...keysetOrder(ledgerKeyset))
        .limit(size);
      return { items: rows.map((r) => ledgerItem(r.record)), cursor: lastCursor(rows) };
    },
  };
}

export type Maps = ReturnType<typeof createMaps>;
