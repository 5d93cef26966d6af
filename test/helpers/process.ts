// Runs the real server process (src/main.ts, or its bundle) for tests that kill, restart or starve it.
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { adminEmail, adminPassword } from './app.ts';

const nodeBin = path.resolve('node_modules/.bin/node');

export interface Running {
  child: ChildProcess;
  url: Promise<string>;
  output: () => string;
  exited: Promise<number | null>;
  /** Kills the process if it still runs. */
  kill: () => void;
}

/** `entry`: src/main.ts, or the bundle the build step makes of it (what `npm start` runs). */
export function startProcess(env: Record<string, string>, entry = 'src/main.ts'): Running {
  const child = spawn(nodeBin, [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword, SERVE_WEB: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`process exited before listening:\n${output}`)));
  });
  url.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    url,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export async function call(base: string, method: string, route: string, body?: unknown, token?: string) {
  const res = await fetch(base + route, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
}

export async function adminToken(base: string): Promise<string> {
  return (await call(base, 'POST', '/api/auth/sign-in', { email: adminEmail, password: adminPassword })).body.token as string;
}
