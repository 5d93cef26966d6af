// Once per test run: a database with every migration applied, so each test file starts from a copy instead of
// migrating its own. Embedded: the same PGlite template `npm start` copies on a first start. PostgreSQL: a template
// database, which CREATE DATABASE … TEMPLATE copies in a fraction of the time the migrations take.
import type { TestProject } from 'vitest/node';
import { buildDatabaseTemplate, buildServer } from '../../scripts/build.ts';
import { pgliteTemplateFile } from '../../src/platform/paths.ts';
import { createMigratedPostgresTemplate } from './postgres.ts';

export const dumpFile = pgliteTemplateFile;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PostgreSQL template database of this run (PostgreSQL runs only). */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  // The bundled server (what npm start runs) is started by test/api/restart.test.ts.
  await buildServer();
  if (!process.env.TEST_DATABASE_URL) return void (await buildDatabaseTemplate());
  const template = await createMigratedPostgresTemplate(process.env.TEST_DATABASE_URL);
  project.provide('postgresTemplate', template.name);
  return template.drop;
}
