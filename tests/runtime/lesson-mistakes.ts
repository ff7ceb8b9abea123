/**
 * The wrong programs in each lesson's `mistakes/` folder, for the tests that run and typecheck
 * them. A mistake is a whole program (`name.ts`), or a unified diff against the solution's entry
 * file (`name.diff`) that makes the program from the solution (see lessons/README.md, "Mistakes").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPatch, parsePatch } from 'diff';

export const ROOT = new URL('../../lessons', import.meta.url).pathname;

/** The folder of the lesson with `slug`. */
export function folderOf(slug: string): string {
  for (const chapter of readdirSync(ROOT, { withFileTypes: true })) {
    if (!chapter.isDirectory()) continue;
    for (const lesson of readdirSync(join(ROOT, chapter.name))) {
      if (lesson.replace(/^\d+-/, '') === slug) return join(ROOT, chapter.name, lesson);
    }
  }
  throw new Error(`no folder for lesson ${slug}`);
}

export interface Mistake {
  /** The file's name in `mistakes/`, `at-least-80.diff`. */
  readonly name: string;
  /** The file's path from the repository's root, for messages. */
  readonly path: string;
  /** What the check must answer, from the `// The check answers: /…/` line. */
  readonly answer: RegExp;
  /** The wrong program; throws, naming the file, when a diff no longer applies. */
  readonly program: () => string;
}

/**
 * The program a mistake's diff makes of the solution's entry file. The diff is strict: every
 * context line must still be in the solution, so a solution that moved on fails here rather than
 * leaving the mistake to test something else.
 */
function patched(path: string, diff: string, entry: string, solution: string): string {
  const patches = parsePatch(diff);
  const target = `solution/${entry}`;
  if (patches.length !== 1 || patches[0]?.oldFileName !== target) {
    throw new Error(`${path} must be one diff against ${target} (--- ${target})`);
  }
  const program = applyPatch(solution, patches[0]);
  if (program === false) {
    throw new Error(
      `${path} no longer applies to ${target}: make the mistake again from the solution and write its diff with diff -u (see lessons/README.md, "Mistakes")`,
    );
  }
  return program;
}

/** The mistakes of the lesson in `folder`, whose solution's entry file `entry` holds `solution`. */
export function mistakesOf(folder: string, entry: string, solution: string): Mistake[] {
  let names: string[];
  try {
    names = readdirSync(join(folder, 'mistakes')).filter((n) => /\.(ts|diff)$/.test(n));
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = relative(join(ROOT, '..'), join(folder, 'mistakes', name));
    const text = readFileSync(join(folder, 'mistakes', name), 'utf8');
    const answer = /^\/\/ The check answers: \/(.*)\/$/m.exec(text)?.[1];
    if (answer === undefined) throw new Error(`${path} has no "// The check answers: /…/" line`);
    const program = name.endsWith('.diff')
      ? () => patched(path, text, entry, solution)
      : () => text;
    return { name, path, answer: new RegExp(answer, 's'), program };
  });
}
