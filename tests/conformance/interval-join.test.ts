/**
 * Conformance of the interval join with Flink's `KeyedStream.IntervalJoin.between`,
 * `IntervalJoined.lowerBoundExclusive/upperBoundExclusive` and `IntervalJoinOperator`
 * (processElement, isLate, collect, onEventTime cleanup), and the "Joining → Interval Join" docs.
 */
import { describe, expect, it } from 'vitest';
import { OutputTag, PipelineDefinitionError, ProcessJoinFunction } from '../../src/engine/index';
import type { Collector, ProcessJoinContext, SourceEvent } from '../../src/engine/index';
import type { Reading } from './support';
import { r, rec, run, source, values, wm } from './support';

class Pair extends ProcessJoinFunction<Reading, Reading, string> {
  processElement(left: Reading, right: Reading, ctx: ProcessJoinContext, out: Collector<string>) {
    out.collect(
      `${left.ts}/${right.ts} l=${ctx.leftTimestamp()} r=${ctx.rightTimestamp()} t=${ctx.timestamp()}`,
    );
  }
}

interface Options {
  readonly lowerExclusive?: boolean;
  readonly upperExclusive?: boolean;
}

function join(
  left: SourceEvent<Reading>[],
  right: SourceEvent<Reading>[],
  lower: number,
  upper: number,
  options: Options = {},
): ReturnType<typeof run> {
  const lateLeft = new OutputTag<Reading>('late-left');
  const lateRight = new OutputTag<Reading>('late-right');
  return run((env) => {
    const joined = env
      .fromSource(source([left], 'left'))
      .keyBy((e) => e.k)
      .intervalJoin(env.fromSource(source([right], 'right')).keyBy((e) => e.k))
      .between(lower, upper)
      .sideOutputLeftLateData(lateLeft)
      .sideOutputRightLateData(lateRight);
    if (options.lowerExclusive === true) joined.lowerBoundExclusive();
    if (options.upperExclusive === true) joined.upperBoundExclusive();
    const out = joined.process(new Pair());
    out.sinkTo(env.collect('out'));
    out.getSideOutput(lateLeft).sinkTo(env.collect('late-left'));
    out.getSideOutput(lateRight).sinkTo(env.collect('late-right'));
  });
}

const rights = (...ts: number[]): SourceEvent<Reading>[] => ts.map((t) => rec(r('k', t), t, 0));
const pairs = (result: ReturnType<typeof run>): string[] =>
  values<string>(result).map((s) => s.split(' ')[0] as string);

