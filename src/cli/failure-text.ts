/**
 * A failed run said the way compilers say it, so editors and terminals can jump to the place:
 * `path/to/pipeline.ts:12:5: error: …`, then the stack of the learner's own frames.
 */
import type { ProgramFailure } from './run-program';

/** What each kind of failure is called on the error line. */
const LABELS: Readonly<Record<ProgramFailure['kind'], string>> = {
  syntax: 'syntax error',
  import: 'import error',
  pipeline: 'pipeline error',
  runtime: 'runtime error',
  loop: 'stopped',
  memory: 'out of memory',
  data: 'bad row',
  'time-limit': 'stopped',
  internal: 'internal error',
};

/**
 * `entry` is the file name the run knew the program by; `path` is where it is on disk, which is
 * what the line shows.
 */
export function failureText(failure: ProgramFailure, entry: string, path: string): string {
  const file = failure.file === undefined || failure.file === entry ? path : failure.file;
  const place =
    failure.line === undefined ? file : `${file}:${failure.line}:${failure.column ?? 1}`;
  const lines = [`${place}: ${LABELS[failure.kind]}: ${failure.message}`];
  if (failure.stack !== undefined) {
    // The first line repeats the message; the frames name the file as the run knew it.
    const frames = failure.stack.split('\n').slice(1);
    lines.push(...frames.map((frame) => frame.replaceAll(`(${entry}:`, `(${path}:`)));
  }
  return lines.join('\n');
}

/** The same, on one line, for a report's message column. */
export function failureLine(failure: ProgramFailure, entry: string, path: string): string {
  return failureText({ ...failure, stack: undefined }, entry, path).replace(/\s*\n\s*/g, ' ');
}
