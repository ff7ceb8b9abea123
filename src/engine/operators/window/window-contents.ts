/**
 * How a window holds its elements, as Flink's window state: a reduced value (`reduce`, `sum`, …), an
 * aggregate accumulator (`aggregate`), or the list of every element (`process`, joins, evictors).
 */
import { requireSynchronous } from '../../functions/synchronous';
import type { AggregateFunction, ReduceFunction } from '../../functions/window-functions';
import type { Millis } from '../../time';
import type { EvictorContext, Evictor, TimestampedValue } from '../../windows/evictors/evictor';
import type { WindowEntry } from './window-entry';

export interface WindowContents {
  /** Adds an element (the entry's `count` is updated by the caller). */
  add(entry: WindowEntry, value: unknown, timestamp: Millis | undefined): void;
  /** Moves `source`'s contents into `target` (session merges). */
  merge(target: WindowEntry, source: WindowEntry): void;
  /** What the window function gets when the window fires: one pre-aggregated value, or all. */
  inputs(entry: WindowEntry, ctx: EvictorContext): unknown[];
  /** Runs after the window function (the evictor's `evictAfter`). */
  afterFiring(entry: WindowEntry, ctx: EvictorContext): void;
  /**
   * Copies a window's contents into `into` with their size, for a snapshot, when this kind knows a
   * quicker way than `copyState` (which the snapshot uses otherwise) to the same copy and size.
   * `into` is the window's copy from its last snapshot, if it had one, to take from and update
   * (see {@link ContentsCopy}); it must change only once the copy is made.
   */
  readonly copyContents?: CopyContents | undefined;
  /**
   * Set for the built-in field aggregations (`sum`, `min`, `max`, `minBy`, `maxBy`): the contents
   * are a `FieldAccumulator`, whose record changes only in `recordField` (see
   * `field-accumulator-copy.ts`), so a snapshot may keep the windows in columns
   * (see `window-columns.ts`).
   */
  readonly fieldAccumulator?: FieldAccumulatorShape | undefined;
}

/** What a built-in field aggregation tells the window operator of its accumulator. */
export interface FieldAccumulatorShape {
  /** The property the aggregation writes in its own record; see `FieldAggregateFunction`. */
  readonly recordField: string | number | undefined;
  /**
   * An element added to a window that holds one leaves the window's size in a snapshot as it was:
   * `sum` writes a number over a number, in the record it already holds. (`min` and `max` may take
   * a string, or a new record.)
   */
  readonly elementsKeepSize: boolean;
}

/** See {@link WindowContents.copyContents}. */
export type CopyContents = (contents: unknown, into: ContentsCopy) => void;

/**
 * A window's contents as its last snapshot copied them: kept on the window and updated in place by
 * each new copy, so a copy costs no record of its own (snapshots hold only `value`, never changed).
 */
export interface ContentsCopy {
  value: unknown;
  bytes: number;
  /** The live object the kind's last copy was taken from, when it keeps one. */
  source: object | undefined;
  /** What the kind found out about `source`, for the next copy when the object is the same. */
  sourceBytes: number;
}

/** How the window's functions are named when one returns a Promise (see `synchronous.ts`). */
const REDUCE = 'The function given to reduce(...)';
const CREATE_ACCUMULATOR = "The AggregateFunction's createAccumulator(...)";
const ADD = "The AggregateFunction's add(...)";
const GET_RESULT = "The AggregateFunction's getResult(...)";
const MERGE = "The AggregateFunction's merge(...)";
const EVICT_BEFORE = "The evictor's evictBefore(...)";
const EVICT_AFTER = "The evictor's evictAfter(...)";

/** Incremental reduction: holds one value. */
export class ReducingContents implements WindowContents {
  constructor(private readonly reduce: ReduceFunction<unknown>) {}

  add(entry: WindowEntry, value: unknown): void {
    entry.contents =
      entry.count === 0 ? value : requireSynchronous(this.reduce(entry.contents, value), REDUCE);
  }

  merge(target: WindowEntry, source: WindowEntry): void {
    if (source.count === 0) return;
    target.contents =
      target.count === 0
        ? source.contents
        : requireSynchronous(this.reduce(target.contents, source.contents), REDUCE);
  }

