// Unit tests for the log serializers: a failed query's parameters, hashes and link tokens never reach a log line.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import { createLogger, scrub, statementSummary } from './log.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('debug', stream), text: () => lines.join('') };
}

const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const invitation = 'https://b2b.contoso.test/invitation#Zk3x9QwErTyUiOp1234';

describe('the error serializer', () => {
  it('logs a failed query as its statement and the database reason, without the SQL parameters', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await db.execute(sql`create table staff (email text primary key, password_hash text not null, body text)`);
    await db.execute(sql`insert into staff values (${'a@x.test'}, ${hash}, ${invitation})`);
    const error = await db.execute(sql`insert into staff values (${'a@x.test'}, ${hash}, ${invitation})`).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();
    expect(error).toBeInstanceOf(Error);
    const { log, text } = capture();
    log.error({ err: error }, 'unhandled error');
    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err.message).toMatch(/^Failed query: insert staff: duplicate key value violates unique constraint/);
    expect(line.err.code).toBe('23505');
    expect(line.err.constraint).toBe('staff_pkey');
    expect(text()).not.toContain('$argon2');
    expect(text()).not.toContain('Zk3x9QwErTyUiOp1234');
    expect(text()).not.toContain('a@x.test');
    expect(text()).not.toContain('"params"');
  });

  it('hides the value PostgreSQL quotes in a data error', () => {
    const { log, text } = capture();
    const error = Object.assign(new Error('invalid input syntax for type uuid: "secret-value"'), { code: '22P02', severity: 'ERROR' });
    log.warn({ err: error }, 'failed');
    expect(text()).not.toContain('secret-value');
    expect(text()).toContain('22P02');
  });
});

describe('scrub', () => {
  it('masks hashes, link tokens, bearer tokens, session cookies and URL credentials in free text', () => {
    const text = scrub(`${hash} ${invitation} /reset-password#abcDEF123456 /api/store/partner-requests/status/tok123456789 Bearer abc.def cookie hs_staff=xyz; smtps://user:pw@smtp.test:465`);
    for (const secret of ['$argon2id$v', 'Zk3x9Q', 'abcDEF', 'tok123', 'abc.def', 'xyz', 'user:pw']) expect(text).not.toContain(secret);
  });

  it('keeps the logged URL useful: path shape and the rest of the query stay', () => {
    expect(scrub('/partner/request-status/abcdef0123456789?x=1')).toBe('/partner/request-status/[redacted]?x=1');
    expect(scrub('/api/hq/prospects?search=acme&token=abc')).toBe('/api/hq/prospects?search=acme&token=[redacted]');
  });
});

describe('statementSummary', () => {
  it('names the kind of statement and its table', () => {
    expect(statementSummary('insert into "platform"."staff_users" ("id") values ($1)')).toBe('insert "platform"."staff_users"');
    expect(statementSummary('select "id" from "hq"."prospects" where "id" = $1')).toBe('select "hq"."prospects"');
    expect(statementSummary('update "mail"."messages" set "status" = $1')).toBe('update "mail"."messages"');
  });
});
