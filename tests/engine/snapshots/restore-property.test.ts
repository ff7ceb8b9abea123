/**
 * The property snapshots exist for: for random pipelines (from a small grammar of sources, steps
 * and stateful operators), random inputs and a random cut, a job snapshotted at the cut and
 * continued by a fresh job restored from it emits exactly what a job without a break emits — the
 * same values, timestamps, processing times and order, in every sink and side output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EventTimeSessionWindows,
  KeyedProcessFunction,
  ListStateDescriptor,
  OutputTag,
  ProcessJoinFunction,
  SlidingEventTimeWindows,
  Topic,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  ValueStateDescriptor,
  WatermarkStrategy,
  elementsSource,
  generatorSource,
  topicSource,
} from '../../../src/engine/index';
import type {
  Collector,
  DataStream,
  KeyedContext,
  KeyedRuntimeContext,
  ListState,
  OnTimerContext,
  ProcessJoinContext,
  Source,
  StreamExecutionEnvironment,
  ValueState,
} from '../../../src/engine/index';
import type { Event } from '../helpers';
import type { Cut } from './restart';
import { uninterrupted, withRestart } from './restart';

type SourceSpec =
  | { readonly kind: 'elements'; readonly interval: number }
  | { readonly kind: 'topic'; readonly partitions: number; readonly interval: number }
  | {
      readonly kind: 'generator';
      readonly partitions: number;
      readonly seed: number;
      readonly delay: number;
    };

type Step =
  | { readonly kind: 'map'; readonly add: number }
  | { readonly kind: 'filter'; readonly modulo: number };

type Ending =
  | 'tumbling'
  | 'sliding'
  | 'session'
  | 'late'
  | 'processing-window'
  | 'process'
  | 'rolling'
  | 'join'
  | 'reassign';

interface Program {
  readonly source: SourceSpec;
  readonly events: readonly Event[];
  readonly outOfOrderness: number;
  readonly idleness: number | undefined;
  readonly autoWatermarkInterval: number;
  readonly steps: readonly Step[];
  readonly endings: readonly Ending[];
  readonly cut: Cut;
}

const program: fc.Arbitrary<Program> = fc.record({
  source: fc.oneof(
    fc.record({ kind: fc.constant('elements' as const), interval: fc.constantFrom(0, 10, 70) }),
    fc.record({
      kind: fc.constant('topic' as const),
      partitions: fc.integer({ min: 1, max: 3 }),
      interval: fc.constantFrom(10, 90),
    }),
    fc.record({
      kind: fc.constant('generator' as const),
      partitions: fc.integer({ min: 1, max: 2 }),
      seed: fc.integer({ min: 0, max: 1_000 }),
      delay: fc.constantFrom(0, 300, 1_500),
    }),
  ),
  events: fc.array(
    fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      ts: fc.integer({ min: 0, max: 4_000 }),
      n: fc.integer({ min: 0, max: 40 }),
    }),
    { maxLength: 40 },
  ),
  outOfOrderness: fc.integer({ min: 0, max: 600 }),
  idleness: fc.option(fc.integer({ min: 50, max: 800 }), { nil: undefined }),
  autoWatermarkInterval: fc.constantFrom(0, 50, 200),
  steps: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('map' as const), add: fc.integer({ min: -2, max: 2 }) }),
      fc.record({ kind: fc.constant('filter' as const), modulo: fc.integer({ min: 2, max: 4 }) }),
    ),
    { maxLength: 2 },
  ),
  endings: fc.array(
    fc.constantFrom<Ending>(
      'tumbling',
      'sliding',
      'session',
      'late',
      'processing-window',
      'process',
      'rolling',
      'join',
      'reassign',
    ),
    { minLength: 1, maxLength: 2 },
  ),
  cut: fc.oneof(
    fc.record({ steps: fc.integer({ min: 0, max: 60 }) }),
    fc.record({ time: fc.integer({ min: 0, max: 5_000 }) }),
  ),
});

const sum = (a: Event, b: Event): Event => ({ ...a, n: a.n + b.n });

/** Keyed state of both kinds and timers of both domains. */
class Recent extends KeyedProcessFunction<string, Event, string> {
  private count!: ValueState<number>;
  private recent!: ListState<number>;

  open(ctx: KeyedRuntimeContext): void {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
    this.recent = ctx.getListState(new ListStateDescriptor<number>('recent'));
  }

  processElement(e: Event, ctx: KeyedContext<string>, out: Collector<string>): void {
    this.count.update((this.count.value() ?? 0) + 1);
    this.recent.add(e.n);
    const timers = ctx.timerService();
    timers.registerEventTimeTimer(e.ts + 500);
    if (e.n % 3 === 0) timers.registerProcessingTimeTimer(timers.currentProcessingTime() + 120);
    out.collect(`${ctx.getCurrentKey()}#${this.count.value()}`);
  }

  onTimer(time: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
    out.collect(
      `${ctx.getCurrentKey()} ${ctx.timeDomain()}@${time} ${this.recent.get().join(',')}`,
    );
    this.recent.clear();
  }
}

