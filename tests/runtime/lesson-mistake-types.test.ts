/**
 * A mistake written as a diff is not a file `npm run typecheck` sees, so its program is
 * typechecked here, against the engine, as the editor would check it: a mistake is a program a
 * learner could write, wrong in what it does, not in its types.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import { ROOT, folderOf, mistakesOf } from './lesson-mistakes';
import { typeErrors, withErrors } from './programs';

/** Each diff-made program, by the name of a file beside its diff: `mistakes/at-least-80.diff.ts`. */
function diffPrograms(): Map<string, string> {
  const programs = new Map<string, string>();
  for (const lesson of loadLessons(ROOT).lessons.values()) {
    const entry = Object.keys(lesson.starter)[0];
    if (lesson.check === null || entry === undefined) continue;
    const folder = folderOf(lesson.slug);
    for (const mistake of mistakesOf(folder, entry, lesson.solution[entry] as string)) {
      if (mistake.name.endsWith('.diff')) {
        programs.set(join(folder, 'mistakes', `${mistake.name}.ts`), mistake.program());
      }
    }
  }
  return programs;
}

describe('the mistakes written as diffs', () => {
  it('make programs without type errors', () => {
    const programs = diffPrograms();
    expect(programs.size).toBeGreaterThan(0);
    // Each stands beside its diff, in its lesson's folder, so its own imports resolve as there.
    expect(withErrors(typeErrors(programs, { at: (file) => file }))).toEqual({});
  }, 120_000);
});
