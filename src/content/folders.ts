import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FileSet } from './types.ts';

const NUMBERED = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export interface NumberedFolder {
  readonly path: string;
  readonly slug: string;
}

/** `NN-slug` folders in numeric order; anything else (README.md, notes) is not content. */
export function numberedFolders(dir: string): NumberedFolder[] {
  return readdirSync(dir)
    .map((name) => ({ name, match: NUMBERED.exec(name), path: join(dir, name) }))
    .filter((entry) => entry.match !== null && statSync(entry.path).isDirectory())
    .sort((a, b) => Number(a.match?.[1]) - Number(b.match?.[1]))
    .map((entry) => ({ path: entry.path, slug: entry.match?.[2] ?? entry.name }));
}

/** The files directly in `dir` (not in its subfolders), by name; empty when there is no `dir`. */
export function readFileSet(dir: string, read: (path: string) => string): FileSet {
  if (!existsSync(dir)) return {};
  const set: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) set[name] = read(path);
  }
  return set;
}
