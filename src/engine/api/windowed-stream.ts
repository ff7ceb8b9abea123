/**
 * `WindowedStream`: a (keyed or all-records) stream cut into windows, configured with a trigger,
 * an evictor, allowed lateness and a late-data side output, then reduced to results.
 */
import { PipelineDefinitionError } from '../errors';
import { fieldAggregate } from '../functions/field-aggregations';
import type { FieldAggregation } from '../functions/field-aggregations';
import type { FieldAccumulator } from '../functions/field-accumulator-copy';
import type {
  AggregateFunction,
  ProcessWindowFunction,
  ReduceFunction,
} from '../functions/window-functions';
import type { WindowContents } from '../operators/window/window-contents';
import {
  AggregatingContents,
  ListContents,
  ReducingContents,
  foldWithAggregate,
  foldWithReduce,
} from '../operators/window/window-contents';
import type { WindowSpec } from '../operators/window/window-operator';
import type { OutputTag } from '../output-tag';
import type { Key } from '../records';
import type { KeySelector } from '../runtime/operator';
import type { Millis } from '../time';
import { MergingWindowAssigner } from '../windows/assigners/window-assigner';
import type { WindowAssigner } from '../windows/assigners/window-assigner';
import type { Evictor } from '../windows/evictors/evictor';
import type { Trigger } from '../windows/triggers/trigger';
import type { Window } from '../windows/window';
import type {
  ComparableField,
  DataStream,
  NumericField,
  SingleOutputStreamOperator,
} from './data-stream';
import type { StreamTime } from './graph';
import { requireEventTime } from './time-checks';

/** A function computing each firing's result from the window's elements (or pre-aggregate). */
type AnyProcess = ProcessWindowFunction<unknown, unknown, unknown, Window>;

/**
 * A stream cut into windows, made by {@link KeyedStream.window} (or `windowAll` on a stream that
 * is not keyed). Configure it (`trigger`, `evictor`, `allowedLateness`, `sideOutputLateData`),
 * then compute the results (`reduce`, `aggregate`, `process`, `sum`, …).
 *
 * Results carry the window's `maxTimestamp` (end − 1) as their event time, and their key, window and
 * pane are shown in the sinks.
 *
 * @example
 * ```ts
 * const late = new OutputTag<SensorReading>('late');
 * const averages = readings
 *   .keyBy((r) => r.sensor)
 *   .window(TumblingEventTimeWindows.of(Time.minutes(1)))
 *   .allowedLateness(Time.seconds(30))
 *   .sideOutputLateData(late)
 *   .aggregate({
 *     createAccumulator: () => ({ sum: 0, count: 0 }),
 *     add: (r, acc) => ({ sum: acc.sum + r.celsius, count: acc.count + 1 }),
 *     getResult: (acc) => acc.sum / acc.count,
 *     merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
 *   });
 * averages.sinkTo(env.collect('average per minute'));
 * averages.getSideOutput(late).sinkTo(env.collect('too late'));
 * ```
 */
export class WindowedStream<T, K extends Key | undefined, W extends Window> {
  private chosenTrigger: Trigger | undefined;
  private chosenEvictor: Evictor | undefined;
  private lateness: Millis = 0;
  private lateTag: OutputTag<T> | undefined;

