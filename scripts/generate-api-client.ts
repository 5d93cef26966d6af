// Writes the OpenAPI document and the typed web client types generated from it (run after changing a route).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { documentFile, openApiDocument, typesFile } from './openapi-document.ts';

fs.mkdirSync('web/src/api', { recursive: true });
fs.writeFileSync(documentFile, await openApiDocument());
execFileSync('openapi-typescript', [documentFile, '-o', typesFile], { stdio: 'inherit' });
