// Starts Handshake: `npm start`. Configuration comes from environment variables (see README).
import { loadConfig } from './platform/config.ts';
import { DataDirLockedError } from './platform/data-dir-lock.ts';
import { createApp } from './app.ts';

const config = loadConfig();
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
process.stdout.write(`\n  Handshake is running at ${config.publicUrl}\n  storefront ${config.publicUrl}/   back office ${config.publicUrl}/hq   API ${config.publicUrl}/docs\n\n`);

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
