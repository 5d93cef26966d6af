import { defineConfig } from 'vitest/config';

// API and browser tests each start their own server on their own database: files run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // The export streaming test measures live memory after a collection, not RSS, which grows with GC lag.
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
