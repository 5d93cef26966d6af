// Dual-write workspace API: table maps, their lifecycle, field maps, the per-record ledger and errors.
import { Type } from 'typebox';
import type { TProperties, TSchema } from 'typebox';
import type { Server } from '../platform/http.ts';
import { page } from '../platform/http.ts';
import { CsvBody, csvProduces, exportBatchSize, sendCsv } from '../platform/csv.ts';
import { DateRangeQuery } from '../platform/list-query.ts';
import type { StaffService } from '../platform/staff.ts';
import type { Maps } from './maps.ts';
import type { FieldMap } from './table-map.ts';

const tags = ['Dual-write'];
const roles = ['integration-administrator'] as const;
/** The ledger's and the errors' filters; the list adds paging, the CSV export takes them as they are. */
const RecordFilterQuery = { map: Type.Optional(Type.String()), key: Type.Optional(Type.String({ maxLength: 200 })), status: Type.Optional(Type.String({ maxLength: 20 })), ...DateRangeQuery };
const ErrorFilterQuery = { map: Type.Optional(Type.String()), status: Type.Optional(Type.Union([Type.Literal('Pending'), Type.Literal('Resolved')])), ...DateRangeQuery };
const Paging = { limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }), offset: Type.Integer({ minimum: 0, default: 0 }) };
const Paged = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), next: Type.Optional(Type.Integer()) });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });
const Direction = Type.Union([Type.Literal('hq-to-crm'), Type.Literal('crm-to-hq')]);
const Status = Type.Union([Type.Literal('NotRunning'), Type.Literal('Initializing'), Type.Literal('Running'), Type.Literal('Paused'), Type.Literal('Stopped'), Type.Literal('Error')]);
const Id = Type.Object({ id: Type.String() });

const MapSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source: Type.String(),
  target: Type.String(),
  hqEntity: Type.String(),
  crmEntity: Type.String(),
  status: Status,
  statusReason: Nullable(Type.String()),
  directions: Type.Array(Direction),
  pending: Type.Integer(),
  failed: Type.Integer({ description: 'Changes the other side refused' }),
  waiting: Type.Integer({ description: 'Changes waiting for a parent record that another map is about to deliver' }),
  lastSyncedAt: Nullable(Timestamp),
});

const FieldMapSchema = Type.Object(
  {
    hqField: Nullable(Type.String({ maxLength: 100 })),
    crmField: Nullable(Type.String({ maxLength: 100 })),
    direction: Type.Union([Type.Literal('='), Type.Literal('>'), Type.Literal('<')]),
    enabled: Type.Boolean(),
    default: Type.Optional(Nullable(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]))),
    valueMap: Type.Optional(Type.Array(Type.Object({ hq: Type.String({ maxLength: 200 }), crm: Type.String({ maxLength: 200 }) }), { maxItems: 100 })),
    lookup: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const AlertRule = Type.Object({ errors: Type.Integer({ minimum: 1, maximum: 100000 }), withinMinutes: Type.Integer({ minimum: 1, maximum: 1440 }), action: Type.Union([Type.Literal('Pause'), Type.Literal('None')]) });
const FieldInfo = Type.Object({ name: Type.String(), type: Type.String(), required: Type.Optional(Type.Boolean()), readOnly: Type.Optional(Type.Boolean()) });

const MapDetail = Type.Intersect([
  MapSummary,
  Type.Object({
    version: Type.Integer(),
    // One object, not an allOf with the request's closed FieldMapSchema, which would forbid index and symbol.
    fieldMaps: Type.Array(Type.Object({ index: Type.Integer(), symbol: Type.String(), ...FieldMapSchema.properties })),
    hqFilter: Nullable(Type.String()),
    crmFilter: Nullable(Type.String()),
    integrationKey: Type.Object({ hq: Type.Array(Type.String()), crm: Type.Array(Type.String()) }),
    masterForInitialSync: Type.Union([Type.Literal('CRM'), Type.Literal('HQ')]),
    executionOrder: Type.Integer(),
    alertRule: Nullable(AlertRule),
    initialSync: Type.Array(
      Type.Object({
        id: Type.Integer(),
        direction: Direction,
        status: Type.String(),
        done: Type.Integer(),
        total: Type.Integer(),
        errors: Type.Integer(),
        ratePerSecond: Type.Integer(),
        secondsLeft: Nullable(Type.Integer()),
        startedAt: Timestamp,
        finishedAt: Nullable(Timestamp),
      }),
    ),
    activity: Type.Array(Type.Object({ event: Type.String(), detail: Nullable(Type.String()), actor: Nullable(Type.String()), at: Timestamp })),
    fields: Type.Object({ hq: Type.Array(FieldInfo), crm: Type.Array(FieldInfo) }),
  }),
]);

