import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OutputTag,
  ProcessJoinFunction,
  SlidingEventTimeWindows,
  TestStream,
  TimestampedValue,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '../../../src/engine/index';
import type {
  Collector,
  ProcessJoinContext,
  StreamExecutionEnvironment,
} from '../../../src/engine/index';
import { rec, run, scriptedSource, values } from '../helpers';

/** A stream of numbers whose value is their timestamp, as in the Flink docs' join figures. */
function numbers(env: StreamExecutionEnvironment, timestamps: readonly number[], name: string) {
  return env.fromSource(
    scriptedSource([timestamps.map((t) => rec(t, t, t))], name),
    WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n),
  );
}

const pairs = (result: ReturnType<typeof run>): string[] => values<string>(result, 'out');

describe('window join (the Flink docs’ figures)', () => {
  it('tumbling: pairs elements of the same window; a window with one side empty emits nothing', () => {
    const result = run((env) => {
      numbers(env, [0, 1, 2, 3, 4, 5, 6, 7], 'orange')
        .join(numbers(env, [0, 1, 2, 3, 4, 5], 'green'))
        .where(() => 'k')
        .equalTo(() => 'k')
        .window(TumblingEventTimeWindows.of(2))
        .apply((o, g) => `${o},${g}`)
        .sinkTo(env.collect('out'));
    });
    expect(pairs(result)).toEqual([
      '0,0',
      '0,1',
      '1,0',
      '1,1',
      '2,2',
      '2,3',
      '3,2',
      '3,3',
      '4,4',
      '4,5',
      '5,4',
      '5,5',
    ]);
    // Results carry the window's last timestamp.
    expect(result.outputs['out']?.map((r) => r.timestamp)).toEqual([
      1, 1, 1, 1, 3, 3, 3, 3, 5, 5, 5, 5,
    ]);
  });

  it('sliding: an element can join in one window and not in the next', () => {
    const result = run((env) => {
      numbers(env, [2], 'orange')
        .join(numbers(env, [3], 'green'))
        .where(() => 'k')
        .equalTo(() => 'k')
        .window(SlidingEventTimeWindows.of(2, 1))
        .apply((o, g) => `${o},${g}`)
        .sinkTo(env.collect('out'));
    });
    // Orange 2 is in [1, 3) and [2, 4); green 3 only in [2, 4) and [3, 5): one pair.
    expect(result.outputs['out']?.map((r) => [r.value, r.window])).toEqual([
      ['2,3', { start: 2, end: 4 }],
    ]);
  });

  it('coGroup hands over both sides, even when one is empty', () => {
    const result = run((env) => {
      numbers(env, [0, 1, 6], 'orange')
        .coGroup(numbers(env, [1, 3], 'green'))
        .where(() => 'k')
        .equalTo(() => 'k')
        .window(TumblingEventTimeWindows.of(2))
        .apply((os: readonly number[], gs: readonly number[], out: Collector<string>) =>
          out.collect(`[${os.join(' ')}|${gs.join(' ')}]`),
        )
        .sinkTo(env.collect('out'));
    });
    expect(pairs(result)).toEqual(['[0 1|1]', '[|3]', '[6|]']);
  });
});

class Pair extends ProcessJoinFunction<number, number, string> {
  processElement(
    left: number,
    right: number,
    ctx: ProcessJoinContext,
    out: Collector<string>,
  ): void {
    out.collect(`${left},${right}@${ctx.timestamp()}`);
  }
}

function intervalJoin(
  left: readonly number[],
  right: readonly number[],
  lower: number,
  upper: number,
  exclusive: { lower?: boolean; upper?: boolean } = {},
): string[] {
  const result = run((env) => {
    const joined = numbers(env, left, 'orange')
      .keyBy(() => 'k')
      .intervalJoin(numbers(env, right, 'green').keyBy(() => 'k'))
      .between(lower, upper);
    if (exclusive.lower === true) joined.lowerBoundExclusive();
    if (exclusive.upper === true) joined.upperBoundExclusive();
    joined.process(new Pair()).sinkTo(env.collect('out'));
  });
  return pairs(result).sort();
}

describe('interval join', () => {
  it('joins right elements within [left + lower, left + upper], both bounds included (the docs: −2, +1)', () => {
    expect(intervalJoin([0, 2, 3, 4, 5, 7], [0, 1, 6], -2, 1)).toEqual(
      ['0,0@0', '0,1@1', '2,0@2', '2,1@2', '3,1@3', '5,6@6', '7,6@7'].sort(),
    );
  });

  it('excludes bounds on request', () => {
    expect(intervalJoin([2], [0, 1, 2, 3], -2, 1, { lower: true, upper: true })).toEqual([
      '2,1@2',
      '2,2@2',
    ]);
  });

  it('matches a nested-loop join for any timestamps and bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }),
        fc.integer({ min: -10, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (left, right, lower, width) => {
          const sortedLeft = [...left].sort((a, b) => a - b);
          const sortedRight = [...right].sort((a, b) => a - b);
          const upper = lower + width;
          const expected = sortedLeft
            .flatMap((l) =>
              sortedRight
                .filter((r) => l + lower <= r && r <= l + upper)
                .map((r) => `${l},${r}@${Math.max(l, r)}`),
            )
            .sort();
          expect(intervalJoin(sortedLeft, sortedRight, lower, upper)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('drops or side-outputs elements behind the watermark', () => {
    const lateLeft = new OutputTag<number>('late-left');
    const script = TestStream.create<number>()
      .addElements(TimestampedValue.of(10, 10))
      .advanceWatermarkTo(20)
      // By then the other input has ended: the join's watermark is this input's 20.
      .advanceProcessingTime(1_000)
      .addElements(TimestampedValue.of(5, 5))
      .advanceWatermarkToInfinity()
      .build();
    const result = run((env) => {
      const joined = env
        .fromSource(script)
        .keyBy(() => 'k')
        .intervalJoin(numbers(env, [9], 'green').keyBy(() => 'k'))
        .between(-5, 5)
        .sideOutputLeftLateData(lateLeft)
        .process(new Pair());
      joined.getSideOutput(lateLeft).sinkTo(env.collect('late'));
      joined.sinkTo(env.collect('out'));
    });
    expect(values(result, 'late')).toEqual([5]);
    expect(pairs(result)).toEqual(['10,9@10']);
  });

  it('rejects lower > upper while building, but accepts bounds that exclusion empties (as Flink)', () => {
    expect(() => intervalJoin([1], [1], 2, 1)).toThrow(/lower bound must not be above/);
    // Flink checks lower ≤ upper before shifting exclusive bounds: (0, 0) joins nothing.
    expect(intervalJoin([1, 2], [1, 2], 0, 0, { lower: true })).toEqual([]);
    expect(intervalJoin([1, 2], [1, 2], 0, 0)).toEqual(['1,1@1', '2,2@2']);
  });
});
