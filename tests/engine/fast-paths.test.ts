/**
 * The engine's shortcuts must not show: draining a partition's arrivals without the event queue,
 * reading in-memory records in batches, building upsert rows only when read, and looking fixed
 * windows up by window then key.
 */
import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  elementsSource,
} from '../../src/engine/index';
import type {
  Collector,
  JobResult,
  KeyedContext,
  OnTimerContext,
  Source,
} from '../../src/engine/index';
import type { Event } from './helpers';
import { ev, eventsStrategy, rec, scriptedSource, wm } from './helpers';

/** Two partitions arriving at the same times, and a timer due between two arrivals. */
const partitions = [
  [
    rec(ev('a', 0), 0, 0),
    rec(ev('a', 10), 10, 100),
    rec(ev('b', 20), 20, 100),
    rec(ev('a', 30), 30, 250),
  ],
  [rec(ev('b', 5), 5, 0), rec(ev('b', 15), 15, 100), rec(ev('a', 25), 25, 260)],
];

class TimeoutAfter50 extends KeyedProcessFunction<string, Event, string> {
  processElement(event: Event, ctx: KeyedContext<string>, out: Collector<string>): void {
    out.collect(`${event.key}@${event.ts} at ${ctx.timerService().currentProcessingTime()}`);
    ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 50);
  }

  onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
    out.collect(`timer ${ctx.getCurrentKey()} at ${timestamp}`);
  }
}

function build(env: StreamExecutionEnvironment): void {
  const events = env.fromSource(scriptedSource(partitions), eventsStrategy(0));
  events
    .keyBy((e) => e.key)
    .process(new TimeoutAfter50())
    .sinkTo(env.collect('log'));
  events
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(20))
    .sum('n')
    .sinkTo(env.collect('sums'));
  events
    .keyBy((e) => e.key)
    .sum('n')
    .sinkTo(env.upsertTable('totals', (e) => e.key));
}

function environment(): StreamExecutionEnvironment {
  const env = StreamExecutionEnvironment.create({
    autoWatermarkInterval: 100,
    trace: { level: 'full' },
  });
  build(env);
  return env;
}

describe('fast paths', () => {
  it('runs to the end exactly as step by step, trace included', () => {
    const whole: JobResult = environment().execute();
    const stepped = environment().executeStepwise();
    while (stepped.step() !== undefined);
    expect(stepped.result()).toEqual(whole);
    expect(whole.outputs['log']?.map((row) => row.value)).toEqual([
      'a@0 at 0',
      'b@5 at 0',
      'timer a at 50',
      'timer b at 50',
      'a@10 at 100',
      'b@20 at 100',
      'b@15 at 100',
      'timer a at 150',
      'timer b at 150',
      'a@30 at 250',
      'a@25 at 260',
    ]);
  });

  it('keeps upsert rows read earlier as they were', () => {
    const job = environment().executeStepwise();
    job.step();
    job.step();
    const early = job.result().tables['totals'];
    const copy = structuredClone(early);
    job.runToEnd();
    expect(early).toEqual(copy);
    expect(job.result().tables['totals']).toEqual([
      {
        value: { key: 'a', ts: 0, n: 4 },
        timestamp: 25,
        processingTime: 260,
        key: 'a',
        updates: 4,
      },
      {
        value: { key: 'b', ts: 5, n: 3 },
        timestamp: 15,
        processingTime: 100,
        key: 'b',
        updates: 3,
      },
    ]);
  });

  it('reads in-memory records in batches exactly as event by event, trace included', () => {
    const values = Array.from({ length: 1_500 }, (_, i) => ev(i % 3 === 0 ? 'a' : 'b', i, i % 7));
    const batched = elementsSource(values, { arrivalIntervalMs: 3 });
    // The same source without the optional batch read: the scheduler reads it event by event.
    const single: Source<Event> = {
      ...batched,
      createReader: (partition, from) => {
        const reader = batched.createReader(partition, from);
        return { next: () => reader.next(), position: () => reader.position() };
      },
    };
    const result = (source: Source<Event>): JobResult => {
      const env = StreamExecutionEnvironment.create({
        autoWatermarkInterval: 100,
        trace: { level: 'full' },
      });
      const events = env.fromSource(source, eventsStrategy(5));
      events
        .keyBy((e) => e.key)
        .process(new TimeoutAfter50())
        .sinkTo(env.collect('log'));
      events
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(20))
        .sum('n')
        .sinkTo(env.collect('sums'));
      return env.execute();
    };
    const fast = result(batched);
    expect(fast).toEqual(result(single));
    expect(fast.outputs['sums']).toHaveLength(150);
  });

  it('lists a key whose windows all closed after the keys that kept theirs', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([
          [
            rec(ev('a', 0), 0, 0),
            rec(ev('b', 5), 5, 10),
            rec(ev('b', 25), 25, 20),
            wm(19, 25),
            rec(ev('a', 30), 30, 30),
            rec(ev('b', 35), 35, 40),
          ],
        ]),
        eventsStrategy(0),
      )
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(20))
      .sum('n')
      .sinkTo(env.collect('sums'));
    const job = env.executeStepwise();
    for (let i = 0; i < 3; i++) job.step();
    expect(job.pendingWindows().map((w) => [w.key, w.start] as const)).toEqual([
      ['a', 0],
      ['b', 0],
      ['b', 20],
    ]);
    job.step();
    job.step();
    // Watermark 19 closed [0, 20): a held no window until its next element, b kept [20, 40).
    expect(job.pendingWindows().map((w) => [w.key, w.start] as const)).toEqual([
      ['b', 20],
      ['a', 20],
    ]);
  });

  it('shows pending windows by key, then window, as they were created', () => {
    const job = environment().executeStepwise();
    for (let i = 0; i < 5; i++) job.step();
    expect(job.pendingWindows().map((w) => [w.key, w.start, w.count] as const)).toEqual([
      ['a', 0, 2],
      ['b', 0, 2],
      ['b', 20, 1],
    ]);
  });
});
