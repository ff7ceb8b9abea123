/**
 * `ConnectedStreams`: two streams, possibly of different types, processed by one operator with two
 * inputs, which can share state (after `keyBy`) and whose watermark is the minimum of both.
 */
import { PipelineDefinitionError } from '../errors';
import { KeyedCoProcessFunction } from '../functions/process-functions';
import type { KeyedRuntimeContext, RuntimeContext } from '../functions/contexts';
import type {
  CoFlatMapFunction,
  CoMapFunction,
  CoProcessFunction,
  RichFunction,
  TimerHandler,
} from '../functions/process-functions';
import type { Key } from '../records';
import type { KeySelector } from '../runtime/operator';
import { KeyedStream } from './data-stream';
import type { DataStream, SingleOutputStreamOperator } from './data-stream';
import { combineTime } from './graph';
import type { NodeSpec } from './graph';
import { coFlatMapHandlers, coMapHandlers, coProcessHandlers } from './process-handlers';

/**
 * Two streams, possibly of different types, processed together by one function with shared
 * state, as Flink's `ConnectedStreams`. Made by {@link DataStream.connect}; give it a co-function
 * with one method per input (`map1`/`map2`, `flatMap1`/`flatMap2`, `processElement1`/`processElement2`).
 *
 * @example
 * ```ts
 * // Celsius and Fahrenheit readings as one stream of degrees Celsius.
 * celsius
 *   .connect(fahrenheit)
 *   .map({
 *     map1: (c) => c.degrees,
 *     map2: (f) => ((f.degrees - 32) * 5) / 9,
 *   })
 *   .sinkTo(env.collect('celsius'));
 * ```
 */
export class ConnectedStreams<T1, T2> {
  private readonly keySelectors: readonly (KeySelector<unknown> | undefined)[];

  /** @internal */
  constructor(
    private readonly first: DataStream<T1>,
    private readonly second: DataStream<T2>,
    keySelectors?: readonly [KeySelector<unknown>, KeySelector<unknown>],
  ) {
    if (first.graph !== second.graph) {
      throw new PipelineDefinitionError('connect(...) takes a stream of the same pipeline.');
    }
    // Two keyed streams stay keyed when connected, as in Flink.
    this.keySelectors =
      keySelectors ??
      (first instanceof KeyedStream && second instanceof KeyedStream
        ? [first.selector(), second.selector()]
        : [undefined, undefined]);
  }

  /** Keys both inputs, so that records with equal keys share state and timers. */
  keyBy<K extends Key>(
    first: KeySelector<T1, K>,
    second: KeySelector<T2, K>,
  ): ConnectedStreams<T1, T2> {
    if (typeof first !== 'function' || typeof second !== 'function') {
      throw new PipelineDefinitionError(
        'keyBy on connected streams needs one key selector per input.',
      );
    }
    return new ConnectedStreams(this.first, this.second, [
      first as KeySelector<unknown>,
      second as KeySelector<unknown>,
    ]);
  }

  /** One result per record of either input: `{ map1(a), map2(b) }`. */
  map<R>(fn: CoMapFunction<T1, T2, R>): SingleOutputStreamOperator<R> {
    const handlers = coMapHandlers(fn as CoMapFunction<unknown, unknown, unknown>);
    return this.add({ kind: 'process', handlers }, 'CoMap');
  }

  /** Any number of results per record of either input: `{ flatMap1(a), flatMap2(b) }`. */
  flatMap<R>(fn: CoFlatMapFunction<T1, T2, R>): SingleOutputStreamOperator<R> {
    const handlers = coFlatMapHandlers(fn as CoFlatMapFunction<unknown, unknown, unknown>);
    return this.add({ kind: 'process', handlers }, 'CoFlatMap');
  }

  /** Processes both inputs with timestamps, side outputs and, when keyed, state and timers. */
  process<K extends Key, R>(
    fn:
      | (CoProcessFunction<T1, T2, R> & RichFunction<RuntimeContext>)
      | (KeyedCoProcessFunction<K, T1, T2, R> &
          RichFunction<KeyedRuntimeContext> &
          TimerHandler<K, R>),
  ): SingleOutputStreamOperator<R> {
    const keyed = this.keySelectors[0] !== undefined;
    if ((fn as unknown) instanceof KeyedCoProcessFunction && !keyed) {
      throw new PipelineDefinitionError(
        'A KeyedCoProcessFunction needs keyed inputs: call .keyBy(key1, key2) on the connected streams first.',
      );
    }
    // Timers belong to a key: on inputs that are not keyed, onTimer could never run.
    if (typeof (fn as { onTimer?: unknown }).onTimer === 'function' && !keyed) {
      throw new PipelineDefinitionError(
        'process(...) with onTimer(...) needs keyed connected streams, but these are not keyed: ' +
          'call .keyBy(key1, key2) first, e.g. a.connect(b).keyBy((x) => x.id, (y) => y.id)' +
          '.process(...), and extend KeyedCoProcessFunction. Timers belong to a key.',
      );
    }
    const handlers = coProcessHandlers(fn as CoProcessFunction<unknown, unknown, unknown>);
    return this.add({ kind: 'process', handlers }, keyed ? 'KeyedCoProcess' : 'CoProcess');
  }

  private add<R>(spec: NodeSpec, name: string): SingleOutputStreamOperator<R> {
    return this.first.addNode<R>(
      spec,
      name,
      [this.first.ports, this.second.ports],
      this.keySelectors,
      combineTime([this.first.time, this.second.time]),
    );
  }
}