  /** @internal */
  constructor(
    private readonly input: DataStream<T>,
    /** @internal One per input: two for joins. */
    private readonly keySelectors: readonly (KeySelector<unknown> | undefined)[],
    private readonly assigner: WindowAssigner<W>,
    /** @internal Joins feed a window with two inputs, each element tagged with its side. */
    private readonly joinInputs?: {
      readonly second: DataStream<unknown>;
      readonly time: StreamTime;
    },
  ) {
    if (!(assigner instanceof Object) || typeof assigner.assignWindows !== 'function') {
      throw new PipelineDefinitionError(
        'window(...) needs a window assigner, e.g. TumblingEventTimeWindows.of(Time.seconds(10)).',
      );
    }
    if (assigner.isEventTime()) {
      requireEventTime(
        joinInputs?.time ?? input.time,
        `${assigner.toString()}`,
        `use ${assigner.toString().replace('EventTime', 'ProcessingTime').replace(/\(.*$/, '')} for processing time`,
      );
    }
  }

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger): this {
    if (this.assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
      throw new PipelineDefinitionError(
        `${trigger.toString()} cannot merge windows, so it cannot be used with ${this.assigner.toString()}.`,
      );
    }
    this.chosenTrigger = trigger;
    return this;
  }

  /** Removes elements before and/or after each firing; the window then keeps every element. */
  evictor(evictor: Evictor): this {
    this.chosenEvictor = evictor;
    return this;
  }

  /**
   * Keeps windows `lateness` past their end (in event time): late elements within it update the
   * window and fire it again. Default 0.
   */
  allowedLateness(lateness: Millis): this {
    if (!Number.isSafeInteger(lateness) || lateness < 0) {
      throw new PipelineDefinitionError(
        `allowedLateness needs a non-negative whole number of milliseconds, got ${lateness}.`,
      );
    }
    this.lateness = lateness;
    return this;
  }

  /** Sends elements that arrive too late for all their windows to the side output `tag`. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.lateTag = tag;
    return this;
  }

  /**
   * Combines the elements incrementally with `fn`; with `process`, the reduced value goes through
   * it (with the window's metadata) to make the result.
   */
  reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T>;
  reduce<R>(
    fn: ReduceFunction<T>,
    process: ProcessWindowFunction<T, R, K, W>,
  ): SingleOutputStreamOperator<R>;
  reduce<R>(
    fn: ReduceFunction<T>,
    process?: ProcessWindowFunction<T, R, K, W>,
  ): SingleOutputStreamOperator<R> {
    if (typeof fn !== 'function') {
      throw new PipelineDefinitionError(
        'reduce needs a function combining two elements, e.g. (a, b) => a + b.',
      );
    }
    const reduce = fn as ReduceFunction<unknown>;
    const contents =
      this.chosenEvictor === undefined
        ? new ReducingContents(reduce)
        : new ListContents(this.chosenEvictor, foldWithReduce(reduce));
    return this.build(contents, process, 'Reduce');
  }

  /**
   * Aggregates the elements incrementally with an accumulator; with `process`, the result goes
   * through it (with the window's metadata).
   */
  aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
  aggregate<ACC, V, R>(
    fn: AggregateFunction<T, ACC, V>,
    process: ProcessWindowFunction<V, R, K, W>,
  ): SingleOutputStreamOperator<R>;
  aggregate<ACC, V, R>(
    fn: AggregateFunction<T, ACC, V>,
    process?: ProcessWindowFunction<V, R, K, W>,
  ): SingleOutputStreamOperator<R> {
    for (const method of ['createAccumulator', 'add', 'getResult', 'merge'] as const) {
      if (typeof fn?.[method] !== 'function') {
        throw new PipelineDefinitionError(
          `aggregate needs an AggregateFunction with createAccumulator, add, getResult and merge; ${method} is missing.`,
        );
      }
    }
    const aggregate = fn as unknown as AggregateFunction<unknown, unknown, unknown>;
    const contents =
      this.chosenEvictor === undefined
        ? new AggregatingContents(aggregate)
        : new ListContents(this.chosenEvictor, foldWithAggregate(aggregate));
    return this.build(contents, process, 'Aggregate');
  }

  /** Computes each firing's results from all the window's elements, with its metadata. */
  process<R>(fn: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R> {
    return this.build(new ListContents(this.chosenEvictor, undefined), fn, 'Process');
  }

  /** Sum of `field` per window: the window's first element with `field` replaced by the sum. */
  sum(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('sum', field);
  }

  /** Minimum of `field` per window (other fields from the window's first element). */
  min(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('min', field);
  }

  /** Maximum of `field` per window (other fields from the window's first element). */
  max(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('max', field);
  }

  /** The element with the smallest `field` per window (the first one on ties). */
  minBy(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('minBy', field);
  }

  /** The element with the largest `field` per window (the first one on ties). */
  maxBy(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('maxBy', field);
  }

  private aggregation(
    kind: FieldAggregation,
    field: string | number | undefined,
  ): SingleOutputStreamOperator<T> {
    const builtIn = fieldAggregate(kind, field);
    const aggregate = builtIn as AggregateFunction<unknown, unknown, unknown>;
    const label = `${kind}(${field === undefined ? '' : String(field)})`;
    const contents =
      this.chosenEvictor === undefined
        ? new AggregatingContents(
            aggregate,
            (accumulator, into) => {
              builtIn.copyAccumulator(accumulator as FieldAccumulator, into);
            },
            { recordField: builtIn.recordField, elementsKeepSize: kind === 'sum' },
          )
        : new ListContents(this.chosenEvictor, foldWithAggregate(aggregate));
    return this.build(contents, undefined, label, field);
  }

  private build<R>(
    contents: WindowContents,
    process: ProcessWindowFunction<never, R, K, W> | undefined,
    label: string,
    resultField?: string | number,
  ): SingleOutputStreamOperator<R> {
    if (
      process !== undefined &&
      typeof (process as { process?: unknown })?.process !== 'function'
    ) {
      throw new PipelineDefinitionError(
        'A window function needs process(key, context, elements, out); extend ProcessWindowFunction.',
      );
    }
    const trigger = this.chosenTrigger ?? this.assigner.getDefaultTrigger();
    const spec: WindowSpec = {
      assigner: this.assigner,
      trigger,
      allowedLateness: this.lateness,
      lateDataTag: this.lateTag as OutputTag<unknown> | undefined,
      contents,
      process: process as AnyProcess | undefined,
      twoInputs: this.joinInputs !== undefined,
      resultField,
    };
    const parts = [this.assigner.toString(), trigger.toString()];
    if (this.chosenEvictor !== undefined) parts.push(this.chosenEvictor.toString());
    parts.push(
      process === undefined
        ? label
        : `${label}, ${process.constructor.name === 'Object' ? 'process' : process.constructor.name}`,
    );
    const name = `${this.joinInputs === undefined ? 'Window' : 'WindowJoin'}(${parts.join(', ')})`;
    const time: StreamTime = {
      ...(this.joinInputs?.time ?? this.input.time),
      timestamps: 'present',
    };
    const inputs =
      this.joinInputs === undefined
        ? [this.input.ports]
        : [this.input.ports, this.joinInputs.second.ports];
    return this.input.addNode<R>({ kind: 'window', spec }, name, inputs, this.keySelectors, time);
  }
}
