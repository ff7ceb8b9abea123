/**
 * The DataStream API: `DataStream`, `SingleOutputStreamOperator` and `KeyedStream`, as in Flink.
 * Every call adds a transformation to the pipeline's graph; nothing runs until the job executes.
 */
import { nonParallel, requireMaxParallelism, requireParallelism } from '../parallelism/parallelism';
import { PipelineDefinitionError } from '../errors';
import { fieldReducer } from '../functions/field-aggregations';
import type { FieldAggregation } from '../functions/field-aggregations';
import type { KeyedRuntimeContext, RuntimeContext } from '../functions/contexts';
import { KeyedProcessFunction } from '../functions/process-functions';
import type { ProcessFunction, RichFunction, TimerHandler } from '../functions/process-functions';
import type { ReduceFunction } from '../functions/window-functions';
import type { OutputTag } from '../output-tag';
import type { Key } from '../records';
import type { KeySelector } from '../runtime/operator';
import type { WatermarkStrategy } from '../watermarks/strategy';
import { GlobalWindows } from '../windows/assigners/global';
import type { WindowAssigner } from '../windows/assigners/window-assigner';
import { CountEvictor } from '../windows/evictors/count-evictor';
import { CountTrigger } from '../windows/triggers/count-trigger';
import { PurgingTrigger } from '../windows/triggers/purging-trigger';
import type { GlobalWindow, Window } from '../windows/window';
import { ConnectedStreams } from './connected-streams';
import { combineTime } from './graph';
import type { LogicalNode, NodeSpec, PipelineGraph, Port, StreamTime } from './graph';
import { CoGroupedStreams, JoinedStreams } from './joins';
import { IntervalJoin } from './interval-join';
import { keyedProcessHandlers, processHandlers } from './process-handlers';
import type { Sink } from './sinks';
import { WindowedStream } from './windowed-stream';

/** Fields of `T` holding numbers (for `sum`) or comparable values (for `min`, `max`, …). */
export type NumericField<T> = T extends readonly unknown[]
  ? number
  : { [F in keyof T]-?: T[F] extends number ? F : never }[keyof T] & string;

/** Fields of `T` that can be compared. */
export type ComparableField<T> = T extends readonly unknown[]
  ? number
  : { [F in keyof T]-?: T[F] extends number | string ? F : never }[keyof T] & string;

function requireFunction(fn: unknown, what: string, example: string): void {
  if (typeof fn !== 'function') {
    throw new PipelineDefinitionError(`${what} needs a function, e.g. ${example}.`);
  }
}

/**
 * A stream of records of type `T`, as Flink's `DataStream`. Transformations return new streams;
 * the stream itself never changes. Nothing runs while the pipeline is built: each call adds a
 * step to the job graph, and the playground runs the graph when the program returns.
 *
 * @example
 * ```ts
 * env
 *   .fromElements('to be', 'or not', 'to be')
 *   .flatMap((line) => line.split(' '))
 *   .filter((word) => word !== 'or')
 *   .map((word) => word.toUpperCase())
 *   .sinkTo(env.collect('words')); // TO, BE, NOT, TO, BE
 * ```
 */
export class DataStream<T> {
  /** @internal */
  constructor(
    /** @internal */
    readonly graph: PipelineGraph,
    /** @internal The outputs this stream reads from (several after `union`). */
    readonly ports: readonly Port[],
    /** @internal What is known about this stream's event time. */
    readonly time: StreamTime,
  ) {}

  /** One result per record. */
  map<R>(fn: (value: T) => R): SingleOutputStreamOperator<R> {
    requireFunction(fn, 'map', '(r) => r.celsius');
    return this.step('map', 'Map', fn as (value: unknown) => unknown);
  }

  /** Keeps the records for which `predicate` is true. */
  filter(predicate: (value: T) => boolean): SingleOutputStreamOperator<T> {
    requireFunction(predicate, 'filter', '(r) => r.celsius > 20');
    return this.step('filter', 'Filter', predicate as (value: unknown) => unknown);
  }

