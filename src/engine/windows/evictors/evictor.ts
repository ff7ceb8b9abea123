/**
 * Evictors remove elements from a window before and/or after its function runs, as Flink's
 * `Evictor`. A window with an evictor keeps every element (no incremental aggregation), since
 * eviction needs them.
 */
import type { Millis } from '../../time';
import type { Window } from '../window';

/** An element in a window together with its event time. */
export interface TimestampedValue<T> {
  readonly value: T;
  readonly timestamp: Millis | undefined;
}

/** What an evictor can read. */
export interface EvictorContext {
  /** The virtual processing time now. */
  getCurrentProcessingTime(): Millis;
  /** The window operator's current watermark. */
  getCurrentWatermark(): Millis;
}

/**
 * Removes elements from a window when it fires, as Flink's `Evictor`: before the window function
 * runs (`evictBefore`) or after it (`evictAfter`). Set one with `WindowedStream.evictor`; the
 * built-in ones are {@link CountEvictor} and {@link TimeEvictor}.
 *
 * @example
 * ```ts
 * // Every 2 readings of a sensor, the hottest of its last 5: what countWindow(5, 2) builds.
 * readings
 *   .keyBy((r) => r.sensor)
 *   .window(GlobalWindows.create())
 *   .trigger(CountTrigger.of(2))
 *   .evictor(CountEvictor.of(5))
 *   .maxBy('celsius');
 * ```
 */
export abstract class Evictor<T = unknown, W extends Window = Window> {
  /** Removes elements (in place, from `elements`) before the window function runs. */
  abstract evictBefore(
    elements: TimestampedValue<T>[],
    size: number,
    window: W,
    ctx: EvictorContext,
  ): void;
  /** Removes elements (in place, from `elements`) after the window function ran. */
  abstract evictAfter(
    elements: TimestampedValue<T>[],
    size: number,
    window: W,
    ctx: EvictorContext,
  ): void;
  /** How the evictor is shown in the job graph and in messages, e.g. `CountEvictor(5)`. */
  abstract toString(): string;
}
