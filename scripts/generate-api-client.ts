// Writes the OpenAPI document and the typed web client types generated from it (run after changing a route).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';

const app = await createApp(loadConfig({ ...process.env, DATABASE_URL: 'memory://', DISTRIBUTION_MODE: 'off', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'generate-only-password' }));
await app.server.ready();
fs.mkdirSync('web/src/api', { recursive: true });
fs.writeFileSync('web/src/api/openapi.json', `${JSON.stringify(app.server.swagger(), null, 2)}\n`);
await app.close();
execFileSync('openapi-typescript', ['web/src/api/openapi.json', '-o', 'web/src/api/schema.d.ts'], { stdio: 'inherit' });
