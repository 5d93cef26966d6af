// Shared by the benchmarks: one short-lived connection to the PostgreSQL admin database, percentiles, HTTP calls
// and waits that all end by a deadline — a benchmark fails with what it was waiting for, it never hangs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

export async function onAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000, query_timeout: 120_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The p-th percentile of ascending samples. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A benchmark's own verdict (a deadline passed, an answer was wrong): printed without a stack trace. */
export class BenchFailure extends Error {}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Settles like `promise`, or rejects after `timeoutMs` saying what it waited for. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchFailure(`waited ${seconds(timeoutMs)} for ${what}; it did not finish`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Wait {
  /** What is awaited, as it reads after "waited 60 s for": "500 applied edits in the ledger". */
  what: string;
  timeoutMs: number;
  everyMs?: number;
  /** What was seen instead, for the timeout message: "499; missing change ids: 334". */
  saw?: () => Promise<string> | string;
}

/** Polls `check` until it returns something other than undefined or false; past the deadline it throws what it waited for and what it saw. */
export async function until<T>(wait: Wait, check: () => Promise<T | undefined | false>): Promise<T> {
  const started = Date.now();
  const deadline = started + wait.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const hung = Symbol('hung');
    let timer: NodeJS.Timeout | undefined;
    try {
      // A check that itself hangs (a blocked query, an unanswered request) is cut off at the deadline too.
      const value = await Promise.race([check(), new Promise<typeof hung>((resolve) => (timer = setTimeout(() => resolve(hung), Math.max(deadline - Date.now(), 1))))]);
      if (value === hung) lastError = new Error('it did not finish');
      else if (value !== undefined && value !== false) return value as T;
      else lastError = undefined;
    } catch (error) {
      // The check's own verdict ends the wait at once; anything else may be passing (a restart, a lock) and is retried.
      if (error instanceof BenchFailure) throw error;
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= deadline) {
      let saw = '';
      if (wait.saw) saw = await withDeadline(Promise.resolve(wait.saw()), 10_000, 'the description of what was seen').catch((error: unknown) => `(could not tell: ${String(error)})`);
      const failed = lastError ? `; the last check failed: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
      throw new BenchFailure(`waited ${seconds(Date.now() - started)} for ${wait.what}${saw ? `; saw ${saw}` : ''}${failed}`);
    }
    await sleep(Math.min(wait.everyMs ?? 200, Math.max(deadline - Date.now(), 0)));
  }
}

export interface Answer {
  status: number;
  body: any;
}

/** JSON calls to one server; each request is aborted after `timeoutMs` with an error naming it. */
export function api(base: string, timeoutMs = 30_000) {
  return async (method: string, path: string, body?: unknown, token?: string): Promise<Answer> => {
    let res: Response;
    let text: string;
    try {
      res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${seconds(timeoutMs)}` : String(error);
      throw new BenchFailure(`${method} ${path}: ${reason}`);
    }
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  };
}

/**
 * Runs one benchmark: `main` registers cleanups (run last-registered first, each with a deadline), a failure prints
 * and sets exit code 1, and the process exits when done — or when the whole run passes `maxMs`, naming the step it was on.
 */
