// The HTTP server: Fastify with TypeBox schemas, OpenAPI, problem+json errors and security headers.
import http from 'node:http';
import type { Socket } from 'node:net';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import helmetMiddleware from 'helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import ajvFormats from 'ajv-formats';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import { DomainError, isUnreachable, statusOf } from './errors.ts';
import type { FieldError } from './errors.ts';
import type { Realm } from './sessions.ts';
import { badCharacterAt, withDefaultBounds } from './input-rules.ts';
import { documentRoute, securitySchemes } from './openapi.ts';

export type Server = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details', additionalProperties: true },
);

const titles: Record<number, string> = {
  400: 'Invalid request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Request too large',
  414: 'Address too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  431: 'Headers too large',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** A page of a list as the API answers it: `next` is the offset of the following page, when there is one. */
export function page<T>(result: { items: T[]; total: number }, offset: number, limit: number): { items: T[]; total: number; next?: number } {
  return { ...result, ...(offset + result.items.length < result.total ? { next: offset + limit } : {}) };
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, errors?: FieldError[], extra?: Record<string, unknown>): FastifyReply {
  const body: Record<string, unknown> = { type: 'about:blank', title: titles[status] ?? 'Error', status, detail, ...(extra ?? {}) };
  if (errors && errors.length > 0) body.errors = errors;
  return reply.status(status).type('application/problem+json').send(body);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns Ajv's errors into `{path, message}` with dotted field paths a form can show inline. */
export function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of validation) {
    let parts = issue.instancePath.split('/').filter(Boolean);
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') parts = [...parts, issue.params.missingProperty];
    if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') parts = [...parts, issue.params.additionalProperty];
    const path = parts.join('.') || (context === 'body' ? '' : context ?? '');
    if (seen.has(path)) continue;
    seen.add(path);
    errors.push({ path, message: describe(issue) });
  }
  return errors;
}

