/**
 * What CSV and JSON Lines sources share: one partition read row by row, records arriving at a fixed
 * interval or when each row says, a policy for bad rows, and the list of problems found.
 */
import type { Millis, Source, SourceEvent, SourcePosition, SourceReader } from '../source';
import { numbersOf, requireNonNegative, requirePartition } from '../validate';
import type { FieldType } from './field-types';
import { SourceFormatError, type SourceProblem } from './source-format-error';

/**
 * What a text source does with a bad row.
 *
 * - `'fail'`: throw a `SourceFormatError` when the row is reached, as a job fails on a record it
 *   cannot deserialize (the records before it have been emitted).
 * - `'skip'`: leave the row out, record it in the source's `problems`, and carry on. The run
 *   reports each row it leaves out as it goes (`JobResult.skippedRows`), so none is lost unseen.
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
  /**
   * Virtual time between two records' arrivals; the first arrives at 0. Default 100 ms. Not used
   * with `arrivalField`.
   */
  readonly arrivalIntervalMs?: Millis;
  /**
   * The field holding each row's arrival time: when, in the run's virtual processing time
   * (milliseconds from the start, a whole number ≥ 0), the record reaches the pipeline. Without it,
   * records arrive every `arrivalIntervalMs`.
   *
   * This is how a text scripts what Beam's `TestStream` scripts with `advanceProcessingTime`: the
   * timestamp field says when a reading *happened* (event time), this field when it *arrives*, so a
   * row that arrives well after rows with later timestamps is out-of-order, and possibly late, data.
   * Rows arrive in the order they are written, as records of one Kafka partition do (a Flink source
   * split is read in order), so arrival times must not decrease from row to row: a row that goes
   * back (`arrives at 900 ms, before the row above at 1,000 ms`) is a bad row, with its line and
   * column, and `onError` decides what happens to it. Rows with the same arrival time arrive
   * together, in text order. The field stays in the record, as a number.
   *
   * @example
   * ```ts
   * // sensor,ts,celsius,arrival
   * // s1,1000,21.5,1000
   * // s1,2000,22.0,2000
   * // s1,1500,21.8,5000   <- happened at 1.5 s, arrives at 5 s: late
   * csvSource<Reading>(readings, { timestampField: 'ts', arrivalField: 'arrival' });
   * ```
   */
  readonly arrivalField?: string;
  /**
   * What to do with a bad row: `'fail'` (the default) stops the run there; `'skip'` leaves the row
   * out and carries on. Skipped rows are not lost from view: each is listed on the run's Results
   * with its file, line and column, and marked in the data file.
   */
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

/** A row's own arrival time (see `arrivalField`), and where the field is, if it must be blamed. */
export interface RowArrival {
  readonly time: Millis;
  locate(): { readonly line: number; readonly column: number };
}

/** The outcome of reading one row of a format. */
export type RowRead<T> =
  | {
      readonly kind: 'record';
      readonly value: T;
      readonly timestamp: Millis;
      /** Present when the source has an `arrivalField`. */
      readonly arrival?: RowArrival;
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

/** Makes a source's errors: its name and text, with a place and what is wrong there. */
export type ProblemAt = (line: number, column: number, reason: string) => SourceFormatError;

/** The errors of the source `name` reading `text`. */
export function problemAt(name: string, text: string): ProblemAt {
  return (line, column, reason) => new SourceFormatError(name, line, column, reason, text);
}

/**
 * Builds the source. `open` reads the text's preamble (a CSV header) and may throw a
 * `SourceFormatError` that no policy can skip; it runs once, when the first reader is created.
 */
export function textSource<T>(
  name: string,
  options: TextSourceOptions,
  problem: ProblemAt,
  open: () => RowFormat<T>,
): TextSource<T> {
  const { arrivalIntervalMs = 100, onError = 'fail', arrivalField } = options;
  requireNonNegative(arrivalIntervalMs, 'arrivalIntervalMs');
  if (arrivalField !== undefined && options.arrivalIntervalMs !== undefined) {
    throw new TypeError(
      'Give arrivalField (each row says when it arrives) or arrivalIntervalMs (rows arrive at a fixed interval), not both.',
    );
  }
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
      const [offset, line, index, arrived] =
        from === undefined
          ? [opened.start.offset, opened.start.line, 0, 0]
          : numbersOf(name, from, 4);
      let cursor: TextCursor = { offset: offset ?? 0, line: line ?? 1 };
      let emitted = index ?? 0;
      /** The arrival time of the last record emitted: the next may not be earlier. */
      let lastArrival = arrived ?? 0;
      let done = false;
      /** Rows left out since the engine last asked (see `SourceReader.takeSkipped`). */
      let skipped: SourceFormatError[] | undefined;
      return {
        next(): SourceEvent<T> | undefined {
          while (!done) {
            const read = opened.read(cursor);
            if (read === undefined) break;
            const row = read.kind === 'record' ? outOfOrder(read, lastArrival) : read;
            if (row.kind === 'record') {
              cursor = row.next;
              const arrivalTime = row.arrival?.time ?? emitted * arrivalIntervalMs;
              emitted++;
              lastArrival = arrivalTime;
              return { kind: 'record', arrivalTime, value: row.value, timestamp: row.timestamp };
            }
            problems.add(row.error);
            // Failing leaves the reader on the bad row, as a job restarted from here fails again.
            if (onError === 'fail') throw row.error;
            (skipped ??= []).push(row.error);
            if (row.next === undefined) done = true;
            else cursor = row.next;
          }
          done = true;
          return undefined;
        },
        takeSkipped() {
          const taken = skipped;
          skipped = undefined;
          return taken;
        },
        position: () => [cursor.offset, cursor.line, emitted, lastArrival],
      };
    },
  };

  /** The row as a problem if its own arrival time is negative or goes back; else the row. */
  function outOfOrder(row: RowRead<T> & { kind: 'record' }, last: Millis) {
    const arrival = row.arrival;
    if (arrival === undefined) return row;
    const { time } = arrival;
    let reason: string | undefined;
    if (time < 0) {
      reason = `arrives at ${millis(time)}, before the run starts at 0 ms: arrival times count from the start of the run`;
    } else if (time < last) {
      reason = `arrives at ${millis(time)}, before the row above at ${millis(last)}: rows arrive in the order they are written, so arrival times must not go back`;
    }
    if (reason === undefined) return row;
    const { line, column } = arrival.locate();
    return { kind: 'problem', error: problem(line, column, reason), next: row.next } as const;
  }
}

/** `1,000 ms`: thousands grouped the same way on every machine, whatever its locale. */
function millis(value: Millis): string {
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${digits} ms`;
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
