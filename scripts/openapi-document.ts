// The OpenAPI document exactly as GET /docs/json serves it, from an app on an in-memory database that never listens.
import fs from 'node:fs';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';
import { buildDatabaseTemplate } from './build.ts';

export const documentFile = 'web/src/api/openapi.json';
export const typesFile = 'web/src/api/schema.d.ts';

export async function openApiDocument(): Promise<string> {
  // From the prepared database template (built once, reused by the tests and npm start) rather than running every
  // migration again: that was most of this script's minute.
  const pgliteDump = new Blob([fs.readFileSync(await buildDatabaseTemplate())]);
  const app = await createApp(loadConfig({ DATABASE_URL: 'memory://', DISTRIBUTION_MODE: 'off', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'generate-only-password' }), { pgliteDump });
  try {
    await app.server.ready();
    return `${JSON.stringify(app.server.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