function describe(issue: AjvError): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'minLength':
      return p.limit === 1 ? 'is required' : `must be at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters`;
    case 'format':
      return p.format === 'email' ? 'must be a valid e-mail address' : `must be a valid ${String(p.format)}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${String(p.allowedValue)}`;
    case 'pattern':
      return p.pattern === '\\S' ? 'must not be blank' : 'has characters that are not allowed';
    case 'additionalProperties':
      return 'is not a known field';
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'maximum':
      return `must be at most ${String(p.limit)}`;
    case 'type':
      return `must be ${/^[aeiou]/.test(String(p.type)) ? 'an' : 'a'} ${String(p.type).replace(',', ' or ')}`;
    case 'minProperties':
      return 'must name at least one field to change';
    case 'minItems':
      return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${String(p.limit)} items`;
    case 'uniqueItems':
      return 'must not repeat an item';
    default:
      return issue.message ?? 'is invalid';
  }
}

const helmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
    },
  },
} as const;

/** The headers helmet puts on every answer, for the answers Fastify or Node write before any hook runs. */
function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)), removeHeader: () => undefined };
  helmetMiddleware(helmetOptions)({} as http.IncomingMessage, response as unknown as http.ServerResponse, () => undefined);
  return headers;
}

function problemBody(status: number, detail: string): string {
  return JSON.stringify({ type: 'about:blank', title: titles[status] ?? 'Error', status, detail });
}

/** Longest address (path and query) served; longer ones get 414 before any route runs. */
export const maxUrlLength = 8192;

const ajvOptions = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false, strictNumbers: true } as const;
// ajv-formats is CommonJS; its default export is the plugin.
const ajvPlugins = [(ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats] as never[];
const bodyValidators = AjvCompiler();
const textValidators = AjvCompiler();
const serializers = SerializerSelector();

type Compiled = ((data: unknown) => unknown) & { errors?: unknown };
/**
 * Compiles a route's validator or serializer on its first use instead of at start: compiling all of them took
 * a third of the start time, and most routes of a process are never called in its first seconds.
 */
function onFirstUse(compile: () => Compiled): Compiled {
  let compiled: Compiled | undefined;
  const lazy: Compiled = (data) => {
    compiled ??= compile();
    const result = compiled(data);
    // Fastify reads a failed validation's reasons from the function itself.
    lazy.errors = compiled.errors;
    return result;
  };
  return lazy;
}

export interface ServerOptions {
  /** Whose session a route needs unless its schema says `security: []` (public). */
  realmOf(url: string): Realm;
}

export async function buildServer(config: Config, logger: FastifyBaseLogger, options: ServerOptions): Promise<Server> {
  const headers = securityHeaders();

  /** Node's parser refuses a request before Fastify sees it (431, 400, 408): answer as problem+json all the same. */
  function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    let status = 400;
    let detail = 'The request could not be read.';
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') [status, detail] = [408, 'The request took too long to arrive.'];
    else if (error.code === 'HPE_HEADER_OVERFLOW') {
      // The parser counts the request line with the headers; an address that alone fills the limit is too long.
      const requestLineEnds = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.indexOf('\r\n') : 0;
      [status, detail] = requestLineEnds === -1 || requestLineEnds > maxUrlLength ? [414, `The address must be at most ${maxUrlLength} characters.`] : [431, 'The request headers are too large.'];
    }
    const body = problemBody(status, detail);
    const lines = [`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'content-type: application/problem+json', `content-length: ${Buffer.byteLength(body)}`, 'connection: close'];
    if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
    else socket.destroy();
  }

  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    clientErrorHandler: answerClientError,
    // Addresses Fastify cannot route: bad percent-encoding, a path parameter over 100 characters.
    frameworkErrors: (error, _request, reply) => {
      reply.headers(headers);
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, 414, 'A part of the address is too long.');
      if (error.code === 'FST_ERR_BAD_URL') return sendProblem(reply, 400, 'The address is not valid percent-encoded UTF-8.');
      return sendProblem(reply, 500, 'Something went wrong on our side. It has been logged.');
    },
    schemaController: {
      compilersFactory: {
        // Fastify calls the compiler with the route's part ({schema, httpPart}); its types say otherwise.
        buildValidator: ((externalSchemas: Record<string, never>) => {
          // JSON bodies carry their own types, so nothing in them is coerced ({"active": null} is not false).
          // Query strings, path parameters and headers are text: their numbers and booleans are.
          const body = bodyValidators(externalSchemas, { customOptions: { ...ajvOptions, coerceTypes: false }, plugins: ajvPlugins });
          const text = textValidators(externalSchemas, { customOptions: { ...ajvOptions, coerceTypes: 'array' }, plugins: ajvPlugins });
          return (route: { schema: unknown; httpPart?: string }) => onFirstUse(() => (route.httpPart === 'body' ? body(route as never) : text(route as never)) as Compiled);
        }) as never,
        buildSerializer: ((externalSchemas: unknown, options: unknown) => {
          const build = serializers(externalSchemas as never, options as never);
          return (route: unknown) => onFirstUse(() => build(route as never) as Compiled);
        }) as never,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Server;

  app.addSchema(Problem);
  await app.register(cookie);
  await app.register(helmet, helmetOptions);
  // Every route, including ones added later, gets bounds on the integers and strings it takes.
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema) return;
    for (const part of ['body', 'querystring', 'params', 'headers']) if (schema[part]) schema[part] = withDefaultBounds(schema[part]);
  });
  // Load shedding: past the limit a request is answered 503 at once, so an overloaded process keeps a bounded queue
  // (and its memory) instead of working on requests whose callers gave up long ago. Liveness is never shed.
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (config.maxRequestsInFlight === 0 || request.url === '/health') return;
    if (inFlight >= config.maxRequestsInFlight) {
      reply.header('retry-after', '1');
      return sendProblem(reply, 503, 'The server is busy. Try again in a moment.');
    }
    inFlight += 1;
    reply.raw.once('close', () => (inFlight -= 1));
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > maxUrlLength) return sendProblem(reply, 414, `The address must be at most ${maxUrlLength} characters.`);
  });
  // One rule for every string a request carries, before any route sees it.
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const path = badCharacterAt(part);
      if (!path) continue;
      const message = 'must not contain a NUL character or an unpaired surrogate';
      throw new DomainError('validation', `${path.join('.') || 'the request'} ${message}`, undefined, [{ path: path.join('.'), message }]);
    }
  });

  // Ajv coerces "1e400" in a query or path to Infinity and then skips its bounds: refuse what is not a finite number.
  app.addHook('preHandler', async (request) => {
    for (const part of [request.params, request.query]) {
      for (const [name, value] of Object.entries((part ?? {}) as Record<string, unknown>)) {
        if ([value].flat().some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new DomainError('validation', `${name} must be a finite number`, undefined, [{ path: name, message: 'must be a finite number' }]);
      }
    }
  });

  // Before swagger's own hook, so every route it collects already has its operationId, security and errors.
  const operationIds = new Set<string>();
  app.addHook('onRoute', (route) => documentRoute(route, options.realmOf, operationIds));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Handshake API',
        version: '0.1.0',
        description: 'B2B partner onboarding: storefront, HQ back office, sales CRM and dual-write. Errors are RFC 9457 application/problem+json.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative: the document is served by the API it describes.
      servers: [{ url: '/' }],
      components: { securitySchemes },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((error: FastifyError | DomainError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      if (error.code === 'too-many-requests' && typeof error.details?.retryAfter === 'number') reply.header('retry-after', String(error.details.retryAfter));
      return sendProblem(reply, statusOf[error.code], error.message, error.errors, error.details);
    }
    if (error.validation) {
      const errors = fieldErrors(error.validation as unknown as AjvError[], error.validationContext);
      const detail = errors.map((e) => (e.path ? `${e.path} ${e.message}` : e.message)).join('; ');
      return sendProblem(reply, 400, detail || 'The request is not valid', errors);
    }
    // No connection within DATABASE_CONNECT_TIMEOUT_MS, or the database is down: the caller may try again.
    if (isUnreachable(error)) {
      request.log.warn({ err: error }, 'database busy or unreachable');
      reply.header('retry-after', '1');
      return sendProblem(reply, 503, 'The service is busy or its database does not answer. Try again in a moment.');
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, 500, 'Something went wrong on our side. It has been logged.');
    }
    return sendProblem(reply, status, error.message);
  });

  return app;
}
