// What browsers and proxies may keep, and what an unknown address answers: API answers and anything asked with a
// session are `Cache-Control: no-store`; the app's hashed static files are cached a year and sent precompressed; an
// unknown /api address or a missing /assets file is a 404 problem, never the single-page app's HTML.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

const webDir = path.resolve('dist/web');
const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

describe('Cache-Control', () => {
  it('is no-store on signed-in answers, with a Bearer token or with the session cookie', async () => {
    const withBearer = await t.request('GET', '/api/hq/prospects', { token: t.adminToken });
    expect(withBearer.status).toBe(200);
    expect(withBearer.headers.get('cache-control')).toBe('no-store');

    const signIn = await fetch(`${t.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@handshake.test', password: 'correct-horse-battery' }) });
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const withCookie = await fetch(`${t.url}/api/auth/me`, { headers: { cookie } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('cache-control')).toBe('no-store');
    // A page of the app fetched with the session cookie is about the signed-in user too.
    if (hasWeb) expect((await fetch(`${t.url}/hq`, { headers: { cookie } })).headers.get('cache-control')).toBe('no-store');
  });

  it('is no-store on every API answer, errors included', async () => {
    for (const [route, status] of [
      ['/api/store/countries', 200],
      ['/api/hq/prospects', 401],
      ['/api/store/partner-requests/status/not-a-real-token-000', 404],
    ] as const) {
      const res = await t.request('GET', route);
      expect(res.status, route).toBe(status);
      expect(res.headers.get('cache-control'), route).toBe('no-store');
    }
  });

  it.skipIf(!hasWeb)('leaves the static files of the app cacheable, even when a session cookie comes along', async () => {
    const asset = fs.readdirSync(path.join(webDir, 'assets'))[0]!;
    const res = await fetch(`${t.url}/assets/${asset}`, { headers: { cookie: 'hs_staff=whatever' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control') ?? '').not.toContain('no-store');
  });

  it.skipIf(!hasWeb)('keeps the hashed files a year and sends them compressed; the page itself is asked for again each time', async () => {
    const assets = path.join(webDir, 'assets');
    const script = fs.readdirSync(assets).find((f) => f.endsWith('.js') && fs.existsSync(path.join(assets, `${f}.br`)))!;
    const original = fs.readFileSync(path.join(assets, script), 'utf8');
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
      const res = await fetch(`${t.url}/assets/${script}`, { headers: { 'accept-encoding': accept } });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get('content-encoding'), accept).toBe(encoding);
      expect(res.headers.get('content-type'), accept).toContain('javascript');
      expect(res.headers.get('cache-control'), accept).toBe('public, max-age=31536000, immutable');
      expect(await res.text(), accept).toBe(original);
    }
    const page = await fetch(`${t.url}/partner/sign-up`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });
});

describe('unknown addresses', () => {
  it('answers 404 problem+json for /api, /api/ and any unknown /api path, whatever the method', async () => {
    for (const [method, route] of [
      ['GET', '/api'],
      ['GET', '/api/'],
      ['GET', '/api?x=1'],
      ['GET', '/api/nothing-here'],
      ['GET', '/api/hq/no-such-thing/1'],
      ['POST', '/api/store/nothing'],
      ['DELETE', '/api/hq'],
    ] as const) {
      const res = await fetch(t.url + route, { method });
      expect(res.status, `${method} ${route}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${route}`).toContain('application/problem+json');
      expect(((await res.json()) as { status: number }).status).toBe(404);
    }
  });

  it('answers 404 for a missing file under /assets, not the app', async () => {
    const res = await fetch(`${t.url}/assets/index-missing.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it.skipIf(!hasWeb)('still serves the app for its own pages', async () => {
    for (const route of ['/', '/hq', '/hq/prospects/123', '/partner/sign-up']) {
      const res = await fetch(t.url + route);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type'), route).toContain('text/html');
    }
  });
});
