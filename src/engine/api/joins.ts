/**
 * Window joins and coGroups, as Flink builds them: both streams feed one window operator, keyed by
 * their respective key selectors; when a window fires, the elements of each side are paired
 * (`join`, an inner join) or handed over whole (`coGroup`). Results carry the window's
 * `maxTimestamp`.
 *
 * @example
 * ```ts
 * orders.join(payments)
 *   .where((o) => o.id).equalTo((p) => p.orderId)
 *   .window(TumblingEventTimeWindows.of(Time.minutes(1)))
 *   .apply((order, payment) => ({ ...order, paid: payment.amount }));
 * ```
 */
import { PipelineDefinitionError } from '../errors';
import type { Collector } from '../functions/collector';
import type { CoGroupFunction, JoinFunction } from '../functions/join-functions';
import type { ProcessWindowContext } from '../functions/window-functions';
import { ProcessWindowFunction } from '../functions/window-functions';
import type { SideTagged } from '../operators/window/window-operator';
import type { Key } from '../records';
import type { KeySelector } from '../runtime/operator';
import type { Millis } from '../time';
import type { WindowAssigner } from '../windows/assigners/window-assigner';
import type { Evictor } from '../windows/evictors/evictor';
import type { Trigger } from '../windows/triggers/trigger';
import type { Window } from '../windows/window';
import type { DataStream, SingleOutputStreamOperator } from './data-stream';
import { combineTime } from './graph';
import { WindowedStream } from './windowed-stream';

function requireKeySelector(fn: unknown, what: string): void {
  if (typeof fn !== 'function') {
    throw new PipelineDefinitionError(`${what} needs a key selector, e.g. (r) => r.id.`);
  }
}

/** Splits the tagged elements of a join window by side and hands them to a coGroup function. */
class CoGroupWindowFunction<L, R, O> extends ProcessWindowFunction<SideTagged, O, unknown, Window> {
  constructor(private readonly coGroup: CoGroupFunction<L, R, O>) {
    super();
  }

  process(
    _key: unknown,
    _context: ProcessWindowContext<Window>,
    elements: readonly SideTagged[],
    out: Collector<O>,
  ): void {
    const lefts: L[] = [];
    const rights: R[] = [];
    for (const element of elements) {
      if (element.side === 0) lefts.push(element.value as L);
      else rights.push(element.value as R);
    }
    this.coGroup(lefts, rights, out);
  }
}

/** The window stage of a join or coGroup: optional trigger, evictor and lateness, then apply. */
class JoinWindow<L, R> {
  private chosenTrigger: Trigger | undefined;
  private chosenEvictor: Evictor | undefined;
  private lateness: Millis = 0;

  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly keys: readonly [KeySelector<unknown>, KeySelector<unknown>],
    private readonly assigner: WindowAssigner,
  ) {}

  /** Replaces the assigner's default trigger. */
  trigger(trigger: Trigger): this {
    this.chosenTrigger = trigger;
    return this;
  }

  /** Evicts elements before/after each firing. */
  evictor(evictor: Evictor): this {
    this.chosenEvictor = evictor;
    return this;
  }

  /** Keeps windows this long past their end for late elements. */
  allowedLateness(lateness: Millis): this {
    this.lateness = lateness;
    return this;
  }

  /** @internal */
  build<O>(coGroup: CoGroupFunction<L, R, O>, kind: string): SingleOutputStreamOperator<O> {
    const windowed = new WindowedStream<SideTagged, Key, Window>(
      this.left as unknown as DataStream<SideTagged>,
      this.keys,
      this.assigner,
      {
        second: this.right as DataStream<unknown>,
        time: combineTime([this.left.time, this.right.time]),
      },
    );
    if (this.chosenTrigger !== undefined) windowed.trigger(this.chosenTrigger);
    if (this.chosenEvictor !== undefined) windowed.evictor(this.chosenEvictor);
    windowed.allowedLateness(this.lateness);
    return windowed
      .process(new CoGroupWindowFunction<L, R, O>(coGroup))
      .name(`${kind}(${this.assigner.toString()})`);
  }
}

/** The windowed stage of a join; finish with `apply`. */
export class JoinWindowedStreams<L, R> extends JoinWindow<L, R> {
  /** Emits `fn(left, right)` for every pair of elements with the same key in the same window. */
  apply<O>(fn: JoinFunction<L, R, O>): SingleOutputStreamOperator<O> {
    if (typeof fn !== 'function') {
      throw new PipelineDefinitionError(
        'apply needs a join function, e.g. (left, right) => ({ ...left, ...right }).',
      );
    }
    return this.build<O>((lefts, rights, out) => {
      for (const left of lefts) for (const right of rights) out.collect(fn(left, right));
    }, 'Join');
  }
}

/** The windowed stage of a coGroup; finish with `apply`. */
export class CoGroupWindowedStreams<L, R> extends JoinWindow<L, R> {
  /** Calls `fn(lefts, rights, out)` once per key and window, with all elements of each side. */
  apply<O>(fn: CoGroupFunction<L, R, O>): SingleOutputStreamOperator<O> {
    if (typeof fn !== 'function') {
      throw new PipelineDefinitionError('apply needs a function (lefts, rights, out) => { ... }.');
    }
    return this.build(fn, 'CoGroup');
  }
}

/** What `where(...).equalTo(...)` leads to: the choice of windows. */
interface KeyedPair<R, K extends Key, W> {
  equalTo(rightKey: KeySelector<R, K>): { window(assigner: WindowAssigner): W };
}

/** The `where` / `equalTo` / `window` steps a join and a coGroup share; `Stage` is what follows. */
function whereEqualTo<L, R, K extends Key, W>(
  left: DataStream<L>,
  right: DataStream<R>,
  leftKey: KeySelector<L, K>,
  Stage: new (...args: ConstructorParameters<typeof JoinWindow<L, R>>) => W,
): KeyedPair<R, K, W> {
  requireKeySelector(leftKey, 'where');
  return {
    equalTo: (rightKey) => {
      requireKeySelector(rightKey, 'equalTo');
      const keys = [leftKey, rightKey] as [KeySelector<unknown>, KeySelector<unknown>];
      return { window: (assigner) => new Stage(left, right, keys, assigner) };
    },
  };
}

/** `a.join(b)`: say how to key each side with `where` and `equalTo`, then choose the windows. */
export class JoinedStreams<L, R> {
  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
  ) {}

  /** The key of the left (first) stream. */
  where<K extends Key>(leftKey: KeySelector<L, K>): KeyedPair<R, K, JoinWindowedStreams<L, R>> {
    return whereEqualTo(this.left, this.right, leftKey, JoinWindowedStreams<L, R>);
  }
}

/** `a.coGroup(b)`: say how to key each side with `where` and `equalTo`, then choose the windows. */
export class CoGroupedStreams<L, R> {
  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
  ) {}

  /** The key of the left (first) stream. */
  where<K extends Key>(leftKey: KeySelector<L, K>): KeyedPair<R, K, CoGroupWindowedStreams<L, R>> {
    return whereEqualTo(this.left, this.right, leftKey, CoGroupWindowedStreams<L, R>);
  }
}
