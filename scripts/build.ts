// What `npm start` needs built, each only when its sources changed since the last build, so a second start is quick:
// the web app (from web/), the server as one file (loading ~1,000 modules one by one, each resolved and stripped of
// its types, was a third of a start) and the embedded database template (every migration applied, copied on a
// first start instead of running initdb and the migrations). A fingerprint of the sources is written after a successful
// build, so a half-finished build is never taken for a finished one.
//
//   node scripts/build.ts            all three, when changed
//   node scripts/build.ts --web      the web app only;  --force  build even when unchanged
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pgliteTemplateFile, projectRoot as root, serverBundleFile, webDir } from '../src/platform/paths.ts';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** A hash of the files' names and contents; the lock file is always in, since an upgrade changes the output too. */
function fingerprint(files: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...files, path.join(root, 'package-lock.json')]) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

async function whenChanged(what: string, output: string, stampFile: string, sources: string[], force: boolean, build: () => Promise<void>): Promise<void> {
  const wanted = fingerprint(sources);
  const built = fs.existsSync(output) && fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  if (built === wanted && !force) {
    process.stdout.write(`${what} unchanged since its last build: not rebuilding\n`);
    return;
  }
  await build();
  fs.writeFileSync(stampFile, `${wanted}\n`);
}

export async function buildWeb(force = false): Promise<void> {
  await whenChanged('web app', path.join(webDir, 'index.html'), path.join(webDir, '.source-fingerprint'), filesUnder(path.join(root, 'web')), force, async () => {
    const vite = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
    if (vite.status !== 0) throw new Error('The web app did not build (see above).');
  });
}

// Left out of the bundle: files they read next to their own code (WebAssembly, a native addon, static assets) or
// worker threads they start by file name.
const notBundled = ['@electric-sql/pglite', '@node-rs/argon2', 'pino', '@fastify/swagger-ui', '@fastify/static', 'pg-native'];

export async function buildServer(force = false): Promise<void> {
  const sources = filesUnder(path.join(root, 'src')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  await whenChanged('server bundle', serverBundleFile, `${serverBundleFile}.fingerprint`, sources, force, async () => {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'main.ts')],
      outfile: serverBundleFile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      sourcemap: 'linked',
      external: notBundled,
      // CommonJS packages inside an ES module bundle still call require().
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
  });
}

export async function buildDatabaseTemplate(force = false): Promise<string> {
  const migrations = fs.readdirSync(path.join(root, 'src'), { withFileTypes: true }).flatMap((entry) => {
    const folder = path.join(root, 'src', entry.name, 'migrations');
    return entry.isDirectory() && fs.existsSync(folder) ? filesUnder(folder) : [];
  });
  await whenChanged('database template', pgliteTemplateFile, `${pgliteTemplateFile}.fingerprint`, migrations, force, async () => {
    // Loaded only when a build is due: the check above must stay quick when nothing changed.
    const { loadConfig } = await import('../src/platform/config.ts');
    const { openDatabases } = await import('../src/platform/db.ts');
    const dbs = await openDatabases(loadConfig({ DATABASE_URL: 'memory://' }));
    const blob = await dbs.dump!();
    await dbs.close();
    fs.mkdirSync(path.dirname(pgliteTemplateFile), { recursive: true });
    fs.writeFileSync(`${pgliteTemplateFile}.partial`, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(`${pgliteTemplateFile}.partial`, pgliteTemplateFile);
  });
  return pgliteTemplateFile;
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  await buildWeb(force);
  if (!process.argv.includes('--web')) {
    await buildServer(force);
    await buildDatabaseTemplate(force);
  }
}
