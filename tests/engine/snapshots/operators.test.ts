/**
 * Snapshot → restore into a fresh job → continue, per kind of operator and source: at every cut,
 * the records emitted before the cut and those the restored job emits are exactly those of a run
 * without a break (values, timestamps, processing times and order).
 */
import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  EventTimeSessionWindows,
  GlobalWindows,
  KeyedProcessFunction,
  ListStateDescriptor,
  MapStateDescriptor,
  OutputTag,
  ProcessJoinFunction,
  ProcessWindowFunction,
  SlidingEventTimeWindows,
  TestStream,
  Time,
  TimestampedValue,
  Topic,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  ValueStateDescriptor,
  WatermarkStrategy,
  csvSource,
  elementsSource,
  generatorSource,
  jsonLinesSource,
  topicSource,
} from '../../../src/engine/index';
import type {
  Collector,
  KeyedContext,
  KeyedRuntimeContext,
  ListState,
  MapState,
  OnTimerContext,
  ProcessJoinContext,
  StreamExecutionEnvironment,
  TimeWindow,
  ValueState,
} from '../../../src/engine/index';
import type { JobSnapshot, SourceSplitSnapshot } from '../../../src/engine/runtime/snapshot';
import type { Event } from '../helpers';
import { ev, eventsStrategy } from '../helpers';
import { expectRestoresAtEveryCut } from './cuts';
import { stepwise } from './restart';

/** Out-of-order events over three keys, one every 50 ms of processing time. */
const events: readonly Event[] = Array.from({ length: 60 }, (_, i) =>
  ev(['a', 'b', 'c'][i % 3] as string, ((i * 37) % 23) * 150 + i * 40, i),
);

function read(env: StreamExecutionEnvironment, outOfOrderness = 400) {
  return env.fromSource(
    elementsSource(events, { arrivalIntervalMs: 50 }),
    eventsStrategy(outOfOrderness),
  );
}

const sum = (a: Event, b: Event): Event => ({ ...a, n: a.n + b.n });

/** The state in the snapshot of the job's first operator of a kind. */
function stateOf(snapshot: JobSnapshot | undefined, kind: string): unknown {
  const operator = [...(snapshot?.operators.values() ?? [])].find((op) => op.kind === kind);
  if (operator === undefined) throw new Error(`no ${kind} operator in the snapshot`);
  return operator.state;
}

/** The partitions of the job's first source, in the snapshot. */
function splitsOf(snapshot: JobSnapshot | undefined): readonly SourceSplitSnapshot[] {
  const [partitions] = snapshot?.sources.values() ?? [];
  if (partitions === undefined) throw new Error('no source in the snapshot');
  return partitions;
}

class ListAll extends ProcessWindowFunction<Event, string, string, TimeWindow> {
  process(
    key: string,
    ctx: { window(): TimeWindow },
    elements: readonly Event[],
    out: Collector<string>,
  ) {
    const { start, end } = ctx.window();
    out.collect(`${key} [${start},${end}) ${elements.map((e) => e.n).join(',')}`);
  }
}

