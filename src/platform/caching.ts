// What browsers and proxies may keep: API answers and anything asked with credentials are never stored;
// the web app's hashed static files stay cacheable.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieName } from './sessions.ts';

/** The path of a request without its query. */
export function pathOf(url: string): string {
  return url.split('?')[0] ?? '';
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Static files of the web app (content-hashed by the build): public, the same for everyone. */
export function isAssetPath(path: string): boolean {
  return path.startsWith('/assets/');
}

function carriesCredentials(request: FastifyRequest): boolean {
  if (request.headers.authorization) return true;
  const cookies = request.headers.cookie ?? '';
  return Object.values(cookieName).some((name) => cookies.includes(`${name}=`));
}

/** Adds `Cache-Control: no-store` to every API answer and every answer to a request with a session, assets excepted. */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request.url);
    if (!isAssetPath(path) && (isApiPath(path) || carriesCredentials(request))) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Hashed build files never change under their name: kept a year. Anything else (index.html) is asked again each time. */
export function webFileCacheControl(filePath: string): string {
  return /[\\/]assets[\\/][^\\/]+$/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** How @fastify/static serves dist/web: the .br/.gz siblings the build writes (web/precompress.ts), with the cache policy above. */
export const webFileOptions = {
  preCompressed: true,
  cacheControl: false,
  setHeaders(reply: FastifyReply, filePath: string) {
    reply.header('cache-control', webFileCacheControl(filePath));
  },
} as const;
