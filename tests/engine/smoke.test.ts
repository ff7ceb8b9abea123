import { describe, expect, it } from 'vitest';
import { Time, TumblingEventTimeWindows } from '../../src/engine/index';
import type { Event } from './helpers';
import { ev, eventsStrategy, rec, run, scriptedSource, values, windows } from './helpers';

describe('a first pipeline', () => {
  it('maps, filters and sums with a rolling aggregation', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2, 3, 4, 5)
        .map((n) => n * 10)
        .filter((n) => n > 10)
        .keyBy(() => 'all')
        .sum()
        .sinkTo(env.collect('sums'));
    });
    expect(values(result, 'sums')).toEqual([20, 50, 90, 140]);
  });

  it('sums per key in tumbling event-time windows', () => {
    const source = scriptedSource<Event>([
      [
        rec(ev('a', 1_000, 1), 1_000),
        rec(ev('b', 2_000, 5), 2_000),
        rec(ev('a', 9_999, 2), 10_000),
        rec(ev('a', 10_000, 4), 10_500),
      ],
    ]);
    const result = run((env) => {
      env
        .fromSource(source, eventsStrategy())
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(Time.seconds(10)))
        .sum('n')
        .sinkTo(env.collect('sums'));
    });
    expect(windows(result.outputs['sums'], (v) => String((v as Event).n))).toEqual([
      'a [0,10000) ON_TIME#0! 3',
      'b [0,10000) ON_TIME#0! 5',
      'a [10000,20000) ON_TIME#0! 4',
    ]);
  });
});