describe('bounds', () => {
  // IntervalJoinOperator.processElement skips other-side buckets with timestamp < ourTimestamp +
  // relativeLowerBound or > ourTimestamp + relativeUpperBound: both bounds are inclusive.
  it('pairs right elements with left.ts + lower <= right.ts <= left.ts + upper', () => {
    const result = join([rec(r('k', 10), 10, 0)], rights(7, 8, 10, 13, 14), -2, 3);
    expect(pairs(result).sort()).toEqual(['10/10', '10/13', '10/8']);
  });

  it('pairs in both arrival orders (a left element arriving after the right ones)', () => {
    const result = join([rec(r('k', 10), 10, 50)], rights(8, 13, 14), -2, 3);
    expect(pairs(result).sort()).toEqual(['10/13', '10/8']);
  });

  it('excludes the bounds with lowerBoundExclusive / upperBoundExclusive', () => {
    // IntervalJoinOperator constructor: lowerBound = inclusive ? lower : lower + 1; upperBound =
    // inclusive ? upper : upper − 1.
    const result = join([rec(r('k', 10), 10, 0)], rights(8, 9, 12, 13), -2, 3, {
      lowerExclusive: true,
      upperExclusive: true,
    });
    expect(pairs(result).sort()).toEqual(['10/12', '10/9']);
  });

  it('gives the result max(left.ts, right.ts) and the context both timestamps', () => {
    // IntervalJoinOperator.collect: resultTimestamp = Math.max(leftTimestamp, rightTimestamp);
    // collector.setAbsoluteTimestamp(resultTimestamp); context.updateTimestamps(left, right, result).
    const result = join([rec(r('k', 10), 10, 0)], rights(8, 13), -2, 3);
    const rows = result.outputs['out'] ?? [];
    expect(rows.map((row) => [row.value, row.timestamp])).toEqual(
      expect.arrayContaining([
        ['10/8 l=10 r=8 t=10', 10],
        ['10/13 l=10 r=13 t=13', 13],
      ]),
    );
  });

  it('only pairs elements of the same key', () => {
    const result = join(
      [rec(r('a', 10), 10, 0), rec(r('b', 10), 10, 0)],
      [rec(r('a', 11), 11, 0)],
      0,
      5,
    );
    expect(pairs(result)).toEqual(['10/11']);
  });

  it('accepts an interval that exclusive bounds leave empty, and joins nothing', () => {
    // IntervalJoinOperator constructor checks lowerBound <= upperBound *before* moving the bounds
    // for exclusiveness (lowerBound + 1, upperBound − 1), so between(0, 0) with both bounds
    // exclusive is a valid job that never emits. The engine rejects it while building.
    const result = join([rec(r('k', 10), 10, 0)], rights(9, 10, 11), 0, 0, {
      lowerExclusive: true,
      upperExclusive: true,
    });
    expect(pairs(result)).toEqual([]);
  });

  it('rejects lower > upper while the pipeline is built', () => {
    // KeyedStream.IntervalJoin.between → IntervalJoinOperator: checkArgument(lowerBound <=
    // upperBound, "lowerBound <= upperBound must be fulfilled").
    expect(() => join([], [], 5, 2)).toThrow(PipelineDefinitionError);
  });
});

describe('late elements', () => {
  // IntervalJoinOperator.isLate: timestamp < internalTimerService.currentWatermark(); a late
  // element goes to the side output (or is dropped) and never joins.
  it('accepts an element at exactly the watermark and side-outputs one below it', () => {
    const result = join(
      [wm(10, 0), rec(r('k', 10), 10, 10), rec(r('k', 9), 9, 10)],
      [wm(10, 0), rec(r('k', 10), 10, 20), rec(r('k', 9), 9, 20)],
      -5,
      5,
    );
    expect(pairs(result)).toEqual(['10/10']);
    expect(values<Reading>(result, 'late-left').map((e) => e.ts)).toEqual([9]);
    expect(values<Reading>(result, 'late-right').map((e) => e.ts)).toEqual([9]);
  });
});

describe('buffer cleanup', () => {
  // processElement registers a cleanup timer at ourTimestamp + relativeUpperBound when that bound
  // is positive, else at ourTimestamp; for the right side the relative bounds are (−upper, −lower).
  // onEventTime removes the bucket when the watermark reaches the timer.
  it('removes a left element once the watermark reaches left.ts + upper', () => {
    const before = join(
      [rec(r('k', 10), 10, 0), wm(14, 10)],
      [wm(14, 10), rec(r('k', 15), 15, 20)],
      0,
      5,
    );
    expect(pairs(before)).toEqual(['10/15']);
    const after = join(
      [rec(r('k', 10), 10, 0), wm(15, 10)],
      [wm(15, 10), rec(r('k', 15), 15, 20)],
      0,
      5,
    );
    expect(pairs(after)).toEqual([]);
    expect(values(after, 'late-right')).toEqual([]);
  });

  it('removes a right element once the watermark reaches right.ts − lower', () => {
    // between(-5, 0): the right side's relative upper bound is 5, so right 10 lives until 15.
    const before = join(
      [wm(14, 10), rec(r('k', 15), 15, 20)],
      [rec(r('k', 10), 10, 0), wm(14, 10)],
      -5,
      0,
    );
    expect(pairs(before)).toEqual(['15/10']);
    const after = join(
      [wm(15, 10), rec(r('k', 15), 15, 20)],
      [rec(r('k', 10), 10, 0), wm(15, 10)],
      -5,
      0,
    );
    expect(pairs(after)).toEqual([]);
  });
});