  /** Any number of results per record: return an array (or any iterable), `[]` for none. */
  flatMap<R>(fn: (value: T) => Iterable<R>): SingleOutputStreamOperator<R> {
    requireFunction(fn, 'flatMap', '(line) => line.split(" ")');
    return this.step('flatMap', 'FlatMap', fn as (value: unknown) => Iterable<unknown>);
  }

  /** Merges streams of the same type into one; its watermark is the minimum of theirs. */
  union(...others: DataStream<T>[]): DataStream<T> {
    for (const other of others) {
      if (!(other instanceof DataStream) || other.graph !== this.graph) {
        throw new PipelineDefinitionError('union(...) takes streams of the same pipeline.');
      }
    }
    const streams = [this, ...others];
    return new DataStream<T>(
      this.graph,
      streams.flatMap((s) => s.ports),
      combineTime(streams.map((s) => s.time)),
    );
  }

  /**
   * Deals the records out to the next operator's subtasks in turn, as Flink's `rebalance()`:
   * evens out the load when some subtasks get more records than others (a skewed source). It is
   * not chained: the records are handed over, as over a network.
   */
  rebalance(): DataStream<T> {
    return this.partitioned('rebalance');
  }

  /**
   * Sends each subtask's records to the next operator's subtask of the same index, as Flink's
   * `forward()`: the next operator must run with the same parallelism. This is what an edge does
   * anyway between operators of the same parallelism that are not keyed.
   */
  forward(): DataStream<T> {
    return this.partitioned('forward');
  }

  private partitioned(partitioning: 'rebalance' | 'forward'): DataStream<T> {
    const ports = this.ports.map((port) => ({ node: port.node, tag: port.tag, partitioning }));
    return new DataStream<T>(this.graph, ports, this.time);
  }

  /**
   * Partitions the stream by key: records with the same key meet in the same keyed state and
   * windows. The key must be a string, a number or a boolean.
   */
  keyBy<K extends Key>(selector: KeySelector<T, K>): KeyedStream<T, K> {
    requireFunction(selector, 'keyBy', '(r) => r.sensor');
    return new KeyedStream<T, K>(this.graph, this.ports, this.time, selector);
  }

  /** Low-level processing with timestamps and side outputs; see {@link ProcessFunction}. */
  process<R>(
    fn: ProcessFunction<T, R> & RichFunction<RuntimeContext>,
  ): SingleOutputStreamOperator<R> {
    if ((fn as unknown) instanceof KeyedProcessFunction) {
      throw new PipelineDefinitionError(
        'A KeyedProcessFunction needs a keyed stream: call .keyBy(...) before .process(...).',
      );
    }
    // Timers belong to a key: on a stream that is not keyed, onTimer could never run.
    if (typeof (fn as { onTimer?: unknown }).onTimer === 'function') {
      throw new PipelineDefinitionError(
        'process(...) with onTimer(...) needs a keyed stream, but this stream is not keyed: call ' +
          '.keyBy(...) first, e.g. .keyBy((r) => r.sensor).process(...), and extend ' +
          'KeyedProcessFunction. Timers belong to a key.',
      );
    }
    const handlers = processHandlers(fn as ProcessFunction<unknown, unknown>);
    return this.add({ kind: 'process', handlers }, 'Process', [undefined]);
  }

