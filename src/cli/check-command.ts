/**
 * `streamlab check <lesson> <file-or-folder>`: grades submissions with a lesson's check, as the
 * lesson page grades a run: the program runs to its end in a sandbox of its own (so one learner's
 * endless loop or crash stops only their own run), and the check grades what the run produced,
 * as plain data, where no learner code ran (here, this process; see src/runtime/worker/grade.ts).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gradeCheck } from '../runtime/worker/grade';
import { failureLine } from './failure-text';
import { EXIT, UsageError, type Io } from './io';
import { findLesson, type GradedLesson } from './lesson';
import { LIMIT_OPTIONS, positive, readLimits, type Limits } from './limits';
import { progressOn } from './progress';
import { REPORT_FORMATS, reportText, type ReportFormat, type ReportRow } from './report';
import { runProgram } from './run-program';
import { submissionsIn, type Submission } from './submissions';

/**
 * Submissions graded at once by default: one core is left for the rest of the machine, since the
 * time budgets are wall-clock and a starved run would be stopped for the machine's slowness.
 */
const DEFAULT_JOBS = Math.max(1, Math.min(4, availableParallelism() - 1));

export async function checkCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      jobs: { type: 'string' },
      ...LIMIT_OPTIONS,
    },
  });
  if (positionals.length !== 2) {
    throw new UsageError(
      'streamlab check takes a lesson and a file or folder: streamlab check <lesson> <file-or-folder>',
    );
  }
  const [lessonName, path] = positionals as [string, string];
  const format = (values.format ?? 'csv') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new UsageError(`--format is csv or json, not "${values.format}".`);
  }
  const jobs = Math.floor(positive(values.jobs, '--jobs', DEFAULT_JOBS));
  const limits = readLimits(values);
  const lesson = findLesson(lessonName, io.cwd);
  const submissions = submissionsIn(path, io.cwd, lesson);

  const progress = progressOn(io.stderr, submissions.length, '{done}/{total} graded');
  let done = 0;
  const rows = await mapWithJobs(submissions, jobs, async (submission) => {
    const row = await grade(submission, lesson, limits);
    progress.update(++done, { done: String(done), total: String(submissions.length) });
    return row;
  }).finally(() => progress.stop());

  const report = reportText(rows, format);
  if (values.out === undefined) {
    io.stdout.write(report);
  } else {
    writeFileSync(resolve(io.cwd, values.out), report);
  }
  const passed = rows.filter((row) => row.result === 'pass').length;
  io.stderr.write(
    `Graded ${rows.length} ${rows.length === 1 ? 'submission' : 'submissions'} with ${lesson.id}: ${passed} passed, ${rows.length - passed} failed.${values.out === undefined ? '' : ` Report: ${values.out}`}\n`,
  );
  return EXIT.ok;
}

/** Runs one submission to its end and grades the run. */
async function grade(
  submission: Submission,
  lesson: GradedLesson,
  limits: Limits,
): Promise<ReportRow> {
  const file = submission.name;
  if (submission.problem !== undefined) {
    return { file, result: 'fail', message: submission.problem };
  }
  const outcome = await runProgram({
    files: submission.files,
    entry: lesson.entry,
    // As on the lesson page: a check sees where each result came from, and the full trace.
    provenance: true,
    trace: 'full',
    ...limits,
  });
  if (!outcome.ok) {
    return {
      file,
      result: 'fail',
      message: failureLine(outcome.failure, lesson.entry, submission.entryPath),
    };
  }
  const verdict = gradeCheck(lesson.check, outcome.input);
  return {
    file,
    result: verdict.ok && verdict.pass ? 'pass' : 'fail',
    message: verdict.message,
  };
}

/** `fn` over `items`, at most `jobs` at a time, results in the items' order. */
async function mapWithJobs<T, R>(
  items: readonly T[],
  jobs: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}
