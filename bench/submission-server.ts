// One server of the submission benchmark (bench/run.ts starts two of these, each as its own process with the same
// Node flags): `handshake` is the product as in production (createApp + listen, background jobs included unless its
// role is web; a worker-role process does them then), `baseline`
// the bare Fastify + one INSERT of bench/baseline.ts. Talks to its parent over IPC:
//   → { ready: true, url, version, store }       once listening
//   ← { id, ask: 'submitted' } → { id, value }   rows stored so far (partner requests, or baseline rows)
//   ← { id, ask: 'cpu' } → { id, value }         CPU time this process has used, in µs (user + system)
//   ← { stop: true }                              closes the server and its database, then exits (and so writes --cpu-prof)
//
//   node bench/submission-server.ts <handshake|baseline> <options.json>
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';
import { startBaselineAlone } from './baseline.ts';

export interface ServerOptions {
  /** PostgreSQL database of this run; absent: in-memory PGlite. */
  databaseUrl?: string;
  poolSize: number;
  /** Handshake only: the sign-up limits stay on (set too high to refuse anything), or are off (0). */
  throttle: boolean;
  /** Handshake only: HANDSHAKE_ROLE (default all: web server and background work in this one process). */
  role?: 'all' | 'web' | 'worker';
  adminEmail: string;
  adminPassword: string;
}

export type ServerMessage = { ready: true; url: string; version: string; store: string } | { id: number; value?: number; error?: string };

const [kind, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson!) as ServerOptions;
const send = (message: ServerMessage) => process.send!(message);
const cleanups: (() => Promise<unknown>)[] = [];
let count: () => Promise<number>;

if (kind === 'handshake') {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl ?? 'memory://',
    DATABASE_POOL_SIZE: String(options.poolSize),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    ADMIN_EMAIL: options.adminEmail,
    ADMIN_PASSWORD: options.adminPassword,
    DISTRIBUTION_MODE: 'near-real-time',
    HANDSHAKE_ROLE: options.role ?? 'all',
    SIGN_UP_LIMIT_PER_ADDRESS: options.throttle ? '1000000000' : '0',
    SIGN_UP_LIMIT_PER_EMAIL: options.throttle ? '100' : '0',
  });
  const app = await createApp(config);
  cleanups.push(() => app.close());
  await app.listen();
  const db = app.dbs.db.storefront;
  count = async () => Number(((await db.execute(sql`SELECT count(*)::int AS n FROM storefront.partner_requests`)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  const port = (app.server.server.address() as { port: number }).port;
  send({ ready: true, url: `http://127.0.0.1:${port}`, version: app.server.version, store: options.databaseUrl ? `pool ${options.poolSize} on PostgreSQL` : 'its own in-memory PGlite' });
} else if (kind === 'baseline') {
  const baseline = await startBaselineAlone({ ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), poolSize: options.poolSize, pgliteSharedBuffers: loadConfig({}).pgliteSharedBuffers, cleanups });
  count = baseline.count;
  send({ ready: true, url: baseline.url, version: baseline.version, store: baseline.store });
} else {
  throw new Error(`unknown server kind ${kind}: handshake or baseline`);
}

async function stop(code: number) {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}
process.on('message', (message: { id?: number; ask?: string; stop?: boolean }) => {
  if (message.stop) return void stop(0);
  if (message.ask === 'cpu') {
    const used = process.cpuUsage();
    return void send({ id: message.id!, value: used.user + used.system });
  }
  if (message.ask === 'submitted') {
    count().then(
      (value) => send({ id: message.id!, value }),
      (error: unknown) => send({ id: message.id!, error: String(error) }),
    );
  }
});
// The parent is gone (it failed or was killed): nobody will ask or stop us.
process.on('disconnect', () => void stop(1));
