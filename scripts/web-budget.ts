// The storefront's JavaScript budget: what a browser downloads for / and /partner/sign-up — the entry chunk, the
// storefront's chunk and everything they import statically — gzip-compressed, at most 250 KB. Reads the build's
// manifest (dist/web/.vite/manifest.json, written by `npm run build:web`); exits 1 above the budget. Run by npm test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const budgetBytes = 250 * 1024;
export const webDir = fileURLToPath(new URL('../dist/web', import.meta.url));
/** The manifest keys of the code / and /partner/sign-up need: the app's entry and the storefront's lazy chunk (web/src/routes.tsx). */
export const storefrontRoots = ['index.html', 'src/storefront/storefrontPages.ts'];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface StorefrontSize {
  js: FileSize[];
  css: FileSize[];
  jsGzipBytes: number;
  withinBudget: boolean;
}

function sizeOf(file: string): FileSize {
  const content = fs.readFileSync(path.join(webDir, file));
  return { file, bytes: content.length, gzipBytes: zlib.gzipSync(content, { level: 9 }).length };
}

/** The files the storefront's first page loads, following static imports only: lazy chunks (HQ, CRM) are not downloaded. */
export function measureStorefront(): StorefrontSize {
  const manifestFile = path.join(webDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run build:web\` first.`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build manifest has no chunk ${key}: did web/src/routes.tsx change? Update storefrontRoots.`);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const root of storefrontRoots) visit(root);
  const jsSizes = [...js].map(sizeOf);
  const jsGzipBytes = jsSizes.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { js: jsSizes, css: [...css].map(sizeOf), jsGzipBytes, withinBudget: jsGzipBytes <= budgetBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The measurement as a table, one line a file, for npm test and npm run bench. */
export function describe(size: StorefrontSize): string {
  const lines = ['Storefront JavaScript for / and /partner/sign-up (gzip level 9):'];
  for (const f of size.js) lines.push(`  ${f.file.padEnd(44)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzip`);
  for (const f of size.css) lines.push(`  ${`${f.file} (CSS, not in the budget)`.padEnd(44)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)} gzip`);
  const verdict = size.withinBudget ? 'within' : 'OVER';
  lines.push(`  total JavaScript ${kb(size.jsGzipBytes)} gzip: ${verdict} the budget of ${kb(budgetBytes)}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = measureStorefront();
  console.log(describe(size));
  if (!size.withinBudget) process.exit(1);
}
