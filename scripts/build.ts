// Builds the web app only when its sources changed since the last build, so a second `npm start` starts at once.
// The fingerprint covers web/ and the lock file (a dependency upgrade changes the bundle too); it is written
// into dist/web after a successful build, so a half-finished build is never taken for a finished one.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.join(root, 'dist', 'web');
const stampFile = path.join(outDir, '.source-fingerprint');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

export function fingerprint(): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...filesUnder(path.join(root, 'web')), path.join(root, 'package-lock.json')]) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const wanted = fingerprint();
const built = fs.existsSync(path.join(outDir, 'index.html')) && fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
if (built === wanted && !process.argv.includes('--force')) {
  process.stdout.write('web app unchanged since its last build: not rebuilding\n');
} else {
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
  fs.writeFileSync(stampFile, `${wanted}\n`);
}
