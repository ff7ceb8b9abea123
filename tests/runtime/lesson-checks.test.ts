/**
 * Every lesson's check grades behaviour: its solution passes, its starter does not, and every
 * program in the lesson's `mistakes/` folder fails with the message its header names. Each lesson
 * with a check has at least one mistake that hard-codes the expected output (`hard-coded*.ts`)
 * and one plausible wrong program (see lessons/README.md, "The check"). A mistake is a whole
 * program (`.ts`) or a diff against the solution's entry file (`.diff`): see ./lesson-mistakes.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import type { CheckOutcome } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';
import { ROOT, folderOf, mistakesOf } from './lesson-mistakes';

const library = loadLessons(ROOT);

/** Runs `files` to the end, as a lesson page does, and grades the run with `check`. */
function grade(files: Record<string, string>, entry: string, check: string): CheckOutcome {
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const loaded = session.load({ files, entry, trace: 'full', provenance: true });
  if (!loaded.ok) return { ok: false, message: `did not load: ${loaded.failure.message}` };
  for (let i = 0; i < 1000; i++) {
    const step = session.advance({ kind: 'end' }, 1000);
    if (step.failure) return { ok: false, message: `failed: ${step.failure.message}` };
    if (step.done) break;
  }
  return session.check(check);
}

const checked = [...library.lessons.values()].filter((lesson) => lesson.check !== null);

describe.each(checked.map((lesson) => [lesson.slug, lesson] as const))(
  "the check of '%s'",
  (_slug, lesson) => {
    const check = lesson.check as string;
    const entry = Object.keys(lesson.starter)[0] as string;
    const mistakes = mistakesOf(folderOf(lesson.slug), entry, lesson.solution[entry] as string);

    it('passes the solution', () => {
      expect(grade({ ...lesson.solution }, entry, check)).toMatchObject({ ok: true, pass: true });
    });

    it('fails the starter', () => {
      expect(grade({ ...lesson.starter }, entry, check)).toMatchObject({ ok: true, pass: false });
    });

    it('has a hard-coded answer and a plausible mistake to fail', () => {
      expect(mistakes.some((m) => m.name.startsWith('hard-coded'))).toBe(true);
      expect(mistakes.some((m) => !m.name.startsWith('hard-coded'))).toBe(true);
    });

    it.each(mistakes.map((m) => [m.name, m] as const))(
      'fails %s, naming the mistake',
      (_name, mistake) => {
        const outcome = grade({ ...lesson.solution, [entry]: mistake.program() }, entry, check);
        expect(outcome).toMatchObject({ ok: true, pass: false });
        if (outcome.ok) expect(outcome.message).toMatch(mistake.answer);
      },
    );
  },
);
