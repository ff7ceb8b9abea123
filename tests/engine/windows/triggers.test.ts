import { describe, expect, it } from 'vitest';
import {
  ContinuousEventTimeTrigger,
  CountTrigger,
  EventTimeTrigger,
  GlobalWindows,
  PurgingTrigger,
  TestStream,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
} from '../../../src/engine/index';
import type { Event } from '../helpers';
import { at, ev, n, rec, run, scriptedSource, values, windows } from '../helpers';

describe('count windows', () => {
  it('countWindow(n) fires and purges every n elements of a key', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4, 5, 6, 7)
        .keyBy(() => 'k')
        .countWindow(3)
        .sum()
        .sinkTo(env.collect('out'));
    });
    expect(values(result, 'out')).toEqual([6, 15]);
    expect(result.outputs['out']?.map((r) => r.pane?.timing)).toEqual(['EARLY', 'EARLY']);
    expect(result.outputs['out']?.map((r) => r.pane?.index)).toEqual([0, 1]);
  });

  it('countWindow(size, slide) fires every slide elements over the last size', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4, 5, 6)
        .keyBy(() => 'k')
        .countWindow(3, 2)
        .sum()
        .sinkTo(env.collect('out'));
    });
    expect(values(result, 'out')).toEqual([1 + 2, 2 + 3 + 4, 4 + 5 + 6]);
  });

  it('global windows without a trigger never fire', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3)
        .keyBy(() => 'k')
        .window(GlobalWindows.create())
        .sum()
        .sinkTo(env.collect('out'));
    });
    expect(values(result, 'out')).toEqual([]);
  });
});

describe('event-time triggers', () => {
  it('a purging count trigger emits what arrived since the last firing', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 1, 1)), at(ev('a', 2, 2)), at(ev('a', 3, 4)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .trigger(PurgingTrigger.of(CountTrigger.of(2)))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    // The third element never reaches a count of 2, and a count trigger ignores the watermark.
    expect(windows(result.outputs['out'], n)).toEqual(['a [0,10) EARLY#0 3']);
  });

  it('a continuous event-time trigger fires every interval, then on time', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 1, 1)))
      .advanceWatermarkTo(5)
      .addElements(at(ev('a', 7, 2)))
      .advanceWatermarkTo(10)
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(20))
        .trigger(ContinuousEventTimeTrigger.of(5))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [0,20) EARLY#0 1',
      'a [0,20) EARLY#1 3',
      'a [0,20) EARLY#2 3',
      'a [0,20) ON_TIME#3! 3',
    ]);
  });

  it('early firings give speculative results, late firings updated ones', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 1, 1)), at(ev('a', 2, 2)), at(ev('a', 3, 4)))
      .advanceWatermarkTo(10)
      .addElements(at(ev('a', 4, 8)), at(ev('a', 5, 16)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .allowedLateness(100)
        .trigger(
          EventTimeTrigger.create()
            .withEarlyFirings(CountTrigger.of(2))
            .withLateFirings(CountTrigger.of(2)),
        )
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [0,10) EARLY#0 3',
      'a [0,10) ON_TIME#1 7',
      'a [0,10) LATE#2 31',
    ]);
  });

  it('without late firings, every late element fires the window again', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 1, 1)))
      .advanceWatermarkTo(10)
      .addElements(at(ev('a', 4, 2)), at(ev('a', 5, 4)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .allowedLateness(100)
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [0,10) ON_TIME#0 1',
      'a [0,10) LATE#1 3',
      'a [0,10) LATE#2 7',
    ]);
  });
});

describe('processing-time windows', () => {
  it('group records by the clock when they arrive, and fire when it reaches the end', () => {
    const source = scriptedSource([
      [
        rec('a', 0, 100),
        rec('b', 0, 500),
        rec('c', 0, 999),
        rec('d', 0, 1_000),
        rec('e', 0, 2_500),
      ],
    ]);
    const result = run(
      (env) => {
        env
          .fromSource(source)
          .windowAll(TumblingProcessingTimeWindows.of(1_000))
          .reduce((x, y) => x + y)
          .sinkTo(env.collect('out'));
      },
      { trace: { level: 'full' } },
    );
    expect(result.outputs['out']?.map((r) => [r.value, r.processingTime, r.pane?.timing])).toEqual([
      ['abc', 999, 'ON_TIME'],
      ['d', 1_999, 'ON_TIME'],
    ]);
    // Like Flink, the job ends with its input: the last window's timer never fires.
    expect(result.trace.at(-1)).toMatchObject({ type: 'job-end', pendingProcessingTimers: 1 });
  });
});
