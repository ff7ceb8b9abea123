/**
 * Every kind of function a learner hands the engine fails the run when it returns a Promise, with a
 * message naming that function, and works as before when it is synchronous. (The stateless steps,
 * the rolling reduce and processElement are covered in synchronous-functions.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  EventTimeSessionWindows,
  Evictor,
  KeyedProcessFunction,
  ProcessWindowFunction,
  ReducingStateDescriptor,
  TimestampedValue,
  Topic,
  Trigger,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  generatorSource,
  topicSource,
} from '../../src/engine/index';
import type {
  Collector,
  DataStream,
  KeyedRuntimeContext,
  OnTimerContext,
  ProcessWindowContext,
  StreamExecutionEnvironment,
  TimeWindow,
  TriggerContext,
  TriggerResult,
} from '../../src/engine/index';
import { ev, eventsStrategy, run, values } from './helpers';
import type { Event } from './helpers';

/** `fn` as it is, or as an `async` function (which returns a Promise of its result). */
type Lift = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;
const synchronous: Lift = (fn) => fn;
const asynchronous: Lift = (fn) => (async (...args) => fn(...args)) as typeof fn;

/** a@1 (n 1), a@2 (n 2), b@3 (n 4): one tumbling 10 ms window per key. */
function events(env: StreamExecutionEnvironment) {
  return env
    .fromElements(ev('a', 1, 1), ev('a', 2, 2), ev('b', 3, 4))
    .assignTimestampsAndWatermarks(eventsStrategy());
}

const tumbling = TumblingEventTimeWindows.of(10);
const sumOf = (a: Event, b: Event): Event => ({ ...a, n: a.n + b.n });

interface Case {
  /** The function's name, as the message must give it. */
  readonly named: RegExp;
  readonly build: (env: StreamExecutionEnvironment, f: Lift) => void;
  /** What the synchronous pipeline collects in `out` (or in the table `t`). */
  readonly expected: readonly unknown[];
  readonly read?: (result: ReturnType<typeof run>) => readonly unknown[];
}

/** A trigger that fires on every element; `f` wraps the method under test. */
function firingTrigger(f: Lift, method: 'onElement' | 'state'): Trigger<Event, TimeWindow> {
  const seen = new ReducingStateDescriptor<number>(
    'seen',
    f((a: number, b: number) => a + b),
  );
  class EveryElement extends Trigger<Event, TimeWindow> {
    onElement(_e: Event, _ts: number, _w: TimeWindow, ctx: TriggerContext): TriggerResult {
      if (method === 'onElement') return f((): TriggerResult => 'FIRE')();
      const state = ctx.getPartitionedState(seen);
      state.add(1);
      return 'FIRE';
    }
    onEventTime(): TriggerResult {
      return 'CONTINUE';
    }
    onProcessingTime(): TriggerResult {
      return 'CONTINUE';
    }
    clear(): void {}
    toString(): string {
      return 'EveryElement';
    }
  }
  return new EveryElement();
}

