import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { lessonsPlugin } from '../../src/build/lessons-plugin.ts';
import { sandboxWorkerPlugin } from '../../src/build/sandbox-worker-plugin.ts';

/**
 * Component tests: single Svelte components mounted in real Chromium (Debian's, driven by
 * Playwright), without the rest of the app.
 */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  plugins: [
    svelte(),
    // Components that show content (the sandbox gallery) import it from the lessons' modules.
    lessonsPlugin({ root: 'lessons' }),
    sandboxWorkerPlugin({ entry: 'src/runtime/worker/main.ts' }),
  ],
  resolve: {
    alias: { streamlab: new URL('../../src/engine/index.ts', import.meta.url).pathname },
  },
  test: {
    include: ['tests/component/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/component.json' },
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      }),
      instances: [{ browser: 'chromium', viewport: { width: 1000, height: 600 } }],
    },
  },
});
