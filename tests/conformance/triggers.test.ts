/**
 * Conformance of triggers and evictors with Flink's `org.apache.flink.streaming.api.windowing.
 * triggers.*`, `evictors.*`, `KeyedStream.countWindow` and `EvictingWindowOperator`.
 */
import { describe, expect, it } from 'vitest';
import {
  ContinuousEventTimeTrigger,
  CountEvictor,
  CountTrigger,
  EventTimeSessionWindows,
  EventTimeTrigger,
  GlobalWindows,
  PipelineDefinitionError,
  PurgingTrigger,
  TimeEvictor,
  Trigger,
  TumblingEventTimeWindows,
} from '../../src/engine/index';
import type { SourceEvent, TriggerResult } from '../../src/engine/index';
import type { Reading } from './support';
import { r, rec, run, source, values, wm } from './support';

const sums = (result: ReturnType<typeof run>): number[] => values<Reading>(result).map((e) => e.v);

/** Values 1, 10, 100, … at timestamps 1, 2, 3, …, all for key 'a', arriving at 0. */
function decimal(count: number): SourceEvent<Reading>[] {
  return Array.from({ length: count }, (_, i) => rec(r('a', i + 1, 10 ** i), i + 1, 0));
}

describe('CountTrigger on time windows', () => {
  // CountTrigger.onElement: count.add(1L); if (count.get() >= maxCount) { count.clear(); return
  // FIRE; } return CONTINUE. onEventTime returns CONTINUE: the end of the window does not fire.
  it('fires every maxCount elements with the cumulative contents (no purge)', () => {
    const result = run((env) => {
      env
        .fromSource(source([decimal(4)]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(100))
        .trigger(CountTrigger.of(2))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([11, 1111]);
  });

  it('never emits the leftover elements: the cleanup timer clears them without firing', () => {
    // WindowOperator.onEventTime: the cleanup timer calls trigger.onEventTime (CONTINUE for
    // CountTrigger) and then clearAllState.
    const result = run((env) => {
      env
        .fromSource(source([decimal(3)]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(100))
        .trigger(CountTrigger.of(2))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([11]);
  });

  it('with PurgingTrigger, each firing only holds the elements since the previous one', () => {
    // PurgingTrigger: a nested FIRE becomes FIRE_AND_PURGE.
    const result = run((env) => {
      env
        .fromSource(source([decimal(4)]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(100))
        .trigger(PurgingTrigger.of(CountTrigger.of(2)))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([11, 1100]);
  });
});

describe('countWindow', () => {
  // KeyedStream.countWindow(size): window(GlobalWindows.create()).trigger(PurgingTrigger.of(
  // CountTrigger.of(size))). countWindow(size, slide): window(GlobalWindows.create())
  // .evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide)).
  it('tumbling: fires every size elements; a partial window is never emitted, not even at the end', () => {
    // GlobalWindow.maxTimestamp() is Long.MAX_VALUE and WindowOperator.registerCleanupTimer sets
    // no timer for it, so the last two elements stay in state forever.
    const result = run((env) => {
      env
        .fromSource(source([decimal(8)]))
        .keyBy((e) => e.k)
        .countWindow(3)
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([111, 111_000]);
  });

  it('sliding with slide 1: each element fires the last size elements', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4, 5)
        .keyBy(() => 'k')
        .countWindow(3, 1)
        .sum()
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([1, 3, 6, 9, 12]);
  });

  it('sliding with slide 2: fires every 2 elements over the last 3', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4, 5, 6)
        .keyBy(() => 'k')
        .countWindow(3, 2)
        .sum()
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([3, 9, 15]);
  });

  it('sum keeps the non-aggregated fields of the first element left after eviction', () => {
    // SumAggregator.reduce copies value1 (the running result, seeded with the first element the
    // function sees); the evictor has removed the older ones before the function runs.
    interface Tagged {
      readonly tag: string;
      readonly v: number;
    }
    const result = run((env) => {
      env
        .fromElements<Tagged>({ tag: 'a', v: 1 }, { tag: 'b', v: 2 }, { tag: 'c', v: 3 })
        .keyBy(() => 'k')
        .countWindow(2, 1)
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([
      { tag: 'a', v: 1 },
      { tag: 'a', v: 3 },
      { tag: 'b', v: 5 },
    ]);
  });
});

describe('evictors', () => {
  it('CountEvictor removes evicted elements from the window state for good', () => {
    // EvictingWindowOperator.emitWindowContents: evictBefore, apply, evictAfter, then
    // windowState.clear() and re-add the remaining elements (FLINK-4369).
    const result = run((env) => {
      env
        .fromSource(source([decimal(4)]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(100))
        .trigger(CountTrigger.of(2))
        .evictor(CountEvictor.of(1))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([10, 1000]);
  });

  it('CountEvictor with doEvictAfter evicts after the function saw every element', () => {
    // CountEvictor.evictAfter: if (doEvictAfter) evict(...): keeps the last maxCount elements.
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4)
        .keyBy(() => 'k')
        .window(GlobalWindows.create())
        .trigger(CountTrigger.of(2))
        .evictor(CountEvictor.of(1, true))
        .sum()
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([3, 9]);
  });

  it('TimeEvictor keeps elements with timestamp > max timestamp − windowSize', () => {
    // TimeEvictor.evict: currentTime = getMaxTimestamp(elements); evictCutoff = currentTime -
    // windowSize; removes records with timestamp <= evictCutoff.
    const result = run((env) => {
      env
        .fromSource(
          source([[rec(r('a', 1, 1), 1, 0), rec(r('a', 3, 10), 3, 0), rec(r('a', 8, 100), 8, 0)]]),
        )
        .keyBy((e) => e.k)
        .window(GlobalWindows.create())
        .trigger(CountTrigger.of(3))
        .evictor(TimeEvictor.of(5))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([100]);
  });
});

describe('ContinuousEventTimeTrigger', () => {
  // onElement: if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return FIRE; else
  // ctx.registerEventTimeTimer(window.maxTimestamp()); if no fire time yet:
  // registerNextFireTimestamp(timestamp - (timestamp % interval)) with next =
  // Math.min(time + interval, window.maxTimestamp()). onEventTime: time == maxTimestamp → FIRE; the
  // stored fire time → clear, register the next, FIRE.
  function continuous(
    events: SourceEvent<Reading>[],
    interval: number,
    purging = false,
  ): ReturnType<typeof run> {
    return run((env) => {
      env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .trigger(
          purging
            ? PurgingTrigger.of(ContinuousEventTimeTrigger.of(interval))
            : ContinuousEventTimeTrigger.of(interval),
        )
        .sum('v')
        .sinkTo(env.collect('out'));
    });
  }

  it('fires at each interval boundary and at the end of the window', () => {
    const result = continuous(
      [rec(r('a', 1), 1, 0), wm(3, 100), rec(r('a', 4, 10), 4, 150), wm(6, 200), wm(9, 300)],
      3,
    );
    expect(sums(result)).toEqual([1, 11, 11]);
    expect((result.outputs['out'] ?? []).map((row) => row.processingTime)).toEqual([100, 200, 300]);
  });

  it('fires once per boundary when one watermark jumps over several of them', () => {
    // InternalTimerServiceImpl.advanceWatermark polls timers while timestamp <= watermark, so the
    // timers each firing registers (6, then 9) fire within the same advance.
    const result = continuous([rec(r('a', 1), 1, 0), wm(100, 100)], 3);
    expect(sums(result)).toEqual([1, 1, 1]);
  });

  it('uses Java remainder semantics for negative timestamps', () => {
    // ts -8, interval 5: -8 % 5 = -3 in Java, so start = -5 and the next fire time is
    // min(0, maxTimestamp -1) = -1: nothing fires at watermark -5.
    const result = continuous([rec(r('a', -8), -8, 0), wm(-5, 100), wm(-1, 200)], 5);
    expect((result.outputs['out'] ?? []).map((row) => row.processingTime)).toEqual([200]);
  });

  it('emits nothing when a purged window fires again with no new element', () => {
    // WindowOperator.onEventTime: if (triggerResult.isFire()) { contents = windowState.get();
    // if (contents != null) emitWindowContents(...) }.
    const result = continuous([rec(r('a', 1), 1, 0), wm(3, 100), wm(6, 200), wm(9, 300)], 3, true);
    expect(sums(result)).toEqual([1]);
  });
});

describe('triggers on global windows', () => {
  it('EventTimeTrigger fires a global window at the end of input (MAX_WATERMARK)', () => {
    // GlobalWindow.maxTimestamp() = Long.MAX_VALUE; the final watermark is Long.MAX_VALUE, so the
    // timer EventTimeTrigger registered at maxTimestamp fires.
    const result = run((env) => {
      env
        .fromSource(source([decimal(3)]))
        .keyBy((e) => e.k)
        .window(GlobalWindows.create())
        .trigger(EventTimeTrigger.create())
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([111]);
  });

  it('the default NeverTrigger of GlobalWindows never fires', () => {
    const result = run((env) => {
      env
        .fromSource(source([decimal(3)]))
        .keyBy((e) => e.k)
        .window(GlobalWindows.create())
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect(sums(result)).toEqual([]);
  });
});

describe('merging', () => {
  class FireOnEveryElement extends Trigger {
    onElement(): TriggerResult {
      return 'FIRE';
    }
    onEventTime(): TriggerResult {
      return 'CONTINUE';
    }
    onProcessingTime(): TriggerResult {
      return 'CONTINUE';
    }
    clear(): void {}
    toString(): string {
      return 'FireOnEveryElement';
    }
  }

  it('rejects a trigger that cannot merge with a merging assigner', () => {
    // WindowedStream.trigger: if (windowAssigner instanceof MergingWindowAssigner &&
    // !trigger.canMerge()) throw UnsupportedOperationException("A merging window assigner cannot
    // be used with a trigger that does not support merging.").
    expect(() =>
      run((env) => {
        env
          .fromSource(source([decimal(1)]))
          .keyBy((e) => e.k)
          .window(EventTimeSessionWindows.withGap(5))
          .trigger(new FireOnEveryElement())
          .sum('v')
          .sinkTo(env.collect('out'));
      }),
    ).toThrow(PipelineDefinitionError);
  });
});
