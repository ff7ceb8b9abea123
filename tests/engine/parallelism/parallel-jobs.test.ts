/**
 * Jobs running in parallel: subtasks, partitioning by key groups, per-subtask watermarks, and the
 * rules Flink applies (non-parallel sources, chaining only one to one, print's subtask prefix).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OutputTag,
  PipelineDefinitionError,
  StreamExecutionEnvironment,
  Topic,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  topicSource,
} from '../../../src/engine/index';
import type {
  DataStream,
  JobResult,
  KeyedProcessFunction,
  SensorReading,
  TimerHandler,
  TraceEvent,
} from '../../../src/engine/index';
import { subtaskOfKey } from '../../../src/engine/parallelism/key-groups';
import type { Event } from '../helpers';

/** A topic of `partitions` partitions holding the events, keyed by their key. */
function topicOf(events: readonly Event[], partitions: number): Topic<Event> {
  const topic = Topic.create<Event>({ name: 'events', partitions });
  for (const e of events) topic.produce(e, { key: e.key, timestamp: e.ts });
  return topic;
}

const strategy = (outOfOrderness = 0) =>
  WatermarkStrategy.forBoundedOutOfOrderness<Event>(outOfOrderness).withTimestampAssigner(
    (e) => e.ts,
  );

/** Sums per key and 1 s tumbling window, at the given parallelism. */
function windowSums(
  events: readonly Event[],
  partitions: number,
  parallelism: number,
  outOfOrderness = 0,
  traced = true,
): JobResult {
  // Untraced, a source's records go through a fused loop (see fusion.ts), partitioners included.
  const env = StreamExecutionEnvironment.create(traced ? { trace: { level: 'full' } } : {});
  env.setParallelism(parallelism);
  env
    .fromSource(
      topicSource(topicOf(events, partitions), { arrivalIntervalMs: 50 }),
      strategy(outOfOrderness),
      'events',
    )
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(1_000))
    .reduce((a, b) => ({ ...a, n: a.n + b.n }))
    .name('Sums')
    .sinkTo(env.collect('sums'));
  return env.execute();
}

const ofType = <T extends TraceEvent['type']>(result: JobResult, type: T, op?: string) =>
  result.trace.filter(
    (e): e is Extract<TraceEvent, { type: T }> =>
      e.type === type && (op === undefined || e.op === op),
  );

const events: Event[] = Array.from({ length: 60 }, (_, i) => ({
  key: ['ada', 'bo', 'cy', 'sensor-1', 'sensor-2'][i % 5] as string,
  ts: i * 97,
  n: i,
}));

