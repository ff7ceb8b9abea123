/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { lessonsPlugin } from './src/build/lessons-plugin.ts';
import { sandboxWorkerPlugin } from './src/build/sandbox-worker-plugin.ts';
import { engineTypesPlugin } from './src/build/engine-types-plugin.ts';
import { cspPlugin } from './src/build/csp-plugin.ts';
import { referencePlugin } from './src/build/reference-plugin.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './src/build/pwa-options.ts';

export default defineConfig({
  // Relative asset URLs so the built site works from any folder or static host.
  base: './',
  plugins: [
    svelte(),
    lessonsPlugin({ root: 'lessons' }),
    sandboxWorkerPlugin({ entry: 'src/runtime/worker/main.ts' }),
    engineTypesPlugin({ engineDir: 'src/engine' }),
    referencePlugin({ engineDir: 'src/engine', lessons: 'lessons' }),
    cspPlugin(),
    VitePWA(pwaOptions),
  ],
  resolve: {
    alias: { streamlab: new URL('./src/engine/index.ts', import.meta.url).pathname },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco's TypeScript worker is several MB by nature; it is only fetched when an editor opens.
    chunkSizeWarningLimit: 8000,
  },
  test: {
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    projects: [
      {
        // Pure modules: the files share one module cache per worker, rather than importing the
        // engine again for each of a hundred files (about half the time these tests took).
        extends: true,
        test: {
          name: 'engine',
          include: [
            'tests/unit/**/*.test.ts',
            'tests/engine/**/*.test.ts',
            'tests/conformance/**/*.test.ts',
          ],
          isolate: false,
        },
      },
      {
        // The sandbox's own code freezes built-ins and replaces globals, as it must in its
        // worker: each of these files gets a fresh module graph.
        extends: true,
        test: { name: 'runtime', include: ['tests/runtime/**/*.test.ts'] },
      },
    ],
  },
});
