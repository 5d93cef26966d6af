// The processes that run background work LISTEN for other processes' work signals (change-signal.ts): one dedicated
// connection per database, reconnected when it drops. Polling stays the fallback for anything missed meanwhile.
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { workChannel } from './change-signal.ts';
import type { Work } from './change-signal.ts';

export interface WorkListener {
  close(): Promise<void>;
}

/** `onWork('sync')` etc. for every NOTIFY; `onReconnected` when a dropped connection is back (signals may be lost). */
export function listenForWork(urls: string[], log: FastifyBaseLogger, onWork: (work: Work) => void, onReconnected: () => void): WorkListener {
  let closed = false;
  const clients = new Set<pg.Client>();
  const timers = new Set<NodeJS.Timeout>();

  function connect(url: string, attempt: number) {
    if (closed) return;
    const client = new pg.Client({ connectionString: url });
    clients.add(client);
    let lost = false;
    const retry = (error: unknown) => {
      if (lost || closed) return;
      lost = true;
      clients.delete(client);
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      const delay = Math.min(30_000, 250 * 2 ** attempt);
      log.warn({ err: error, retryInMs: delay }, 'work listener lost its database connection; reconnecting');
      const timer = setTimeout(() => {
        timers.delete(timer);
        connect(url, attempt + 1);
      }, delay);
      timers.add(timer);
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === workChannel && message.payload) onWork(message.payload as Work);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${workChannel}`))
      .then(() => {
        if (attempt > 0) {
          log.info('work listener reconnected');
          onReconnected();
        }
        // A stable connection starts the back-off over.
        attempt = 0;
      })
      .catch(retry);
  }

  for (const url of new Set(urls)) connect(url, 0);

  return {
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...clients].map((client) => client.end().catch(() => {})));
      clients.clear();
    },
  };
}
