/**
 * The submissions in a file or a folder: each `.ts` file is one learner's entry file; each
 * subfolder is one learner's files, by the lesson's file names. Whatever a submission lacks comes
 * from the starter, as in the editor, where a learner who never opened a file still has it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './io';
import { filesIn, isDirectory, type GradedLesson } from './lesson';

export interface Submission {
  /** As the report names it: the path given, or the file or folder inside the folder given. */
  readonly name: string;
  /** The entry file's path, for messages at a line. */
  readonly entryPath: string;
  readonly files: Readonly<Record<string, string>>;
  /** Why it cannot be graded, when it cannot (a folder holding none of the lesson's files). */
  readonly problem?: string;
}

export function submissionsIn(path: string, cwd: string, lesson: GradedLesson): Submission[] {
  const absolute = resolve(cwd, path);
  if (!isDirectory(absolute)) {
    const source = read(absolute, path);
    return [{ name: path, entryPath: path, files: { ...lesson.starter, [lesson.entry]: source } }];
  }
  const found: Submission[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const inside = join(absolute, entry.name);
    const name = join(path, entry.name);
    if (entry.isDirectory()) found.push(folderSubmission(inside, name, lesson));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const source = read(inside, name);
      found.push({ name, entryPath: name, files: { ...lesson.starter, [lesson.entry]: source } });
    }
  }
  if (found.length === 0) {
    throw new UsageError(
      `${path} holds no submission: a .ts file per learner, or a folder per learner with ${Object.keys(lesson.starter).join(', ')}.`,
    );
  }
  return found.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

function folderSubmission(folder: string, name: string, lesson: GradedLesson): Submission {
  const present = filesIn(folder);
  const own = Object.keys(lesson.starter).filter((file) => Object.hasOwn(present, file));
  const files = { ...lesson.starter };
  for (const file of own) files[file] = present[file] as string;
  const entryPath = join(name, lesson.entry);
  if (own.length === 0) {
    const expected = Object.keys(lesson.starter).join(', ');
    return {
      name,
      entryPath,
      files,
      problem: `The folder holds none of the lesson's files (${expected}).`,
    };
  }
  return { name, entryPath, files };
}

function read(absolute: string, path: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `There is no file or folder ${path}.`
        : `${path} cannot be read (${String(error)}).`,
    );
  }
}
