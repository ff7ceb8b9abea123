/**
 * Conformance of processing-time windows with Flink's `TumblingProcessingTimeWindows`,
 * `SlidingProcessingTimeWindows`, `ProcessingTimeSessionWindows`, `ProcessingTimeTrigger`,
 * `ContinuousProcessingTimeTrigger` and the processing-time branch of `WindowOperator`.
 * The engine's virtual clock stands in for the wall clock: a record is assigned by its arrival time.
 */
import { describe, expect, it } from 'vitest';
import {
  ContinuousProcessingTimeTrigger,
  StreamExecutionEnvironment,
  ProcessingTimeSessionWindows,
  SlidingProcessingTimeWindows,
  TumblingProcessingTimeWindows,
} from '../../src/engine/index';
import type { SourceEvent, WindowAssigner } from '../../src/engine/index';
import type { Reading } from './support';
import { bare, panes, r, rec, run, source, wm } from './support';

function windowed(
  events: SourceEvent<Reading>[],
  assigner: WindowAssigner,
  interval?: number,
): ReturnType<typeof run> {
  return run((env) => {
    const windowedStream = env
      .fromSource(source([events]))
      .keyBy((e) => e.k)
      .window(assigner);
    if (interval !== undefined)
      windowedStream.trigger(ContinuousProcessingTimeTrigger.of(interval));
    windowedStream.sum('v').sinkTo(env.collect('out'));
  });
}

const firedAt = (result: ReturnType<typeof run>): number[] =>
  (result.outputs['out'] ?? []).map((row) => row.processingTime);

describe('tumbling processing-time windows', () => {
  // TumblingProcessingTimeWindows.assignWindows: now = context.getCurrentProcessingTime(); start =
  // TimeWindow.getWindowStartWithOffset(now, offset, size). ProcessingTimeTrigger.onElement
  // registers a processing-time timer at window.maxTimestamp(); onProcessingTime returns FIRE.
  it('assigns by arrival time and fires when the clock reaches end − 1', () => {
    const result = windowed(
      [
        bare(r('a', 0, 1), 100),
        bare(r('a', 0, 10), 500),
        bare(r('a', 0, 100), 999),
        bare(r('a', 0, 1000), 1000),
        bare(r('z', 0), 2500),
      ],
      TumblingProcessingTimeWindows.of(1000),
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,1000) 111', 'a [1000,2000) 1000']);
    expect(firedAt(result)).toEqual([999, 1999]);
    expect((result.outputs['out'] ?? []).map((row) => row.timestamp)).toEqual([999, 1999]);
  });

  it('does not fire processing-time windows still open when a bounded input ends', () => {
    // At end of input Flink quiesces the ProcessingTimeService: timers not yet due never fire
    // (only the final MAX_WATERMARK is processed, which processing-time windows ignore).
    const result = windowed([bare(r('a', 0), 100)], TumblingProcessingTimeWindows.of(1000));
    expect(panes(result.outputs['out'])).toEqual([]);
  });

  it('never treats elements as late, whatever their event time and the watermark', () => {
    // WindowOperator.isWindowLate / isElementLate both require windowAssigner.isEventTime().
    const result = windowed(
      [wm(5_000, 0), rec(r('a', 1, 1), 1, 100), rec(r('a', 2, 10), 2, 200), bare(r('z', 0), 1500)],
      TumblingProcessingTimeWindows.of(1000),
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,1000) 11']);
  });

  it('ignores allowed lateness: the window is cleared at maxTimestamp', () => {
    // WindowOperator.cleanupTime: for a processing-time assigner it is window.maxTimestamp().
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(source([[bare(r('a', 0), 100), bare(r('z', 0), 5_000)]]))
      .keyBy((e) => e.k)
      .window(TumblingProcessingTimeWindows.of(1000))
      .allowedLateness(10_000)
      .sum('v')
      .sinkTo(env.collect('out'));
    const controller = env.executeStepwise();
    controller.advanceTo(998);
    expect(controller.pendingWindows().map((w) => [w.key, w.start])).toEqual([['a', 0]]);
    controller.advanceTo(1_001);
    expect(controller.pendingWindows()).toEqual([]);
  });

  it('applies an offset to the clock', () => {
    const result = windowed(
      [bare(r('a', 0), 100), bare(r('z', 0), 500)],
      TumblingProcessingTimeWindows.of(1000, 200),
    );
    expect(panes(result.outputs['out'])).toEqual(['a [-800,200) 1']);
    expect(firedAt(result)).toEqual([199]);
  });
});

describe('sliding and session processing-time windows', () => {
  it('puts an arrival in size / slide windows that fire at their ends', () => {
    const result = windowed(
      [bare(r('a', 0), 700), bare(r('z', 0), 3000)],
      SlidingProcessingTimeWindows.of(1000, 500),
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,1000) 1', 'a [500,1500) 1']);
    expect(firedAt(result)).toEqual([999, 1499]);
  });

  it('merges sessions on arrival time: [now, now + gap)', () => {
    // ProcessingTimeSessionWindows.assignWindows: new TimeWindow(currentProcessingTime,
    // currentProcessingTime + sessionTimeout).
    const result = windowed(
      [
        bare(r('a', 0, 1), 0),
        bare(r('a', 0, 10), 200),
        bare(r('a', 0, 100), 600),
        bare(r('z', 0), 2000),
      ],
      ProcessingTimeSessionWindows.withGap(300),
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,500) 11', 'a [600,900) 100']);
    expect(firedAt(result)).toEqual([499, 899]);
  });
});

describe('ContinuousProcessingTimeTrigger', () => {
  // onElement: now = ctx.getCurrentProcessingTime(); if no fire time, register
  // min(now - (now % interval) + interval, window.maxTimestamp()). onProcessingTime: if the fire
  // time equals time → clear, register the next (capped at maxTimestamp), FIRE. The window is
  // cleaned up at maxTimestamp (processing time), which also clears the trigger.
  it('fires every interval, then at the end of the window, with the cumulative contents', () => {
    const result = windowed(
      [bare(r('a', 0, 1), 100), bare(r('a', 0, 10), 400), bare(r('z', 0), 1200)],
      TumblingProcessingTimeWindows.of(1000),
      300,
    );
    expect(panes(result.outputs['out'])).toEqual([
      'a [0,1000) 1',
      'a [0,1000) 11',
      'a [0,1000) 11',
      'a [0,1000) 11',
    ]);
    expect(firedAt(result)).toEqual([300, 600, 900, 999]);
  });
});