describe('window operators', () => {
  it('tumbling event-time windows (reduce)', () => {
    const snapshots = expectRestoresAtEveryCut((env) => {
      read(env)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(Time.seconds(1)))
        .reduce(sum)
        .sinkTo(env.collect('sums'));
    });
    // Midway, the snapshot holds windows and their cleanup timers (as pairs of time and seq).
    const state = stateOf([...snapshots.values()][12], 'window') as {
      windows: { bounds: { end: number }; eventTimers: number[] }[];
    };
    expect(state.windows.length).toBeGreaterThan(0);
    for (const window of state.windows) {
      expect(window.eventTimers[0]).toBe(window.bounds.end - 1);
    }
  });

  it('sliding event-time windows (aggregate)', () => {
    expectRestoresAtEveryCut((env) => {
      read(env)
        .keyBy((e) => e.key)
        .window(SlidingEventTimeWindows.of(Time.seconds(1), Time.milliseconds(400)))
        .aggregate({
          createAccumulator: () => ({ count: 0, total: 0 }),
          add: (e: Event, acc: { count: number; total: number }) => ({
            count: acc.count + 1,
            total: acc.total + e.n,
          }),
          getResult: (acc) => acc.total / acc.count,
          merge: (a, b) => ({ count: a.count + b.count, total: a.total + b.total }),
        })
        .sinkTo(env.collect('averages'));
    });
  });

  it('session windows, merging as they go (the merging-window set is in the snapshot)', () => {
    const program = (env: StreamExecutionEnvironment) => {
      read(env, 200)
        .keyBy((e) => e.key)
        .window(EventTimeSessionWindows.withGap(Time.milliseconds(500)))
        .process(new ListAll())
        .sinkTo(env.collect('sessions'));
    };
    const snapshots = expectRestoresAtEveryCut(program, { every: 1 });
    // Some cut falls while a key holds more than one session in flight.
    const held = [...snapshots.values()].map((snapshot) => {
      const state = stateOf(snapshot, 'window') as { windows: { key: string }[] };
      const keys = state.windows.map((w) => w.key);
      return keys.length - new Set(keys).size;
    });
    expect(Math.max(...held)).toBeGreaterThan(0);
  });

  it('allowed lateness and the late-data side output', () => {
    const late = new OutputTag<Event>('late');
    expectRestoresAtEveryCut(
      (env) => {
        const sums = read(env, 100)
          .keyBy((e) => e.key)
          .window(TumblingEventTimeWindows.of(Time.seconds(1)))
          .allowedLateness(Time.milliseconds(600))
          .sideOutputLateData(late)
          .reduce(sum);
        sums.sinkTo(env.collect('sums'));
        sums.getSideOutput(late).sinkTo(env.collect('late'));
      },
      { every: 1 },
    );
  });

  it('processing-time windows: their timers are registered with the scheduler again', () => {
    const snapshots = expectRestoresAtEveryCut(
      (env) => {
        env
          .fromCollection(events, { arrivalIntervalMs: 70 })
          .keyBy((e) => e.key)
          .window(TumblingProcessingTimeWindows.of(Time.milliseconds(500)))
          .reduce(sum)
          .sinkTo(env.collect('sums'));
      },
      { every: 1, times: [0, 499, 500, 1_234, 3_999] },
    );
    const state = stateOf(snapshots.get('{"time":1234}'), 'window') as {
      windows: { processingTimers: number[] }[];
    };
    // Each window's timers are pairs of time and seq.
    const times = state.windows.flatMap((w) => w.processingTimers.filter((_, i) => i % 2 === 0));
    expect(times).toContain(1_499);
  });

  it('a count trigger on global windows (trigger state, and a window without bounds)', () => {
    expectRestoresAtEveryCut((env) => {
      read(env)
        .keyBy((e) => e.key)
        .window(GlobalWindows.create())
        .trigger(CountTrigger.of(4))
        .reduce(sum)
        .sinkTo(env.collect('fours'));
    });
  });
});

/** Counts per key (value), keeps the last three values (list), tallies parity (map), and fires
 * event-time and processing-time timers. */
class Tally extends KeyedProcessFunction<string, Event, string> {
  private count!: ValueState<number>;
  private recent!: ListState<number>;
  private parity!: MapState<string, number>;

  open(ctx: KeyedRuntimeContext): void {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
    this.recent = ctx.getListState(new ListStateDescriptor<number>('recent'));
    this.parity = ctx.getMapState(new MapStateDescriptor<string, number>('parity'));
  }

  processElement(e: Event, ctx: KeyedContext<string>, out: Collector<string>): void {
    this.count.update((this.count.value() ?? 0) + 1);
    this.recent.update([...this.recent.get(), e.n].slice(-3));
    const side = e.n % 2 === 0 ? 'even' : 'odd';
    this.parity.put(side, (this.parity.get(side) ?? 0) + 1);
    const timers = ctx.timerService();
    timers.registerEventTimeTimer(e.ts + 700);
    timers.registerProcessingTimeTimer(timers.currentProcessingTime() + 230);
    if (e.n % 7 === 0) timers.deleteEventTimeTimer(e.ts + 700);
    out.collect(`${ctx.getCurrentKey()} #${this.count.value()}`);
  }