const cases: Record<string, Case> = {
  keyBy: {
    named: /The key selector \(the function given to keyBy, where or equalTo\)/,
    build: (env, f) =>
      events(env)
        .keyBy(f((e: Event) => e.key))
        .reduce(sumOf)
        .sinkTo(env.collect('out')),
    expected: [1, 3, 4],
  },
  'upsertTable key': {
    named: /The key selector given to upsertTable\(\.\.\.\)/,
    build: (env, f) =>
      events(env).sinkTo(
        env.upsertTable(
          't',
          f((e: Event) => e.key),
        ),
      ),
    expected: [2, 4],
    read: (result) => (result.tables.t ?? []).map((row) => (row.value as Event).n),
  },
  'timestamp assigner (fromSource)': {
    named: /The timestamp assigner given to withTimestampAssigner\(\.\.\.\)/,
    build: (env, f) =>
      env
        .fromSource(
          topicSourceOf([ev('a', 1, 1), ev('a', 2, 2)]),
          WatermarkStrategy.forMonotonousTimestamps<Event>().withTimestampAssigner(
            f((e: Event) => e.ts),
          ),
        )
        .sinkTo(env.collect('out')),
    expected: [1, 2],
  },
  'timestamp assigner (assignTimestampsAndWatermarks)': {
    named: /The timestamp assigner given to withTimestampAssigner\(\.\.\.\)/,
    build: (env, f) =>
      env
        .fromElements(ev('a', 1, 1), ev('a', 2, 2))
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<Event>().withTimestampAssigner(
            f((e: Event) => e.ts),
          ),
        )
        .sinkTo(env.collect('out')),
    expected: [1, 2],
  },
  'watermark generator supplier': {
    named: /The function given to forGenerator\(\.\.\.\)/,
    build: (env, f) =>
      env
        .fromElements(ev('a', 1, 1))
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forGenerator<Event>(
            f(() => ({ onEvent: () => {}, onPeriodicEmit: () => {} })),
          ).withTimestampAssigner((e) => e.ts),
        )
        .sinkTo(env.collect('out')),
    expected: [1],
  },
  'watermark generator onEvent': {
    named: /The watermark generator's onEvent\(\.\.\.\)/,
    build: (env, f) =>
      env
        .fromSource(
          topicSourceOf([ev('a', 1, 1), ev('a', 2, 2)]),
          WatermarkStrategy.forGenerator<Event>(() => ({
            onEvent: f((_e: Event, ts: number, out) => out.emitWatermark(ts)),
            onPeriodicEmit: () => {},
          })).withTimestampAssigner((e) => e.ts),
        )
        .sinkTo(env.collect('out')),
    expected: [1, 2],
  },
  'watermark generator onPeriodicEmit': {
    named: /The watermark generator's onPeriodicEmit\(\.\.\.\)/,
    // One record a second: processing time passes, and the generator is asked every 200 ms.
    build: (env, f) =>
      env
        .fromSource(
          generatorSource({
            seed: 1,
            ratePerSecond: 1,
            count: 2,
            spacing: 'fixed',
            make: ({ index }) => ev('a', index, index + 1),
          }),
          WatermarkStrategy.forGenerator<Event>(() => ({
            onEvent: () => {},
            onPeriodicEmit: f((out) => out.emitWatermark(0)),
          })),
        )
        .sinkTo(env.collect('out')),
    expected: [1, 2],
  },
  'window reduce': {
    named: /The function given to reduce\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(tumbling)
        .reduce(f(sumOf))
        .sinkTo(env.collect('out')),
    expected: [3, 4],
  },
  'window reduce behind an evictor': {
    named: /The function given to reduce\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(tumbling)
        .evictor(keepAll(synchronous))
        .reduce(f(sumOf))
        .sinkTo(env.collect('out')),
    expected: [3, 4],
  },
  'aggregate createAccumulator': {
    named: /The AggregateFunction's createAccumulator\(\.\.\.\)/,
    build: (env, f) => aggregated(env, { createAccumulator: f(() => 0) }),
    expected: [3, 4],
  },
  'aggregate add': {
    named: /The AggregateFunction's add\(\.\.\.\)/,
    build: (env, f) => aggregated(env, { add: f((e: Event, acc: number) => acc + e.n) }),
    expected: [3, 4],
  },
  'aggregate getResult': {
    named: /The AggregateFunction's getResult\(\.\.\.\)/,
    build: (env, f) => aggregated(env, { getResult: f((acc: number) => acc) }),
    expected: [3, 4],
  },
  'aggregate merge (session windows)': {
    named: /The AggregateFunction's merge\(\.\.\.\)/,
    // a@8 opens a second session, which a@4 then joins to the first: their sums merge.
    build: (env, f) =>
      aggregated(
        env,
        { merge: f((a: number, b: number) => a + b) },
        EventTimeSessionWindows.withGap(5),
        env
          .fromElements(ev('a', 1, 1), ev('a', 8, 2), ev('a', 4, 4))
          .assignTimestampsAndWatermarks(eventsStrategy(5)),
      ),
    expected: [7],
  },
  'ProcessWindowFunction process': {
    named: /The window function's process\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(tumbling)
        .reduce(sumOf, windowFunction(f))
        .sinkTo(env.collect('out')),
    expected: [3, 4],
  },
  'window join apply': {
    named: /The join function given to apply\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .join(events(env))
        .where((e) => e.key)
        .equalTo((e) => e.key)
        .window(tumbling)
        .apply(f((l: Event, r: Event) => ({ ...l, n: l.n * 10 + r.n })))
        .sinkTo(env.collect('out')),
    expected: [11, 12, 21, 22, 44],
  },
  'window coGroup apply': {
    named: /The coGroup function given to apply\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .coGroup(events(env))
        .where((e) => e.key)
        .equalTo((e) => e.key)
        .window(tumbling)
        .apply(
          f((lefts: readonly Event[], rights: readonly Event[], out: Collector<Event>) =>
            out.collect({ ...(lefts[0] as Event), n: lefts.length + rights.length }),
          ),
        )
        .sinkTo(env.collect('out')),
    expected: [4, 2],
  },
  'interval join processElement': {
    named: /The ProcessJoinFunction's processElement\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .intervalJoin(events(env).keyBy((e) => e.key))
        .between(0, 0)
        .process({
          processElement: f((l: Event, r: Event, _ctx, out: Collector<Event>) =>
            out.collect({ ...l, n: l.n + r.n }),
          ),
        })
        .sinkTo(env.collect('out')),
    expected: [2, 4, 8],
  },
  'KeyedProcessFunction onTimer': {
    named: /The function's onTimer\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .process(timerFunction(f, 'onTimer'))
        .sinkTo(env.collect('out')),
    expected: [10, 10],
  },
  'KeyedProcessFunction open': {
    named: /The function's open\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .process(timerFunction(f, 'open'))
        .sinkTo(env.collect('out')),
    expected: [10, 10],
  },
  'CoMapFunction map2': {
    named: /The function's map2\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .connect(events(env))
        .map({ map1: (e: Event) => e.n, map2: f((e: Event) => -e.n) })
        .sinkTo(env.collect('out')),
    expected: [-4, -2, -1, 1, 2, 4],
    read: (result) => [...values<number>(result, 'out')].sort((a, b) => a - b),
  },
  'CoFlatMapFunction flatMap1': {
    named: /The function's flatMap1\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .connect(events(env))
        .flatMap({ flatMap1: f((e: Event) => [e.n]), flatMap2: () => [] })
        .sinkTo(env.collect('out')),
    expected: [1, 2, 4],
    read: (result) => values<number>(result, 'out'),
  },
  'CoProcessFunction processElement2': {
    named: /The function's processElement2\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .connect(events(env))
        .process({
          processElement1: () => {},
          processElement2: f((e: Event, _ctx, out: Collector<number>) => out.collect(e.n)),
        })
        .sinkTo(env.collect('out')),
    expected: [1, 2, 4],
    read: (result) => values<number>(result, 'out'),
  },
  'trigger onElement': {
    named: /The trigger's onElement\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(tumbling)
        .trigger(firingTrigger(f, 'onElement'))
        .reduce(sumOf)
        .sinkTo(env.collect('out')),
    expected: [1, 3, 4],
  },
  "trigger state's reduce": {
    named: /The reduce function of a trigger's ReducingStateDescriptor/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(tumbling)
        .trigger(firingTrigger(f, 'state'))
        .reduce(sumOf)
        .sinkTo(env.collect('out')),
    expected: [1, 3, 4],
  },
  'evictor evictBefore': {
    named: /The evictor's evictBefore\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(tumbling)
        .evictor(keepAll(f))
        .reduce(sumOf)
        .sinkTo(env.collect('out')),
    expected: [3, 4],
  },
  'session gap extractor': {
    named: /The gap extractor given to withDynamicGap\(\.\.\.\)/,
    build: (env, f) =>
      events(env)
        .keyBy((e) => e.key)
        .window(EventTimeSessionWindows.withDynamicGap(f((_e: Event) => 5)))
        .reduce(sumOf)
        .sinkTo(env.collect('out')),
    expected: [3, 4],
  },
  "generatorSource's make": {
    named: /The function given as generatorSource's make/,
    build: (env, f) =>
      env
        .fromSource(
          generatorSource({
            seed: 1,
            ratePerSecond: 1000,
            count: 2,
            spacing: 'fixed',
            make: f(({ index }) => ev('a', index, index + 1)),
          }),
        )
        .sinkTo(env.collect('out')),
    expected: [1, 2],
  },
  "Topic's partitioner": {
    named: /The partitioner given to Topic\.create\(\.\.\.\)/,
    build: (env, f) => {
      const topic = Topic.create<Event>({ name: 'events', partitioner: f(() => 0) });
      topic.produce(ev('a', 1, 1));
      env.fromSource(topicSource(topic)).sinkTo(env.collect('out'));
    },
    expected: [1],
  },
};

