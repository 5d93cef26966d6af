// Opens one Drizzle handle per context: embedded PGlite by default, PostgreSQL when a URL is configured.
import path from 'node:path';
import fs from 'node:fs';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { Param, Placeholder, is, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config, ContextName } from './config.ts';
import { contextNames } from './config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrationsFolder, pgliteTemplateFile } from './paths.ts';

export { migrationsFolder };

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
export type DbOrTx = Db | Tx;

export interface Databases {
  kind: 'pglite' | 'postgres';
  db: Record<ContextName, Db>;
  /** True once every context's migrations are applied. */
  ping(): Promise<boolean>;
  /** The distinct PostgreSQL databases, for the work listener (none when embedded). */
  urls: string[];
  /** Runs first-start setup while no other process starting on the same databases does (embedded: one process anyway). */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The embedded database's files as one archive (tests start from it instead of running initdb again). */
  dump?(): Promise<Blob>;
}


/**
 * A statement built once (with `sql.placeholder` values) and run by name with values: a hot path skips the query
 * builder on every call (a fifth of a sign-up's CPU in profiles) and PostgreSQL parses and plans it once per
 * connection (a named prepared statement). Placeholders that stand for a column's value are encoded as the column
 * encodes them (dates, JSON). Rows come back as the driver gives them, keyed by column name.
 */
export function preparedStatement<Row>(db: Db, name: string, statement: SQL): (values: Record<string, unknown>) => Promise<Row[]> {
  const query = new PgDialect().sqlToQuery(statement);
  const fillers = query.params.map((param): ((values: Record<string, unknown>) => unknown) => {
    if (is(param, Placeholder)) return (values) => values[param.name];
    if (is(param, Param) && is(param.value, Placeholder)) {
      const placeholder = param.value;
      return (values) => param.encoder.mapToDriverValue(values[placeholder.name]);
    }
    return () => param;
  });
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  return async (values) => {
    const params = fillers.map((fill) => fill(values));
    const result = client instanceof PGlite ? await client.query<Row>(query.sql, params) : await client.query<Row & pg.QueryResultRow>({ name, text: query.sql, values: params });
    return result.rows;
  };
}

export interface OpenOptions {
  /** Start the embedded database from a dump instead of an empty one (tests use this to skip initdb). */
  pgliteDump?: Blob;
}

export async function openDatabases(config: Config, options: OpenOptions = {}): Promise<Databases> {
  const anyUrl = config.databaseUrl ?? Object.values(config.contextDatabaseUrls)[0];
  if (!anyUrl || anyUrl === 'memory://') return openPglite(config, options);
  return openPostgres(config);
}

async function openPglite(config: Config, options: OpenOptions): Promise<Databases> {
  const inMemory = config.databaseUrl === 'memory://';
  const release = inMemory ? () => {} : lockDataDir(config.dataDir);
  let client: PGlite;
  try {
    const dataDir = inMemory ? undefined : path.join(config.dataDir, 'pglite');
    // A first start copies the prepared template instead of running initdb and every migration (seconds, not a
    // fraction of one); migrations newer than the template are applied below as on any start.
    const template = dataDir && !options.pgliteDump && !fs.existsSync(path.join(dataDir, 'PG_VERSION')) && fs.existsSync(pgliteTemplateFile) ? new Blob([fs.readFileSync(pgliteTemplateFile)]) : undefined;
    // V8 first compiles WebAssembly with its baseline compiler and later re-compiles hot functions optimised; for
    // PostgreSQL's large module that re-compiling cost 100-400 MB of RSS and CPU bursts, and queries measured no
    // faster with it, so the embedded database stays on the baseline code unless PGLITE_WASM_TIER_UP=true.
    if (!config.pgliteWasmTierUp) v8.setFlagsFromString('--liftoff-only');
    client = new PGlite({
      ...(dataDir ? { dataDir } : {}),
      ...(options.pgliteDump ?? template ? { loadDataDir: options.pgliteDump ?? template } : {}),
      // Trigram similarity for duplicate matching at intake (hq migration 0006 creates the extension).
      extensions: { pg_trgm },
      // PostgreSQL's 128 MB of shared buffers live in the process's own memory here (no separate server), and
      // the files they cache sit in the OS page cache anyway: 16 MB took idle RSS down by about 120 MB.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${config.pgliteSharedBuffers}`],
    });
    await client.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  const handles = Object.fromEntries(contextNames.map((name) => [name, db])) as Record<ContextName, Db>;
  try {
    for (const name of contextNames) {
      await migratePglite(drizzlePglite(client), { migrationsFolder: migrationsFolder(name), migrationsSchema: 'drizzle', migrationsTable: `${name}_migrations` });
    }
  } catch (error) {
    await client.close();
    release();
    throw error;
  }
  return {
    kind: 'pglite',
    db: handles,
    urls: [],
    exclusively: (work) => work(),
    async ping() {
      if (client.closed) return false;
      await client.query('select 1');
      return true;
    },
    async close() {
      if (!client.closed) await client.close();
      release();
    },
    async dump() {
      return client.dumpDataDir('none');
    },
  };
}

async function openPostgres(config: Config): Promise<Databases> {
  const pools = new Map<string, pg.Pool>();
  const handles = {} as Record<ContextName, Db>;
  const urls = {} as Record<ContextName, string>;
  for (const name of contextNames) {
    const url = config.contextDatabaseUrls[name] ?? config.databaseUrl;
    if (!url) throw new Error(`No database for the ${name} context: set DATABASE_URL or ${name.toUpperCase()}_DATABASE_URL`);
    urls[name] = url;
    let pool = pools.get(url);
    if (!pool) {
      // A bounded wait for a connection: under overload a request fails fast (503) instead of queueing without end.
      pool = new pg.Pool({ connectionString: url, max: config.databasePoolSize, connectionTimeoutMillis: config.databaseConnectTimeoutMs });
      // An idle client losing its server must not crash the process; the next query reports it.
      pool.on('error', () => {});
      pools.set(url, pool);
    }
    handles[name] = drizzlePg(pool) as unknown as Db;
  }
  // Every process taking the same lock on the platform database: several starting at once migrate one after another.
  const exclusively = <T>(work: () => Promise<T>) => withSetupLock(urls.platform, config.databaseConnectTimeoutMs, work);
  try {
    await exclusively(async () => {
      for (const name of contextNames) {
        const pool = pools.get(urls[name])!;
        await migratePg(drizzlePg(pool), { migrationsFolder: migrationsFolder(name), migrationsSchema: 'drizzle', migrationsTable: `${name}_migrations` });
      }
    });
  } catch (error) {
    await Promise.all([...pools.values()].map((pool) => pool.end()));
    throw error;
  }
  return {
    kind: 'postgres',
    db: handles,
    urls: [...pools.keys()],
    exclusively,
    async ping() {
      for (const handle of new Set(Object.values(handles))) await handle.execute(sql`select 1`);
      return true;
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.end()));
    },
  };
}

/** Any fixed number: the key of the session advisory lock Handshake processes hold while they migrate and set up. */
const setupLockKey = 7_418_311_902;

/**
 * Holds a PostgreSQL advisory lock on its own connection (outside the pool, so a pool of one cannot deadlock) while
 * `work` runs; a process that dies holding it loses it with its connection.
 */
async function withSetupLock<T>(url: string, connectTimeoutMs: number, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [setupLockKey]);
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}

export function ensureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
}

/** `text` as typed inside a LIKE pattern: its %, _ and \ match themselves. */
function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/** A LIKE pattern for values that begin with `text` as typed. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

/** An ILIKE pattern for values that contain `text` as typed. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
