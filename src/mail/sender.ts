// The worker that hands queued messages to SMTP: temporary failures retry with exponential backoff, permanent ones
// stop with the reason. A message is claimed with a lease, so a crash between sending and recording sends it at
// most once more, with the same Message-ID.
import nodemailer from 'nodemailer';
import { and, asc, eq, inArray, lte, min, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../platform/db.ts';
import { messages } from './schema.ts';

export interface SenderOptions {
  db: Db;
  log: FastifyBaseLogger;
  smtpUrl: string;
  rejectUnauthorized: boolean;
  from: string;
  retryBaseMs: number;
  maxAttempts: number;
}

const leaseSeconds = 120;

/** An SMTP 5xx answer or an address the server will never take: trying again cannot help. */
export function isPermanent(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 500;
  return e.code === 'EENVELOPE' || e.code === 'EADDRESS';
}

export function createSender(options: SenderOptions) {
  const { db, log } = options;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    tls: { rejectUnauthorized: options.rejectUnauthorized },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = true;
  let current: Promise<void> | undefined;

  async function claim() {
    return db
      .update(messages)
      .set({ attempts: sql`${messages.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`, updatedAt: new Date() })
      .where(
        inArray(
          messages.id,
          db
            .select({ id: messages.id })
            .from(messages)
            .where(and(eq(messages.status, 'Queued'), lte(messages.nextAttemptAt, sql`now()`)))
            .orderBy(asc(messages.nextAttemptAt))
            .limit(10)
            .for('update', { skipLocked: true }),
        ),
      )
      .returning();
  }

  async function sendOne(row: typeof messages.$inferSelect) {
    try {
      await transport.sendMail({ from: options.from, to: row.recipient, subject: row.subject, html: row.html || undefined, text: row.text || undefined, messageId: row.messageId });
      await db.update(messages).set({ status: 'Sent', sentAt: new Date(), lastError: null, updatedAt: new Date() }).where(eq(messages.id, row.id));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = isPermanent(error) || row.attempts >= options.maxAttempts;
      const delay = options.retryBaseMs * 2 ** Math.max(0, row.attempts - 1);
      await db
        .update(messages)
        .set(permanent ? { status: 'Failed', lastError: reason, updatedAt: new Date() } : { status: 'Queued', lastError: reason, nextAttemptAt: new Date(Date.now() + delay), updatedAt: new Date() })
        .where(eq(messages.id, row.id));
      log.warn({ message: row.id, permanent, attempts: row.attempts }, `mail: ${reason}`);
    }
  }

  async function run(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await claim();
      if (batch.length === 0) return handled;
      await Promise.all(batch.map(sendOne));
      handled += batch.length;
    }
  }

  async function nextDueIn(): Promise<number> {
    const [row] = await db.select({ at: min(messages.nextAttemptAt) }).from(messages).where(eq(messages.status, 'Queued'));
    if (!row?.at) return 5000;
    return Math.min(5000, Math.max(10, new Date(row.at).getTime() - Date.now()));
  }

  async function loop() {
    if (running || stopped) return;
    running = true;
    again = false;
    let wait = 5000;
    current = (async () => {
      try {
        await run();
        wait = await nextDueIn();
      } catch (error) {
        log.error({ err: error }, 'mail: sending failed');
        wait = 1000;
      }
    })();
    await current;
    running = false;
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), again ? 0 : wait);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void loop();
    },
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => void loop(), 5);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      transport.close();
    },
  };
}
