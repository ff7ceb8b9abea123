import { describe, expect, it } from 'vitest';
import {
  CountTrigger,
  EventTimeSessionWindows,
  ProcessWindowFunction,
  TestStream,
  Trigger,
} from '../../../src/engine/index';
import type {
  Collector,
  JobResult,
  ProcessWindowContext,
  Source,
  TimeWindow,
  TriggerResult,
} from '../../../src/engine/index';
import type { Event } from '../helpers';
import { at, ev, n, run, windows } from '../helpers';

class Members extends ProcessWindowFunction<Event, string, string, TimeWindow> {
  process(
    key: string,
    ctx: ProcessWindowContext<TimeWindow>,
    elements: readonly Event[],
    out: Collector<string>,
  ): void {
    out.collect(`${key}: ${elements.map((e) => e.ts).join(',')} in ${ctx.window().toString()}`);
  }
}

/** The sum of `n` per key in sessions with a gap of 3 and an allowed lateness of 10. */
function sessionSums(script: Source<Event>): JobResult {
  return run((env) => {
    env
      .fromSource(script)
      .keyBy((e) => e.key)
      .window(EventTimeSessionWindows.withGap(3))
      .allowedLateness(10)
      .sum('n')
      .sinkTo(env.collect('out'));
  });
}

describe('session windows', () => {
  it('merge windows that overlap or touch, and keep apart ones apart', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 0)), at(ev('a', 3)), at(ev('a', 5)), at(ev('a', 20)), at(ev('b', 1)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(EventTimeSessionWindows.withGap(3))
        .process(new Members())
        .sinkTo(env.collect('out'));
    });
    // [0,3) and [3,6) touch and merge; [5,8) overlaps: one session [0, 8).
    expect(result.outputs['out']?.map((r) => r.value)).toEqual([
      'b: 1 in [1, 4)',
      'a: 0,3,5 in [0, 8)',
      'a: 20 in [20, 23)',
    ]);
  });

  it('lets a late element within lateness bridge two sessions into one', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 0, 1)), at(ev('a', 6, 2)))
      .advanceWatermarkTo(4) // [0, 3) fires; [6, 9) is still open
      .addElements(at(ev('a', 3, 10))) // [3, 6) touches both: one session [0, 9)
      .advanceWatermarkToInfinity()
      .build();
    const result = sessionSums(script);
    expect(windows(result.outputs['out'], n)).toEqual([
      'a [0,3) ON_TIME#0 1',
      'a [0,9) ON_TIME#1 13',
    ]);
  });

  it('cleans up a merged session once the watermark passes its end plus the lateness', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 0, 1)), at(ev('a', 6, 2)))
      // [3, 6) touches both: one session [0, 9), a new window with no cleanup timer of its own yet.
      .addElements(at(ev('a', 3, 10)))
      // More elements of the merged session: its cleanup timer must still be set.
      .addElements(at(ev('a', 4, 100)), at(ev('a', 5, 1000)))
      .advanceWatermarkTo(9 + 10)
      // Past the ends plus the lateness: the session was cleaned up, and this element is dropped.
      .addElements(at(ev('a', 7, 10000)))
      .advanceWatermarkToInfinity()
      .build();
    const result = sessionSums(script);
    expect(windows(result.outputs['out'], n)).toEqual(['a [0,9) ON_TIME#0 1113']);
    const metrics = Object.values(result.metrics.operators).find((m) => m.windowsFired > 0);
    expect(metrics?.lateRecordsDropped).toBe(1);
  });

  it('merges trigger state: a count trigger counts across merged sessions', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 0)), at(ev('a', 10)))
      .addElements(at(ev('a', 5)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      env
        .fromSource(script)
        .keyBy((e) => e.key)
        .window(EventTimeSessionWindows.withGap(5))
        .trigger(CountTrigger.of(3))
        .sum('n')
        .sinkTo(env.collect('out'));
    });
    // After the merge the counts 1 + 1 are combined, and the third element fires the session.
    expect(windows(result.outputs['out'], n)).toEqual(['a [0,15) EARLY#0 3']);
  });

  it('reports the merge in the trace', () => {
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 0)), at(ev('a', 2)))
      .advanceWatermarkToInfinity()
      .build();
    const result = run(
      (env) => {
        env
          .fromSource(script)
          .keyBy((e) => e.key)
          .window(EventTimeSessionWindows.withGap(3))
          .sum('n')
          .sinkTo(env.collect('out'));
      },
      { trace: { level: 'full' } },
    );
    const merged = result.trace.find((e) => e.type === 'window-merged');
    expect(merged).toMatchObject({ start: 0, end: 5, mergedStarts: [0], mergedEnds: [3] });
  });

  it('rejects, while building, a trigger that cannot merge', () => {
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
    const script = TestStream.create<Event>()
      .addElements(at(ev('a', 1)))
      .build();
    expect(() =>
      run((env) => {
        env
          .fromSource(script)
          .keyBy((e) => e.key)
          .window(EventTimeSessionWindows.withGap(3))
          .trigger(new FireOnEveryElement());
      }),
    ).toThrow(/FireOnEveryElement cannot merge windows/);
  });
});
