/**
 * Functions that combine the elements of two streams.
 */
import type { OutputTag } from '../output-tag';
import type { Millis } from '../time';
import type { Collector } from './collector';

/** A window join's result for one pair of elements with the same key in the same window. */
export type JoinFunction<L, R, O> = (left: L, right: R) => O;

/** A coGroup's result from all left and right elements of one key in one window. */
export type CoGroupFunction<L, R, O> = (
  lefts: readonly L[],
  rights: readonly R[],
  out: Collector<O>,
) => void;

/** What a {@link ProcessJoinFunction} knows about the pair it is joining. */
export interface ProcessJoinContext {
  /** The event time of the left element. */
  leftTimestamp(): Millis;
  /** The event time of the right element. */
  rightTimestamp(): Millis;
  /** The result's timestamp: the larger of the two. */
  timestamp(): Millis;
  /** Sends `value` to the side output `tag`, with the result's timestamp. */
  output<X>(tag: OutputTag<X>, value: X): void;
}

/**
 * Computes an interval join's results for each matching pair, as Flink's `ProcessJoinFunction`.
 * Extend it, or pass an object with a `processElement` method.
 */
export abstract class ProcessJoinFunction<L, R, O> {
  /** Runs for every pair of a left and a right element within the join's bounds. */
  abstract processElement(left: L, right: R, ctx: ProcessJoinContext, out: Collector<O>): void;
}