describe('a job in parallel', () => {
  it('runs each operator as its subtasks, and says so in the graph', () => {
    const { graph } = windowSums(events, 4, 3);
    expect(graph.operators.map((o) => [o.name, o.parallelism])).toEqual([
      ['Source: events', 3],
      ['Sums', 3],
      ['Sink: sums', 3],
    ]);
    expect(graph.edges.map((e) => e.partitioning)).toEqual(['hash', 'forward']);
  });

  it("sends every key to the subtask owning its key group, as Flink's keyBy does", () => {
    const result = windowSums(events, 4, 3);
    const window = result.graph.operators[1]?.id as string;
    const arrivals = ofType(result, 'arrival', window);
    expect(arrivals).toHaveLength(events.length);
    for (const arrival of arrivals) {
      expect(arrival.subtask).toBe(subtaskOfKey(arrival.key as string, 3, 128));
    }
    // Five keys over three subtasks (ada on the third, bo on the first, sensor-1 on the second).
    expect(new Set(arrivals.map((a) => a.subtask))).toEqual(new Set([0, 1, 2]));
  });

  it('gives the same results as one subtask, whatever the parallelism and partitions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c', 'd'),
            ts: fc.integer({ min: 0, max: 5_000 }),
            n: fc.integer({ min: 0, max: 9 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 800 }),
        (input, partitions, parallelism, outOfOrderness) => {
          const rows = (r: JobResult) =>
            (r.outputs.sums ?? [])
              .map((row) => JSON.stringify([row.key, row.window, row.value]))
              .sort();
          const one = windowSums(input, partitions, 1, outOfOrderness);
          const many = windowSums(input, partitions, parallelism, outOfOrderness);
          expect(rows(many)).toEqual(rows(one));
          const fused = windowSums(input, partitions, parallelism, outOfOrderness, false);
          expect(rows(fused)).toEqual(rows(one));
          const late = (r: JobResult) => ofType(r, 'late').length;
          expect(late(many)).toBe(late(one));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps a watermark per subtask; each takes the minimum over its input channels', () => {
    const result = windowSums(events, 2, 2);
    const window = result.graph.operators[1]?.id as string;
    const combined = ofType(result, 'watermark', window).filter((e) => e.input === -1);
    expect(new Set(combined.map((e) => e.subtask))).toEqual(new Set([0, 1]));
    // Replaying each subtask's channels: its combined watermark is always their minimum.
    for (const subtask of [0, 1]) {
      const channels = [-Infinity, -Infinity];
      for (const event of ofType(result, 'watermark', window)) {
        if (event.subtask !== subtask) continue;
        if (event.input >= 0) channels[event.input] = event.watermark;
        else expect(event.watermark).toBe(Math.min(...channels));
      }
    }
  });

  it('holds the watermark back while a source subtask reads nothing, unless idleness is set', () => {
    const fire = (idle: boolean) => {
      const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
      env.setParallelism(3);
      // An endless dataset of 2 partitions read by 3 subtasks: the third has none to read.
      const readings = env.datasets.sensorReadings({ partitions: 2, durationMs: Infinity });
      const base = WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(
        1_000,
      ).withTimestampAssigner((r) => r.ts);
      env
        .fromSource(readings, idle ? base.withIdleness(2_000) : base, 'readings')
        .keyBy((r) => r.sensor)
        .window(TumblingEventTimeWindows.of(5_000))
        .reduce((a) => a)
        .sinkTo(env.collect('out'));
      return env.execute({ until: 30_000 });
    };
    expect(fire(false).outputs.out).toEqual([]);
    const released = fire(true);
    expect((released.outputs.out ?? []).length).toBeGreaterThan(0);
    const source = released.graph.operators[0]?.id as string;
    const idleness = ofType(released, 'idleness', source).filter((e) => e.idle && e.input === -1);
    expect(idleness.map((e) => e.subtask)).toEqual([2]);
  });

  it('leaves non-parallel sources at one subtask, and refuses to set them higher', () => {
    const env = StreamExecutionEnvironment.create();
    env.setParallelism(4);
    const numbers = env.fromElements(1, 2, 3, 4, 5, 6);
    numbers.map((x) => x * 2).sinkTo(env.collect('out'));
    const result = env.execute();
    expect(result.graph.operators.map((o) => o.parallelism)).toEqual([1, 4, 4]);
    expect(result.graph.edges.map((e) => e.partitioning)).toEqual(['rebalance', 'forward']);
    expect((result.outputs.out ?? []).map((r) => r.value).sort()).toEqual([10, 12, 2, 4, 6, 8]);
    expect(() => numbers.setParallelism(2)).toThrow(PipelineDefinitionError);
    expect(() => numbers.setParallelism(2)).toThrow(/non-parallel source/);
  });

  it('deals records round robin over the next subtasks when not keyed', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env
      .fromElements(1, 2, 3, 4, 5, 6, 7)
      .map((x) => x)
      .name('Spread')
      .setParallelism(3)
      .sinkTo(env.collect('out'))
      .setParallelism(3);
    const result = env.execute();
    const spread = result.graph.operators[1]?.id as string;
    expect(ofType(result, 'arrival', spread).map((a) => a.subtask)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('chains stateless steps only between subtasks connected one to one', () => {
    const env = StreamExecutionEnvironment.create();
    env.setParallelism(2);
    const topic = topicOf(events, 2);
    env
      .fromSource(topicSource(topic), strategy(), 'events')
      .map((e) => e)
      .name('A')
      .filter(() => true)
      .name('B')
      .map((e) => e)
      .name('C')
      .setParallelism(3)
      .sinkTo(env.collect('out'));
    const { graph } = env.execute();
    expect(graph.operators.map((o) => [o.name, o.parallelism])).toEqual([
      ['Source: events', 2],
      ['A → B', 2],
      ['C', 3],
      ['Sink: out', 2],
    ]);
    expect(graph.edges.map((e) => e.partitioning)).toEqual(['forward', 'rebalance', 'rebalance']);
  });

  it('prints with the subtask first, as Flink does', () => {
    const env = StreamExecutionEnvironment.create();
    env.fromElements('a', 'b', 'c').print().setParallelism(2);
    env.fromElements('d').print('tag').setParallelism(2);
    env.fromElements('e').print('solo');
    const printed = env.execute().printed;
    expect(printed.filter((line) => /[abc]$/.test(line))).toEqual(['1> a', '2> b', '1> c']);
    expect(printed.filter((line) => /[de]$/.test(line))).toEqual(['tag:1> d', 'solo> e']);
  });

  it('adds up the counters of an operator’s subtasks', () => {
    const result = windowSums(events, 4, 3);
    const window = result.graph.operators[1]?.id as string;
    expect(result.metrics.operators[window]?.recordsIn).toBe(events.length);
  });

  it('checks the numbers it is given', () => {
    const env = StreamExecutionEnvironment.create();
    expect(() => env.setParallelism(0)).toThrow(/from 1 to 128/);
    expect(() => env.setParallelism(1.5)).toThrow(PipelineDefinitionError);
    expect(() => env.setMaxParallelism(40_000)).toThrow(/key groups from 1 to 32768/);
    env.setParallelism(4).setMaxParallelism(2);
    env
      .fromSource(topicSource(topicOf(events, 4)), strategy(), 'events')
      .keyBy((e) => e.key)
      .reduce((a) => a)
      .sinkTo(env.collect('out'));
    expect(() => env.execute()).toThrow(/maximum parallelism must be at least the parallelism/);
  });
});

describe('a parallel job without the trace', () => {
  it('routes each record through the fused loop to the same subtask as with the trace', () => {
    const input = Array.from({ length: 3_000 }, (_, i) => ({
      key: `k${i % 37}`,
      ts: i * 3,
      n: i % 7,
    }));
    const rows = (r: JobResult) =>
      (r.outputs.sums ?? []).map((row) => JSON.stringify([row.key, row.window, row.value])).sort();
    const traced = windowSums(input, 3, 4, 50);
    const untraced = windowSums(input, 3, 4, 50, false);
    expect(rows(untraced)).toEqual(rows(traced));
    const window = untraced.graph.operators[1]?.id as string;
    expect(untraced.metrics.operators[window]?.recordsIn).toBe(input.length);
  });
});

describe('partitioning chosen by the program', () => {
  it('rebalance() deals records in turn and breaks the chain; forward() keeps the subtask', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.setParallelism(2);
    env
      .fromSource(topicSource(topicOf(events.slice(0, 8), 2)), strategy(), 'events')
      .map((e) => e)
      .name('A')
      .rebalance()
      .map((e) => e)
      .name('B')
      .forward()
      .sinkTo(env.collect('out'));
    const result = env.execute();
    expect(result.graph.operators.map((o) => o.name)).toEqual([
      'Source: events',
      'A',
      'B',
      'Sink: out',
    ]);
    expect(result.graph.edges.map((e) => e.partitioning)).toEqual([
      'forward',
      'rebalance',
      'forward',
    ]);
    const [, a, b, sink] = result.graph.operators.map((o) => o.id);
    // Each subtask of A deals its records in turn, starting at its own index.
    const fromA = ofType(result, 'arrival', b).map((e) => e.subtask);
    expect(new Set(fromA)).toEqual(new Set([0, 1]));
    // B's subtask n hands its records to the sink's subtask n.
    const emittedBy = new Map(ofType(result, 'emit', b).map((e) => [e.record, e.subtask]));
    for (const arrival of ofType(result, 'arrival', sink)) {
      expect(arrival.subtask).toBe(emittedBy.get(arrival.record));
    }
    expect(ofType(result, 'arrival', a)).toHaveLength(8);
  });

  it('forward() refuses a change of parallelism, as Flink does', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromElements(1, 2, 3)
      .forward()
      .map((x) => x)
      .setParallelism(2)
      .sinkTo(env.collect('out'));
    expect(() => env.execute()).toThrow(/forward\(\) does not allow a change of parallelism/);
  });
});