export function runBench(name: string, maxMs: number, main: (cleanups: (() => Promise<unknown>)[], step: (what: string) => void) => Promise<void>): void {
  const cleanups: (() => Promise<unknown>)[] = [];
  let current = 'starting';
  const step = (what: string) => {
    current = what;
  };
  const watchdog = setTimeout(() => {
    console.error(`\n${name} FAILED: still running after ${seconds(maxMs)}, at step: ${current}`);
    process.exit(1);
  }, maxMs);
  watchdog.unref();
  (async () => {
    let code = 0;
    try {
      await main(cleanups, step);
    } catch (error) {
      code = 1;
      const detail = error instanceof BenchFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`\n${name} FAILED at step "${current}": ${detail}`);
    }
    for (const cleanup of cleanups.reverse()) {
      try {
        await withDeadline(cleanup(), 60_000, 'a cleanup step');
      } catch (error) {
        code = 1;
        console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Exit explicitly: a handle left open (a socket, a timer) must not keep a finished benchmark alive.
    process.exit(code || process.exitCode || 0);
  })();
}

/** The single-use token of the invitation link in a stored mail, as a staff administrator reveals it (GET masks it). */
export async function invitationToken(call: ReturnType<typeof api>, staffToken: string, messageId: number): Promise<string> {
  let message = await call('POST', `/api/mail/messages/${messageId}/reveal`, undefined, staffToken);
  // Before links were masked there was nothing to reveal: the message itself carries the link.
  if (message.status === 404) message = await call('GET', `/api/mail/messages/${messageId}`, undefined, staffToken);
  if (message.status !== 200) throw new BenchFailure(`reading mail ${messageId} answered ${message.status}: ${JSON.stringify(message.body)}`);
  const token = /\/invitation#([A-Za-z0-9_-]+)/.exec(String(message.body.text))?.[1];
  if (!token) throw new BenchFailure(`no invitation link in mail ${messageId}: ${message.body.text}`);
  return token;
}

/** Signs a partner up, approves it in HQ and accepts the invitation from the approval mail; returns the partner admin's session token. */
export async function approvedPartner(call: ReturnType<typeof api>, staffToken: string, p: { email: string; companyName: string; password: string }): Promise<string> {
  const submitted = await call('POST', '/api/store/partner-requests', { firstName: 'Bench', lastName: 'Admin', email: p.email, companyName: p.companyName, address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' } });
  if (submitted.status !== 202) throw new BenchFailure(`the partner request answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  const prospect = await until({ what: `the prospect of ${p.email} in HQ`, timeoutMs: 60_000 }, async () => (await call('GET', `/api/hq/prospects?search=${encodeURIComponent(p.email)}`, undefined, staffToken)).body.items?.[0]);
  const approved = await call('POST', `/api/hq/prospects/${prospect.id}/approve`, undefined, staffToken);
  if (approved.status !== 200) throw new BenchFailure(`approving the prospect answered ${approved.status}: ${JSON.stringify(approved.body)}`);
  const mail = await until({ what: `the approval mail to ${p.email}`, timeoutMs: 60_000 }, async () => (await call('GET', `/api/mail/messages?to=${encodeURIComponent(p.email)}&type=prospect-approved`, undefined, staffToken)).body.items?.[0]);
  return acceptInvitation(call, staffToken, mail.id, p.password);
}

/** Accepts the invitation in a stored mail once 1010 has carried its user to the storefront; returns the new session token. */
export async function acceptInvitation(call: ReturnType<typeof api>, staffToken: string, messageId: number, password: string): Promise<string> {
  const invitation = await invitationToken(call, staffToken, messageId);
  let linkStatus = 0;
  await until({ what: 'the invitation link to reach the storefront (1010)', timeoutMs: 60_000, everyMs: 20, saw: () => `POST /api/store/auth/link answering ${linkStatus}` }, async () => (linkStatus = (await call('POST', '/api/store/auth/link', { token: invitation })).status) === 200);
  const accepted = await call('POST', '/api/store/auth/accept-invitation', { token: invitation, password });
  if (accepted.status !== 200) throw new BenchFailure(`accepting the invitation answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return accepted.body.token as string;
}

let clockTicks: number | undefined;
/**
 * CPU time (ms) used so far by the PostgreSQL server's processes on this machine (Linux /proc), or undefined where
 * that cannot be read or the server is elsewhere. Backends that have exited (autovacuum workers) no longer count.
 */
export function postgresCpuMs(databaseUrl: string): number | undefined {
  if (process.platform !== 'linux' || !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(databaseUrl).hostname)) return undefined;
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    if (!stat.includes('(postgres)')) continue;
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / clockTicks;
}