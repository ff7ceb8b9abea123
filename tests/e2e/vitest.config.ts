import { defineConfig } from 'vitest/config';

/** End-to-end tests: real Chromium against the built site, served as a learner would get it. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    // One browser at a time: CI has two cores and Chromium wants both.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
