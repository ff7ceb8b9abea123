/**
 * The first rule of every check in one call: the lesson's input went through the learner's
 * pipeline into the sink the check reads (see lessons/README.md, "The check").
 */
import type { CheckInput } from './check-input';
import { formatRecord } from './format';
import { inputProblem, type LessonInput } from './inputs';
import { firstUnsourced, originOfEach } from './origins';
import { sinkProblem } from './sinks';

/** The sink a check reads and the input its values must come from, for {@link pipelineProblem}. */
export interface LessonPipeline<T> {
  /** The collect sink the check reads. */
  readonly sink: string;
  /**
   * How many of the input's records each value of the sink is made from: `'one record'` for a
   * pipeline of filter, map, flatMap or a rolling aggregation, `'records'` for windows and joins.
   */
  readonly madeFrom: 'one record' | 'records';
  /** Said when a value was not made from the input: what it must come from. */
  readonly unsourced: string;
  /** The lesson's input. */
  readonly input: LessonInput<T>;
}

/**
 * What is wrong with a run before its answers are worth reading: it has no sink `sink`, it did
 * not read the lesson's input and nothing else ({@link inputProblem}), or a value of the sink was
 * not made from that input (from exactly one record, when `madeFrom` says so). `undefined` when
 * the input went through the pipeline into the sink.
 *
 * @example
 * ```ts
 * const PIPELINE: LessonPipeline<Reading> = {
 *   sink: 'alerts',
 *   madeFrom: 'one record',
 *   unsourced: 'each alert must come from the reading it describes, through .filter and .map.',
 *   input: { records: READINGS, noun: 'reading', restore: '…', readOnly: '…' },
 * };
 *
 * export default function check(run: CheckInput): CheckResult {
 *   const problem = pipelineProblem(run, PIPELINE);
 *   if (problem !== undefined) return { pass: false, message: problem };
 *   …
 * }
 * ```
 */
export function pipelineProblem<T>(
  run: CheckInput,
  pipeline: LessonPipeline<T>,
): string | undefined {
  const { sink, input, madeFrom } = pipeline;
  const problem = sinkProblem(run, sink) ?? inputProblem(run, input);
  if (problem !== undefined) return problem;
  const stray =
    madeFrom === 'one record'
      ? originOfEach(run, sink).indexOf(undefined)
      : (firstUnsourced(run, sink) ?? -1);
  if (stray === -1) return undefined;
  const value = formatRecord(run.sinks[sink]?.[stray]);
  const from = madeFrom === 'one record' ? `one of the ${input.noun}s` : `the ${input.noun}s`;
  return `Record ${stray + 1} of '${sink}', ${value}, was not made from ${from}: ${pipeline.unsourced}`;
}
