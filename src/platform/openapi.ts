// Completes each route for the OpenAPI document: operationId, security of its realm, problem+json errors.
import type { FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from './errors.ts';
import { cookieName, csrfHeader, safeMethods } from './sessions.ts';
import type { Realm } from './sessions.ts';

export const securitySchemes = {
  bearer: { type: 'http', scheme: 'bearer', description: 'The token of a sign-in call (staff or partner): `Authorization: Bearer <token>`' },
  staffCookie: { type: 'apiKey', in: 'cookie', name: cookieName.staff, description: 'The staff session cookie set by POST /api/auth/sign-in' },
  partnerCookie: { type: 'apiKey', in: 'cookie', name: cookieName.partner, description: 'The partner session cookie set by POST /api/store/auth/sign-in' },
  csrfToken: { type: 'apiKey', in: 'header', name: csrfHeader, description: "On writes with a session cookie: the value of the realm's readable CSRF cookie (hs_staff_csrf, hs_partner_csrf)" },
} as const;

const cookieScheme: Record<Realm, keyof typeof securitySchemes> = { staff: 'staffCookie', partner: 'partnerCookie' };

/** Bearer, or the realm's cookie (plus the CSRF header on writes): what `assertCsrf` and `SessionStore.fromRequest` accept. */
function securityOf(realm: Realm, method: string): Record<string, string[]>[] {
  const cookie = { [cookieScheme[realm]]: [], ...(safeMethods.has(method) ? {} : { csrfToken: [] }) };
  return [{ bearer: [] }, cookie];
}

const problemDescriptions: Record<string, string> = {
  400: 'The request is not valid; `errors` names each field',
  401: 'No valid session: sign in',
  403: 'A role is missing, or a write with a session cookie lacks its CSRF token',
  404: 'Not found',
  409: 'The record is not in a state that allows this; the body may carry the current state',
  429: 'Too many requests; try again after Retry-After seconds',
  503: 'Not ready',
  default: 'Any other error (a body too large, an unsupported media type, a fault on our side)',
};

/** An error response as the server sends it (`sendProblem`): problem+json, for the serializer and the document alike. */
function problemResponse(code: string): Record<string, unknown> {
  return {
    description: problemDescriptions[code] ?? 'Error',
    ...(code === '429' ? { headers: { 'retry-after': { type: 'integer', description: 'Seconds to wait' } } } : {}),
    content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
  };
}

const isProblemRef = (value: unknown) => typeof value === 'object' && value !== null && (value as { $ref?: unknown }).$ref === 'Problem#';

/** `getHqProspectsById`, `postHqProspectsByIdApprove`: method and path, so every route gets a stable, unique id. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment, i) => segment !== '' && !(i === 1 && segment === 'api'))
    .map((segment) => {
      const name = segment.replace(/^:/, '').split(/[^A-Za-z0-9]+/).filter(Boolean).map(capitalize).join('');
      return segment.startsWith(':') ? `By${name}` : name;
    });
  return method.toLowerCase() + words.join('');
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Query and body properties with a default are optional to the caller: Ajv fills them in (useDefaults). */
function defaultsOptional(schema: unknown): unknown {
  const object = schema as { properties?: Record<string, { default?: unknown }>; required?: string[] } | undefined;
  if (!object?.properties || !object.required) return schema;
  const required = object.required.filter((name) => object.properties![name]?.default === undefined);
  return { ...object, required };
}

interface RouteSchema {
  hide?: boolean;
  operationId?: string;
  security?: Record<string, string[]>[];
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  response?: Record<string, unknown>;
}

/**
 * Completes a route's schema for the OpenAPI document and the serializer: an operationId from method and path, the
 * security of its realm (or none when it declares `security: []`), a door check that a session is presented at all
 * (so the document's security is what the server enforces), and problem+json error responses it can give.
 */
export function documentRoute(route: RouteOptions, realmOf: (url: string) => Realm, operationIds: Set<string>): void {
  const method = String(route.method);
  const schema = (route.schema ?? {}) as RouteSchema;
  if (schema.hide) return;
  const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
  const realm = realmOf(route.url);
  if (!isPublic) route.onRequest = [...[route.onRequest ?? []].flat(), requireSession(realm)];
  // Fastify adds a HEAD twin of every GET; the document leaves it out.
  if (method === 'HEAD') return;

  const operationId = schema.operationId ?? operationIdOf(method, route.url);
  if (operationIds.has(operationId)) throw new Error(`Two routes have the operationId ${operationId}: give one an explicit schema.operationId.`);
  operationIds.add(operationId);
  const response: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(schema.response ?? {})) response[code] = isProblemRef(value) ? problemResponse(code) : value;
  // What a route can answer besides its own declared errors (a public sign-in's 401, a throttled route's 429):
  // 400 for input, 401/403 behind a session, 404 for a path id or a write naming a record, 409 for a write's state rule.
  const protectedWrite = !isPublic && !safeMethods.has(method);
  const errors = [
    ...(schema.body || schema.querystring || schema.params ? ['400'] : []),
    ...(isPublic ? [] : ['401', '403']),
    ...(schema.params || protectedWrite ? ['404'] : []),
    ...(protectedWrite ? ['409'] : []),
    'default',
  ];
  for (const code of errors) response[code] ??= problemResponse(code);
  route.schema = {
    ...schema,
    operationId,
    security: isPublic ? [] : securityOf(realm, method),
    ...(schema.querystring ? { querystring: defaultsOptional(schema.querystring) } : {}),
    ...(schema.body ? { body: defaultsOptional(schema.body) } : {}),
    response,
  } as RouteOptions['schema'];
}

/** The door check of a protected route: no Bearer token and no session cookie of its realm is a 401 before anything else. */
function requireSession(realm: Realm) {
  return async (request: FastifyRequest) => {
    if (request.headers.authorization?.startsWith('Bearer ') || request.cookies[cookieName[realm]]) return;
    throw new DomainError('unauthorized', 'Sign in to continue.');
  };
}
