/**
 * Conformance of session windows with Flink's `EventTimeSessionWindows`, `TimeWindow.intersects` /
 * `cover` / `mergeWindows`, `MergingWindowSet.addWindow` and the merging path of
 * `WindowOperator.processElement`.
 */
import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  EventTimeSessionWindows,
  OutputTag,
  PipelineDefinitionError,
  ProcessWindowFunction,
  StreamExecutionEnvironment,
} from '../../src/engine/index';
import type {
  AggregateFunction,
  Collector,
  ProcessWindowContext,
  SourceEvent,
  TimeWindow,
  TraceEvent,
} from '../../src/engine/index';
import type { Reading } from './support';
import { panes, r, rec, run, source, values, wm } from './support';

function sessions(
  events: SourceEvent<Reading>[],
  gap: number,
  lateness = 0,
): ReturnType<typeof run> {
  const late = new OutputTag<Reading>('late');
  return run(
    (env) => {
      const out = env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(EventTimeSessionWindows.withGap(gap))
        .allowedLateness(lateness)
        .sideOutputLateData(late)
        .sum('v');
      out.sinkTo(env.collect('out'));
      out.getSideOutput(late).sinkTo(env.collect('late'));
    },
    { trace: { level: 'full' } },
  );
}

describe('merging rules', () => {
  // EventTimeSessionWindows.assignWindows: new TimeWindow(timestamp, timestamp + sessionTimeout).
  // TimeWindow.intersects: this.start <= other.end && this.end >= other.start — touching windows
  // intersect. TimeWindow.mergeWindows sorts by start and merges intersecting windows into cover().
  it('merges windows that touch: [0,3) and [3,6) become [0,6)', () => {
    const result = sessions([rec(r('a', 0), 0, 0), rec(r('a', 3, 10), 3, 0)], 3);
    expect(panes(result.outputs['out'])).toEqual(['a [0,6) 11']);
  });

  it('keeps windows apart when there is a gap of one millisecond', () => {
    const result = sessions([rec(r('a', 0), 0, 0), rec(r('a', 4, 10), 4, 0)], 3);
    expect(panes(result.outputs['out'])).toEqual(['a [0,3) 1', 'a [4,7) 10']);
  });

  it('merges out-of-order elements into one session regardless of arrival order', () => {
    const result = sessions(
      [rec(r('a', 10), 10, 0), rec(r('a', 0, 10), 0, 0), rec(r('a', 5, 100), 5, 0)],
      5,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,15) 111']);
  });

  it('fires a session at watermark end − 1 and keeps sessions per key', () => {
    const result = sessions(
      [rec(r('a', 0), 0, 0), rec(r('b', 1, 10), 1, 0), wm(2, 100), wm(3, 200), wm(50, 300)],
      3,
    );
    const rows = result.outputs['out'] ?? [];
    expect(panes(rows)).toEqual(['a [0,3) 1', 'b [1,4) 10']);
    expect(rows.map((row) => row.processingTime)).toEqual([100, 200]);
  });

  it('rejects a gap <= 0', () => {
    // EventTimeSessionWindows: if (size <= 0) throw IllegalArgumentException("... 0 < size").
    expect(() => EventTimeSessionWindows.withGap(0)).toThrow(PipelineDefinitionError);
  });

  it('uses a dynamic gap per element', () => {
    // DynamicEventTimeSessionWindows.assignWindows: new TimeWindow(ts, ts + extractor.extract(e)).
    const result = run((env) => {
      env
        .fromSource(
          source([[rec(r('a', 0, 5), 0, 0), rec(r('a', 5, 1), 5, 0), rec(r('a', 7, 1), 7, 0)]]),
        )
        .keyBy((e) => e.k)
        .window(EventTimeSessionWindows.withDynamicGap<Reading>((e) => e.v))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(panes(result.outputs['out'])).toEqual(['a [0,6) 6', 'a [7,8) 1']);
  });
});

describe('late elements and sessions', () => {
  it('a late element within lateness bridges two sessions; the merged window fires at its end', () => {
    // [0,3) fired at watermark 5 (lateness 10) and [6,9) is open. Element 3 → [3,6) touches both →
    // [0,9). EventTimeTrigger.onMerge registers a timer at 8 because 8 > watermark 5; onElement
    // does not fire (8 > 5). The merged window fires at watermark 8 with every element.
    const result = sessions(
      [
        rec(r('a', 0), 0, 0),
        rec(r('a', 6, 100), 6, 0),
        wm(5, 10),
        rec(r('a', 3, 10), 3, 20),
        wm(7, 30),
        wm(8, 40),
        wm(100, 50),
      ],
      3,
      10,
    );
    const rows = result.outputs['out'] ?? [];
    expect(panes(rows)).toEqual(['a [0,3) 1', 'a [0,9) 111']);
    expect(rows.map((row) => row.processingTime)).toEqual([10, 40]);
    const merged = result.trace.filter(
      (e): e is Extract<TraceEvent, { type: 'window-merged' }> => e.type === 'window-merged',
    );
    expect(merged.map((e) => [e.start, e.end, [...e.mergedStarts].sort()])).toEqual([
      [0, 9, [0, 6]],
    ]);
  });

  it('a bridging element whose merged window is already behind the watermark fires at once', () => {
    // Both sessions fired by watermark 10 (lateness 20); [0,9) has maxTimestamp 8 <= 10, so
    // EventTimeTrigger.onElement returns FIRE for the merged window.
    const result = sessions(
      [
        rec(r('a', 0), 0, 0),
        rec(r('a', 6, 100), 6, 0),
        wm(10, 10),
        rec(r('a', 3, 10), 3, 20),
        wm(100, 30),
      ],
      3,
      20,
    );
    const rows = result.outputs['out'] ?? [];
    expect(panes(rows)).toEqual(['a [0,3) 1', 'a [6,9) 100', 'a [0,9) 111']);
    expect(rows.map((row) => row.processingTime)).toEqual([10, 10, 20]);
  });

  it('accepts an element whose own window is late when it merges into a live session', () => {
    // WindowOperator checks isWindowLate(actualWindow) on the merge result: [3,6) alone would be
    // late at watermark 6 (5 <= 6), but it merges into [5,10), giving [3,10), which is not.
    const result = sessions(
      [
        rec(r('a', 5), 5, 0),
        rec(r('a', 7, 10), 7, 0),
        wm(6, 10),
        rec(r('a', 3, 100), 3, 20),
        wm(100, 30),
      ],
      3,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [3,10) 111']);
    expect(values(result, 'late')).toEqual([]);
  });

  it('drops an element whose session window is late and merges with nothing', () => {
    // MergingWindowSet.addWindow adds [1,4); isWindowLate([1,4)) → retireWindow, skipped; 1 <= 20.
    const result = sessions(
      [rec(r('a', 10), 10, 0), wm(20, 10), rec(r('a', 1, 100), 1, 20), wm(100, 30)],
      3,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [10,13) 1']);
    expect(values<Reading>(result, 'late').map((e) => e.ts)).toEqual([1]);
  });

  it('re-fires a session extended within its lateness, and clears it at end − 1 + lateness', () => {
    const result = sessions(
      [
        rec(r('a', 0), 0, 0),
        wm(4, 10),
        rec(r('a', 1, 10), 1, 20), // [1,4) merges into [0,4): maxTimestamp 3 <= 4 → FIRE now
        wm(9, 30), // cleanup of [0,4) at 3 + 5 = 8
        rec(r('a', 2, 100), 2, 40), // [2,5): late (4 + 5 <= 9), nothing left to merge with
        wm(100, 50),
      ],
      3,
      5,
    );
    expect(panes(result.outputs['out'])).toEqual(['a [0,3) 1', 'a [0,4) 11']);
    expect(values<Reading>(result, 'late').map((e) => e.ts)).toEqual([2]);
  });
});

describe('merging state and triggers', () => {
  it('merges aggregate accumulators with AggregateFunction.merge', () => {
    // WindowOperator's merge function calls mergePartitionedStates, which for an AggregatingState
    // uses AggregateFunction.merge.
    let merges = 0;
    const average: AggregateFunction<Reading, [number, number], number> = {
      createAccumulator: () => [0, 0],
      add: (e, [sum, count]) => [sum + e.v, count + 1],
      getResult: ([sum, count]) => sum / count,
      merge: ([s1, c1], [s2, c2]) => {
        merges++;
        return [s1 + s2, c1 + c2];
      },
    };
    const result = run((env) => {
      env
        .fromSource(
          source([[rec(r('a', 0, 2), 0, 0), rec(r('a', 10, 4), 10, 0), rec(r('a', 5, 6), 5, 0)]]),
        )
        .keyBy((e) => e.k)
        .window(EventTimeSessionWindows.withGap(5))
        .aggregate(average)
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([4]);
    expect(merges).toBeGreaterThan(0);
  });

  it('CountTrigger counts across merged sessions (onMerge merges its ReducingState)', () => {
    // CountTrigger.onMerge: ctx.mergePartitionedState(stateDesc). Sessions [0,3) and [4,7) hold one
    // element each; element 2 bridges them: merged count 2, onElement → 3 → FIRE.
    const result = run((env) => {
      env
        .fromSource(
          source([[rec(r('a', 0, 1), 0, 0), rec(r('a', 4, 10), 4, 0), rec(r('a', 2, 100), 2, 0)]]),
        )
        .keyBy((e) => e.k)
        .window(EventTimeSessionWindows.withGap(3))
        .trigger(CountTrigger.of(3))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(panes(result.outputs['out'])).toEqual(['a [0,7) 111']);
  });

  it('gives a ProcessWindowFunction the merged window and all of its elements', () => {
    class Describe extends ProcessWindowFunction<Reading, string, string, TimeWindow> {
      process(
        key: string,
        ctx: ProcessWindowContext<TimeWindow>,
        elements: readonly Reading[],
        out: Collector<string>,
      ): void {
        const ts = elements.map((e) => e.ts).sort((x, y) => x - y);
        out.collect(`${key} ${ctx.window().start}-${ctx.window().end} ${ts.join(',')}`);
      }
    }
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(source([[rec(r('a', 4), 4, 0), rec(r('a', 0), 0, 0), rec(r('a', 2), 2, 0)]]))
      .keyBy((e) => e.k)
      .window(EventTimeSessionWindows.withGap(2))
      .process(new Describe())
      .sinkTo(env.collect('out'));
    expect(values(env.execute())).toEqual(['a 0-6 0,2,4']);
  });
});
