// The real process: killed before its jobs ran, restarted, and every request becomes exactly one prospect.
// Also: the embedded data directory refuses a second process, and SIGTERM shuts down cleanly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, createPostgresDatabase, onPostgres, partnerRequest, waitFor } from '../helpers/app.ts';
import { call, startProcess } from '../helpers/process.ts';
import { serverBundleFile } from '../../src/platform/paths.ts';
import type { Running } from '../helpers/process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function start(env: Record<string, string>, entry?: string): Running {
  const running = startProcess(env, entry);
  cleanups.push(running.kill);
  return running;
}

describe('restart', () => {
  it('turns every request submitted before a crash into exactly one prospect', async () => {
    const env: Record<string, string> = {};
    if (onPostgres) {
      const database = await createPostgresDatabase();
      cleanups.push(database.drop);
      env.DATABASE_URL = database.url;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handshake-restart-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      env.DATA_DIR = dir;
    }

    // First process: jobs off, so the requests are only in the channel database when it dies.
    const first = start({ ...env, DISTRIBUTION_MODE: 'off' });
    const firstUrl = await first.url;
    const emails: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = partnerRequest();
      emails.push(body.email);
      expect((await call(firstUrl, 'POST', '/api/store/partner-requests', body)).status).toBe(202);
    }

    if (!onPostgres) {
      // A second process on the same data directory stops with a clear message instead of corrupting it.
      const intruder = start(env);
      expect(await intruder.exited).toBe(1);
      expect(intruder.output()).toMatch(/is in use by another Handshake process/);
    }

    first.child.kill('SIGKILL');
    await first.exited;

    const second = start({ ...env, DISTRIBUTION_MODE: 'near-real-time' });
    const secondUrl = await second.url;
    const token = (await call(secondUrl, 'POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword })).body.token as string;
    await waitFor(async () => (await call(secondUrl, 'GET', '/api/hq/prospects?limit=200', undefined, token)).body.total === 5 || undefined, 'five prospects after the restart');
    const prospects = (await call(secondUrl, 'GET', '/api/hq/prospects?limit=200', undefined, token)).body.items as { email: string }[];
    expect(prospects.map((p) => p.email).sort()).toEqual([...emails].sort());
    const requests = (await call(secondUrl, 'GET', '/api/hq/channel-requests?limit=200', undefined, token)).body;
    expect(requests.total).toBe(5);

    // Graceful shutdown: exit 0, and the embedded lock is released for the next start.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    if (!onPostgres) expect(fs.existsSync(path.join(env.DATA_DIR!, 'handshake.lock'))).toBe(false);
  });
});

describe('operations endpoints', () => {
  // The bundled server npm start runs: the same program as src/main.ts, so a bundling mistake shows up here.
  it('answers /health, /ready, the OpenAPI document, and problem+json for unknown routes, from the bundle npm start runs', async () => {
    const env: Record<string, string> = { DATABASE_URL: 'memory://' };
    if (onPostgres) {
      const database = await createPostgresDatabase();
      cleanups.push(database.drop);
      env.DATABASE_URL = database.url;
    }
    const running = start(env, path.relative(process.cwd(), serverBundleFile));
    const url = await running.url;
    expect((await call(url, 'GET', '/health')).body).toEqual({ status: 'ok' });
    // A request through validation, serialization, the throttle and the database, and a sign-in through Argon2.
    expect((await call(url, 'POST', '/api/store/partner-requests', partnerRequest())).status).toBe(202);
    expect((await call(url, 'POST', '/api/store/partner-requests', { ...partnerRequest(), email: 'not an address' })).status).toBe(400);
    expect((await call(url, 'POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword })).body.token).toEqual(expect.any(String));
    expect((await call(url, 'GET', '/ready')).body).toEqual({ status: 'ready' });
    const docs = await call(url, 'GET', '/docs/json');
    const paths = Object.keys(docs.body.paths);
    for (const route of [
      '/api/auth/sign-in',
      '/api/auth/sign-out',
      '/api/auth/me',
      '/api/store/partner-requests',
      '/api/hq/distribution/jobs',
      '/api/hq/distribution/jobs/{code}/run',
      '/api/hq/distribution/runs/{runId}',
      '/api/hq/prospects',
      '/api/hq/prospects/{id}',
      '/api/hq/prospects/{id}/approve',
      '/api/hq/prospects/{id}/reject',
      '/api/hq/customers',
      '/api/hq/customers/{account}',
      '/api/hq/customer-hierarchies/{id}',
    ]) {
      expect(paths).toContain(route);
    }
    const missing = await fetch(`${url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });
});