/** A one-partition topic holding `records`, read from the start. */
function topicSourceOf(records: readonly Event[]) {
  const topic = Topic.create<Event>({ name: 'events' });
  for (const record of records) topic.produce(record);
  return topicSource(topic);
}

/** Sums `n` per key and window, with one of the functions replaced. */
function aggregated(
  env: StreamExecutionEnvironment,
  replaced: Partial<{
    createAccumulator: () => number;
    add: (e: Event, acc: number) => number;
    getResult: (acc: number) => number;
    merge: (a: number, b: number) => number;
  }>,
  assigner: TumblingEventTimeWindows | EventTimeSessionWindows = tumbling,
  input: DataStream<Event> = events(env),
): void {
  input
    .keyBy((e) => e.key)
    .window(assigner)
    .aggregate({
      createAccumulator: () => 0,
      add: (e: Event, acc: number) => acc + e.n,
      getResult: (acc: number) => acc,
      merge: (a: number, b: number) => a + b,
      ...replaced,
    })
    .map((n) => ({ n }))
    .sinkTo(env.collect('out'));
}

/** An evictor that keeps every element. */
function keepAll(f: Lift): Evictor<Event, TimeWindow> {
  class KeepAll extends Evictor<Event, TimeWindow> {
    evictBefore = f((_elements: TimestampedValue<Event>[]) => {});
    evictAfter(): void {}
    toString(): string {
      return 'KeepAll';
    }
  }
  return new KeepAll();
}