/** A timer 500 ms after each record's event time; each firing says its key and time. */
const timersAfterHalfASecond: KeyedProcessFunction<string, Event, string> &
  TimerHandler<string, string> = {
  processElement: (e, ctx) => ctx.timerService().registerEventTimeTimer(e.ts + 500),
  onTimer: (ts, ctx, out) => out.collect(`${ctx.getCurrentKey()}@${ts}`),
};

describe('pipelines of every shape in parallel', () => {
  type Shape = (env: StreamExecutionEnvironment, input: DataStream<Event>) => void;
  const late = new OutputTag<Event>('late');
  const shapes: Record<string, Shape> = {
    'a window over the whole stream': (env, input) =>
      input
        .windowAll(TumblingEventTimeWindows.of(1_000))
        .reduce((a, b) => ({ ...a, n: a.n + b.n }))
        .sinkTo(env.collect('out')),
    'an interval join': (env, input) =>
      input
        .keyBy((e) => e.key)
        .intervalJoin(input.map((e) => ({ ...e, n: e.n * 10 })).keyBy((e) => e.key))
        .between(-300, 300)
        .process({
          processElement: (l, r, _ctx, out) => out.collect(`${l.key}:${l.n}-${r.n}`),
        })
        .sinkTo(env.collect('out')),
    'a keyed process function with timers': (env, input) =>
      input
        .keyBy((e) => e.key)
        .process(timersAfterHalfASecond)
        .sinkTo(env.collect('out')),
    'two connected streams': (env, input) =>
      input
        .connect(input.filter((e) => e.n > 4))
        .map({ map1: (e: Event) => `1:${e.key}:${e.n}`, map2: (e: Event) => `2:${e.key}:${e.n}` })
        .sinkTo(env.collect('out')),
    'two keyed streams connected, and a union': (env, input) =>
      input
        .union(input.map((e) => ({ ...e, n: -e.n })))
        .keyBy((e) => e.key)
        .connect(input.keyBy((e) => e.key))
        .flatMap({
          flatMap1: (e: Event) => [`${e.key}:${e.n}`],
          flatMap2: (e: Event) => (e.n > 5 ? [`big ${e.key}`] : []),
        })
        .sinkTo(env.collect('out')),
    'late data to a side output': (env, input) => {
      const sums = input
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(500))
        .sideOutputLateData(late)
        .reduce((a, b) => ({ ...a, n: a.n + b.n }));
      sums.sinkTo(env.collect('out'));
      sums.getSideOutput(late).sinkTo(env.collect('late'));
    },
  };

  for (const [shape, build] of Object.entries(shapes)) {
    it(`gives one subtask's results with ${shape}`, () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              key: fc.constantFrom('a', 'b', 'c', 'd'),
              ts: fc.integer({ min: 0, max: 3_000 }),
              n: fc.integer({ min: 0, max: 9 }),
            }),
            { minLength: 1, maxLength: 30 },
          ),
          fc.integer({ min: 2, max: 4 }),
          (input, parallelism) => {
            const run = (p: number) => {
              const env = StreamExecutionEnvironment.create();
              env.setParallelism(p);
              const stream = env.fromSource(
                topicSource(topicOf(input, 2), { arrivalIntervalMs: 40 }),
                strategy(200),
                'events',
              );
              build(env, stream);
              const result = env.execute();
              const rows = (sink: string) =>
                (result.outputs[sink] ?? []).map((r) => JSON.stringify(r.value)).sort();
              return { out: rows('out'), late: rows('late'), graph: result.graph };
            };
            const one = run(1);
            const many = run(parallelism);
            expect(many.out).toEqual(one.out);
            expect(many.late).toEqual(one.late);
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it('runs a window over the whole stream as one subtask, and refuses more', () => {
    const env = StreamExecutionEnvironment.create();
    env.setParallelism(3);
    const all = env
      .fromSource(topicSource(topicOf(events, 3)), strategy(), 'events')
      .windowAll(TumblingEventTimeWindows.of(1_000))
      .reduce((a) => a);
    all.sinkTo(env.collect('out'));
    expect(env.execute().graph.operators.map((o) => o.parallelism)).toEqual([3, 1, 3]);
    expect(() => all.setParallelism(2)).toThrow(/windows the whole stream \(windowAll\)/);
  });
});

describe('a failing key selector in parallel', () => {
  it('fails naming the keyed operator and the record, as at parallelism 1', () => {
    const failure = (parallelism: number) => {
      const env = StreamExecutionEnvironment.create();
      env.setParallelism(parallelism);
      env
        .fromSource(topicSource(topicOf(events.slice(0, 5), 2)), strategy(), 'events')
        .keyBy((e) => {
          if (e.n === 3) throw new Error('no key for 3');
          return e.key;
        })
        .reduce((a) => a)
        .name('Keyed')
        .sinkTo(env.collect('out'));
      try {
        env.execute();
      } catch (error) {
        return error as Error & { operatorName?: string };
      }
      throw new Error('the job did not fail');
    };
    const one = failure(1);
    const two = failure(2);
    expect(two.message).toBe(one.message);
    expect(two.message).toMatch(/Keyed/);
  });
});
