/**
 * `WatermarkStrategy`, as in Flink: how records get their event time and how the watermark follows.
 */
import { PipelineDefinitionError } from '../errors';
import { requireSynchronous } from '../functions/synchronous';
import type { Millis } from '../time';
import {
  BoundedOutOfOrdernessWatermarks,
  NoWatermarksGenerator,
  WatermarksWithIdleness,
} from './generator';
import type { ProcessingClock, WatermarkGenerator } from './generator';

/**
 * Extracts a record's event time in milliseconds. `recordTimestamp` is the timestamp the source
 * attached (a scripted stream, a topic, a text column), or `undefined` when it attached none.
 */
export type TimestampAssigner<T> = (element: T, recordTimestamp: Millis | undefined) => Millis;

/** How the functions of a strategy are named when one returns a Promise. */
export const STRATEGY_FUNCTIONS = {
  timestampAssigner: 'The timestamp assigner given to withTimestampAssigner(...)',
  onEvent: "The watermark generator's onEvent(...)",
  onPeriodicEmit: "The watermark generator's onPeriodicEmit(...)",
  supplier: 'The function given to forGenerator(...)',
} as const;

/** Creates a fresh generator; each source partition gets its own. */
export type WatermarkGeneratorSupplier<T> = () => WatermarkGenerator<T>;

/**
 * How a stream gets timestamps and watermarks. Start from one of the static factories, then refine
 * with {@link WatermarkStrategy.withTimestampAssigner} and {@link WatermarkStrategy.withIdleness}.
 * Strategies are immutable: each refinement returns a new one.
 *
 * @example
 * ```ts
 * WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(2))
 *   .withTimestampAssigner((r) => r.ts)
 *   .withIdleness(Time.seconds(30));
 * ```
 */
export class WatermarkStrategy<T> {
  private constructor(
    private readonly supplier: WatermarkGeneratorSupplier<T> | undefined,
    /** The timestamp assigner, if one was given; otherwise records keep the source's timestamp. */
    readonly timestampAssigner: TimestampAssigner<T> | undefined,
    /** Processing time without records after which an input counts as idle. */
    readonly idleTimeout: Millis | undefined,
    /** Shown in the operator graph. */
    readonly description: string,
  ) {}

  /**
   * Watermarks for records that arrive at most `maxOutOfOrderness` out of order: the watermark is
   * the highest timestamp seen minus `maxOutOfOrderness` minus 1, emitted periodically.
   */
  static forBoundedOutOfOrderness<T>(maxOutOfOrderness: Millis): WatermarkStrategy<T> {
    if (!Number.isSafeInteger(maxOutOfOrderness) || maxOutOfOrderness < 0) {
      throw new PipelineDefinitionError(
        `forBoundedOutOfOrderness needs a whole, non-negative number of milliseconds, got ${maxOutOfOrderness}. ` +
          'Use Time.seconds(2) for two seconds, or 0 for timestamps that never go backwards.',
      );
    }
    return new WatermarkStrategy<T>(
      () => new BoundedOutOfOrdernessWatermarks<T>(maxOutOfOrderness),
      undefined,
      undefined,
      `BoundedOutOfOrderness(${maxOutOfOrderness})`,
    );
  }

  /**
   * For timestamps that never go backwards: the watermark is the highest timestamp seen minus 1
   * (bounded out-of-orderness of zero).
   */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(
      () => new BoundedOutOfOrdernessWatermarks<T>(0),
      undefined,
      undefined,
      'MonotonousTimestamps',
    );
  }

  /**
   * No watermarks at all. Records may still get timestamps (with a timestamp assigner); event time
   * then only advances when a bounded input ends.
   */
  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(undefined, undefined, undefined, 'NoWatermarks');
  }

  /**
   * A custom generator: periodic (emits in `onPeriodicEmit`) or punctuated (emits in `onEvent`).
   *
   * @example
   * ```ts
   * // A punctuated generator: a record flagged as a marker carries the watermark.
   * WatermarkStrategy.forGenerator<Event>(() => ({
   *   onEvent: (e, ts, out) => { if (e.isMarker) out.emitWatermark(ts); },
   *   onPeriodicEmit: () => {},
   * }));
   * ```
   */
  static forGenerator<T>(supplier: WatermarkGeneratorSupplier<T>): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(supplier, undefined, undefined, 'CustomWatermarks');
  }

  /** The same strategy, with event time taken from each record by `assigner`. */
  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    if (typeof assigner !== 'function') {
      throw new PipelineDefinitionError(
        'withTimestampAssigner needs a function returning the event time, e.g. (r) => r.ts.',
      );
    }
    return new WatermarkStrategy(this.supplier, assigner, this.idleTimeout, this.description);
  }

  /**
   * The same strategy, marking an input idle once no record arrived for more than `idleTimeout` of
   * processing time, so that operators downstream stop waiting for its watermark.
   */
  withIdleness(idleTimeout: Millis): WatermarkStrategy<T> {
    if (!Number.isSafeInteger(idleTimeout) || idleTimeout <= 0) {
      throw new PipelineDefinitionError(
        `withIdleness needs a positive whole number of milliseconds, got ${idleTimeout}.`,
      );
    }
    return new WatermarkStrategy(
      this.supplier,
      this.timestampAssigner,
      idleTimeout,
      this.description,
    );
  }

  /** True for {@link WatermarkStrategy.noWatermarks}. */
  get emitsWatermarks(): boolean {
    return this.supplier !== undefined;
  }

  /** A new generator for one input (one source partition, or one stream). */
  createGenerator(clock: ProcessingClock): WatermarkGenerator<T> {
    const generator =
      this.supplier === undefined
        ? new NoWatermarksGenerator<T>()
        : requireSynchronous(this.supplier(), STRATEGY_FUNCTIONS.supplier);
    if (this.idleTimeout === undefined) return generator;
    return new WatermarksWithIdleness(generator, this.idleTimeout, clock);
  }
}
