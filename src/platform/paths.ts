// Where the built artefacts live, in a module light enough for the build step's quick "unchanged?" check.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
/** The single-page app, built by Vite. */
export const webDir = path.join(projectRoot, 'dist', 'web');
/** An embedded database with every migration applied, made by `npm start`'s build step (scripts/build.ts). */
export const pgliteTemplateFile = path.join(projectRoot, 'dist', 'pglite-template.tar');
