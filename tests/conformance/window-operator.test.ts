/**
 * Conformance of event-time windows with Flink's `WindowOperator`, `EventTimeTrigger`, `TimeWindow`
 * and the window assigners (flink-streaming-java, `org.apache.flink.streaming.runtime.operators.
 * windowing.WindowOperator` and `org.apache.flink.streaming.api.windowing.*`).
 */
import { describe, expect, it } from 'vitest';
import {
  OutputTag,
  PipelineDefinitionError,
  SlidingEventTimeWindows,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
} from '../../src/engine/index';
import type { Reading } from './support';
import { panes, r, rec, run, source, values, wm } from './support';

/** Tumbling windows of `size` over a scripted source, summing `v`; late data to `late`. */
function tumbling(
  events: Parameters<typeof source<Reading>>[0][number],
  size: number,
  lateness = 0,
  offset = 0,
): ReturnType<typeof run> {
  const late = new OutputTag<Reading>('late');
  return run((env) => {
    const sums = env
      .fromSource(source([events]))
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(size, offset))
      .allowedLateness(lateness)
      .sideOutputLateData(late)
      .sum('v');
    sums.sinkTo(env.collect('out'));
    sums.getSideOutput(late).sinkTo(env.collect('late'));
  });
}

describe('TimeWindow.getWindowStartWithOffset and the exclusive end', () => {
  // TimeWindow.getWindowStartWithOffset: remainder = (ts - offset) % size; if remainder < 0 then
  // start = ts - (remainder + size) else start = ts - remainder. TumblingEventTimeWindows.assignWindows
  // returns new TimeWindow(start, start + size).
  it('puts an element at end − 1 in the window and an element at end in the next one', () => {
    const result = tumbling([rec(r('a', 9), 9, 0), rec(r('a', 10, 10), 10, 0)], 10);
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 1', 'a [10,20) 10']);
  });

  it('places negative timestamps with a non-negative remainder', () => {
    // ts -1: (-1 % 10) = -1 < 0, start = -1 - (-1 + 10) = -10; ts -10: remainder 0, start -10;
    // ts -11: remainder -1, start = -20.
    const result = tumbling(
      [rec(r('a', -1), -1, 0), rec(r('a', -10, 2), -10, 0), rec(r('a', -11, 4), -11, 0)],
      10,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [-20,-10) 4', 'a [-10,0) 3']);
  });

  it('shifts windows by a positive offset', () => {
    // TumblingEventTimeWindows.of(size, offset): start = ts - ((ts - offset) mod size).
    const result = tumbling(
      [rec(r('a', 2), 2, 0), rec(r('a', 3, 10), 3, 0), rec(r('a', 12, 100), 12, 0)],
      10,
      0,
      3,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [-7,3) 1', 'a [3,13) 110']);
  });

  it('accepts a negative offset with |offset| < size', () => {
    // TumblingEventTimeWindows.of: "abs(offset) < size" is the only condition; -3 shifts back.
    const result = tumbling([rec(r('a', 0), 0, 0), rec(r('a', 7, 10), 7, 0)], 10, 0, -3);
    expect(panes(result.outputs['out'])).toEqual(['a [-3,7) 1', 'a [7,17) 10']);
  });

  it('rejects |offset| >= size while the pipeline is built', () => {
    // TumblingEventTimeWindows constructor: if (Math.abs(offset) >= size) throw
    // IllegalArgumentException("TumblingEventTimeWindows parameters must satisfy abs(offset) < size").
    expect(() => TumblingEventTimeWindows.of(10, 10)).toThrow(PipelineDefinitionError);
    expect(() => TumblingEventTimeWindows.of(10, -10)).toThrow(PipelineDefinitionError);
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(PipelineDefinitionError);
  });

  it('gives each result the timestamp maxTimestamp = end − 1', () => {
    // WindowOperator.emitWindowContents: timestampedCollector.setAbsoluteTimestamp(window.maxTimestamp()).
    const result = tumbling([rec(r('a', 3), 3, 0), rec(r('a', -3), -3, 0)], 10);
    expect((result.outputs['out'] ?? []).map((row) => row.timestamp)).toEqual([-1, 9]);
  });
});

describe('EventTimeTrigger fires when the watermark reaches maxTimestamp', () => {
  // EventTimeTrigger.onElement registers an event-time timer at window.maxTimestamp();
  // InternalTimerServiceImpl.advanceWatermark fires timers with timestamp <= watermark;
  // EventTimeTrigger.onEventTime: time == window.maxTimestamp() ? FIRE : CONTINUE.
  it('does not fire at watermark end − 2, fires at end − 1', () => {
    const result = tumbling([rec(r('a', 5), 5, 0), wm(8, 100), wm(9, 200), wm(50, 300)], 10);
    const rows = result.outputs['out'] ?? [];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.processingTime).toBe(200);
  });

  it('fires windows of several keys and times in order of their timers on one watermark jump', () => {
    const result = tumbling(
      [
        rec(r('b', 15), 15, 0),
        rec(r('a', 5), 5, 0),
        rec(r('a', 25), 25, 0),
        rec(r('b', 1), 1, 0),
        wm(100, 10),
      ],
      10,
    );
    const fired = (result.outputs['out'] ?? []).map((row) => row.timestamp);
    expect(fired).toEqual([...fired].sort((x, y) => (x ?? 0) - (y ?? 0)));
    expect(fired).toHaveLength(4);
  });

  it('fires every pending window when a bounded input ends (Long.MAX_VALUE watermark)', () => {
    // A finished source emits Watermark.MAX_WATERMARK, which fires every event-time timer.
    const result = tumbling([rec(r('a', 5), 5, 0), rec(r('a', 1_000_000), 1_000_000, 0)], 10);
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 1', 'a [1000000,1000010) 1']);
  });

  it('does not emit anything for a key and window that never received an element', () => {
    const result = tumbling([rec(r('a', 5), 5, 0), rec(r('a', 35), 35, 0)], 10);
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 1', 'a [30,40) 1']);
  });
});

describe('late elements and allowed lateness', () => {
  // WindowOperator.isWindowLate: isEventTime() && cleanupTime(window) <= currentWatermark, with
  // cleanupTime = window.maxTimestamp() + allowedLateness.
  // WindowOperator.isElementLate: isEventTime() && element.getTimestamp() + allowedLateness <=
  // currentWatermark. An element is side-output / counted as dropped only if isSkippedElement &&
  // isElementLate(element).
  it('accepts an element behind the watermark whose window has not fired yet', () => {
    const result = tumbling([wm(7, 0), rec(r('a', 5), 5, 10), rec(r('a', 2, 10), 2, 20)], 10);
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 11']);
    expect(values(result, 'late')).toEqual([]);
  });

  it('drops an element at exactly the watermark when its window ends there (lateness 0)', () => {
    // ts 9, watermark 9: window [0,10) has cleanupTime 9 <= 9, so it is late; 9 + 0 <= 9.
    const result = tumbling([rec(r('a', 1), 1, 0), wm(9, 10), rec(r('a', 9, 10), 9, 20)], 10);
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 1']);
    expect(values<Reading>(result, 'late').map((e) => e.ts)).toEqual([9]);
  });

  it('keeps a late element for the side output with its own timestamp', () => {
    // WindowOperator.sideOutput: output.collect(lateDataOutputTag, element) — the element's record.
    const result = tumbling([wm(20, 0), rec(r('a', 4), 4, 10)], 10);
    const late = result.sideOutputs['late'] ?? [];
    expect(late.map((row) => [row.timestamp, (row.value as Reading).ts])).toEqual([[4, 4]]);
  });

  it('fires again at once, with the updated contents, for an element within lateness', () => {
    // EventTimeTrigger.onElement: if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return
    // FIRE. The contents are not purged, so the late firing re-emits the whole updated result.
    const result = tumbling(
      [
        rec(r('a', 1), 1, 0),
        wm(12, 10),
        rec(r('a', 3, 10), 3, 20),
        rec(r('a', 4, 100), 4, 30),
        wm(100, 40),
      ],
      10,
      5,
    );
    const rows = result.outputs['out'] ?? [];
    expect(panes(rows)).toEqual(['a [0,10) 1', 'a [0,10) 11', 'a [0,10) 111']);
    expect(rows.map((row) => row.processingTime)).toEqual([10, 20, 30]);
    expect(rows.map((row) => row.timestamp)).toEqual([9, 9, 9]);
  });

  it('labels the firings ON_TIME then LATE with increasing pane indexes', () => {
    const result = tumbling(
      [rec(r('a', 1), 1, 0), wm(12, 10), rec(r('a', 3), 3, 20), rec(r('a', 4), 4, 30)],
      10,
      5,
    );
    expect((result.outputs['out'] ?? []).map((row) => row.pane)).toMatchObject([
      { timing: 'ON_TIME', index: 0 },
      { timing: 'LATE', index: 1 },
      { timing: 'LATE', index: 2 },
    ]);
  });

  it('treats end − 1 + lateness <= watermark as late: watermark 13 still accepts, 14 drops', () => {
    const accepted = tumbling([rec(r('a', 1), 1, 0), wm(13, 10), rec(r('a', 3, 10), 3, 20)], 10, 5);
    expect(panes(accepted.outputs['out'])).toEqual(['a [0,10) 1', 'a [0,10) 11']);
    expect(values(accepted, 'late')).toEqual([]);

    const dropped = tumbling([rec(r('a', 1), 1, 0), wm(14, 10), rec(r('a', 3, 10), 3, 20)], 10, 5);
    expect(panes(dropped.outputs['out'])).toEqual(['a [0,10) 1']);
    expect(values<Reading>(dropped, 'late').map((e) => e.ts)).toEqual([3]);
  });

  it('accepts an element of a window that was never created if the window is within lateness', () => {
    // No state existed for [0,10) for key b; isWindowLate only looks at the window's cleanup time.
    const result = tumbling(
      [rec(r('a', 1), 1, 0), wm(12, 10), rec(r('b', 2, 7), 2, 20), wm(100, 30)],
      10,
      5,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 1', 'b [0,10) 7']);
    expect(result.outputs['out']?.[1]?.processingTime).toBe(20);
  });

  it('counts dropped late records in the metrics when no side output is set', () => {
    // WindowOperator: else { this.numLateRecordsDropped.inc(); }
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(source([[rec(r('a', 1), 1, 0), wm(30, 10), rec(r('a', 2), 2, 20)]]))
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .sum('v')
      .uid('win')
      .sinkTo(env.collect('out'));
    const result = env.execute();
    expect(result.metrics.operators['win']?.lateRecordsDropped).toBe(1);
    expect(values(result)).toHaveLength(1);
  });
});

describe('the cleanup timer', () => {
  // WindowOperator.registerCleanupTimer registers an event-time timer at cleanupTime(window) =
  // maxTimestamp + allowedLateness; onEventTime: if (isEventTime() && isCleanupTime(window, time))
  // clearAllState(...). The docs ("Allowed Lateness"): with [12:00, 12:05) and 1 min of lateness
  // the state is kept until the watermark passes 12:06.
  function job(lateness: number): ReturnType<StreamExecutionEnvironment['executeStepwise']> {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        source([[rec(r('a', 1), 1, 0), wm(13, 100), wm(14, 200), rec(r('a', 2), 2, 300)]]),
      )
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .allowedLateness(lateness)
      .sum('v')
      .sinkTo(env.collect('out'));
    return env.executeStepwise();
  }

  it('keeps the window state until the watermark reaches maxTimestamp + lateness', () => {
    const controller = job(5);
    controller.advanceTo(150);
    expect(controller.pendingWindows().map((w) => [w.start, w.end])).toEqual([[0, 10]]);
    controller.advanceTo(250);
    expect(controller.pendingWindows()).toEqual([]);
  });

  it('clears the window as soon as it fires with no lateness', () => {
    const controller = job(0);
    controller.advanceTo(150);
    expect(controller.pendingWindows()).toEqual([]);
  });
});

describe('sliding windows', () => {
  function sliding(
    events: Parameters<typeof source<Reading>>[0][number],
    size: number,
    slide: number,
    offset = 0,
  ): ReturnType<typeof run> {
    const late = new OutputTag<Reading>('late');
    return run((env) => {
      const sums = env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(SlidingEventTimeWindows.of(size, slide, offset))
        .sideOutputLateData(late)
        .sum('v');
      sums.sinkTo(env.collect('out'));
      sums.getSideOutput(late).sinkTo(env.collect('late'));
    });
  }

  it('puts each element in size / slide windows', () => {
    // SlidingEventTimeWindows.assignWindows: lastStart = getWindowStartWithOffset(ts, offset, slide);
    // for (start = lastStart; start > ts - size; start -= slide) add [start, start + size).
    const result = sliding([rec(r('a', 7), 7, 0)], 10, 5);
    expect(panes(result.outputs['out'])).toEqual(['a [0,10) 1', 'a [5,15) 1']);
  });

  it('puts an element in floor or ceil of size / slide windows when slide does not divide size', () => {
    // size 10, slide 3: ts 0 → starts 0, -3, -6, -9 (4 windows); ts 2 → 0, -3, -6 (3 windows).
    const at0 = sliding([rec(r('a', 0), 0, 0)], 10, 3);
    expect(panes(at0.outputs['out'])).toEqual([
      'a [-9,1) 1',
      'a [-6,4) 1',
      'a [-3,7) 1',
      'a [0,10) 1',
    ]);
    const at2 = sliding([rec(r('a', 2), 2, 0)], 10, 3);
    expect(panes(at2.outputs['out'])).toEqual(['a [-6,4) 1', 'a [-3,7) 1', 'a [0,10) 1']);
  });

  it('applies the offset to the slide grid, negative timestamps included', () => {
    // getWindowStartWithOffset(-4, 2, 5): (-6 % 5) = -1 → start = -4 - 4 = -8.
    const result = sliding([rec(r('a', -4), -4, 0)], 10, 5, 2);
    expect(panes(result.outputs['out'])).toEqual(['a [-13,-3) 1', 'a [-8,2) 1']);
  });

  it('drops an element only when all its windows are late', () => {
    // Watermark 10: ts 7 → [0,10) is late (9 <= 10) but [5,15) is not, so it enters [5,15) and is
    // neither dropped nor side-output; ts 3 → [-5,5) and [0,10) are both late: side output.
    const result = sliding(
      [rec(r('a', 1, 1000), 1, 0), wm(10, 10), rec(r('a', 7), 7, 20), rec(r('a', 3), 3, 30)],
      10,
      5,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [-5,5) 1000', 'a [0,10) 1000', 'a [5,15) 1']);
    expect(values<Reading>(result, 'late').map((e) => e.ts)).toEqual([3]);
  });

  it('rejects slide > size (a deliberate deviation: Flink allows gaps between windows)', () => {
    // Issue §8 asks for this; Flink's SlidingEventTimeWindows only checks abs(offset) < slide
    // and size > 0.
    expect(() => SlidingEventTimeWindows.of(5, 10)).toThrow(PipelineDefinitionError);
  });

  it('rejects |offset| >= slide', () => {
    // SlidingEventTimeWindows: if (Math.abs(offset) >= slide || size <= 0) throw
    // IllegalArgumentException("... abs(offset) < slide and size > 0").
    expect(() => SlidingEventTimeWindows.of(10, 5, 5)).toThrow(PipelineDefinitionError);
    expect(() => SlidingEventTimeWindows.of(10, 5, -5)).toThrow(PipelineDefinitionError);
    expect(() => SlidingEventTimeWindows.of(10, 5, 4)).not.toThrow();
  });
});
