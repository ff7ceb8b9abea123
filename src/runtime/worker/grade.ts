/**
 * Grades a finished run with a lesson's check. The page runs this in a sandbox the learner's code
 * never ran in, on the run's results as plain data (JSON, see `RunSession.checkInput`): the
 * verdict is then a function of what the program produced and nothing else. Learner code in the
 * run's own sandbox could otherwise change it — a getter that answers differently each time it
 * is read, a replaced helper, an accessor that rewrites the verdict on its way out.
 */
import * as engine from 'streamlab';
import type { CheckInput } from 'streamlab';
import { compileModule, createLoopGuard } from '../compile';
import type { CheckOutcome } from './api';
import { createConsole } from './console-capture';

const decoder = new TextDecoder();

/** A check that loops longer than this is the lesson's bug, stopped like a learner's loop. */
const CHECK_BUDGET_MS = 1500;

export function gradeCheck(
  source: string,
  input: Uint8Array,
  now: () => number = () => performance.now(),
): CheckOutcome {
  let run: CheckInput;
  try {
    run = JSON.parse(decoder.decode(input)) as CheckInput;
  } catch {
    return { ok: false, message: "The run's results could not be read for the check." };
  }
  const compiled = compileModule(source, 'check.ts');
  if (!compiled.ok) {
    return {
      ok: false,
      message: `The lesson's check does not compile: ${compiled.problem.message}`,
    };
  }
  const loops = createLoopGuard(CHECK_BUDGET_MS, now);
  try {
    const check = compiled.module.evaluate({
      modules: { streamlab: engine },
      console: createConsole(
        () => undefined,
        () => undefined,
      ).console,
      guard: loops.guard,
    }).default;
    if (typeof check !== 'function') {
      return { ok: false, message: "The lesson's check has no default export to call." };
    }
    loops.restart();
    const verdict = (check as (input: CheckInput) => unknown)(run);
    const { pass, message } = (verdict ?? {}) as { pass?: unknown; message?: unknown };
    if (typeof pass !== 'boolean' || typeof message !== 'string') {
      return { ok: false, message: "The lesson's check did not answer { pass, message }." };
    }
    return { ok: true, pass, message };
  } catch (error) {
    return {
      ok: false,
      message: `The lesson's check failed: ${compiled.module.describe(error).message}`,
    };
  }
}
