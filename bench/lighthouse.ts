// npm run bench (part before the soak): the web app as a browser sees it. Builds the web app, prints the storefront's
// JavaScript budget (scripts/web-budget.ts), then runs Lighthouse — performance and accessibility, desktop preset
// (no CPU or network throttling, 1350×940 screen) — on the storefront's home, partner sign-up and sign-in pages and on
// /hq signed in as the administrator, served by Handshake itself on the embedded database (DATABASE_URL=memory://).
//
//   targets      performance ≥ 90 and accessibility ≥ 95 on every page (printed; a miss does not fail the run)
//   LIGHTHOUSE_RUNS=3  runs per page; the run with the median performance score is reported (scores vary run to run,
//                more so on a busy machine), its HTML report written to .test-artifacts/lighthouse/
//   CHROME_PATH  the browser Lighthouse drives through chrome-launcher (default /usr/bin/chromium, Debian's); headless,
//                nothing is downloaded
//
// Scores go to stdout and to .test-artifacts/bench-lighthouse.json. Exit code 1 when a page cannot be measured or the
// build fails; every wait has a deadline.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { Flags, RunnerResult } from 'lighthouse';
import { launch } from 'chrome-launcher';
import { BenchFailure, runBench, withDeadline } from './postgres.ts';
import { describe, measureStorefront } from '../scripts/web-budget.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createApp } from '../src/app.ts';

const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const targets = { performance: 90, accessibility: 95 };
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const reportDir = path.join('.test-artifacts', 'lighthouse');
const staffEmail = 'bench-admin@handshake.test';
const staffPassword = 'bench-admin-password-1';
const pages: { path: string; staff?: boolean }[] = [{ path: '/' }, { path: '/partner/sign-up' }, { path: '/sign-in' }, { path: '/hq', staff: true }];

/** Runs a command to its end within `timeoutMs`; its output is shown only when it fails. */
async function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  try {
    const code = await withDeadline(exited, timeoutMs, `${command} ${args.join(' ')}`);
    if (code !== 0) throw new BenchFailure(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

runBench('lighthouse benchmark', 15 * 60_000, async (cleanups, step) => {
  step('building the web app');
  await run('npm', ['run', 'build:web'], 5 * 60_000);
  console.log(describe(measureStorefront()));

  step('starting Handshake on the embedded database');
  const app = await createApp(
    loadConfig({
      DATABASE_URL: 'memory://',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: staffEmail,
      ADMIN_PASSWORD: staffPassword,
    }),
  );
  cleanups.push(() => app.close());
  await withDeadline(app.listen(), 60_000, 'Handshake to listen');
  const base = `http://127.0.0.1:${(app.server.server.address() as { port: number }).port}`;

  step('signing in as the administrator');
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: staffEmail, password: staffPassword }),
    signal: AbortSignal.timeout(30_000),
  });
  if (signIn.status !== 200) throw new BenchFailure(`staff sign-in answered ${signIn.status}`);
  const staffCookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

  step(`starting ${chromePath}`);
  if (!fs.existsSync(chromePath)) throw new BenchFailure(`no browser at ${chromePath}: apt-get install chromium, or set CHROME_PATH`);
  const chrome = await withDeadline(
    launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'], logLevel: 'error' }),
    60_000,
    'Chromium to start',
  );
  cleanups.push(async () => chrome.kill());

  const rows: { page: string; performance: number; accessibility: number; fcpMs: number; lcpMs: number; tbtMs: number; failing: string[] }[] = [];
  fs.mkdirSync(reportDir, { recursive: true });
  for (const page of pages) {
    const measured: { lhr: RunnerResult['lhr']; report: string }[] = [];
    for (let i = 1; i <= runs; i++) {
      step(`Lighthouse on ${page.path}, run ${i} of ${runs}`);
      const flags: Flags = {
        port: chrome.port,
        output: 'html',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        // /hq is the back office: measured signed in, as staff see it (the session cookie on every request).
        ...(page.staff ? { extraHeaders: { cookie: staffCookie } } : {}),
      };
      // A trace Chromium failed to record (NO_NAVSTART, NO_FCP on a busy machine) is measured again, twice at most.
      let result: RunnerResult | undefined;
      for (let attempt = 1; ; attempt++) {
        result = await withDeadline(lighthouse(base + page.path, flags, desktopConfig), 180_000, `Lighthouse on ${page.path}`);
        if (!result) throw new BenchFailure(`Lighthouse returned no result for ${page.path}`);
        if (!result.lhr.runtimeError) break;
        if (attempt === 3) throw new BenchFailure(`Lighthouse on ${page.path}: ${result.lhr.runtimeError.message}`);
      }
      measured.push({ lhr: result.lhr, report: String(result.report) });
    }
    measured.sort((a, b) => (a.lhr.categories.performance?.score ?? 0) - (b.lhr.categories.performance?.score ?? 0));
    const { lhr, report } = measured[Math.floor((measured.length - 1) / 2)]!;
    fs.writeFileSync(path.join(reportDir, `${page.path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'}.html`), report);
    const score = (category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
    const ms = (audit: string) => Math.round(lhr.audits[audit]?.numericValue ?? NaN);
    // What keeps a score down: the audits of both categories that did not pass, heaviest first.
    const failing = Object.values(lhr.categories)
      .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => ({ weight: r.weight, audit: lhr.audits[r.id]! })))
      .filter(({ audit }) => audit.score !== null && audit.score < 0.9)
      .sort((a, b) => b.weight - a.weight)
      .map(({ audit }) => audit.id);
    rows.push({ page: page.path, performance: score('performance'), accessibility: score('accessibility'), fcpMs: ms('first-contentful-paint'), lcpMs: ms('largest-contentful-paint'), tbtMs: ms('total-blocking-time'), failing });
  }

  const meets = (r: (typeof rows)[number]) => r.performance >= targets.performance && r.accessibility >= targets.accessibility;
  console.log(`\nLighthouse ${lighthouseVersion()}, desktop preset, ${chromePath} headless, embedded database, median of ${runs} runs`);
  console.log(`${'page'.padEnd(18)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'FCP'.padStart(7)} ${'LCP'.padStart(7)} ${'TBT'.padStart(6)}  target (perf ≥ ${targets.performance}, a11y ≥ ${targets.accessibility})`);
  for (const r of rows) {
    const verdict = meets(r) ? 'met' : `MISSED${r.failing.length ? ` (${r.failing.slice(0, 4).join(', ')})` : ''}`;
    console.log(`${r.page.padEnd(18)} ${String(r.performance).padStart(5)} ${String(r.accessibility).padStart(5)} ${`${r.fcpMs} ms`.padStart(7)} ${`${r.lcpMs} ms`.padStart(7)} ${`${r.tbtMs} ms`.padStart(6)}  ${verdict}`);
  }
  fs.mkdirSync('.test-artifacts', { recursive: true });
  const budget = measureStorefront();
  fs.writeFileSync(
    path.join('.test-artifacts', 'bench-lighthouse.json'),
    JSON.stringify({ preset: 'desktop', runs, targets, storefrontJsGzipBytes: budget.jsGzipBytes, pages: rows.map((r) => ({ ...r, meetsTargets: meets(r) })) }, null, 2),
  );
});

function lighthouseVersion(): string {
  const file = path.join('node_modules', 'lighthouse', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
