import { describe, expect, it } from 'vitest';
import {
  OutputTag,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  TestStream,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '../../../src/engine/index';
import type { Event } from '../helpers';
import { at, ev, n, run, windows } from '../helpers';

describe('event-time windows fire on the watermark', () => {
  it('fires when the watermark reaches end − 1, not before', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 5)))
      .advanceWatermarkTo(8)
      .advanceProcessingTime(1_000)
      .advanceWatermarkTo(9)
      .advanceProcessingTime(1_000)
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    const [fired] = result.outputs['out'] ?? [];
    expect(fired?.processingTime).toBe(1_000);
    expect(fired?.timestamp).toBe(9);
    expect(fired?.pane).toEqual({ timing: 'ON_TIME', index: 0, isFirst: true, isLast: true });
  });

  it('places negative timestamps in the windows below zero', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', -1)), at(ev('a', 0)), at(ev('a', -10, 5)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [-10,0) ON_TIME#0! 6',
      'a [0,10) ON_TIME#0! 1',
    ]);
  });

  it('fires every pending window when a bounded input ends', () => {
    const result = run((env) => {
      env
        .fromElements(ev('a', 1), ev('a', 15), ev('b', 30))
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.noWatermarks<Event>().withTimestampAssigner((e) => e.ts),
        )
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [0,10) ON_TIME#0! 1',
      'a [10,20) ON_TIME#0! 1',
      'b [30,40) ON_TIME#0! 1',
    ]);
  });
});

describe('allowed lateness', () => {
  const late = new OutputTag<Event>('late');

  function lateScript(): ReturnType<ReturnType<typeof TestStream.create<Event>>['build']> {
    return TestStream.create<Event>()
      .addElements(at(ev('a', 1, 1)), at(ev('a', 5, 2)))
      .advanceWatermarkTo(12) // fires [0, 10) on time
      .addElements(at(ev('a', 3, 10))) // late, within lateness 5: fires again with 13
      .advanceWatermarkTo(14) // cleanup at 9 + 5 = 14: the window is gone
      .addElements(at(ev('a', 4, 100))) // too late: dropped or side output
      .advanceWatermarkToInfinity()
      .build();
  }

  function pipeline(withSideOutput: boolean) {
    return (env: StreamExecutionEnvironment): void => {
      const windowed = env
        .fromSource(lateScript())
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .allowedLateness(5);
      if (withSideOutput) windowed.sideOutputLateData(late);
      const sums = windowed.sum('n');
      sums.sinkTo(env.collect('sums'));
      sums.getSideOutput(late).sinkTo(env.collect('late'));
    };
  }

  it('re-fires a late element within lateness at once, with the updated result', () => {
    const result = run(pipeline(false));
    expect(windows(result.outputs['sums'], n)).toEqual([
      'a [0,10) ON_TIME#0 3',
      'a [0,10) LATE#1 13',
    ]);
    const metrics = Object.values(result.metrics.operators).find((m) => m.windowsFired > 0);
    expect(metrics?.lateRecordsAccepted).toBe(1);
    expect(metrics?.lateRecordsDropped).toBe(1);
  });

  it('sends records too late for all their windows to the late side output', () => {
    const result = run(pipeline(true));
    expect((result.outputs['late'] ?? []).map((r) => (r.value as Event).n)).toEqual([100]);
    expect(result.sideOutputs['late']).toHaveLength(1);
    expect(result.outputs['late']?.[0]?.timestamp).toBe(4);
  });

  it('removes the window when the watermark reaches end − 1 + lateness (the docs: 12:00–12:05 with 1 minute lasts until 12:06)', () => {
    const noon = Time.hours(12);
    const end = noon + Time.minutes(5);
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', noon + 1_000)))
      .advanceWatermarkTo(end + Time.minutes(1) - 2)
      .advanceProcessingTime(100)
      .advanceWatermarkTo(end + Time.minutes(1) - 1)
      .advanceWatermarkToInfinity()
      .build();
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(script)
      .keyBy((e) => e.key)
      .window(TumblingEventTimeWindows.of(Time.minutes(5)))
      .allowedLateness(Time.minutes(1))
      .sum('n')
      .sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    job.advanceTo(0);
    expect(job.pendingWindows()).toMatchObject([{ key: 'a', start: noon, end }]);
    job.advanceTo(100);
    expect(job.pendingWindows()).toEqual([]);
  });

  it('drops an element only when all its windows are late', () => {
    const script = TestStream.create<Event>()
      .advanceWatermarkTo(10)
      // ts 7 is in [0, 10) (late: 9 ≤ 10) and in [5, 15) (not late): accepted into the second only.
      .addElements(at(ev('a', 7)))
      // ts 3 is in [-5, 5) and [0, 10), both late: dropped.
      .addElements(at(ev('a', 3)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(SlidingEventTimeWindows.of(10, 5))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual(['a [5,15) ON_TIME#0! 1']);
    const metrics = Object.values(result.metrics.operators).find((m) => m.windowsFired > 0);
    expect(metrics?.lateRecordsDropped).toBe(1);
  });
});

describe('sliding windows', () => {
  it('count each element in size / slide windows', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 1)), at(ev('a', 6)), at(ev('a', 11)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(SlidingEventTimeWindows.of(10, 5))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [-5,5) ON_TIME#0! 1',
      'a [0,10) ON_TIME#0! 2',
      'a [5,15) ON_TIME#0! 2',
      'a [10,20) ON_TIME#0! 1',
    ]);
  });
});
