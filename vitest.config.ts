import { defineConfig } from 'vitest/config';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';

/**
 * Longest files first, so that no long file starts last and runs alone. Vitest orders by the durations of the last
 * run when it has them; a fresh clone has none, and by file size the browser journeys (short files, minutes each)
 * would start last: without timings, they go first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const timed = sorted.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${file.moduleId.slice(this.ctx.config.root.length + 1)}`));
    if (timed) return sorted;
    const journey = (file: TestSpecification) => file.moduleId.endsWith('.e2e.ts');
    return [...sorted.filter(journey), ...sorted.filter((file) => !journey(file))];
  }
}

// API and browser tests each start their own server on their own database: files run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Each worker keeps its loaded modules from one file to the next: every file imports the whole server, and
    // loading it again per file was a third of the run. Files share no state (each starts its own app on its own
    // database and closes it), so nothing carries over but the module cache.
    isolate: false,
    // The export streaming test measures live memory after a collection, not RSS, which grows with GC lag.
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    sequence: { sequencer: LongestFirst },
  },
});