  onTimer(time: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
    const parity = this.parity.entries().map(([k, v]) => `${k}=${v}`);
    out.collect(
      `${ctx.getCurrentKey()} ${ctx.timeDomain()}@${time} [${this.recent.get().join(',')}] ${parity.join(' ')}`,
    );
    if (ctx.timeDomain() === 'event-time') this.recent.clear();
  }
}

describe('keyed process functions', () => {
  it('value, list and map state, with timers in both time domains', () => {
    const snapshots = expectRestoresAtEveryCut(
      (env) => {
        read(env)
          .keyBy((e) => e.key)
          .process(new Tally())
          .sinkTo(env.collect('tally'));
      },
      { every: 1, times: [1_001, 2_345] },
    );
    const state = stateOf(snapshots.get('{"time":1001}'), 'keyed-process') as {
      keyed: Map<string, { values: Map<string, unknown> }>;
    };
    expect([...state.keyed.keys()]).toEqual(['count', 'recent', 'parity']);
    expect(state.keyed.get('count')?.values.get('a')).toBeGreaterThan(0);
    expect(state.keyed.get('parity')?.values.get('a')).toBeInstanceOf(Map);
  });
});

describe('rolling reduce', () => {
  it('keeps each key’s reduced value', () => {
    expectRestoresAtEveryCut((env) => {
      env
        .fromCollection(events, { arrivalIntervalMs: 10 })
        .keyBy((e) => e.key)
        .reduce(sum)
        .sinkTo(env.collect('running'));
    });
  });
});

class Pair extends ProcessJoinFunction<Event, Event, string> {
  processElement(left: Event, right: Event, ctx: ProcessJoinContext, out: Collector<string>) {
    out.collect(`${left.n}+${right.n}@${ctx.timestamp()}`);
  }
}

describe('interval join', () => {
  it('keeps both buffers and their cleanup timers', () => {
    const lateLeft = new OutputTag<Event>('late-left');
    expectRestoresAtEveryCut(
      (env) => {
        const all = read(env, 300);
        const left = all.filter((e) => e.n % 2 === 0).keyBy((e) => e.key);
        const right = all.filter((e) => e.n % 2 === 1).keyBy((e) => e.key);
        const joined = left
          .intervalJoin(right)
          .between(Time.milliseconds(-300), Time.milliseconds(200))
          .sideOutputLeftLateData(lateLeft)
          .process(new Pair());
        joined.sinkTo(env.collect('pairs'));
        joined.getSideOutput(lateLeft).sinkTo(env.collect('late'));
      },
      { every: 1 },
    );
  });
});

describe('watermark strategies', () => {
  it('bounded out-of-orderness keeps its highest timestamp', () => {
    const snapshots = expectRestoresAtEveryCut((env) => {
      read(env, 250)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(Time.milliseconds(700)))
        .reduce(sum)
        .sinkTo(env.collect('sums'));
    });
    const partitions = splitsOf([...snapshots.values()][10]);
    expect(partitions[0]?.generator).toEqual({ maxTimestamp: expect.any(Number) });
  });

  it('idleness, on a source partition and in the middle of a pipeline', () => {
    const program = (env: StreamExecutionEnvironment) => {
      const readings = env.fromSource(
        generatorSource({
          seed: 3,
          partitions: 2,
          ratePerSecond: 8,
          untilEventTime: 12_000,
          eventTimeDelay: { distribution: 'exponential', meanMs: 150, maxMs: 600 },
          idleGaps: { meanIntervalMs: 2_000, durationMs: 1_500, partitions: [1] },
          make: ({ index, partition, eventTime }) => ({
            key: `p${partition}`,
            ts: eventTime,
            n: index,
          }),
        }),
        WatermarkStrategy.forBoundedOutOfOrderness<Event>(300)
          .withTimestampAssigner((e) => e.ts)
          .withIdleness(400),
      );
      readings
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(Time.seconds(1)))
        .reduce(sum)
        .sinkTo(env.collect('by-partition'));
      readings
        .map((e) => ({ ...e, ts: e.ts + 5 }))
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forBoundedOutOfOrderness<Event>(100)
            .withTimestampAssigner((e) => e.ts)
            .withIdleness(250),
        )
        .windowAll(TumblingEventTimeWindows.of(Time.seconds(2)))
        .reduce(sum)
        .sinkTo(env.collect('all'));
    };
    expectRestoresAtEveryCut(program, { every: 3, times: [2_500, 6_100] });
  });
});