class Pair extends ProcessJoinFunction<Event, Event, string> {
  processElement(left: Event, right: Event, ctx: ProcessJoinContext, out: Collector<string>) {
    out.collect(`${left.n}+${right.n}@${ctx.timestamp()}`);
  }
}

function sourceOf(spec: SourceSpec, events: readonly Event[]): Source<Event> {
  switch (spec.kind) {
    case 'elements':
      return elementsSource(events, { arrivalIntervalMs: spec.interval });
    case 'topic': {
      const topic = Topic.create<Event>({ name: 'events', partitions: spec.partitions });
      for (const e of events) topic.produce(e, { key: e.key, timestamp: e.ts });
      return topicSource(topic, { arrivalIntervalMs: spec.interval });
    }
    case 'generator':
      return generatorSource({
        seed: spec.seed,
        partitions: spec.partitions,
        ratePerSecond: 10,
        count: events.length,
        eventTimeDelay:
          spec.delay === 0
            ? { distribution: 'none' }
            : { distribution: 'uniform', maxMs: spec.delay },
        make: ({ index, eventTime }) => ({
          key: events[index % Math.max(1, events.length)]?.key ?? 'a',
          ts: eventTime,
          n: events[index]?.n ?? index,
        }),
      });
  }
}

function build(p: Program) {
  return (env: StreamExecutionEnvironment): void => {
    let strategy = WatermarkStrategy.forBoundedOutOfOrderness<Event>(
      p.outOfOrderness,
    ).withTimestampAssigner((e) => e.ts);
    if (p.idleness !== undefined) strategy = strategy.withIdleness(p.idleness);
    let stream: DataStream<Event> = env.fromSource(sourceOf(p.source, p.events), strategy);
    for (const step of p.steps) {
      stream =
        step.kind === 'map'
          ? stream.map((e) => ({ ...e, n: e.n + step.add }))
          : stream.filter((e) => e.n % step.modulo !== 0);
    }
    p.endings.forEach((ending, i) => end(env, stream, ending, `out-${i}`));
  };
}

function end(
  env: StreamExecutionEnvironment,
  stream: DataStream<Event>,
  ending: Ending,
  name: string,
) {
  const keyed = stream.keyBy((e) => e.key);
  switch (ending) {
    case 'tumbling':
      keyed.window(TumblingEventTimeWindows.of(1_000)).reduce(sum).sinkTo(env.collect(name));
      return;
    case 'sliding':
      keyed
        .window(SlidingEventTimeWindows.of(1_000, 300))
        .aggregate({
          createAccumulator: () => [] as number[],
          add: (e: Event, acc: number[]) => [...acc, e.n],
          getResult: (acc) => acc.join(','),
          merge: (a, b) => [...a, ...b],
        })
        .sinkTo(env.collect(name));
      return;
    case 'session':
      keyed
        .window(EventTimeSessionWindows.withGap(400))
        .process({
          process: (key, ctx, elements, out) =>
            out.collect(`${key} [${ctx.window().start},${ctx.window().end}) ${elements.length}`),
        })
        .sinkTo(env.collect(name));
      return;
    case 'late': {
      const tag = new OutputTag<Event>(`${name}-late`);
      const sums = keyed
        .window(TumblingEventTimeWindows.of(500))
        .allowedLateness(300)
        .sideOutputLateData(tag)
        .reduce(sum);
      sums.sinkTo(env.collect(name));
      sums.getSideOutput(tag).sinkTo(env.collect(`${name}-late`));
      return;
    }
    case 'processing-window':
      keyed.window(TumblingProcessingTimeWindows.of(400)).reduce(sum).sinkTo(env.collect(name));
      return;
    case 'process':
      keyed.process(new Recent()).sinkTo(env.collect(name));
      return;
    case 'rolling':
      keyed.reduce(sum).sinkTo(env.collect(name));
      return;
    case 'join':
      stream
        .filter((e) => e.n % 2 === 0)
        .keyBy((e) => e.key)
        .intervalJoin(stream.filter((e) => e.n % 2 === 1).keyBy((e) => e.key))
        .between(-200, 300)
        .process(new Pair())
        .sinkTo(env.collect(name));
      return;
    case 'reassign':
      stream
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forBoundedOutOfOrderness<Event>(150)
            .withTimestampAssigner((e) => e.ts + 1)
            .withIdleness(300),
        )
        .windowAll(TumblingEventTimeWindows.of(700))
        .reduce(sum)
        .sinkTo(env.collect(name));
      return;
  }
}

describe('restoring from a snapshot', () => {
  it('emits exactly what a run without a break emits, wherever the cut falls', () => {
    fc.assert(
      fc.property(program, (p) => {
        const options = { autoWatermarkInterval: p.autoWatermarkInterval };
        const expected = uninterrupted(build(p), options);
        const { snapshot, ...got } = withRestart(build(p), p.cut, options);
        expect(got).toEqual(expected);
        expect(snapshot.bytes).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  }, 20_000);
});
