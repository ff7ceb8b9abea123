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
import { requireSynchronous } from '../functions/synchronous';
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
  constructor(
    private readonly coGroup: CoGroupFunction<L, R, O>,
    /** Names the learner's function when it returns a Promise. */
    private readonly what: string,
  ) {
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
    requireSynchronous(this.coGroup(lefts, rights, out), this.what);
  }
}

/** The window stage of a join or coGroup: optional trigger, evictor and lateness, then apply. */
export class JoinWindow<L, R> {
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
  build<O>(
    coGroup: CoGroupFunction<L, R, O>,
    kind: string,
    what: string,
  ): SingleOutputStreamOperator<O> {
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
      .process(new CoGroupWindowFunction<L, R, O>(coGroup, what))
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
    const what = 'The join function given to apply(...)';
    return this.build<O>(
      (lefts, rights, out) => {
        for (const left of lefts) {
          for (const right of rights) out.collect(requireSynchronous(fn(left, right), what));
        }
      },
      'Join',
      what,
    );
  }
}

/** The windowed stage of a coGroup; finish with `apply`. */
export class CoGroupWindowedStreams<L, R> extends JoinWindow<L, R> {
  /** Calls `fn(lefts, rights, out)` once per key and window, with all elements of each side. */
  apply<O>(fn: CoGroupFunction<L, R, O>): SingleOutputStreamOperator<O> {
    if (typeof fn !== 'function') {
      throw new PipelineDefinitionError('apply needs a function (lefts, rights, out) => { ... }.');
    }
    return this.build(fn, 'CoGroup', 'The coGroup function given to apply(...)');
  }
}

/** What `where(...).equalTo(...)` leads to: the choice of windows. */
interface KeyedPair<R, K extends Key, W> {
  equalTo(rightKey: KeySelector<R, K>): { window(assigner: WindowAssigner): W };
}

/** How the window stage of a join or coGroup is made, once both keys are known. */
type StageOf<L, R, W> = new (...args: ConstructorParameters<typeof JoinWindow<L, R>>) => W;

/**
 * @internal `where(...)` has been given: the right side's key comes next. A class (not an object
 * literal) so that a step called too early can be answered (see `wrong-stream.ts`).
 */
export class JoinWhere<L, R, K extends Key, W> implements KeyedPair<R, K, W> {
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly leftKey: KeySelector<L, K>,
    private readonly Stage: StageOf<L, R, W>,
  ) {
    requireKeySelector(leftKey, 'where');
  }

  /** The key of the right (second) stream. */
  equalTo(rightKey: KeySelector<R, K>): JoinEqualTo<L, R, W> {
    requireKeySelector(rightKey, 'equalTo');
    const keys = [this.leftKey, rightKey] as [KeySelector<unknown>, KeySelector<unknown>];
    return new JoinEqualTo(this.left, this.right, keys, this.Stage);
  }
}

/** @internal Both keys have been given: the windows come next. */
export class JoinEqualTo<L, R, W> {
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly keys: readonly [KeySelector<unknown>, KeySelector<unknown>],
    private readonly Stage: StageOf<L, R, W>,
  ) {}

  /** The windows in which elements of both sides meet. */
  window(assigner: WindowAssigner): W {
    return new this.Stage(this.left, this.right, this.keys, assigner);
  }
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
    return new JoinWhere(this.left, this.right, leftKey, JoinWindowedStreams<L, R>);
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
    return new JoinWhere(this.left, this.right, leftKey, CoGroupWindowedStreams<L, R>);
  }
}