describe('sources resume where they stood', () => {
  const windowed = (env: StreamExecutionEnvironment, stream: ReturnType<typeof read>) =>
    stream
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(1)))
      .reduce(sum)
      .sinkTo(env.collect('sums'));

  it('elements: the position before the lent run, and the records already taken', () => {
    const program = (env: StreamExecutionEnvironment) => windowed(env, read(env));
    expectRestoresAtEveryCut(program, { every: 1 });
    const job = stepwise(program);
    for (let i = 0; i < 7; i++) job.step();
    const [partition] = splitsOf(job.snapshot());
    expect(partition).toMatchObject({ position: 0, skip: 7, finished: false });
  });

  it('a topic, two partitions: each partition’s offset', () => {
    const program = (env: StreamExecutionEnvironment) => {
      const topic = Topic.create<Event>({ name: 'events', partitions: 2 });
      for (const e of events) topic.produce(e, { key: e.key, timestamp: e.ts });
      windowed(
        env,
        env.fromSource(topicSource(topic, { arrivalIntervalMs: 30 }), eventsStrategy(400)),
      );
    };
    expectRestoresAtEveryCut(program, { every: 1 });
    const job = stepwise(program);
    for (let i = 0; i < 5; i++) job.step();
    const partitions = splitsOf(job.snapshot());
    // The reader has read one record ahead of the job: it resumes after it, the record first.
    const read = partitions.map((p) => (p.position as number[])[0]);
    const pending = partitions.map((p) => (p.pending?.kind === 'record' ? 1 : 0));
    expect(read.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(5 + pending[0]! + pending[1]!);
  });

  it('CSV and JSON Lines text, with arrival times in the rows', () => {
    const csv = [
      'key,ts,n,arrival',
      ...events.map((e, i) => `${e.key},${e.ts},${e.n},${i * 45}`),
    ].join('\n');
    const lines = events.map((e) => JSON.stringify(e)).join('\n');
    expectRestoresAtEveryCut(
      (env) => {
        const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Event>(400);
        windowed(
          env,
          env.fromSource(
            csvSource<Event>(csv, {
              timestampField: 'ts',
              arrivalField: 'arrival',
              types: { n: 'number' },
            }),
            strategy,
          ),
        );
        env
          .fromSource(jsonLinesSource<Event>(lines, { timestampField: 'ts' }), strategy)
          .keyBy((e) => e.key)
          .reduce(sum)
          .sinkTo(env.collect('json'));
      },
      { every: 1 },
    );
  });

  it('a generator with two partitions and out-of-order arrivals', () => {
    expectRestoresAtEveryCut(
      (env) =>
        windowed(
          env,
          env.fromSource(
            generatorSource({
              seed: 11,
              partitions: 2,
              ratePerSecond: 20,
              count: 120,
              eventTimeDelay: { distribution: 'exponential', meanMs: 200, maxMs: 900 },
              make: ({ index, eventTime, random }) => ({
                key: random.pick(['a', 'b', 'c']),
                ts: eventTime,
                n: index,
              }),
            }),
            eventsStrategy(900),
          ),
        ),
      { every: 1 },
    );
  });

  it('a scripted TestStream, with its own watermarks and late data', () => {
    expectRestoresAtEveryCut(
      (env) => {
        const script = TestStream.create<Event>()
          .addElements(
            TimestampedValue.of(ev('a', 100, 1), 100),
            TimestampedValue.of(ev('b', 900, 2), 900),
          )
          .advanceWatermarkTo(1_000)
          .advanceProcessingTime(2_000)
          .addElements(TimestampedValue.of(ev('a', 1_200, 3), 1_200))
          .addElements(TimestampedValue.of(ev('a', 500, 4), 500))
          .advanceWatermarkTo(3_000)
          .advanceProcessingTime(1_000)
          .addElements(TimestampedValue.of(ev('b', 2_500, 5), 2_500))
          .advanceWatermarkToInfinity()
          .build('script');
        windowed(env, env.fromSource(script));
      },
      { every: 1 },
    );
  });
});