  /**
   * Gives records new timestamps and the stream new watermarks. Watermarks from upstream are
   * replaced (except the final one that ends a bounded input).
   */
  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): SingleOutputStreamOperator<T> {
    const time: StreamTime = {
      timestamps: strategy.timestampAssigner !== undefined ? 'present' : this.time.timestamps,
      watermarks: strategy.emitsWatermarks ? 'present' : 'none',
      bounded: this.time.bounded,
    };
    return this.add(
      { kind: 'timestamps', strategy: strategy as WatermarkStrategy<unknown> },
      'Timestamps/Watermarks',
      [undefined],
      time,
    );
  }

  /** Connects two streams of possibly different types, for co-functions with shared state. */
  connect<T2>(other: DataStream<T2>): ConnectedStreams<T, T2> {
    return new ConnectedStreams(this, other);
  }

  /** A window join with `other`: `.where(...).equalTo(...).window(...).apply(...)`. */
  join<T2>(other: DataStream<T2>): JoinedStreams<T, T2> {
    return new JoinedStreams(this, other);
  }

  /** A window coGroup with `other`: all elements of both sides per key and window. */
  coGroup<T2>(other: DataStream<T2>): CoGroupedStreams<T, T2> {
    return new CoGroupedStreams(this, other);
  }

  /** Windows over the whole stream, without keys (all records go through one window operator). */
  windowAll<W extends Window>(assigner: WindowAssigner<W>): WindowedStream<T, undefined, W> {
    return new WindowedStream<T, undefined, W>(this, [undefined], assigner);
  }

  /** Count windows over the whole stream; see {@link KeyedStream.countWindow}. */
  countWindowAll(size: number, slide?: number): WindowedStream<T, undefined, GlobalWindow> {
    return countWindows(this.windowAll(GlobalWindows.create()), size, slide);
  }

  /** Sends the records to a sink: `env.collect(name)` or `env.upsertTable(name, key)`. */
  sinkTo(sink: Sink<T>): DataStreamSink {
    if (sink === null || typeof sink !== 'object' || !('spec' in sink)) {
      throw new PipelineDefinitionError(
        'sinkTo(...) needs a sink from the environment, e.g. .sinkTo(env.collect("results")).',
      );
    }
    const name = sink.spec.kind === 'print' ? 'Print' : `Sink: ${sink.spec.name}`;
    const node = this.graph.add({ kind: 'sink', sink: sink.spec }, name, [this.ports], [undefined]);
    return new DataStreamSink(this.graph, node);
  }

  /**
   * Prints every record, as `prefix> value` (the lines also appear in the job result). A print
   * sink running in parallel puts the subtask before each line, as Flink's does: `2> value`, or
   * `prefix:2> value`.
   */
  print(prefix?: string): DataStreamSink {
    const node = this.graph.add(
      { kind: 'sink', sink: { kind: 'print', prefix } },
      'Print',
      [this.ports],
      [undefined],
    );
    return new DataStreamSink(this.graph, node);
  }

  /** @internal Adds a one-input node reading this stream. */
  add<R>(
    spec: NodeSpec,
    name: string,
    keySelectors: readonly (KeySelector<unknown> | undefined)[],
    time: StreamTime = this.time,
  ): SingleOutputStreamOperator<R> {
    return this.addNode(spec, name, [this.ports], keySelectors, time);
  }

  /** @internal Adds a node reading the given inputs (this stream's ports among them). */
  addNode<R>(
    spec: NodeSpec,
    name: string,
    inputs: readonly (readonly Port[])[],
    keySelectors: readonly (KeySelector<unknown> | undefined)[],
    time: StreamTime,
  ): SingleOutputStreamOperator<R> {
    const node = this.graph.add(spec, name, inputs, keySelectors);
    return new SingleOutputStreamOperator<R>(this.graph, node, time);
  }

  private step<R>(
    kind: 'map' | 'filter' | 'flatMap',
    name: string,
    fn: (value: unknown) => unknown,
  ): SingleOutputStreamOperator<R> {
    const step =
      kind === 'flatMap'
        ? { kind, name, fn: fn as (value: unknown) => Iterable<unknown> }
        : { kind, name, fn };
    // After keyBy, even a stateless step reads its input partitioned by key, as in Flink: the
    // edge is keyed, and a keyed edge is never chained.
    const key = this instanceof KeyedStream ? this.selector() : undefined;
    return this.add({ kind: 'step', step }, name, [key]);
  }
}

/**
 * The stream produced by one transformation: it can be named, given a stable id, and asked for its
 * side outputs.
 */
export class SingleOutputStreamOperator<T> extends DataStream<T> {
  /** @internal */
  constructor(
    graph: PipelineGraph,
    /** @internal */
    readonly node: LogicalNode,
    time: StreamTime,
  ) {
    super(graph, [{ node, tag: undefined }], time);
  }

