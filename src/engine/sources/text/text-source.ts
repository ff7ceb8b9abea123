/**
 * What CSV and JSON Lines sources share: one partition read row by row, records arriving at a fixed
 * interval, a policy for bad rows, and the list of problems found.
 */
import type { Millis, Source, SourceEvent, SourcePosition, SourceReader } from '../source';
import { numbersOf, requireNonNegative, requirePartition } from '../validate';
import type { FieldType } from './field-types';
import type { SourceFormatError, SourceProblem } from './source-format-error';

/**
 * What a text source does with a bad row.
 *
 * - `'fail'`: throw a `SourceFormatError` when the row is reached, as a job fails on a record it
 *   cannot deserialize (the records before it have been emitted).
 * - `'skip'`: leave the row out, record it in the source's `problems`, and carry on.
 */
export type OnBadRow = 'fail' | 'skip';

/** Options shared by `csvSource` and `jsonLinesSource`. */
export interface TextSourceOptions {
  /** Shown in the operator graph and the trace. */
  readonly name?: string;
  /** The field holding each record's event time (milliseconds, or ISO-8601 with a time zone). */
  readonly timestampField: string;
  /** Types of fields; the timestamp field is always a `timestamp`. */
  readonly types?: Readonly<Record<string, FieldType>>;
  /** Virtual time between two records' arrivals; the first arrives at 0. Default 100 ms. */
  readonly arrivalIntervalMs?: Millis;
  /** What to do with a bad row. Default `'fail'`. */
  readonly onError?: OnBadRow;
}

/** A source read from text, which keeps a list of the bad rows it met. */
export interface TextSource<T> extends Source<T> {
  /**
   * The bad rows met so far by any reader of this source, each once, in text order. With
   * `onError: 'skip'` these are the rows left out; with `'fail'`, the one that stopped the run.
   * It fills as rows are read, so read it after (or during) a run.
   */
  readonly problems: readonly SourceProblem[];
}

/** Where reading stands: always at the start of a line. */
export interface TextCursor {
  readonly offset: number;
  /** 1-based line number of `offset`. */
  readonly line: number;
}

/** The outcome of reading one row of a format. */
export type RowRead<T> =
  | {
      readonly kind: 'record';
      readonly value: T;
      readonly timestamp: Millis;
      readonly next: TextCursor;
    }
  | {
      readonly kind: 'problem';
      readonly error: SourceFormatError;
      /** Where to carry on, or `undefined` if nothing more can be read. */
      readonly next: TextCursor | undefined;
    };

/** A text format opened on a text: where its rows start and how to read one. */
export interface RowFormat<T> {
  readonly start: TextCursor;
  /** The row at `cursor`, or `undefined` at the end of the text. */
  read(cursor: TextCursor): RowRead<T> | undefined;
}

/**
 * Builds the source. `open` reads the text's preamble (a CSV header) and may throw a
 * `SourceFormatError` that no policy can skip; it runs once, when the first reader is created.
 */
export function textSource<T>(
  name: string,
  options: TextSourceOptions,
  open: () => RowFormat<T>,
): TextSource<T> {
  const { arrivalIntervalMs = 100, onError = 'fail' } = options;
  requireNonNegative(arrivalIntervalMs, 'arrivalIntervalMs');
  const problems = new ProblemList();
  let format: RowFormat<T> | undefined;

  return {
    name,
    partitions: 1,
    bounded: true,
    get problems() {
      return problems.items;
    },
    createReader(partition: number, from?: SourcePosition): SourceReader<T> {
      requirePartition(name, partition, 1);
      format ??= open();
      const opened = format;
      const [offset, line, index] =
        from === undefined ? [opened.start.offset, opened.start.line, 0] : numbersOf(name, from, 3);
      let cursor: TextCursor = { offset: offset ?? 0, line: line ?? 1 };
      let emitted = index ?? 0;
      let done = false;
      return {
        next(): SourceEvent<T> | undefined {
          while (!done) {
            const row = opened.read(cursor);
            if (row === undefined) break;
            if (row.kind === 'record') {
              cursor = row.next;
              const arrivalTime = emitted++ * arrivalIntervalMs;
              return { kind: 'record', arrivalTime, value: row.value, timestamp: row.timestamp };
            }
            problems.add(row.error);
            // Failing leaves the reader on the bad row, as a job restarted from here fails again.
            if (onError === 'fail') throw row.error;
            if (row.next === undefined) done = true;
            else cursor = row.next;
          }
          done = true;
          return undefined;
        },
        position: () => [cursor.offset, cursor.line, emitted],
      };
    },
  };
}

/** Problems in text order, each once however many readers (or rewinds) meet it. */
class ProblemList {
  readonly items: SourceProblem[] = [];
  private readonly seen = new Set<string>();

  add(error: SourceFormatError): void {
    const key = `${error.line}:${error.column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const at = this.items.findIndex(
      (p) => p.line > error.line || (p.line === error.line && p.column > error.column),
    );
    this.items.splice(at < 0 ? this.items.length : at, 0, error.toProblem());
  }
}
