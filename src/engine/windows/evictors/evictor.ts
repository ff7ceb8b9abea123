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
  getCurrentProcessingTime(): Millis;
  getCurrentWatermark(): Millis;
}

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
  abstract toString(): string;
}
