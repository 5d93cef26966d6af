// Once per test run: the embedded database with every migration applied (the same template `npm start` copies on a
// first start), so each test file starts from a copy instead of running initdb again.
import { buildDatabaseTemplate, buildServer } from '../../scripts/build.ts';
import { pgliteTemplateFile } from '../../src/platform/paths.ts';

export const dumpFile = pgliteTemplateFile;

export default async function setup(): Promise<void> {
  // The bundled server (what npm start runs) is started by test/api/restart.test.ts.
  await buildServer();
  if (process.env.TEST_DATABASE_URL) return;
  await buildDatabaseTemplate();
}