const SyncError = Type.Object({
  id: Type.Integer(),
  mapId: Type.String(),
  direction: Direction,
  key: Type.String(),
  reason: Type.String(),
  waitingForParent: Type.Boolean(),
  attempts: Type.Integer(),
  status: Type.String(),
  payload: Type.Unknown(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const LedgerRecord = Type.Object({
  id: Type.Integer(),
  mapId: Type.String(),
  direction: Direction,
  sourceKey: Type.String(),
  targetKey: Nullable(Type.String()),
  changeId: Nullable(Type.Integer()),
  status: Type.String(),
  origin: Type.String(),
  fields: Type.Array(Type.String()),
  detail: Nullable(Type.String()),
  sourceAt: Nullable(Timestamp),
  at: Timestamp,
});

export function registerDualWriteRoutes(app: Server, deps: { staff: StaffService; maps: Maps }) {
  const { staff, maps } = deps;

  app.get('/api/dualwrite/maps', { schema: { tags, summary: 'Table maps with status, pending and failed counts', response: { 200: Type.Array(MapSummary) } } }, async (request) => {
    await staff.authenticate(request, roles);
    return maps.list();
  });

  app.get('/api/dualwrite/maps/:id', { schema: { tags, summary: 'One table map: field maps, initial sync progress, activity', params: Id, response: { 200: MapDetail } } }, async (request) => {
    await staff.authenticate(request, roles);
    return maps.get(request.params.id);
  });

  app.patch(
    '/api/dualwrite/maps/:id',
    {
      schema: {
        tags,
        summary: 'Change field maps, filters or the alert rule (validated as a whole; a bad definition changes nothing)',
        params: Id,
        body: Type.Object(
          { fieldMaps: Type.Optional(Type.Array(FieldMapSchema, { maxItems: 200 })), hqFilter: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), crmFilter: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), alertRule: Type.Optional(Nullable(AlertRule)) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: MapDetail },
      },
    },
    async (request) => {
      const user = await staff.authenticate(request, roles);
      const body = request.body as { fieldMaps?: FieldMap[]; hqFilter?: string | null; crmFilter?: string | null; alertRule?: { errors: number; withinMinutes: number; action: 'Pause' | 'None' } | null };
      return maps.update(request.params.id, body, user.name);
    },
  );

  app.post(
    '/api/dualwrite/maps/:id/run',
    {
      schema: {
        tags,
        summary: 'Run a map that is not running (resumes a paused one)',
        params: Id,
        body: Type.Optional(Type.Object({ initialSync: Type.Boolean({ default: true }) }, { additionalProperties: false })),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const user = await staff.authenticate(request, roles);
      await maps.run(request.params.id, user.name, request.body?.initialSync ?? true);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/dualwrite/maps/:id/initial-sync',
    { schema: { tags, summary: 'Start an initial sync of existing rows; progress at GET /api/dualwrite/maps/{id}', params: Id, response: { 202: Type.Object({ id: Type.String(), status: Status }) } } },
    async (request, reply) => {
      const user = await staff.authenticate(request, roles);
      await maps.run(request.params.id, user.name, true, true);
      const map = await maps.get(request.params.id);
      return reply.code(202).send({ id: map.id, status: map.status });
    },
  );

  for (const action of ['pause', 'resume', 'stop'] as const) {
    app.post(`/api/dualwrite/maps/:id/${action}`, { schema: { tags, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a map`, params: Id, response: { 204: Type.Null() } } }, async (request, reply) => {
      const user = await staff.authenticate(request, roles);
      await maps[action]((request.params as { id: string }).id, user.name);
      return reply.code(204).send(null);
    });
  }

  app.post('/api/dualwrite/maps/:id/retry-errors', { schema: { tags, summary: "Retry all of a map's failures", params: Id, response: { 200: Type.Object({ retried: Type.Integer(), resolved: Type.Integer() }) } } }, async (request) => {
    await staff.authenticate(request, roles);
    return maps.retryAll(request.params.id);
  });

  app.get(
    '/api/dualwrite/records',
    {
      schema: {
        tags,
        summary: 'The per-record ledger: every change the engine handled and its fate',
        querystring: Type.Object({ ...RecordFilterQuery, ...Paging }),
        response: { 200: Paged(LedgerRecord) },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      return page(await maps.records(request.query), request.query.offset, request.query.limit);
    },
  );

  app.get(
    '/api/dualwrite/errors',
    {
      schema: {
        tags,
        summary: 'Records that failed, with the reason in plain words',
        querystring: Type.Object({ ...ErrorFilterQuery, ...Paging }),
        response: { 200: Paged(SyncError) },
      },
    },
    async (request) => {
      await staff.authenticate(request, roles);
      return page(await maps.errors(request.query), request.query.offset, request.query.limit);
    },
  );

  const exportSchema = <F extends TProperties>(what: string, filters: F) => ({
    tags,
    summary: `${what} as CSV, with the list's filters`,
    description: 'The whole filtered list, streamed (any length); UTF-8 with a byte order mark; cells that would start a spreadsheet formula begin with an apostrophe.',
    querystring: Type.Object(filters),
    produces: csvProduces,
    response: { 200: CsvBody },
  });

  app.get('/api/dualwrite/records/export.csv', { schema: exportSchema('The per-record ledger', RecordFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, roles);
    return sendCsv(reply, 'dual-write-records', (after) => maps.exportRecords(request.query, after, exportBatchSize), [
      { header: 'Record', value: (r) => r.id },
      { header: 'Map', value: (r) => r.mapId },
      { header: 'Direction', value: (r) => r.direction },
      { header: 'Source key', value: (r) => r.sourceKey },
      { header: 'Target key', value: (r) => r.targetKey },
      { header: 'Status', value: (r) => r.status },
      { header: 'Origin', value: (r) => r.origin },
      { header: 'Fields', value: (r) => r.fields.join(' ') },
      { header: 'Detail', value: (r) => r.detail },
      { header: 'Changed at source', value: (r) => r.sourceAt },
      { header: 'Handled', value: (r) => r.at },
    ]);
  });

  app.get('/api/dualwrite/errors/export.csv', { schema: exportSchema('Failed records', ErrorFilterQuery) }, async (request, reply) => {
    await staff.authenticate(request, roles);
    return sendCsv(reply, 'dual-write-errors', (after) => maps.exportErrors(request.query, after, exportBatchSize), [
      { header: 'Error', value: (e) => e.id },
      { header: 'Map', value: (e) => e.mapId },
      { header: 'Direction', value: (e) => e.direction },
      { header: 'Key', value: (e) => e.key },
      { header: 'Reason', value: (e) => e.reason },
      { header: 'Waiting for parent', value: (e) => (e.waitingForParent ? 'Yes' : 'No') },
      { header: 'Attempts', value: (e) => e.attempts },
      { header: 'Status', value: (e) => e.status },
      { header: 'Failed', value: (e) => e.createdAt },
      { header: 'Updated', value: (e) => e.updatedAt },
    ]);
  });

  app.post(
    '/api/dualwrite/errors/:id/retry',
    { schema: { tags, summary: 'Retry one failed record', params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }), response: { 200: Type.Object({ id: Type.Integer(), status: Type.String() }) } } },
    async (request) => {
      await staff.authenticate(request, roles);
      return maps.retry(request.params.id);
    },
  );
}
