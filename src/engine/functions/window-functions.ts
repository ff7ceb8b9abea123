/**
 * Functions that compute a window's result.
 */
import type { OutputTag } from '../output-tag';
import type { Millis } from '../time';
import type { PaneInfo } from '../windows/pane';
import type { TimeWindow, Window } from '../windows/window';
import type { Collector } from './collector';

/** Combines two values into one of the same type, incrementally as elements arrive. */
export type ReduceFunction<T> = (value1: T, value2: T) => T;

/**
 * Incremental aggregation with an accumulator, as Flink's `AggregateFunction`. `merge` is needed by
 * session windows, whose windows merge.
 *
 * @example
 * ```ts
 * const average: AggregateFunction<Reading, { sum: number; count: number }, number> = {
 *   createAccumulator: () => ({ sum: 0, count: 0 }),
 *   add: (r, acc) => ({ sum: acc.sum + r.celsius, count: acc.count + 1 }),
 *   getResult: (acc) => acc.sum / acc.count,
 *   merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
 * };
 * ```
 */
export interface AggregateFunction<IN, ACC, OUT> {
  /** A new, empty accumulator: the start of a window's aggregate. */
  createAccumulator(): ACC;
  /** Adds an element to the accumulator and returns the accumulator to keep. */
  add(value: IN, accumulator: ACC): ACC;
  /** The window's result from its accumulator, each time the window fires. */
  getResult(accumulator: ACC): OUT;
  /** Combines the accumulators of two windows that merge (session windows). */
  merge(a: ACC, b: ACC): ACC;
}

/** What a {@link ProcessWindowFunction} knows about the window it is computing. */
export interface ProcessWindowContext<W extends Window> {
  /** The window: `start`, `end` (exclusive) and `maxTimestamp()`. */
  window(): W;
  /** Which firing of the window this is. */
  pane(): PaneInfo;
  /** The virtual processing time when the window fires. */
  currentProcessingTime(): Millis;
  /** The window operator's watermark when the window fires. */
  currentWatermark(): Millis;
  /** Sends `value` to the side output `tag`. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/**
 * Computes a window's result from all its elements (or, after `reduce`/`aggregate`, from the single
 * pre-aggregated value), with the key and window at hand.
 *
 * @example
 * ```ts
 * class CountPerWindow extends ProcessWindowFunction<Reading, string, string> {
 *   process(key: string, ctx: ProcessWindowContext<TimeWindow>, elements: readonly Reading[], out: Collector<string>) {
 *     out.collect(`${key} ${ctx.window()}: ${elements.length}`);
 *   }
 * }
 * ```
 */
export abstract class ProcessWindowFunction<IN, OUT, K, W extends Window = TimeWindow> {
  /**
   * Computes the results of one firing of the window of `key`: emit them with `out.collect`.
   * `elements` holds the window's elements, or after `reduce`/`aggregate` the one pre-aggregated
   * value.
   */
  abstract process(
    key: K,
    context: ProcessWindowContext<W>,
    elements: readonly IN[],
    out: Collector<OUT>,
  ): void;
}