  /** Names the operator in the job graph and the trace. */
  name(name: string): this {
    this.graph.setName(this.node, name);
    return this;
  }

  /** Gives the operator a stable id of your choosing (it appears in the job graph and trace). */
  uid(uid: string): this {
    this.graph.setUid(this.node, uid);
    return this;
  }

  /**
   * Runs this operator as `parallelism` subtasks, whatever the environment's default (Flink's
   * `setParallelism`). Non-parallel sources (`fromElements`, text files, scripted streams) only
   * run as 1.
   */
  setParallelism(parallelism: number): this {
    setNodeParallelism(this.node, parallelism);
    return this;
  }

  /** The number of key groups of this operator, when it is keyed (see `env.setMaxParallelism`). */
  setMaxParallelism(maxParallelism: number): this {
    requireMaxParallelism(maxParallelism, 'setMaxParallelism');
    this.node.maxParallelism = maxParallelism;
    return this;
  }

  /**
   * Makes everything this operator emits (records, watermarks, checkpoint barriers) take `ms` of
   * processing time to reach the next operators, in the order it was sent: Streamlab's own
   * teaching tool (Flink has none). In a real job, network buffers and backpressure delay a
   * channel; here, without it, a record reaches the next operator the moment it is emitted.
   *
   * With two inputs, one delayed, a checkpoint's barrier reaches the operator reading both on one
   * input first: aligning it (`CheckpointingMode.EXACTLY_ONCE`) holds that input's records back
   * until the other barrier comes; not aligning it (`AT_LEAST_ONCE`) lets them into the snapshot.
   *
   * @example
   * ```ts
   * const slow = env.fromElements(1, 2, 3).map((n) => n * 10).simulateNetworkDelay(250);
   * ```
   */
  simulateNetworkDelay(ms: number): this {
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
      throw new PipelineDefinitionError(
        `simulateNetworkDelay(ms) needs a whole number of ms, 0 or more, got ${String(ms)}.`,
      );
    }
    this.node.networkDelay = ms;
    return this;
  }

  /** The records this operator sent to the side output `tag`, as a stream. */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    return new DataStream<X>(this.graph, [{ node: this.node, tag: tag.id }], this.time);
  }
}

/** A sink added to the job (Flink's `DataStreamSink`): it can be named and run in parallel. */
export class DataStreamSink {
  /** @internal */
  constructor(
    private readonly graph: PipelineGraph,
    /** @internal */
    readonly node: LogicalNode,
  ) {}

  /** Names the sink in the job graph and the trace. */
  name(name: string): this {
    this.graph.setName(this.node, name);
    return this;
  }

  /** Gives the sink a stable id of your choosing (it appears in the job graph and trace). */
  uid(uid: string): this {
    this.graph.setUid(this.node, uid);
    return this;
  }

  /** Runs the sink as `parallelism` subtasks, whatever the environment's default. */
  setParallelism(parallelism: number): this {
    setNodeParallelism(this.node, parallelism);
    return this;
  }
}

function setNodeParallelism(node: LogicalNode, parallelism: number): void {
  requireParallelism(parallelism, 'setParallelism');
  const reason = nonParallel(node);
  if (reason !== undefined && parallelism !== 1) {
    throw new PipelineDefinitionError(
      `"${node.name}" ${reason}. Its parallelism must be 1, as in Flink.`,
    );
  }
  node.parallelism = parallelism;
}

/**
 * A stream partitioned by key, made by {@link DataStream.keyBy}: keyed state, timers, rolling
 * aggregations and windows work per key, each key on its own.
 *
 * @example
 * ```ts
 * const strategy = WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(Time.seconds(2))
 *   .withTimestampAssigner((r) => r.ts);
 * env
 *   .fromSource(env.datasets.sensorReadings(), strategy)
 *   .keyBy((r) => r.sensor)
 *   .maxBy('celsius') // for every reading: the hottest reading of its sensor so far
 *   .sinkTo(env.collect('hottest'));
 * ```
 */
