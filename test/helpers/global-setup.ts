// Once per test run: build an embedded database with every migration applied, so each test file starts from a copy.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabases } from '../../src/platform/db.ts';

export const dumpFile = path.resolve('.test-artifacts/pglite-migrated.tar');

export default async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const dbs = await openDatabases(loadConfig({ DATABASE_URL: 'memory://' }));
  const blob = await dbs.dump!();
  await dbs.close();
  fs.mkdirSync(path.dirname(dumpFile), { recursive: true });
  fs.writeFileSync(dumpFile, Buffer.from(await blob.arrayBuffer()));
}
