// The OpenAPI document at /docs/json tells the truth: every operation is named and says who may call it, errors are
// documented as the problem+json the server sends, and the bodies the web app relies on are the documented ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}

let t: TestApp;
let operations: { method: string; path: string; operation: Operation }[];
let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> } };

beforeAll(async () => {
  t = await startApp();
  document = (await t.request('GET', '/docs/json')).body;
  operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));
});
afterAll(async () => {
  await t?.close();
});

/** A path with every parameter filled in with a value of the right shape that names no record. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

describe('the OpenAPI document', () => {
  it('names every operation with a unique operationId and says who may call it', () => {
    expect(operations.length).toBeGreaterThan(90);
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.find((o) => o.method === 'POST' && o.path === '/api/hq/prospects/{id}/approve')?.operation.operationId).toBe('postHqProspectsByIdApprove');
    for (const { operation } of operations) {
      expect(operation.security).toBeInstanceOf(Array);
      for (const requirement of operation.security!) for (const scheme of Object.keys(requirement)) expect(document.components.securitySchemes).toHaveProperty(scheme);
    }
  });

  it('documents staff, partner and public routes with their own schemes, and the CSRF header on cookie writes', () => {
    const security = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)?.operation.security;
    expect(security('GET', '/api/hq/prospects')).toEqual([{ bearer: [] }, { staffCookie: [] }]);
    expect(security('POST', '/api/hq/prospects/{id}/approve')).toEqual([{ bearer: [] }, { staffCookie: [], csrfToken: [] }]);
    expect(security('GET', '/api/store/organization/users')).toEqual([{ bearer: [] }, { partnerCookie: [] }]);
    expect(security('DELETE', '/api/store/organization/users/{id}')).toEqual([{ bearer: [] }, { partnerCookie: [], csrfToken: [] }]);
    for (const [method, path] of [['POST', '/api/store/partner-requests'], ['POST', '/api/auth/sign-in'], ['POST', '/api/store/auth/sign-in'], ['GET', '/health']] as const) {
      expect(security(method, path)).toEqual([]);
    }
  });

  it('documents every error as application/problem+json with the Problem schema', () => {
    for (const { method, path, operation } of operations) {
      for (const [code, response] of Object.entries(operation.responses)) {
        if (code.startsWith('2')) continue;
        expect({ method, path, code, content: Object.keys(response.content ?? {}) }).toEqual({ method, path, code, content: ['application/problem+json'] });
        expect(response.content!['application/problem+json']!.schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
      if (operation.security!.length > 0) expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('leaves list parameters with a default (limit, offset, sort) optional', () => {
    const required = operations.flatMap((o) => (o.operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${o.method} ${o.path} ${p.name}`));
    expect(required).toEqual([]);
  });
});

describe('the server does what the document says', () => {
  it('answers 401 problem+json to every operation that needs a session, when called without one', async () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of operations.filter((o) => o.operation.security!.length > 0)) {
      const res = await t.request(method, concrete(path), method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      if (res.status !== 401 || !res.headers.get('content-type')?.startsWith('application/problem+json')) wrong.push(`${method} ${path} ${operation.operationId}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets anyone call the public operations', async () => {
    const wrong: string[] = [];
    for (const { method, path } of operations.filter((o) => o.operation.security!.length === 0)) {
      const res = await t.request(method, concrete(path), method === 'GET' ? {} : { body: {} });
      if (res.status === 401 || res.status === 403) wrong.push(`${method} ${path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('sends a 404 as the documented problem+json', async () => {
    const res = await t.request('GET', '/api/hq/prospects/no-such-prospect', { token: t.adminToken });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not found', status: 404 });
    expect(typeof res.body.detail).toBe('string');
  });

  it('documents the field maps as sent, index and symbol included', async () => {
    const map = (await t.request('GET', '/api/dualwrite/maps/accounts', { token: t.adminToken })).body;
    type Part = { properties?: { fieldMaps?: { items: { properties: Record<string, unknown> } } } };
    const detail = document.paths['/api/dualwrite/maps/{id}']!.get!.responses['200']!.content!['application/json']!.schema as { allOf: Part[] };
    const item = detail.allOf.find((part) => part.properties?.fieldMaps)!.properties!.fieldMaps!.items;
    expect(map.fieldMaps.length).toBeGreaterThan(0);
    for (const fieldMap of map.fieldMaps) for (const key of Object.keys(fieldMap)) expect(item.properties).toHaveProperty(key);
    expect(map.fieldMaps[0]).toMatchObject({ index: 0, symbol: expect.any(String) });
  });

  it('answers an initial sync with the map it started, not null', async () => {
    const res = await t.request('POST', '/api/dualwrite/maps/accounts/initial-sync', { token: t.adminToken });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'accounts', status: expect.stringMatching(/^(Initializing|Running)$/) });
  });
});
