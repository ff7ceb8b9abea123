/**
 * A lesson as `streamlab check` needs it: its check, and the files a learner's program is made
 * of (see lessons/README.md for the layout).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { UsageError } from './io';

/** The course's folder in this checkout. */
export const LESSONS_ROOT = new URL('../../lessons', import.meta.url).pathname;

export interface GradedLesson {
  /** `01-basics/01-what-is-a-stream`. */
  readonly id: string;
  /** The lesson's `check.ts`. */
  readonly check: string;
  /** The starter's files by name: what a submission's missing files default to. */
  readonly starter: Readonly<Record<string, string>>;
  /** The file whose default export builds the pipeline. */
  readonly entry: string;
}

/**
 * The lesson named by `name`: a path to its folder (`lessons/01-basics/01-what-is-a-stream`),
 * its id under lessons/ (`01-basics/01-what-is-a-stream`) or its slug (`what-is-a-stream`, as
 * in the lesson's URL).
 */
export function findLesson(name: string, cwd: string, root = LESSONS_ROOT): GradedLesson {
  const folder = lessonFolder(name, cwd, root);
  const id = relative(root, folder).split('\\').join('/');
  const checkPath = join(folder, 'check.ts');
  if (!existsSync(checkPath)) {
    throw new UsageError(`The lesson ${id} has no check (lessons with an exercise have check.ts).`);
  }
  const starter = filesIn(join(folder, 'starter'));
  const names = Object.keys(starter);
  if (names.length === 0) throw new UsageError(`The lesson ${id} has no starter files.`);
  return { id, check: readFileSync(checkPath, 'utf8'), starter, entry: entryOf(names) };
}

/** The page's rule (src/ui/Workbench.svelte): `pipeline.ts` when there is one, else the first. */
function entryOf(names: readonly string[]): string {
  return names.includes('pipeline.ts') ? 'pipeline.ts' : (names[0] as string);
}

function lessonFolder(name: string, cwd: string, root: string): string {
  const candidates = [resolve(cwd, name), join(root, name.replace(/^lessons[\\/]/, ''))];
  // A path counts when it is a lesson's folder: two levels under the course's root.
  for (const candidate of candidates) {
    if (isDirectory(candidate) && resolve(candidate, '..', '..') === resolve(root)) {
      return candidate;
    }
  }
  const bySlug = allLessons(root).filter((folder) => {
    const folderName = basename(folder);
    return folderName === name || folderName.replace(/^\d+-/, '') === name;
  });
  if (bySlug.length === 1) return bySlug[0] as string;
  const known = allLessons(root)
    .filter((folder) => existsSync(join(folder, 'check.ts')))
    .map((folder) => `  ${relative(root, folder)}`);
  throw new UsageError(`There is no lesson "${name}". Lessons with a check:\n${known.join('\n')}`);
}

/** Every `NN-chapter/NN-lesson` folder. */
function allLessons(root: string): string[] {
  const numbered = (dir: string) =>
    readdirSync(dir)
      .filter((entry) => /^\d+-/.test(entry) && isDirectory(join(dir, entry)))
      .sort()
      .map((entry) => join(dir, entry));
  return numbered(root).flatMap(numbered);
}

/** The files directly in `dir`, by name, sorted (as the lesson loader reads them). */
export function filesIn(dir: string): Record<string, string> {
  if (!isDirectory(dir)) return {};
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