/** Emits the window's one pre-reduced element. */
function windowFunction(f: Lift): ProcessWindowFunction<Event, Event, string, TimeWindow> {
  class Emit extends ProcessWindowFunction<Event, Event, string, TimeWindow> {
    process = f(
      (
        _key: string,
        _ctx: ProcessWindowContext<TimeWindow>,
        elements: readonly Event[],
        out: Collector<Event>,
      ) => {
        for (const element of elements) out.collect(element);
      },
    );
  }
  return new Emit();
}

/** Sets a timer at 10 for each key and emits `{ n: 10 }` when it fires. */
function timerFunction(
  f: Lift,
  lifted: 'onTimer' | 'open',
): KeyedProcessFunction<string, Event, Event> {
  const onTimer = (time: number, _ctx: OnTimerContext<string>, out: Collector<Event>) =>
    out.collect({ key: '', ts: time, n: time });
  const open = (_context: KeyedRuntimeContext) => {};
  return {
    open: lifted === 'open' ? f(open) : open,
    onTimer: lifted === 'onTimer' ? f(onTimer) : onTimer,
    processElement(_e: Event, ctx: OnTimerContext<string>): void {
      ctx.timerService().registerEventTimeTimer(10);
    },
  } as KeyedProcessFunction<string, Event, Event>;
}

function failureOf(build: (env: StreamExecutionEnvironment) => void): Error {
  try {
    run(build);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the run to fail');
}

describe('every kind of learner function', () => {
  for (const [kind, { named, build, expected, read }] of Object.entries(cases)) {
    it(`fails the run when ${kind} is async, naming it`, () => {
      const error = failureOf((env) => build(env, asynchronous));
      expect(error.message).toMatch(
        new RegExp(`${named.source} returned a Promise: operator functions must be synchronous`),
      );
    });

    it(`runs as before when ${kind} is synchronous`, () => {
      const result = run((env) => build(env, synchronous));
      expect(read ? read(result) : values<Event>(result, 'out').map((e) => e.n)).toEqual(expected);
    });
  }
});
