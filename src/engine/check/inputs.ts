/**
 * Whether a run read the lesson's input: the first rule of every check (see lessons/README.md,
 * "The check"). A program that swaps the source for the expected answers, or adds them beside the
 * real pipeline, reads something else, and these say what.
 */
import type { SourceRecord } from '../runtime/provenance';
import type { CheckInput } from './check-input';
import { formatCount, formatRecord } from './format';
import { sameRecord } from './records';

/** Where a run read the lesson's records, as {@link readInput} finds them. */
export interface InputReading {
  /**
   * For each of the lesson's records, in the lesson's order, its position in `run.inputs`; or
   * `undefined` when the run did not read it (or, when order counts, not in its place).
   */
  readonly positions: readonly (number | undefined)[];
  /** The first of the lesson's records the run did not read, by its index; `undefined` when it read them all. */
  readonly missing: number | undefined;
  /** What the run read besides the lesson's records, in the order it read them. */
  readonly others: readonly SourceRecord[];
}

/** Options of {@link readInput}. */
export interface ReadInputOptions {
  /**
   * Whether the records must be read in the lesson's order (the default). A source with several
   * partitions interleaves them, and only the order within a partition holds: pass `false`.
   */
  readonly inOrder?: boolean;
}

/**
 * Finds the lesson's `records` among what the run's sources read, each unchanged
 * ({@link sameRecord}) and, unless `inOrder` is false, in order. Records from other sources may
 * come between them: a check of a join reads each side with its own call.
 *
 * @example
 * ```ts
 * const orders = readInput(run.inputs, ORDERS);
 * if (orders.missing !== undefined) {
 *   return { pass: false, message: `Order ${orders.missing + 1} was not read.` };
 * }
 * ```
 */
export function readInput(
  inputs: readonly SourceRecord[],
  records: readonly unknown[],
  options: ReadInputOptions = {},
): InputReading {
  const { inOrder = true } = options;
  const positions: (number | undefined)[] = records.map(() => undefined);
  const others: SourceRecord[] = [];
  let next = 0;
  for (const [at, input] of inputs.entries()) {
    const index = inOrder
      ? next < records.length && sameRecord(input.value, records[next])
        ? next
        : -1
      : records.findIndex(
          (record, i) => positions[i] === undefined && sameRecord(input.value, record),
        );
    if (index === -1) {
      others.push(input);
    } else {
      positions[index] = at;
      next = index + 1;
    }
  }
  const missing = positions.findIndex((at) => at === undefined);
  return { positions, missing: missing === -1 ? undefined : missing, others };
}

/** The lesson's input as {@link inputProblem} checks it, and the words its messages use. */
export interface LessonInput<T> {
  /** The records the lesson's source sends, in the order it sends them. */
  readonly records: readonly T[];
  /** What one record is called: `'reading'`. */
  readonly noun: string;
  /** The records counted, as messages speak of them: `'ten readings'`. By default `'<n> <noun>s'`. */
  readonly counted?: string;
  /** Whose records they are: `"the gateway's"`. By default `"the lesson's"`. */
  readonly whose?: string;
  /** A record, as the message about a missing one shows it; by default its JSON. */
  readonly describe?: (record: T) => string;
  /** Said when the run did not read the records: how to put the source back. */
  readonly restore: string;
  /** Said when the run read other records too: that the answers must be computed from these. */
  readonly readOnly: string;
}

/**
 * What is wrong with what the run read, when it is not exactly the lesson's records, unchanged and
 * in order: the first record it did not read, or the other records it read besides them (as a
 * program does that sends hard-coded answers beside the real pipeline). `undefined` when the run
 * read the lesson's input and nothing else.
 *
 * @example
 * ```ts
 * const problem = inputProblem(run, {
 *   records: READINGS,
 *   noun: 'reading',
 *   counted: 'ten readings',
 *   restore: 'Put the readings back as the starter had them (Reset brings the starter back).',
 *   readOnly: 'The alerts must be computed from the readings: read only the readings.',
 * });
 * // "The pipeline must read the lesson's ten readings, unchanged and in order, but reading 1,
 * // {"sensor":"boiler-1",…}, was not among what it read. Put the readings back …"
 * ```
 */
export function inputProblem<T>(run: CheckInput, input: LessonInput<T>): string | undefined {
  const { records, noun, counted = `${records.length} ${noun}s`, whose = "the lesson's" } = input;
  const { missing, others } = readInput(run.inputs, records);
  if (missing !== undefined) {
    const record = records[missing] as T;
    const shown = input.describe ? input.describe(record) : formatRecord(record);
    const what =
      run.inputs.length === 0
        ? 'it read nothing'
        : `${noun} ${missing + 1}, ${shown}, was not among what it read`;
    return `The pipeline must read ${whose} ${counted}, unchanged and in order, but ${what}. ${input.restore}`;
  }
  if (others.length > 0) {
    const first = formatRecord(others[0]?.value);
    return `Besides the ${counted}, the pipeline read ${formatCount(others.length, 'other record')}, such as ${first}. ${input.readOnly}`;
  }
  return undefined;
}
