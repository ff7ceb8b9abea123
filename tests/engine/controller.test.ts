import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  runPipeline,
  stepPipeline,
} from '../../src/engine/index';
import type { KeyedContext, KeyedRuntimeContext, ValueState } from '../../src/engine/index';
import type { Event } from './helpers';
import { ev, eventsStrategy, rec, scriptedSource } from './helpers';

const source = () =>
  scriptedSource([
    [
      rec(ev('a', 1_000), 1_000, 0),
      rec(ev('b', 2_000), 2_000, 100),
      rec(ev('a', 12_000), 12_000, 500),
    ],
  ]);

class Counter extends KeyedProcessFunction<string, Event, never> {
  private count!: ValueState<number>;
  open(ctx: KeyedRuntimeContext): void {
    this.count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
  }
  processElement(_e: Event, _ctx: KeyedContext<string>): void {
    this.count.update((this.count.value() ?? 0) + 1);
  }
}

function pipeline(env: StreamExecutionEnvironment): void {
  const events = env.fromSource(source(), eventsStrategy(), 'events');
  events
    .keyBy((e) => e.key)
    .process(new Counter())
    .uid('counter');
  events
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(10_000))
    .sum('n')
    .uid('sums')
    .sinkTo(env.collect('sums'));
}

describe('the stepping controller', () => {
  it('steps one arrival at a time and shows state, windows and watermarks in between', () => {
    const job = stepPipeline(pipeline);
    expect(job.step()).toEqual({ time: 0, source: 'op-1', partition: 0 });
    expect(job.keyedState('counter')).toEqual([
      { operator: 'counter', subtask: 0, state: 'count', key: 'a', value: 1 },
    ]);
    expect(job.pendingWindows('sums')).toMatchObject([
      { key: 'a', start: 0, end: 10_000, count: 1 },
    ]);
    expect(job.step()?.time).toBe(100);
    expect(job.pendingWindows('sums')).toHaveLength(2);
    // The tick at 200 ms brings watermark 1 999.
    job.advanceTo(200);
    expect(job.watermarks().find((w) => w.operator === 'sums')?.watermark).toBe(1_999);
    expect(job.result().outputs['sums']).toEqual([]);
    // The last arrival ends the input: the maximum watermark fires every window.
    expect(job.step()?.time).toBe(500);
    expect(job.step()).toBeUndefined();
    expect(job.finished).toBe(true);
    expect(job.result().outputs['sums']).toHaveLength(3);
  });

  it('advances to a processing time and then runs to the end', () => {
    const job = stepPipeline(pipeline);
    job.advanceTo(300);
    expect(job.processingTime).toBe(300);
    expect(job.keyedState('counter').map((s) => [s.key, s.value])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    const result = job.runToEnd();
    expect(result.finished).toBe(true);
    expect(result).toEqual(runPipeline(pipeline));
  });

  it('hands the trace out in batches', () => {
    const job = stepPipeline(pipeline, { trace: { level: 'full' } });
    job.step();
    const first = job.drainTrace();
    job.runToEnd();
    const rest = job.drainTrace();
    expect(first.length).toBeGreaterThan(0);
    expect(rest[0]?.seq).toBe((first.at(-1)?.seq ?? -1) + 1);
    expect(job.drainTrace()).toEqual([]);
  });
});

describe('the job graph', () => {
  it('fuses chains of stateless steps into one operator, as Flink chains them', () => {
    const env = StreamExecutionEnvironment.create();
    const words = env
      .fromElements('a b', 'c')
      .flatMap((line) => line.split(' '))
      .map((w) => w.toUpperCase())
      .filter((w) => w !== 'B');
    words
      .keyBy((w) => w)
      .sum()
      .sinkTo(env.collect('out'));
    const { graph } = env.execute();
    expect(graph.operators.map((o) => [o.id, o.kind, o.name])).toEqual([
      ['op-1', 'source', 'Source: elements'],
      ['op-2', 'chain', 'FlatMap → Map → Filter'],
      ['op-5', 'rolling-reduce', 'Sum()'],
      ['op-6', 'sink', 'Sink: out'],
    ]);
    expect(graph.operators[1]?.steps).toEqual(['FlatMap', 'Map', 'Filter']);
    expect(graph.edges).toEqual([
      { from: 'op-1', to: 'op-2', input: 0, tag: null, keyed: false, partitioning: 'forward' },
      { from: 'op-2', to: 'op-5', input: 0, tag: null, keyed: true, partitioning: 'hash' },
      { from: 'op-5', to: 'op-6', input: 0, tag: null, keyed: false, partitioning: 'forward' },
    ]);
  });

  it('does not fuse across a keyBy: the step after it reads a keyed edge, as in Flink', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromElements(1, 2, 3)
      .filter((n) => n > 1)
      .keyBy((n) => n % 2)
      .map((n) => n * 10)
      .sinkTo(env.collect('out'));
    const result = env.execute();
    expect(result.graph.operators.map((o) => o.name)).toEqual([
      'Source: elements',
      'Filter',
      'Map',
      'Sink: out',
    ]);
    expect(result.graph.edges.map((e) => e.keyed)).toEqual([false, true, false]);
    expect(result.outputs['out']?.map((r) => r.value)).toEqual([20, 30]);
  });

  it('does not fuse a step whose output is read twice', () => {
    const env = StreamExecutionEnvironment.create();
    const doubled = env.fromElements(1, 2).map((n) => n * 2);
    doubled.map((n) => n + 1).sinkTo(env.collect('a'));
    doubled.filter((n) => n > 2).sinkTo(env.collect('b'));
    const result = env.execute();
    expect(result.graph.operators.filter((o) => o.kind === 'chain')).toHaveLength(3);
    expect(result.outputs['a']?.map((r) => r.value)).toEqual([3, 5]);
    expect(result.outputs['b']?.map((r) => r.value)).toEqual([4]);
  });
});
