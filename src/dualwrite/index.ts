// The dualwrite context: the sync engine between HQ and the CRM, driven by table maps. Only this file is public.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import type { Server } from '../platform/http.ts';
import type { StaffService } from '../platform/staff.ts';
import type { SyncSide } from '../platform/sync-side.ts';
import { createEngine } from './engine.ts';
import type { EngineOptions } from './engine.ts';
import { createMaps } from './maps.ts';
import { registerDualWriteRoutes } from './routes.ts';

export interface DualWriteOptions {
  db: Db;
  hq: SyncSide;
  crm: SyncSide;
  log: FastifyBaseLogger;
  pollMs?: number;
  heldBackMs?: number;
  batchSize?: number;
  initialBatchSize?: number;
  onAlert?: EngineOptions['onAlert'];
}

export function createDualWrite(options: DualWriteOptions) {
  const sides = { hq: options.hq, crm: options.crm };
  const engine = createEngine({
    db: options.db,
    sides,
    log: options.log,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.heldBackMs ? { heldBackMs: options.heldBackMs } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.initialBatchSize ? { initialBatchSize: options.initialBatchSize } : {}),
    ...(options.onAlert ? { onAlert: options.onAlert } : {}),
  });
  const maps = createMaps(options.db, sides, () => engine);
  return {
    engine,
    maps,
    /** First start: the Commerce solution's maps, running. */
    setUp: () => maps.seed(),
    registerRoutes(app: Server, staff: StaffService) {
      registerDualWriteRoutes(app, { staff, maps });
    },
  };
}

export type DualWrite = ReturnType<typeof createDualWrite>;
