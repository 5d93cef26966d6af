// Databases of a PostgreSQL test run: one per test file, copied from a template migrated once per run.
import crypto from 'node:crypto';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabases } from '../../src/platform/db.ts';
import { onAdmin } from '../../bench/postgres.ts';

function urlOf(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database on the test server, empty or copied from `template`; dropped by the returned function. */
export async function createDatabase(adminUrl: string, template?: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `hs_test_${crypto.randomBytes(6).toString('hex')}`;
  await onAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    name,
    url: urlOf(adminUrl, name),
    drop: () => onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A database with every context's migrations applied and no connection left open (a template must have none). */
export async function createMigratedPostgresTemplate(adminUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const database = await createDatabase(adminUrl);
  const dbs = await openDatabases(loadConfig({ DATABASE_URL: database.url }));
  await dbs.close();
  return database;
}
