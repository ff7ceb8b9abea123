/**
 * Conformance of window functions and window joins with Flink's `WindowedStream.reduce / aggregate /
 * process`, `InternalSingleValueProcessWindowFunction`, `JoinedStreams` / `CoGroupedStreams`
 * (a union of both inputs into one `WindowOperator`), and the "Windows → Window Functions" and
 * "Joining → Window Join" docs.
 */
import { describe, expect, it } from 'vitest';
import {
  ProcessWindowFunction,
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
} from '../../src/engine/index';
import type {
  AggregateFunction,
  Collector,
  ProcessWindowContext,
  SourceEvent,
  TimeWindow,
} from '../../src/engine/index';
import type { Reading } from './support';
import { r, rec, run, source, values, wm } from './support';

const events: SourceEvent<Reading>[] = [
  rec(r('a', 3, 1), 3, 0),
  rec(r('a', 1, 2), 1, 0),
  rec(r('a', 2, 3), 2, 0),
  wm(20, 10),
];

class Describe extends ProcessWindowFunction<Reading | number, string, string, TimeWindow> {
  process(
    key: string,
    ctx: ProcessWindowContext<TimeWindow>,
    elements: readonly (Reading | number)[],
    out: Collector<string>,
  ): void {
    const shown = elements.map((e) => (typeof e === 'number' ? e : e.v)).join(',');
    const w = ctx.window();
    out.collect(
      `${key} [${w.start},${w.end}) max=${w.maxTimestamp()} wm=${ctx.currentWatermark()} ${shown}`,
    );
  }
}

describe('window functions', () => {
  it('reduce folds in arrival order and emits at maxTimestamp', () => {
    // ReducingState.add: reduce(current, new) in arrival order.
    const result = run((env) => {
      env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .reduce((x, y) => ({ k: x.k, ts: x.ts, v: x.v * 10 + y.v }))
        .sinkTo(env.collect('out'));
    });
    expect((result.outputs['out'] ?? []).map((x) => [(x.value as Reading).v, x.timestamp])).toEqual(
      [[123, 9]],
    );
  });

  it('aggregate emits getResult of the accumulator', () => {
    const average: AggregateFunction<Reading, { sum: number; n: number }, number> = {
      createAccumulator: () => ({ sum: 0, n: 0 }),
      add: (e, acc) => ({ sum: acc.sum + e.v, n: acc.n + 1 }),
      getResult: (acc) => acc.sum / acc.n,
      merge: (a, b) => ({ sum: a.sum + b.sum, n: a.n + b.n }),
    };
    const result = run((env) => {
      env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .aggregate(average)
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([2]);
  });

  it('process sees all elements in arrival order, the window, and the watermark that fired it', () => {
    // InternalTimerServiceImpl.advanceWatermark sets currentWatermark before firing timers, so
    // ProcessWindowFunction.Context.currentWatermark() is the new watermark (20), not 9.
    const result = run((env) => {
      env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .process(new Describe())
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual(['a [0,10) max=9 wm=20 1,2,3']);
  });

  it('reduce followed by process hands the process function the single reduced value', () => {
    // WindowedStream.reduce(reduceFunction, processWindowFunction) → ReducingState +
    // InternalSingleValueProcessWindowFunction.
    const result = run((env) => {
      env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .reduce((x, y) => ({ k: x.k, ts: x.ts, v: x.v + y.v }), new Describe())
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual(['a [0,10) max=9 wm=20 6']);
  });

  it('aggregate followed by process hands the process function the single result', () => {
    const count: AggregateFunction<Reading, number, number> = {
      createAccumulator: () => 0,
      add: (_e, acc) => acc + 1,
      getResult: (acc) => acc,
      merge: (a, b) => a + b,
    };
    const result = run((env) => {
      env
        .fromSource(source([events]))
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .aggregate(count, new Describe())
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual(['a [0,10) max=9 wm=20 3']);
  });

  it('windowAll collects every key into one window and carries no key', () => {
    const result = run((env) => {
      env
        .fromSource(source([[rec(r('a', 1, 1), 1, 0), rec(r('b', 2, 10), 2, 0)]]))
        .windowAll(TumblingEventTimeWindows.of(10))
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    const rows = result.outputs['out'] ?? [];
    expect(rows.map((x) => [(x.value as Reading).v, x.key])).toEqual([[11, undefined]]);
  });
});

describe('window join and coGroup', () => {
  const left: SourceEvent<Reading>[] = [0, 1, 2, 6].map((t) => rec(r('k', t, t), t, 0));
  const right: SourceEvent<Reading>[] = [0, 3, 4].map((t) => rec(r('k', t, t), t, 0));

  it('join emits every pair of a key and window, with the window maxTimestamp', () => {
    // JoinedStreams.WithWindow.apply → coGroup with FlatJoinCoGroupFunction: for each left, for
    // each right: join(left, right). Windows with one side empty emit nothing.
    const result = run((env) => {
      env
        .fromSource(source([left], 'left'))
        .join(env.fromSource(source([right], 'right')))
        .where((e) => e.k)
        .equalTo((e) => e.k)
        .window(TumblingEventTimeWindows.of(2))
        .apply((l, rr) => `${l.ts}/${rr.ts}`)
        .sinkTo(env.collect('out'));
    });
    const rows = result.outputs['out'] ?? [];
    expect(rows.map((x) => [x.value, x.timestamp])).toEqual([
      ['0/0', 1],
      ['1/0', 1],
      ['2/3', 3],
    ]);
  });

  it('a sliding window join emits a pair once per window holding both', () => {
    const result = run((env) => {
      env
        .fromSource(source([[rec(r('k', 2), 2, 0)]], 'left'))
        .join(env.fromSource(source([[rec(r('k', 3), 3, 0)]], 'right')))
        .where((e) => e.k)
        .equalTo((e) => e.k)
        .window(SlidingEventTimeWindows.of(4, 2))
        .apply((l, rr) => `${l.ts}/${rr.ts}`)
        .sinkTo(env.collect('out'));
    });
    expect((result.outputs['out'] ?? []).map((x) => [x.value, x.window?.start])).toEqual([
      ['2/3', 0],
      ['2/3', 2],
    ]);
  });

  it('coGroup is called for every window with at least one element on either side', () => {
    // CoGroupedStreams: a union of tagged inputs in one WindowOperator; the CoGroupFunction gets
    // both iterables, one possibly empty.
    const result = run((env) => {
      env
        .fromSource(source([left], 'left'))
        .coGroup(env.fromSource(source([right], 'right')))
        .where((e) => e.k)
        .equalTo((e) => e.k)
        .window(TumblingEventTimeWindows.of(2))
        .apply<string>((ls, rs, out) => {
          out.collect(`${ls.map((e) => e.ts).join(',')}|${rs.map((e) => e.ts).join(',')}`);
        })
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual(['0,1|0', '2|3', '|4', '6|']);
  });
});
