// Where the sources and built artefacts live, in a module light enough for the build step's quick "unchanged?"
// check. The project root is found by looking up for package.json, so it is the same whether this code runs from
// src/ or from the bundled server in dist/server/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The single-page app, built by Vite. */
export const webDir = path.join(projectRoot, 'dist', 'web');
/** An embedded database with every migration applied, made by `npm start`'s build step (scripts/build.ts). */
export const pgliteTemplateFile = path.join(projectRoot, 'dist', 'pglite-template.tar');
/** The server as one file, made by the build step: what `npm start` runs (src/main.ts is the same program). */
export const serverBundleFile = path.join(projectRoot, 'dist', 'server', 'main.mjs');
/** A context's migrations. */
export function migrationsFolder(context: string): string {
  return path.join(projectRoot, 'src', context, 'migrations');
}