export class KeyedStream<T, K extends Key> extends DataStream<T> {
  /** @internal */
  constructor(
    graph: PipelineGraph,
    ports: readonly Port[],
    time: StreamTime,
    /** @internal */
    readonly keySelector: KeySelector<T, K>,
  ) {
    super(graph, ports, time);
  }

  /** Rolling reduce: for every record, emits the key's values so far combined by `fn`. */
  reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T> {
    requireFunction(fn, 'reduce', '(a, b) => ({ ...a, count: a.count + b.count })');
    return this.rolling(fn as ReduceFunction<unknown>, 'Reduce');
  }

  /**
   * Rolling sum of `field`: emits the key's first record with `field` replaced by the running sum
   * (the other fields stay those of the first record, as in Flink). Omit `field` for numbers.
   */
  sum(field?: NumericField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('sum', field);
  }

  /** Rolling minimum of `field` (other fields: those of the key's first record). */
  min(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('min', field);
  }

  /** Rolling maximum of `field` (other fields: those of the key's first record). */
  max(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('max', field);
  }

  /** The record with the smallest `field` so far (the first one on ties). */
  minBy(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('minBy', field);
  }

  /** The record with the largest `field` so far (the first one on ties). */
  maxBy(field?: ComparableField<T>): SingleOutputStreamOperator<T> {
    return this.aggregation('maxBy', field);
  }

  /** Keyed processing with state and timers; see {@link KeyedProcessFunction}. */
  override process<R>(
    fn:
      | (KeyedProcessFunction<K, T, R> & RichFunction<KeyedRuntimeContext> & TimerHandler<K, R>)
      | (ProcessFunction<T, R> & RichFunction<RuntimeContext>),
  ): SingleOutputStreamOperator<R> {
    const handlers = keyedProcessHandlers(fn as KeyedProcessFunction<Key, unknown, unknown>);
    return this.add({ kind: 'process', handlers }, 'KeyedProcess', [this.selector()]);
  }

  /** Windows per key; see the window assigners (`TumblingEventTimeWindows`, …). */
  window<W extends Window>(assigner: WindowAssigner<W>): WindowedStream<T, K, W> {
    return new WindowedStream<T, K, W>(this, [this.selector()], assigner);
  }

  /**
   * Count windows per key: with only `size`, a result every `size` elements (then a fresh count);
   * with `slide`, every `slide` elements over the last `size` ones.
   */
  countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow> {
    return countWindows(this.window(GlobalWindows.create()), size, slide);
  }

  /**
   * Joins with another keyed stream on the key, pairing elements whose timestamps are within
   * `between(lower, upper)` of each other.
   */
  intervalJoin<T2>(other: KeyedStream<T2, K>): IntervalJoin<T, T2, K> {
    if (!(other instanceof KeyedStream)) {
      throw new PipelineDefinitionError(
        'intervalJoin(...) needs a keyed stream: call .keyBy(...) on the other stream too.',
      );
    }
    return new IntervalJoin(this, other);
  }

  /** @internal */
  selector(): KeySelector<unknown> {
    return this.keySelector as KeySelector<unknown>;
  }

  private rolling(reduce: ReduceFunction<unknown>, name: string): SingleOutputStreamOperator<T> {
    return this.add({ kind: 'rolling', reduce }, name, [this.selector()]);
  }

  private aggregation(
    kind: FieldAggregation,
    field: string | number | undefined,
  ): SingleOutputStreamOperator<T> {
    const label = `${kind[0]?.toUpperCase()}${kind.slice(1)}(${field === undefined ? '' : String(field)})`;
    return this.rolling(fieldReducer(kind, field), label);
  }
}

/** `countWindow(size[, slide])` on a global-window stream, as Flink builds it. */
function countWindows<T, K extends Key | undefined>(
  windowed: WindowedStream<T, K, GlobalWindow>,
  size: number,
  slide: number | undefined,
): WindowedStream<T, K, GlobalWindow> {
  if (slide === undefined) return windowed.trigger(PurgingTrigger.of(CountTrigger.of(size)));
  return windowed.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
}
