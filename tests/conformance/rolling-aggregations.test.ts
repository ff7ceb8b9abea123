/**
 * Conformance of rolling aggregations on a KeyedStream, and of the same aggregations on windows,
 * with Flink's `StreamGroupedReduceOperator`, `SumAggregator` and `ComparableAggregator`
 * (flink-streaming-java, `org.apache.flink.streaming.api.functions.aggregation`).
 */
import { describe, expect, it } from 'vitest';
import { TumblingEventTimeWindows, WatermarkStrategy } from '../../src/engine/index';
import type { KeyedStream, SingleOutputStreamOperator } from '../../src/engine/index';
import { rec, run, source, values } from './support';

interface Row {
  readonly k: string;
  readonly tag: string;
  readonly v: number;
}
const row = (tag: string, v: number, k = 'a'): Row => ({ k, tag, v });
const shown = (rows: Row[]): string[] => rows.map((x) => `${x.k}:${x.tag}${x.v}`);

function rolling(
  input: Row[],
  aggregate: (keyed: KeyedStream<Row, string>) => SingleOutputStreamOperator<Row>,
): string[] {
  const result = run((env) => {
    aggregate(env.fromElements(...input).keyBy((x) => x.k)).sinkTo(env.collect('out'));
  });
  return shown(values<Row>(result));
}

describe('rolling aggregations (StreamGroupedReduceOperator)', () => {
  // StreamGroupedReduceOperator.processElement: the first value of a key is stored and emitted as
  // is; each later one emits userFunction.reduce(currentValue, value) and stores it.
  it('sum emits a running total and keeps the first record of the key for the other fields', () => {
    // SumAggregator.reduce: result = copy(value1); result.field = value1.field + value2.field.
    const out = rolling([row('x', 1), row('y', 2), row('q', 5, 'b'), row('z', 3)], (s) =>
      s.sum('v'),
    );
    expect(out).toEqual(['a:x1', 'a:x3', 'b:q5', 'a:x6']);
  });

  it('min replaces only the field and keeps the first record otherwise', () => {
    // ComparableAggregator.reduce, byAggregate = false: returns value1 with the field set to the
    // smaller value (fieldAccessor.set(value1, o2) when value2's is smaller).
    expect(rolling([row('x', 5), row('y', 3), row('z', 4)], (s) => s.min('v'))).toEqual([
      'a:x5',
      'a:x3',
      'a:x3',
    ]);
  });

  it('max replaces only the field and keeps the first record otherwise', () => {
    expect(rolling([row('x', 5), row('y', 7), row('z', 6)], (s) => s.max('v'))).toEqual([
      'a:x5',
      'a:x7',
      'a:x7',
    ]);
  });

  it('minBy returns the whole record holding the minimum, the first one on ties', () => {
    // ComparableAggregator.reduce, byAggregate = true: if (c == 0) return first ? value1 : value2;
    // KeyedStream.minBy(field) uses first = true.
    expect(rolling([row('x', 5), row('y', 3), row('z', 3)], (s) => s.minBy('v'))).toEqual([
      'a:x5',
      'a:y3',
      'a:y3',
    ]);
  });

  it('maxBy returns the whole record holding the maximum, the first one on ties', () => {
    expect(rolling([row('x', 5), row('y', 7), row('z', 7)], (s) => s.maxBy('v'))).toEqual([
      'a:x5',
      'a:y7',
      'a:y7',
    ]);
  });

  it('reduce emits the first record unchanged, then reduce(accumulated, new)', () => {
    const out = rolling([row('x', 1), row('y', 2), row('z', 3)], (s) =>
      s.reduce((a, b) => ({ k: a.k, tag: a.tag + b.tag, v: a.v * 10 + b.v })),
    );
    expect(out).toEqual(['a:x1', 'a:xy12', 'a:xyz123']);
  });

  it('sum on a tuple position keeps the other positions of the first tuple', () => {
    // The WordCount shape: keyBy(0).sum(1).
    const result = run((env) => {
      env
        .fromElements<[string, number, string]>(['a', 1, 'first'], ['a', 2, 'second'])
        .keyBy((t) => t[0])
        .sum(1)
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual([
      ['a', 1, 'first'],
      ['a', 3, 'first'],
    ]);
  });

  it('gives each rolling result the timestamp of the record that produced it', () => {
    // StreamGroupedReduceOperator: output.collect(element.replace(reduced)) keeps the element's
    // timestamp.
    const result = run((env) => {
      env
        .fromSource(source([[rec(row('x', 1), 30, 0), rec(row('y', 2), 10, 0)]]))
        .keyBy((x) => x.k)
        .sum('v')
        .sinkTo(env.collect('out'));
    });
    expect((result.outputs['out'] ?? []).map((x) => x.timestamp)).toEqual([30, 10]);
  });
});

describe('the same aggregations on a window', () => {
  // WindowedStream.sum/min/max/minBy/maxBy wrap the same aggregators as a ReduceFunction in the
  // window's ReducingState, fed in arrival order.
  function windowed(input: Row[], aggregate: 'sum' | 'min' | 'max' | 'minBy' | 'maxBy'): string[] {
    const result = run((env) => {
      const windowedStream = env
        .fromElements(...input)
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<Row>().withTimestampAssigner(() => 1),
        )
        .keyBy((x) => x.k)
        .window(TumblingEventTimeWindows.of(10));
      windowedStream[aggregate]('v').sinkTo(env.collect('out'));
    });
    return shown(values<Row>(result));
  }

  it('sum keeps the first element of the window', () => {
    expect(windowed([row('x', 1), row('y', 2)], 'sum')).toEqual(['a:x3']);
  });

  it('min keeps the first element with the minimum value, minBy the element holding it', () => {
    const input = [row('x', 5), row('y', 3), row('z', 3)];
    expect(windowed(input, 'min')).toEqual(['a:x3']);
    expect(windowed(input, 'minBy')).toEqual(['a:y3']);
  });

  it('max keeps the first element with the maximum value, maxBy the element holding it', () => {
    const input = [row('x', 5), row('y', 7), row('z', 7)];
    expect(windowed(input, 'max')).toEqual(['a:x7']);
    expect(windowed(input, 'maxBy')).toEqual(['a:y7']);
  });
});
