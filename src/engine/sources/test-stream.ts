/**
 * Scripted arrival, after Apache Beam's `TestStream`: a lesson or a test says exactly which elements
 * arrive, when processing time moves, and where the source's watermark stands.
 *
 * Beam's rules are kept: the builder is immutable (each call returns a new builder), the watermark
 * never moves back and stays finite until `advanceWatermarkToInfinity()`, and processing time only
 * advances by a positive amount. Event time is explicit, as in Beam: an element wrapped in
 * `TimestampedValue.of(value, timestamp)` has that timestamp, and a bare element takes the
 * watermark reached so far. The element's own fields are never read, so a record is never re-timed
 * because of its shape.
 */
import { PipelineDefinitionError } from '../errors';
import type { Millis, Source, SourceEvent, SourcePosition, SourceReader } from './source';
import { TimestampedValue } from './timestamped-value';
import { numbersOf, requirePartition } from './validate';

/** What `addElements` accepts: a bare element, or one made by `TimestampedValue.of`. */
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
 *   .addElements(TimestampedValue.of('a', 1_000), TimestampedValue.of('b', 2_000))
 *   .advanceWatermarkTo(5_000)
 *   .advanceProcessingTime(10_000)
 *   .addElements(TimestampedValue.of('late', 1_500)) // behind the watermark: late data
 *   .addElements('now') // bare: takes the watermark, 5_000, as its timestamp
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

  // The timestamped form comes first: TypeScript settles a generic argument such as
  // `TimestampedValue.of(['a', 1], 1_000)` against the first form it tries, and only this one
  // types it as the script's element type (a tuple here, not an array).
  /**
   * Adds elements with timestamps of their own, which arrive together, in this order, at the current
   * processing time.
   *
   * An element whose timestamp is at or behind the current watermark is late data, as in Beam: it
   * keeps its timestamp and the operators downstream treat it as late. If its window has already
   * fired, the window drops it, or fires again within `allowedLateness`, or sends it to
   * `sideOutputLateData`.
   *
   * @example
   * ```ts
   * TestStream.create<Reading>()
   *   .addElements(TimestampedValue.of({ sensor: 's1', celsius: 21, ts: 5_000 }, 5_000))
   *   .advanceWatermarkTo(10_000)
   *   .addElements(TimestampedValue.of({ sensor: 's1', celsius: 19, ts: 2_000 }, 2_000)) // late
   * ```
   */
  addElements(element: TimestampedValue<T>, ...more: readonly TimestampedValue<T>[]): TestStream<T>;
  /**
   * Adds bare elements (or bare and timestamped ones mixed), which arrive together, in this order,
   * at the current processing time.
   *
   * A bare element takes the current watermark as its timestamp, as in Beam. This is a rule, not a
   * guess: whatever fields the element has (a `ts`, a `timestamp`, …) are left alone and not read.
   * Before the first `advanceWatermarkTo` there is no watermark yet, so the element carries no
   * timestamp and the pipeline's timestamp assigner must give it one. To choose an element's
   * timestamp, wrap it in `TimestampedValue.of(element, timestamp)`.
   *
   * @example
   * ```ts
   * TestStream.create<Reading>()
   *   .advanceWatermarkTo(1_000)
   *   .addElements({ sensor: 's1', celsius: 21, ts: 5_000 }) // timestamp 1_000: the watermark
   * ```
   */
  addElements(element: TestStreamItem<T>, ...more: readonly TestStreamItem<T>[]): TestStream<T>;
  addElements(...elements: readonly TestStreamItem<T>[]): TestStream<T> {
    const arrivalTime = this.processingTime;
    const added = elements.map((element): SourceEvent<T> => {
      if (TimestampedValue.isTimestampedValue(element)) {
        // Checked when it was made; a timestamp behind the watermark stays as it is: late data.
        const { value, timestamp } = element as TimestampedValue<T>;
        return { kind: 'record', arrivalTime, value, timestamp };
      }
      const value = element as T;
      return this.watermark === undefined
        ? { kind: 'record', arrivalTime, value }
        : { kind: 'record', arrivalTime, value, timestamp: this.watermark };
    });
    return new TestStream([...this.events, ...added], this.processingTime, this.watermark);
  }

  /**
   * Asserts that no element with a timestamp at or before `watermark` is expected any more (later
   * elements may still be added: they are late data). `watermark` is a whole number of
   * milliseconds. It never moves back: advancing to where it already stands is allowed and moves
   * nothing (as in Beam), a lower value is an error. It stays finite; end the stream with
   * {@link TestStream.advanceWatermarkToInfinity}.
   */
  advanceWatermarkTo(watermark: Millis): TestStream<T> {
    if (watermark === END_OF_TIME) {
      throw new PipelineDefinitionError(
        'advanceWatermarkTo(Infinity): to end the stream, call advanceWatermarkToInfinity().',
      );
    }
    if (typeof watermark !== 'number' || !Number.isSafeInteger(watermark)) {
      throw new PipelineDefinitionError(
        `advanceWatermarkTo(${String(watermark)}): a watermark must be a whole number of ` +
          'milliseconds, such as 5_000.',
      );
    }
    if (this.watermark !== undefined && watermark < this.watermark) {
      throw new PipelineDefinitionError(
        `advanceWatermarkTo(${watermark}) would move the watermark back from ${this.watermark}: ` +
          'a watermark only moves forward. To script late data, add elements behind the ' +
          `watermark instead, e.g. .addElements(TimestampedValue.of(element, ${watermark})).`,
      );
    }
    // Advancing to the same watermark stays a step of the script: like any step, it brings the
    // processing time advanced before it, and the source ignores a watermark that does not rise.
    const event: SourceEvent<T> = {
      kind: 'watermark',
      arrivalTime: this.processingTime,
      watermark,
    };
    return new TestStream([...this.events, event], this.processingTime, watermark);
  }

  /**
   * Moves processing time forward by `ms` (a positive whole number of milliseconds): everything
   * added afterwards arrives that much later, and processing-time timers and windows due in between
   * fire. Processing time reaches the new value when the next scripted step arrives, so end a
   * script that should let time pass with a watermark step (usually
   * `advanceWatermarkToInfinity()`).
   */
  advanceProcessingTime(ms: Millis): TestStream<T> {
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms <= 0) {
      throw new PipelineDefinitionError(
        `advanceProcessingTime(${String(ms)}): processing time only moves forward, by a positive ` +
          'whole number of milliseconds, such as 1_000.',
      );
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
