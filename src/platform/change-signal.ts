// Signals that some context committed work for the background loops, so they look at once instead of at their
// next poll. In one process an event; on PostgreSQL also a NOTIFY on `handshake_work`, which the processes that run
// background work LISTEN to (see work-listener.ts), so a web process's change reaches the worker process at once.
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './db.ts';

/**
 * `sync`: a change for dual-write; `mail-event`: an event that causes mail (for the relay); `mail`: a message queued
 * to send; `questions`: a question to an applicant was asked (the onboarding loop looks for due reminders);
 * `job:<code>`: work for a distribution job; `runs`: a manual run requested. Kept apart so that, say, an
 * order's mail does not wake the dual-write engine, which would read every map's outbox for nothing.
 */
export type Work = 'sync' | 'mail-event' | 'mail' | 'runs' | 'questions' | `job:${string}`;
export const workChannel = 'handshake_work';

const emitter = new EventEmitter();
emitter.setMaxListeners(100);
let acrossProcesses = false;

/** The composition root turns NOTIFY on when the databases are PostgreSQL (the embedded one has a single process). */
export function signalAcrossProcesses(on: boolean): void {
  acrossProcesses = on;
}

/**
 * Tells the background loops about work, through `db`: inside a transaction the NOTIFY is delivered on commit, so the
 * other process never looks before the change is visible; the in-process event may come early (the loops look twice).
 */
export async function signalWork(db: DbOrTx, work: Work): Promise<void> {
  emitter.emit('work', work);
  await notifyOtherProcesses(db, work);
}

/** Only the NOTIFY: for work this process has already taken up itself, or that only another process runs. */
export async function notifyOtherProcesses(db: DbOrTx, work: Work): Promise<void> {
  if (acrossProcesses) await db.execute(sql`select pg_notify(${workChannel}, ${work})`);
}

/** A change for dual-write, written in the caller's transaction `tx`. */
export function signalSync(tx: DbOrTx): Promise<void> {
  return signalWork(tx, 'sync');
}

/** An event for the mail relay, written in the caller's transaction `tx` (or committed just before). */
export function signalMailEvent(tx: DbOrTx): Promise<void> {
  return signalWork(tx, 'mail-event');
}

/** Work signalled in this process (another process's arrives through the work listener instead). */
export function onWork(listener: (work: Work) => void): () => void {
  emitter.on('work', listener);
  return () => emitter.off('work', listener);
}
