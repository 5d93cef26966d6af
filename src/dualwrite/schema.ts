// Tables of the dualwrite schema: table maps as data, cursors, links, the per-record ledger, errors and runs.
import { sql } from 'drizzle-orm';
import { pgSchema, text, timestamp, bigserial, bigint, jsonb, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';

export const dualwrite = pgSchema('dualwrite');

export const tableMaps = dualwrite.table('table_maps', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  hqEntity: text('hq_entity').notNull(),
  crmEntity: text('crm_entity').notNull(),
  /** NotRunning, Running, Paused, Stopped, Error. */
  status: text('status').notNull(),
  /** Why the map is paused or in error, in plain words. */
  statusReason: text('status_reason'),
  fieldMaps: jsonb('field_maps').notNull(),
  hqFilter: text('hq_filter'),
  crmFilter: text('crm_filter'),
  integrationKey: jsonb('integration_key').notNull(),
  masterForInitialSync: text('master_for_initial_sync').notNull().default('CRM'),
  executionOrder: integer('execution_order').notNull().default(0),
  alertRule: jsonb('alert_rule'),
  version: integer('version').notNull().default(1),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** How far each map has read each side's outbox. */
export const cursors = dualwrite.table(
  'cursors',
  {
    mapId: text('map_id').notNull(),
    direction: text('direction').notNull(),
    lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
    /** The transaction of the last change read; null for a cursor written before positions had one. */
    lastTxid: bigint('last_txid', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.mapId, t.direction] })],
);

/** Which HQ row is which CRM row, and when each field last changed (the conflict clock). */
export const links = dualwrite.table(
  'links',
  {
    mapId: text('map_id').notNull(),
    hqKey: text('hq_key').notNull(),
    crmKey: text('crm_key').notNull(),
    clock: jsonb('clock').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mapId, t.hqKey] }), uniqueIndex('links_crm_idx').on(t.mapId, t.crmKey)],
);

/** The fate of every change the engine handled. */
export const ledger = dualwrite.table(
  'ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mapId: text('map_id').notNull(),
    direction: text('direction').notNull(),
    changeId: bigint('change_id', { mode: 'number' }),
    sourceKey: text('source_key').notNull(),
    targetKey: text('target_key'),
    /** Created, Updated, Unchanged, Superseded, Skipped, Failed. */
    status: text('status').notNull(),
    origin: text('origin').notNull(),
    fields: jsonb('fields'),
    detail: text('detail'),
    sourceAt: timestamp('source_at', { withTimezone: true }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The records list finds a key by its beginning, in any case: lower() with text_pattern_ops serves that LIKE (a plain
  // index on the key served no query: ILIKE, and LIKE outside the C collation, cannot use it).
  (t) => [
    index('ledger_map_idx').on(t.mapId, t.id),
    index('ledger_source_idx').on(sql`lower(${t.sourceKey}) text_pattern_ops`),
    index('ledger_target_idx').on(sql`lower(${t.targetKey}) text_pattern_ops`),
  ],
);

export const syncErrors = dualwrite.table(
  'errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mapId: text('map_id').notNull(),
    direction: text('direction').notNull(),
    changeId: bigint('change_id', { mode: 'number' }),
    sourceKey: text('source_key').notNull(),
    reason: text('reason').notNull(),
    change: jsonb('change').notNull(),
    attempts: integer('attempts').notNull().default(1),
    /** Pending, Resolved. */
    status: text('status').notNull(),
    /** `<map>:<direction>:<source key>` of the parent this record waits for; it retries when that parent is linked. */
    waitingFor: text('waiting_for'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('errors_map_idx').on(t.mapId, t.status, t.createdAt), index('errors_waiting_idx').on(t.waitingFor)],
);

export const activity = dualwrite.table(
  'activity',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mapId: text('map_id').notNull(),
    event: text('event').notNull(),
    detail: text('detail'),
    actor: text('actor'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activity_map_idx').on(t.mapId, t.id)],
);

export const initialSyncRuns = dualwrite.table(
  'initial_sync_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    mapId: text('map_id').notNull(),
    direction: text('direction').notNull(),
    /** Running, Completed, Failed. */
    status: text('status').notNull(),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** The last source key handled: a restarted run goes on after it. */
    afterKey: text('after_key'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('initial_sync_map_idx').on(t.mapId, t.id)],
);

/** Which engine process may run; a crashed holder's lease simply expires. */
export const leases = dualwrite.table('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
