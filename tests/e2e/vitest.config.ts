import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium against the built site, served as a learner would get it. */
export default defineConfig({
  // The walk through the course runs each lesson's solution in Node too, to know what to expect.
  resolve: {
    alias: { streamlab: new URL('../../src/engine/index.ts', import.meta.url).pathname },
  },
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    // One browser at a time: CI has two cores and Chromium wants both.
    fileParallelism: false,
    // A case takes 4–25 s; twice the longest leaves room for the machine's slow spells, and a
    // hang still fails in a minute.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
