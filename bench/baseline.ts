// The benchmarks' baseline: a bare Fastify 5 server whose POST /rows stores the posted JSON in a one-table schema of
// the same database as Handshake — the cost of an HTTP request that inserts one row, nothing more.
import crypto from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { App } from '../src/app.ts';

export interface Baseline {
  /** POST here with a JSON body carrying `email`; answers 201. */
  url: string;
  /** Where the rows go, for the output. */
  store: string;
  version: string;
}

/** Starts the baseline next to `app`: on PGlite it shares the app's one connection, on PostgreSQL it has its own pool. */
export async function startBaseline(app: App, options: { databaseUrl?: string; poolSize: number; cleanups: (() => Promise<unknown>)[] }): Promise<Baseline> {
  const createTable = 'CREATE TABLE bench_baseline (id uuid PRIMARY KEY, email text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())';
  let insert: (id: string, email: string, payload: string) => Promise<unknown>;
  let store: string;
  if (!options.databaseUrl) {
    // PGlite is one connection inside the process: the baseline shares it with Handshake, as a pool would share a server.
    const db = app.dbs.db.storefront;
    await db.execute(sql.raw(createTable));
    insert = (id, email, payload) => db.execute(sql`INSERT INTO bench_baseline (id, email, payload) VALUES (${id}, ${email}, ${payload}::jsonb)`);
    store = 'the same PGlite instance';
  } else {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
    options.cleanups.push(() => pool.end());
    await pool.query(createTable);
    insert = (id, email, payload) => pool.query('INSERT INTO bench_baseline (id, email, payload) VALUES ($1, $2, $3)', [id, email, payload]);
    store = `pg.Pool(max ${options.poolSize}) on ${new URL(options.databaseUrl).pathname.slice(1)}`;
  }
  const baseline = Fastify();
  options.cleanups.push(() => baseline.close());
  baseline.post('/rows', async (request, reply) => {
    const body = request.body as { email: string };
    const id = crypto.randomUUID();
    await insert(id, body.email, JSON.stringify(body));
    return reply.status(201).send({ id });
  });
  await baseline.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(baseline.server.address() as { port: number }).port}/rows`, store, version: baseline.version };
}
