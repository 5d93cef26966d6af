// Starts Handshake: `npm start`. Configuration comes from environment variables (see README).
import { loadConfig } from './platform/config.ts';
import { DataDirLockedError } from './platform/data-dir-lock.ts';
import { createApp } from './app.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  // A setting that is wrong stops the start with its message, not a stack trace.
  process.stderr.write(`\nHandshake cannot start: ${(error as Error).message}\n\n`);
  process.exit(1);
}
let app;
try {
  app = await createApp(config);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(1);
  }
  throw error;
}
const running = app;
await running.listen();
if (config.role === 'worker') process.stdout.write(`\n  Handshake worker is running (distribution jobs, dual-write, mail); /health and /ready on port ${config.port}\n\n`);
else {
  const web = config.role === 'web' ? ' (web only: the background work runs in a worker process)' : '';
  process.stdout.write(`\n  Handshake is running at ${config.publicUrl}${web}\n  storefront ${config.publicUrl}/   back office ${config.publicUrl}/hq   API ${config.publicUrl}/docs\n\n`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    running.server.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
