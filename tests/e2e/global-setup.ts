import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let server: PreviewServer | undefined;

/** Serves `dist/` (the built site) for the whole e2e run. */
export async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) {
    throw new Error('No built site in dist/: run `npm run build` before the end-to-end tests.');
  }
  server = await preview({
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 4319, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report its address');
  project.provide('baseURL', url);
}

export async function teardown() {
  await server?.close();
}
