import { existsSync } from 'node:fs';
import { serveSite, type Site } from './static-site';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let site: Site | undefined;

/** Serves `dist/` (the built site) for the whole e2e run. */
export async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) {
    throw new Error('No built site in dist/: run `npm run build` before the end-to-end tests.');
  }
  site = await serveSite('dist', 4319).catch(() => serveSite('dist'));
  project.provide('baseURL', site.url);
}

export async function teardown() {
  await site?.close();
}
