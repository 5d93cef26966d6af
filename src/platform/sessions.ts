// Server-side sessions: the token is shown once to the client and only its hash is stored, so a leaked table opens nothing.
import crypto from 'node:crypto';
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db.ts';
import { sessions } from './schema.ts';
import { DomainError } from './errors.ts';

export type Realm = 'staff' | 'partner';

export interface Session {
  realm: Realm;
  subjectId: string;
  csrfToken: string;
  tokenHash: string;
  /** Cookie-authenticated requests must prove CSRF; Bearer ones need not. */
  viaCookie: boolean;
}

export const cookieName: Record<Realm, string> = { staff: 'hs_staff', partner: 'hs_partner' };
export const csrfCookieName: Record<Realm, string> = { staff: 'hs_staff_csrf', partner: 'hs_partner_csrf' };
export const csrfHeader = 'x-csrf-token';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export interface SessionStore {
  create(realm: Realm, subjectId: string, ttlHours: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }>;
  /** Finds the live session of the request (Bearer header first, then the realm's cookie). */
  fromRequest(request: FastifyRequest, realm: Realm): Promise<Session | null>;
  revoke(tokenHash: string): Promise<void>;
  /** Ends every session of these subjects, but the one given (the caller's own, after a password change). */
  revokeAll(realm: Realm, subjectIds: string | readonly string[], except?: string): Promise<void>;
}

export function createSessionStore(db: Db): SessionStore {
  return {
    async create(realm, subjectId, ttlHours) {
      const token = randomToken();
      const csrfToken = randomToken(24);
      const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
      await db.insert(sessions).values({ tokenHash: hashToken(token), realm, subjectId, csrfToken, expiresAt });
      return { token, csrfToken, expiresAt };
    },
    async fromRequest(request, realm) {
      const header = request.headers.authorization;
      let token: string | undefined;
      let viaCookie = false;
      if (header?.startsWith('Bearer ')) {
        token = header.slice('Bearer '.length).trim();
      } else {
        token = request.cookies[cookieName[realm]];
        viaCookie = true;
      }
      if (!token) return null;
      const tokenHash = hashToken(token);
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tokenHash, tokenHash), eq(sessions.realm, realm), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
      if (!row) return null;
      return { realm, subjectId: row.subjectId, csrfToken: row.csrfToken, tokenHash, viaCookie };
    },
    async revoke(tokenHash) {
      await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
    },
    async revokeAll(realm, subjectIds, except) {
      const ids = typeof subjectIds === 'string' ? [subjectIds] : [...subjectIds];
      if (ids.length === 0) return;
      await db
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.realm, realm), inArray(sessions.subjectId, ids), isNull(sessions.revokedAt), except ? ne(sessions.tokenHash, except) : undefined));
    },
  };
}

export const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Double-submit check: a cookie-authenticated write must echo the session's CSRF token in a header. */
export function assertCsrf(request: FastifyRequest, session: Session): void {
  if (!session.viaCookie || safeMethods.has(request.method)) return;
  const sent = request.headers[csrfHeader];
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(typeof sent === 'string' ? sent : '');
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) {
    throw new DomainError('forbidden', 'The request is missing its CSRF token. Reload the page and try again.');
  }
}

export function setSessionCookies(reply: FastifyReply, realm: Realm, token: string, csrfToken: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(cookieName[realm], token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
  // Readable by the page's script so it can echo it in the CSRF header.
  reply.setCookie(csrfCookieName[realm], csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure, expires: expiresAt });
}

export function clearSessionCookies(reply: FastifyReply, realm: Realm): void {
  reply.clearCookie(cookieName[realm], { path: '/' });
  reply.clearCookie(csrfCookieName[realm], { path: '/' });
}
