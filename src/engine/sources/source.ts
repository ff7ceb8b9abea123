/**
 * The contract between the engine's scheduler and every source.
 *
 * The engine is a discrete-event simulation: a source does not push records, it tells the scheduler
 * *when* (in virtual processing time) each record arrives. The scheduler merges the arrivals of all
 * partitions of all sources in (arrival time, source order, partition, sequence) order, so a run is a
 * pure function of the program and the seed.
 *
 * Readers are rewindable from day one: `position()` returns a small structured-clone-friendly value and
 * `Source.createReader(partition, position)` resumes from it. Checkpoints and exactly-once replays are
 * built on this.
 */

import type { SourceFormatError } from './text/source-format-error';

/** Milliseconds, both for event time and for the engine's virtual processing time. */
export type Millis = number;

/** Something that happens at a source partition at a processing time. */
export type SourceEvent<T> =
  | {
      readonly kind: 'record';
      /** Virtual processing time at which the record reaches the source operator. */
      readonly arrivalTime: Millis;
      readonly value: T;
      /**
       * Event time carried by the source itself (a scripted stream, a Kafka-like log record, a text
       * row's timestamp column). `undefined` when only a timestamp assigner can tell.
       */
      readonly timestamp?: Millis;
    }
  | {
      /** A watermark the source itself asserts (scripted streams, like Beam's TestStream). */
      readonly kind: 'watermark';
      readonly arrivalTime: Millis;
      readonly watermark: Millis;
    }
  | {
      /** The partition declares itself idle (or active again) from this processing time on. */
      readonly kind: 'idle' | 'active';
      readonly arrivalTime: Millis;
    };

/**
 * A run of plain records a reader lends the engine (see {@link SourceReader.readRecords}): the
 * values `values[from]` up to `values[to - 1]`, read in place, in order. The array must not
 * change while the run is read.
 */
export interface RecordRun<T> {
  /** The array the records are read from, in place. */
  readonly values: readonly T[];
  /** Index of the first record of the run. */
  readonly from: number;
  /** Index just past the last record of the run. */
  readonly to: number;
  /**
   * The arrival time of the record at `index`. The engine calls it once per record, so it should
   * be a small computation (e.g. `index × interval`), not a lookup that allocates.
   */
  arrivalTime(index: number): Millis;
}

/** Reads one partition of a source, in non-decreasing arrival time. */
export interface SourceReader<T> {
  /** The next event, or `undefined` once the partition is exhausted (bounded sources only). */
  next(): SourceEvent<T> | undefined;
  /**
   * Optional fast path, for readers of many plain records (in-memory arrays): lends the next
   * records as a run, read in place, without an event object or a copy per record. It lends only
   * records that carry no timestamp of their own, and stops before anything else (returning
   * `undefined` when the next event is not such a record, or there is none); `next()` then reads
   * that event. Afterwards the reader stands where as many `next()` calls would have left it.
   */
  readRecords?(): RecordRun<T> | undefined;
  /**
   * Optional, for readers that may leave input out (a text source's bad rows under
   * `onError: 'skip'`): the rows left out since the last call, in the order they were met, or
   * `undefined` when there were none. The engine asks after each read, so a run reports them as
   * they happen (see `JobResult.skippedRows`).
   */
  takeSkipped?(): readonly SourceFormatError[] | undefined;
  /** Where the reader stands: enough to resume exactly here. Structured-clone friendly. */
  position(): SourcePosition;
}

/** An opaque, structured-clone-friendly resume point (an offset, a generator's index, …). */
export type SourcePosition = number | string | readonly (number | string)[];

/** A description of where records come from. Creating it does no work; reading does. */
export interface Source<T> {
  /** Shown in the operator graph and the trace. */
  readonly name: string;
  /** Number of partitions (splits). Each is read independently and has its own watermark. */
  readonly partitions: number;
  /** `true` when every partition ends; the end of a bounded input emits the maximum watermark. */
  readonly bounded: boolean;
  /**
   * `true` for a parallel source (a topic, a generator): with parallelism n it runs as n
   * subtasks, which share its partitions out. Otherwise it runs as one subtask whatever the
   * environment's parallelism, as Flink's non-parallel sources (`fromElements`) do.
   */
  readonly parallel?: boolean;
  /**
   * `false` for a source that cannot go back, like a socket (see `socketSource`): its readers
   * ignore positions, and a job restarted from a checkpoint reads it on from where its input
   * stands, not from the checkpoint's position (at most once). Omitted: it can (the default).
   */
  readonly rewindable?: boolean;
  /**
   * Opens one partition; with a `from` position it resumes exactly where that position was taken.
   * `openedAt`: the processing time the reader is opened at (a restart's, for a restored job), for
   * a source that cannot rewind, whose input went on meanwhile.
   */
  createReader(partition: number, from?: SourcePosition, openedAt?: Millis): SourceReader<T>;
}
