// The OpenAPI document exactly as GET /docs/json serves it, from an app on an in-memory database that never listens.
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';

export const documentFile = 'web/src/api/openapi.json';
export const typesFile = 'web/src/api/schema.d.ts';

export async function openApiDocument(): Promise<string> {
  const app = await createApp(loadConfig({ DATABASE_URL: 'memory://', DISTRIBUTION_MODE: 'off', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'generate-only-password' }));
  try {
    await app.server.ready();
    return `${JSON.stringify(app.server.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
