// Generates each context's SQL migrations from its Drizzle schema (run after changing a schema.ts).
import { execFileSync } from 'node:child_process';
import { contextNames } from '../src/platform/config.ts';

for (const context of process.argv.length > 2 ? process.argv.slice(2) : contextNames) {
  execFileSync(
    'drizzle-kit',
    ['generate', '--dialect=postgresql', `--schema=src/${context}/schema.ts`, `--out=src/${context}/migrations`, `--name=${process.env.MIGRATION_NAME ?? context}`],
    { stdio: 'inherit' },
  );
}
