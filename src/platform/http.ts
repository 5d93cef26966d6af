// The HTTP server: Fastify with TypeBox schemas, OpenAPI, problem+json errors and security headers.
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import ajvFormats from 'ajv-formats';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import { DomainError, statusOf } from './errors.ts';
import type { FieldError } from './errors.ts';

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
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
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
      return `must be a ${String(p.type)}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

export async function buildServer(config: Config, logger: FastifyBaseLogger): Promise<Server> {
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true, strict: false },
      // ajv-formats is CommonJS; its default export is the plugin.
      plugins: [(ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats] as never[],
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Server;

  app.addSchema(Problem);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Handshake API', version: '0.1.0', description: 'B2B partner onboarding: storefront, HQ back office, sales CRM and dual-write.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Token from a sign-in call' },
          staffCookie: { type: 'apiKey', in: 'cookie', name: 'hs_staff' },
        },
      },
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
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, 500, 'Something went wrong on our side. It has been logged.');
    }
    return sendProblem(reply, status, error.message);
  });

  return app;
}