  inputs(entry: WindowEntry): unknown[] {
    return [entry.contents];
  }

  afterFiring(): void {}
}

/** Incremental aggregation: holds an accumulator. */
export class AggregatingContents implements WindowContents {
  constructor(
    private readonly aggregate: AggregateFunction<unknown, unknown, unknown>,
    /** The built-in aggregations' quick copy of their accumulators (`copyAccumulator`). */
    readonly copyContents?: CopyContents,
    /** Set for the built-in aggregations (see {@link WindowContents.fieldAccumulator}). */
    readonly fieldAccumulator?: FieldAccumulatorShape,
  ) {}

  add(entry: WindowEntry, value: unknown): void {
    const accumulator =
      entry.count === 0
        ? requireSynchronous(this.aggregate.createAccumulator(), CREATE_ACCUMULATOR)
        : entry.contents;
    entry.contents = requireSynchronous(this.aggregate.add(value, accumulator), ADD);
  }

  merge(target: WindowEntry, source: WindowEntry): void {
    if (source.count === 0) return;
    target.contents =
      target.count === 0
        ? source.contents
        : requireSynchronous(this.aggregate.merge(target.contents, source.contents), MERGE);
  }

  inputs(entry: WindowEntry): unknown[] {
    return [requireSynchronous(this.aggregate.getResult(entry.contents), GET_RESULT)];
  }

  afterFiring(): void {}
}

/**
 * Keeps every element with its timestamp. With an evictor, elements are evicted around each firing;
 * a `reduce` or `aggregate` given with an evictor runs over the remaining elements at firing time,
 * as in Flink's `EvictingWindowOperator`.
 */
export class ListContents implements WindowContents {
  constructor(
    private readonly evictor: Evictor | undefined,
    private readonly fold: ((values: unknown[]) => unknown[]) | undefined,
  ) {}

  add(entry: WindowEntry, value: unknown, timestamp: Millis | undefined): void {
    const element: TimestampedValue<unknown> = { value, timestamp };
    if (entry.count === 0) entry.contents = [element];
    else (entry.contents as TimestampedValue<unknown>[]).push(element);
  }

  merge(target: WindowEntry, source: WindowEntry): void {
    if (source.count === 0) return;
    const elements = source.contents as TimestampedValue<unknown>[];
    if (target.count === 0) target.contents = [...elements];
    else (target.contents as TimestampedValue<unknown>[]).push(...elements);
  }

  inputs(entry: WindowEntry, ctx: EvictorContext): unknown[] {
    const elements = entry.contents as TimestampedValue<unknown>[];
    if (this.evictor !== undefined) {
      const result = this.evictor.evictBefore(elements, elements.length, entry.window, ctx);
      requireSynchronous(result, EVICT_BEFORE);
    }
    entry.count = elements.length;
    const values = elements.map((element) => element.value);
    return this.fold === undefined ? values : this.fold(values);
  }

  afterFiring(entry: WindowEntry, ctx: EvictorContext): void {
    const elements = entry.contents as TimestampedValue<unknown>[];
    if (this.evictor !== undefined) {
      const result = this.evictor.evictAfter(elements, elements.length, entry.window, ctx);
      requireSynchronous(result, EVICT_AFTER);
    }
    entry.count = elements.length;
  }
}

/** Reduces a list at firing time (a `reduce` behind an evictor). */
export function foldWithReduce(reduce: ReduceFunction<unknown>): (values: unknown[]) => unknown[] {
  return (values) =>
    values.length === 0 ? [] : [values.reduce((a, b) => requireSynchronous(reduce(a, b), REDUCE))];
}

/** Aggregates a list at firing time (an `aggregate` behind an evictor). */
export function foldWithAggregate(
  aggregate: AggregateFunction<unknown, unknown, unknown>,
): (values: unknown[]) => unknown[] {
  return (values) => {
    if (values.length === 0) return [];
    let accumulator = requireSynchronous(aggregate.createAccumulator(), CREATE_ACCUMULATOR);
    for (const value of values) {
      accumulator = requireSynchronous(aggregate.add(value, accumulator), ADD);
    }
    return [requireSynchronous(aggregate.getResult(accumulator), GET_RESULT)];
  };
}
