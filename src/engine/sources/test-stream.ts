/**
 * Scripted arrival, after Apache Beam's `TestStream`: a lesson or a test says exactly which elements
 * arrive, when processing time moves, and where the source's watermark stands.
 *
 * Beam's rules are kept: the builder is immutable (each call returns a new builder), the watermark
 * must strictly advance and stay finite until `advanceWatermarkToInfinity()`, processing time only
 * advances by a positive amount, and an element given without a timestamp takes the watermark
 * reached so far as its timestamp.
 */
import type { Millis, Source, SourceEvent, SourcePosition, SourceReader } from './source';
import { numbersOf, requirePartition } from './validate';

/** An element together with its event time. */
export interface TimestampedValue<T> {
  readonly value: T;
  readonly timestamp: Millis;
}

/**
 * What `addElements` accepts: a bare value, or `{ value, timestamp }`.
 *
 * An object with exactly the two keys `value` and `timestamp` (a number) is read as a timestamped
 * element. If your records themselves have that shape, wrap each one: `{ value: record, timestamp }`.
 */
export type TestStreamItem<T> = T | TimestampedValue<T>;

/** The watermark that `advanceWatermarkToInfinity()` asserts: nothing can be later. */
const END_OF_TIME: Millis = Number.POSITIVE_INFINITY;

/**
 * Builds a scripted source step by step. Start with `TestStream.create<T>()`.
 *
 * Processing time starts at 0. Everything a call adds arrives at the processing time reached so far,
 * in the order the calls were made.
 *
 * @example
 * ```ts
 * const source = TestStream.create<string>()
 *   .addElements({ value: 'a', timestamp: 1_000 }, { value: 'b', timestamp: 2_000 })
 *   .advanceWatermarkTo(5_000)
 *   .advanceProcessingTime(10_000)
 *   .addElements({ value: 'late', timestamp: 1_500 }) // behind the watermark: late data
 *   .advanceWatermarkToInfinity()
 *   .build('script');
 * ```
 */
export class TestStream<T> {
  private constructor(
    private readonly events: readonly SourceEvent<T>[],
    private readonly processingTime: Millis,
    /** `undefined` until the first `advanceWatermarkTo`: Beam's minimum timestamp. */
    private readonly watermark: Millis | undefined,
  ) {}

  /** An empty script: no elements, processing time 0, the watermark at its minimum. */
  static create<T>(): TestStream<T> {
    return new TestStream<T>([], 0, undefined);
  }

  /**
   * Adds elements that arrive together, in this order, at the current processing time.
   *
   * An element given as a bare value takes the current watermark as its timestamp, as in Beam.
   * Before the first `advanceWatermarkTo` there is no such watermark, so it carries no timestamp and
   * the pipeline's timestamp assigner decides.
   */
  addElements(item: TestStreamItem<T>, ...more: readonly TestStreamItem<T>[]): TestStream<T> {
    const added = [item, ...more].map((element): SourceEvent<T> => {
      const { value, timestamp } = isTimestamped(element)
        ? element
        : { value: element, timestamp: this.watermark };
      if (timestamp !== undefined && !Number.isFinite(timestamp)) {
        throw new RangeError(`Elements must have finite timestamps, got ${timestamp}.`);
      }
      return timestamp === undefined
        ? { kind: 'record', arrivalTime: this.processingTime, value }
        : { kind: 'record', arrivalTime: this.processingTime, value, timestamp };
    });
    return new TestStream([...this.events, ...added], this.processingTime, this.watermark);
  }

  /**
   * Asserts that no element with a timestamp at or before `watermark` is expected any more (later
   * elements may still be added: they are late data). It must move strictly forward and stay finite;
   * use {@link TestStream.advanceWatermarkToInfinity} to end the stream.
   */
  advanceWatermarkTo(watermark: Millis): TestStream<T> {
    if (!Number.isFinite(watermark)) {
      throw new RangeError(
        `The watermark cannot be advanced to ${watermark}; use advanceWatermarkToInfinity().`,
      );
    }
    if (this.watermark !== undefined && watermark <= this.watermark) {
      throw new RangeError(
        `The watermark must advance: it is at ${this.watermark}, cannot move to ${watermark}.`,
      );
    }
    const event: SourceEvent<T> = {
      kind: 'watermark',
      arrivalTime: this.processingTime,
      watermark,
    };
    return new TestStream([...this.events, event], this.processingTime, watermark);
  }

  /**
   * Moves processing time forward by `ms` (> 0): everything added afterwards arrives that much later,
   * and processing-time timers and windows due in between fire. Processing time reaches the new
   * value when the next scripted step arrives, so end a script that should let time pass with a
   * watermark step (usually `advanceWatermarkToInfinity()`).
   */
  advanceProcessingTime(ms: Millis): TestStream<T> {
    if (!Number.isFinite(ms) || ms <= 0) {
      throw new RangeError(`Processing time must advance by a positive amount, got ${ms}.`);
    }
    return new TestStream(this.events, this.processingTime + ms, this.watermark);
  }

  /**
   * Advances the watermark past every timestamp, which fires every pending event-time window and
   * timer, and completes the script: only `build` remains.
   */
  advanceWatermarkToInfinity(): CompletedTestStream<T> {
    const event: SourceEvent<T> = {
      kind: 'watermark',
      arrivalTime: this.processingTime,
      watermark: END_OF_TIME,
    };
    const events = [...this.events, event];
    return { build: (name?: string) => scriptedSource(events, name) };
  }

  /**
   * The source that plays this script: one partition, bounded. When the script runs out the input
   * ends, which (like any bounded input) brings the maximum watermark.
   */
  build(name?: string): Source<T> {
    return scriptedSource(this.events, name);
  }
}

/** A script that has reached `advanceWatermarkToInfinity()`: nothing can be added after it. */
export interface CompletedTestStream<T> {
  /** The source that plays the script: one partition, bounded. Default name `'test-stream'`. */
  build(name?: string): Source<T>;
}

function isTimestamped<T>(item: TestStreamItem<T>): item is TimestampedValue<T> {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const keys = Object.keys(item);
  return (
    keys.length === 2 &&
    keys.includes('value') &&
    keys.includes('timestamp') &&
    typeof (item as { timestamp: unknown }).timestamp === 'number'
  );
}

function scriptedSource<T>(events: readonly SourceEvent<T>[], name = 'test-stream'): Source<T> {
  return {
    name,
    partitions: 1,
    bounded: true,
    createReader(partition: number, from?: SourcePosition): SourceReader<T> {
      requirePartition(name, partition, 1);
      let index = from === undefined ? 0 : (numbersOf(name, from, 1)[0] as number);
      if (!Number.isInteger(index) || index < 0 || index > events.length) {
        throw new RangeError(
          `Source "${name}" has ${events.length} steps; cannot resume at ${index}.`,
        );
      }
      return {
        next(): SourceEvent<T> | undefined {
          return index < events.length ? events[index++] : undefined;
        },
        position: () => index,
      };
    },
  };
}
