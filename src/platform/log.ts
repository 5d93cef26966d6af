// The process logger: pino with serializers and redaction that keep secrets out of every log line (SQL
// parameters, password hashes, session and link tokens, cookies).
import { pino } from 'pino';
import type { DestinationStream } from 'pino';
import type { FastifyBaseLogger } from 'fastify';

const redacted = '[redacted]';

/** Secrets that can hide inside free text (messages, URLs, stacks), each with what it is replaced by. */
const secretPatterns: [RegExp, string][] = [
  [/\$argon2[a-z]*\$[^\s"',;]*/gi, `$argon2${redacted}`],
  // Invitation and reset links carry their token in the fragment; the status link in the path.
  [/(invitation|reset-password)#[^\s"'<>&]+/gi, `$1#${redacted}`],
  [/(\/partner-requests\/status\/|\/request-status\/)[^\s"'/?#<>]+/gi, `$1${redacted}`],
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${redacted}`],
  [/(hs_[a-z_]+=)[^;\s"']+/gi, `$1${redacted}`],
  [/([?&](?:token|password)=)[^&#\s"']*/gi, `$1${redacted}`],
  // Credentials in connection URLs (DATABASE_URL, SMTP_URL).
  [/(\/\/)[^/\s:@"']+:[^@\s/"']+@/g, `$1${redacted}@`],
];

/** Removes every secret pattern from a text. */
export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of secretPatterns) out = out.replace(pattern, replacement);
  return out;
}

/** A request URL as it may be logged: tokens in the path or query are masked. */
export function loggableUrl(url: string): string {
  return scrub(url);
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
  code?: unknown;
  [key: string]: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as ErrorLike).message === 'string');
}

/** Drizzle's DrizzleQueryError carries the SQL text and its parameter values (which can be hashes and tokens). */
function isQueryError(e: ErrorLike): boolean {
  return typeof e.query === 'string' && Array.isArray(e.params);
}

/** A PostgreSQL error (pg or PGlite): a five-character SQLSTATE and a severity. */
function isDatabaseError(e: ErrorLike): boolean {
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === 'string';
}

/** The kind of statement and the table it touched, never its values: `insert into "platform"."staff_users"`. */
export function statementSummary(query: string): string {
  const verb = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete)/i.exec(query)?.[1]?.toLowerCase() ?? 'statement';
  const table = /\b(?:into|update|from)\s+((?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?)/i.exec(query)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** PostgreSQL quotes the offending value in some messages (`invalid input syntax for type uuid: "…"`): hide it. */
function databaseMessage(message: string): string {
  return scrub(message)
    .replace(/(: )"[\s\S]*"$/, `$1"${redacted}"`)
    .replace(/\bvalue "[\s\S]*?" is out of range/, `value "${redacted}" is out of range`);
}

function messageOf(e: ErrorLike): string {
  const message = typeof e.message === 'string' ? e.message : String(e.message);
  // PGlite's database errors carry the query and its parameters too: the database's own words are what matter.
  if (isDatabaseError(e)) return databaseMessage(message);
  if (isQueryError(e)) return `Failed query: ${statementSummary(e.query as string)}`;
  return scrub(message);
}

// Fields of an error that describe it without carrying data (pg's `detail`, `where` and `internalQuery` can).
const safeFields = ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'responseCode', 'command', 'errno', 'syscall'];

/**
 * pino's `err` serializer, rebuilt from an allow-list: the type, the messages of the cause chain (an SQL error's
 * statement summarized, parameters dropped), the stack frames, and fields that carry no data.
 */
export function serializeError(value: unknown): unknown {
  if (!isErrorLike(value)) return typeof value === 'string' ? scrub(value) : value;
  const chain: ErrorLike[] = [];
  for (let e: unknown = value; isErrorLike(e) && chain.length < 5 && !chain.includes(e); e = e.cause) chain.push(e);
  const out: Record<string, unknown> = {
    type: value.constructor?.name && value.constructor.name !== 'Object' ? value.constructor.name : String(value.name ?? 'Error'),
    message: chain.map(messageOf).join(': '),
  };
  for (const e of chain) {
    for (const field of safeFields) {
      const v = e[field];
      if (out[field] === undefined && (typeof v === 'string' || typeof v === 'number')) out[field] = typeof v === 'string' ? scrub(v) : v;
    }
    if (isQueryError(e) && out.statement === undefined) out.statement = statementSummary(e.query as string);
  }
  // The stack's first line repeats the message (with the SQL and its parameters): keep the frames only.
  if (typeof value.stack === 'string') {
    const frames = value.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${String(out.type)}: ${String(out.message)}`, ...frames.map(scrub)].join('\n');
  }
  return out;
}

function serializeRequest(request: { method?: string; url?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: request.method, url: loggableUrl(request.url ?? ''), remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** Field paths pino blanks wherever they appear in a logged object, whatever code logs them. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'password',
  'passwordHash',
  'token',
  'csrfToken',
  'params',
  'body',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.csrfToken',
  '*.params',
  '*.html',
  '*.text',
];

export function createLogger(level: string, destination?: DestinationStream): FastifyBaseLogger {
  const logger = pino(
    {
      level,
      serializers: { err: serializeError, error: serializeError, req: serializeRequest },
      redact: { paths: redactPaths, censor: redacted },
      hooks: {
        // Free-text messages (`mail: ${reason}`) are scrubbed too.
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  return logger as unknown as FastifyBaseLogger;
}
