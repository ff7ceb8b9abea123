import { defineConfig } from 'vitest/config';

/**
 * The command line's tests, in Node. Apart from the unit tests because every run starts a worker
 * thread with wall-clock budgets: one file at a time, so a busy machine does not stop a good
 * program for being slow.
 */
export default defineConfig({
  resolve: {
    alias: { streamlab: new URL('../../src/engine/index.ts', import.meta.url).pathname },
  },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/cli/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/cli.json' },
    fileParallelism: false,
    testTimeout: 60_000,
  },
});
