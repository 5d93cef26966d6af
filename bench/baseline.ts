// The benchmarks' baseline: a bare Fastify 5 server whose POST /rows stores the posted JSON in a one-table schema of
// the same database as Handshake — the cost of an HTTP request that inserts one row, nothing more.
import crypto from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { App } from '../src/app.ts';

export interface Baseline {
  /** POST here with a JSON body carrying `email`; answers 201. */
  url: string;
  /** Where the rows go, for the output. */
  store: string;
  version: string;
}

type Insert = (id: string, email: string, payload: string) => Promise<unknown>;
const createTable = 'CREATE TABLE bench_baseline (id uuid PRIMARY KEY, email text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())';
const insertRow = 'INSERT INTO bench_baseline (id, email, payload) VALUES ($1, $2, $3)';

async function serve(insert: Insert, store: string, cleanups: (() => Promise<unknown>)[]): Promise<Baseline> {
  const baseline = Fastify();
  cleanups.push(() => baseline.close());
  baseline.post('/rows', async (request, reply) => {
    const body = request.body as { email: string };
    const id = crypto.randomUUID();
    await insert(id, body.email, JSON.stringify(body));
    return reply.status(201).send({ id });
  });
  await baseline.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(baseline.server.address() as { port: number }).port}/rows`, store, version: baseline.version };
}

async function onPool(databaseUrl: string, poolSize: number, cleanups: (() => Promise<unknown>)[]): Promise<{ insert: Insert; store: string; count: () => Promise<number> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  cleanups.push(() => pool.end());
  await pool.query(createTable);
  return {
    insert: (id, email, payload) => pool.query(insertRow, [id, email, payload]),
    store: `pg.Pool(max ${poolSize}) on ${new URL(databaseUrl).pathname.slice(1)}`,
    count: async () => Number((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_baseline')).rows[0]?.n ?? 0),
  };
}

/** Starts the baseline next to `app`: on PGlite it shares the app's one connection, on PostgreSQL it has its own pool. */
export async function startBaseline(app: App, options: { databaseUrl?: string; poolSize: number; cleanups: (() => Promise<unknown>)[] }): Promise<Baseline> {
  if (options.databaseUrl) {
    const { insert, store } = await onPool(options.databaseUrl, options.poolSize, options.cleanups);
    return serve(insert, store, options.cleanups);
  }
  // PGlite is one connection inside the process: the baseline shares it with Handshake, as a pool would share a server.
  const db = app.dbs.db.storefront;
  await db.execute(sql.raw(createTable));
  return serve((id, email, payload) => db.execute(sql`INSERT INTO bench_baseline (id, email, payload) VALUES (${id}, ${email}, ${payload}::jsonb)`), 'the same PGlite instance', options.cleanups);
}

/**
 * The baseline as the only server of its process (bench/submission-server.ts): on PostgreSQL a pool of `poolSize`
 * on the given database, on PGlite its own in-memory instance with the product's shared buffers — the same kind of
 * database the product has in its own process.
 */
export async function startBaselineAlone(options: { databaseUrl?: string; poolSize: number; pgliteSharedBuffers: string; cleanups: (() => Promise<unknown>)[] }): Promise<Baseline & { count: () => Promise<number> }> {
  if (options.databaseUrl) {
    const { insert, store, count } = await onPool(options.databaseUrl, options.poolSize, options.cleanups);
    return { ...(await serve(insert, store, options.cleanups)), count };
  }
  const client = new PGlite({ startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.pgliteSharedBuffers}`] });
  await client.waitReady;
  options.cleanups.push(() => client.close());
  await client.exec(createTable);
  const count = async () => Number((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_baseline')).rows[0]?.n ?? 0);
  return { ...(await serve((id, email, payload) => client.query(insertRow, [id, email, payload]), 'its own in-memory PGlite', options.cleanups)), count };
}
