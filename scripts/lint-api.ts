// npm test's check of the API contract: the committed document and web client types are those the routes produce,
// and the document passes Redocly's recommended rules (redocly.yaml).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { documentFile, openApiDocument, typesFile } from './openapi-document.ts';

const stale = (file: string) => `${file} is not what the routes produce: run \`npm run gen:api\` and commit the result.`;
const document = await openApiDocument();
if (fs.readFileSync(documentFile, 'utf8') !== document) {
  console.error(stale(documentFile));
  process.exit(1);
}
try {
  execFileSync('openapi-typescript', [documentFile, '-o', typesFile, '--check'], { stdio: 'inherit' });
} catch {
  console.error(stale(typesFile));
  process.exit(1);
}
execFileSync('redocly', ['lint', documentFile, '--format', 'summary'], { stdio: 'inherit' });
