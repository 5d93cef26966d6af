// Starts the real server on its own database for one test file: a copy of the migrated PGlite, or a fresh PostgreSQL database.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { inject } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { contextNames, loadConfig } from '../../src/platform/config.ts';
import { createApp } from '../../src/app.ts';
import type { App } from '../../src/app.ts';
import { dumpFile } from './global-setup.ts';
import { createDatabase } from './postgres.ts';

export const adminEmail = 'admin@handshake.test';
export const adminPassword = 'correct-horse-battery';
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * A fresh PostgreSQL database on the test server; dropped by the returned function. Empty by default (tests of
 * migrating start from nothing); `migrated` copies the run's template, which has every migration applied.
 */
export async function createPostgresDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  return createDatabase(process.env.TEST_DATABASE_URL!, options.migrated ? inject('postgresTemplate') : undefined);
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: App;
  url: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Response<T>>;
  /** Bearer token of the bootstrap administrator. */
  adminToken: string;
  signIn(email: string, password: string): Promise<string>;
  /** Creates a staff user with the given roles and returns a Bearer token for it. */
  staffToken(roles: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Each context in its own PostgreSQL database (PostgreSQL runs only). */
  split?: boolean;
  /** The server's logger (default: none, LOG_LEVEL=silent). */
  logger?: FastifyBaseLogger;
}

export async function startApp(options: StartOptions = {}): Promise<TestApp> {
  const cleanups: (() => Promise<void>)[] = [];
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SIGN_UP_LIMIT_PER_ADDRESS: '10000',
    SIGN_UP_LIMIT_PER_EMAIL: '100',
    SIGN_IN_LIMIT_PER_ADDRESS: '10000',
    SIGN_IN_LIMIT_PER_ACCOUNT: '100',
    ...options.env,
  };
  let pgliteDump: Blob | undefined;
  if (onPostgres) {
    if (options.split) {
      for (const context of contextNames.map((name) => name.toUpperCase())) {
        const database = await createPostgresDatabase();
        cleanups.push(database.drop);
        env[`${context}_DATABASE_URL`] = database.url;
      }
    } else {
      const database = await createPostgresDatabase({ migrated: true });
      cleanups.push(database.drop);
      env.DATABASE_URL = database.url;
    }
  } else {
    env.DATABASE_URL = 'memory://';
    pgliteDump = new Blob([fs.readFileSync(dumpFile)]);
  }
  const app = await createApp(loadConfig(env), { ...(pgliteDump ? { pgliteDump } : {}), ...(options.logger ? { logger: options.logger } : {}), distributionPollMs: 200 });
  await app.listen();
  const address = app.server.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<Response<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(url + path, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  async function signIn(email: string, password: string): Promise<string> {
    const res = await request<{ token: string }>('POST', '/api/auth/sign-in', { body: { email, password } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  const adminToken = await signIn(adminEmail, adminPassword);
  let staffCount = 0;
  return {
    app,
    url,
    request,
    adminToken,
    signIn,
    async staffToken(roles) {
      const email = `staff${++staffCount}-${crypto.randomBytes(3).toString('hex')}@handshake.test`;
      const created = await request('POST', '/api/hq/staff-users', { token: adminToken, body: { email, name: `Staff ${staffCount}`, password: 'staff-password-1', roles } });
      if (created.status !== 201) throw new Error(`could not create staff user: ${JSON.stringify(created.body)}`);
      return signIn(email, 'staff-password-1');
    },
    async close() {
      await app.close();
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let counter = 0;
/** A valid partner request; every call gets its own e-mail unless one is given. */
export function partnerRequest(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return {
    firstName: 'Maria',
    lastName: 'Tamm',
    email: `maria.${tag}@contoso.test`,
    companyName: `Contoso ${tag}`,
    phone: '+372 555 0100',
    address: { street: 'Narva mnt 5', city: 'Tallinn', zip: '10117', countryRegionId: 'EE' },
    comments: 'We would like to buy on account.',
    ...overrides,
  };
}
