// npm run bench: how quickly `npm start` is ready and how much memory the idle process holds, on the embedded
// database in a fresh data folder: a first start, a restart on the same folder, and idle RSS after the restart.
//
//   STARTUP_IDLE_SECONDS=10   how long the restarted process idles before its RSS is read
//
// The web app and the database template are built (if their sources changed) before the clock starts, so the
// figures are those of a second `npm start` on an unchanged checkout. Figures go to .test-artifacts/bench-startup.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchFailure, runBench, until, withDeadline } from './postgres.ts';
import { projectRoot } from '../src/platform/paths.ts';

const targets = { firstStartMs: 5000, restartMs: 3000, idleRssMb: 300 };
const idleSeconds = Number(process.env.STARTUP_IDLE_SECONDS || 10);
const port = 3900 + Math.floor(Math.random() * 90);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm start` in `dataDir`: resolves with the milliseconds to a 200 from /ready and the running process. */
async function start(dataDir: string) {
  const started = performance.now();
  const child = spawn(npm, ['start', '--silent'], { cwd: projectRoot, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await until({ what: `/ready on port ${port}`, timeoutMs: 60_000, everyMs: 20, saw: () => output.slice(-500) || '(no output)' }, async () => {
    if (child.exitCode !== null) throw new BenchFailure(`npm start exited with ${child.exitCode}: ${output.slice(-500)}`);
    const res = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
    return res?.status === 200;
  });
  const readyMs = performance.now() - started;
  return {
    readyMs,
    /** The server's own pid (npm and its shell are in between): the data folder's lock holds it. */
    serverPid: () => Number(fs.readFileSync(path.join(dataDir, 'handshake.lock'), 'utf8').trim().split(/\s/)[0]),
    async stop() {
      // The whole group: npm, its shell and the server.
      process.kill(-child.pid!, 'SIGTERM');
      const code = await withDeadline(exited, 20_000, 'npm start to stop after SIGTERM');
      if (code !== 0 && code !== null) throw new BenchFailure(`the server exited with ${code} on SIGTERM`);
    },
  };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

runBench('startup', 5 * 60_000, async (cleanups, step) => {
  step('building what npm start needs');
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'build.ts')], { cwd: projectRoot, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handshake-startup-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));

  step('first start in an empty data folder');
  const first = await start(dataDir);
  await first.stop();
  step('restart on the same folder');
  const second = await start(dataDir);
  cleanups.push(() => second.stop().catch(() => undefined));
  step(`idling ${idleSeconds} s`);
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const idle = rssMb(second.serverPid());
  await second.stop();
  cleanups.pop();

  const rows = [
    ['first start to /ready (npm start, empty folder)', `${(first.readyMs / 1000).toFixed(2)} s`, `≤ ${targets.firstStartMs / 1000} s`, first.readyMs <= targets.firstStartMs],
    ['restart to /ready (npm start, same folder)', `${(second.readyMs / 1000).toFixed(2)} s`, `≤ ${targets.restartMs / 1000} s`, second.readyMs <= targets.restartMs],
    [`idle RSS after ${idleSeconds} s`, `${idle.toFixed(0)} MB`, `≤ ${targets.idleRssMb} MB`, idle <= targets.idleRssMb],
  ] as const;
  console.log(`\nStartup (embedded database, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end)`);
  for (const [what, value, target, met] of rows) console.log(`  ${what.padEnd(50)} ${value.padStart(9)}   target ${target.padEnd(9)} ${met ? 'met' : 'MISSED'}`);
  fs.mkdirSync(path.join(projectRoot, '.test-artifacts'), { recursive: true });
  fs.writeFileSync(path.join(projectRoot, '.test-artifacts', 'bench-startup.json'), JSON.stringify({ firstStartMs: first.readyMs, restartMs: second.readyMs, idleRssMb: idle, targets }, null, 2));
});
