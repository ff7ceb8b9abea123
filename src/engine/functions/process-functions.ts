/**
 * Process functions, as in Flink: the lowest-level building block, with access to each record's
 * timestamp, timers, side outputs and (on keyed streams) keyed state.
 *
 * Extend the class, or pass an object with the same methods.
 */
import type { Collector } from './collector';
import type { Context, KeyedContext, OnTimerContext, RuntimeContext } from './contexts';

/**
 * The optional `open` hook of a function, as Flink's `RichFunction`: it runs once before the first
 * record, and is where keyed state is declared. (Hooks are not members of the base classes, so a
 * class defines them without `override`.)
 */
export interface RichFunction<C = RuntimeContext> {
  /** Runs once, before the first record: get keyed state from `context` here. */
  open?(context: C): void;
}

/** The optional `onTimer` hook of a keyed function: runs when a timer of the current key fires. */
export interface TimerHandler<K, O> {
  /** Runs when a timer of the current key fires; `timestamp` is the time it was set for. */
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>): void;
}

/**
 * Processes the records of a stream that is not keyed. It has no keyed state and no timers; for
 * those, `keyBy` first and use a {@link KeyedProcessFunction}. It may define `open(context)`.
 */
export abstract class ProcessFunction<I, O> {
  /** Runs for every record; emit with `out.collect`. */
  abstract processElement(value: I, ctx: Context, out: Collector<O>): void;
}

/**
 * Processes the records of a keyed stream, with keyed state (declared in `open(context)`) and
 * timers (handled in `onTimer(timestamp, ctx, out)`); both hooks are optional.
 *
 * @example
 * ```ts
 * class CountWithTimeout extends KeyedProcessFunction<string, Click, string> {
 *   private count!: ValueState<number>;
 *   open(ctx: KeyedRuntimeContext) {
 *     this.count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
 *   }
 *   processElement(click: Click, ctx: KeyedContext<string>, out: Collector<string>) {
 *     this.count.update((this.count.value() ?? 0) + 1);
 *     ctx.timerService().registerEventTimeTimer(click.ts + 60_000);
 *   }
 *   onTimer(ts: number, ctx: OnTimerContext<string>, out: Collector<string>) {
 *     out.collect(`${ctx.getCurrentKey()}: ${this.count.value()} clicks`);
 *   }
 * }
 * ```
 */
export abstract class KeyedProcessFunction<K, I, O> {
  /** Runs for every record, with the record's key current. */
  abstract processElement(value: I, ctx: KeyedContext<K>, out: Collector<O>): void;
}

/** Processes the two inputs of connected streams that are not keyed; may define `open`. */
export abstract class CoProcessFunction<I1, I2, O> {
  /** Runs for every record of the first input. */
  abstract processElement1(value: I1, ctx: Context, out: Collector<O>): void;
  /** Runs for every record of the second input. */
  abstract processElement2(value: I2, ctx: Context, out: Collector<O>): void;
}

/**
 * Processes the two inputs of keyed connected streams, with shared keyed state and timers; may
 * define `open` and `onTimer`.
 */
export abstract class KeyedCoProcessFunction<K, I1, I2, O> {
  /** Runs for every record of the first input, with its key current. */
  abstract processElement1(value: I1, ctx: KeyedContext<K>, out: Collector<O>): void;
  /** Runs for every record of the second input, with its key current. */
  abstract processElement2(value: I2, ctx: KeyedContext<K>, out: Collector<O>): void;
}

/** `connect(...).map(...)`: one function per input, one result per record. */
export interface CoMapFunction<I1, I2, O> {
  /** The result for a record of the first input. */
  map1(value: I1): O;
  /** The result for a record of the second input. */
  map2(value: I2): O;
}

/** `connect(...).flatMap(...)`: one function per input, any number of results per record. */
export interface CoFlatMapFunction<I1, I2, O> {
  /** The results for a record of the first input (`[]` for none). */
  flatMap1(value: I1): Iterable<O>;
  /** The results for a record of the second input (`[]` for none). */
  flatMap2(value: I2): Iterable<O>;
}
