/**
 * The built-in aggregations (`sum`, `min`, `max`, `minBy`, `maxBy`) copy their accumulators for a
 * snapshot without `copyState`'s walk (see `field-accumulator-copy.ts`). These check that the
 * shortcut changes nothing a snapshot promises: the same copy and the same size as `copyState`, a
 * copy that stays as it was while the job goes on, and a refusal naming the path for what cannot
 * be copied.
 */
import { describe, expect, it } from 'vitest';
import { JobExecutionError, Time, TumblingEventTimeWindows } from '../../../src/engine/index';
import type { StreamExecutionEnvironment } from '../../../src/engine/index';
import type {
  FieldAccumulator,
  FieldAccumulatorCopy,
} from '../../../src/engine/functions/field-accumulator-copy';
import { fieldAggregate } from '../../../src/engine/functions/field-aggregations';
import type { FieldAggregation } from '../../../src/engine/functions/field-aggregations';
import type { JobSnapshot } from '../../../src/engine/runtime/snapshot';
import { copyState } from '../../../src/engine/state/copy-state';
import { ev, eventsStrategy } from '../helpers';
import { restored, stepwise, uninterrupted } from './restart';

function freshCopy(): FieldAccumulatorCopy {
  return { value: undefined, bytes: 0, source: undefined, sourceBytes: 0 };
}

/** Folds `values` into a built-in aggregation's accumulator, copying it after every element. */
function foldAndCopy(
  kind: FieldAggregation,
  field: string | number | undefined,
  values: unknown[],
) {
  const aggregate = fieldAggregate(kind, field);
  let acc = aggregate.createAccumulator();
  const into = freshCopy();
  const copies: { quick: FieldAccumulatorCopy; general: ReturnType<typeof copyState> }[] = [];
  for (const value of values) {
    acc = aggregate.add(value, acc);
    aggregate.copyAccumulator(acc, into);
    copies.push({ quick: { ...into }, general: copyState(acc) });
  }
  return { acc, copies };
}

describe('the quick copy of a built-in accumulator', () => {
  const records = [
    { sensor: 's1', celsius: 20, label: 'first', flag: true, none: null },
    { sensor: 's1', celsius: 25.5, label: 'a much longer label', flag: false, none: null },
    { sensor: 's1', celsius: -3, label: '', flag: true, none: null },
  ];
  const cases: [FieldAggregation, string | number | undefined, unknown[]][] = [
    ['sum', 'celsius', records],
    ['min', 'celsius', records],
    ['max', 'label', records],
    ['minBy', 'celsius', records],
    ['maxBy', 'celsius', records],
    ['sum', undefined, [1, 2.5, 40]],
    ['max', undefined, ['b', 'abc', 'a']],
    [
      'sum',
      1,
      [
        ['x', 1, 'y'],
        ['x', 2, 'y'],
        ['z', 3, 'w'],
      ],
    ],
  ];

  it.each(cases)(
    '%s(%s): the same copy and size as copyState, after every element',
    (kind, field, values) => {
      const { copies } = foldAndCopy(kind, field, values);
      for (const { quick, general } of copies) {
        expect(quick.value).toEqual(general.value);
        expect(quick.bytes).toBe(general.bytes);
      }
    },
  );

  it('shares nothing with the live accumulator: later elements leave a copy as it was', () => {
    const aggregate = fieldAggregate('sum', 'celsius');
    const acc = aggregate.add(records[0], aggregate.createAccumulator());
    const into = freshCopy();
    aggregate.copyAccumulator(acc, into);
    const copy = into.value as FieldAccumulator;
    const pristine = structuredClone(copy);
    aggregate.add(records[1], acc);
    aggregate.copyAccumulator(acc, into);
    expect(copy).toEqual(pristine);
    expect(copy.current).not.toBe(acc.current);
    expect((into.value as FieldAccumulator).current).toEqual({ ...records[0], celsius: 45.5 });
  });

  it('leaves nested values to copyState, which copies them deeply', () => {
    const nested = { sensor: 's1', celsius: 1, where: { room: 'lab', floors: [1, 2] } };
    const { acc, copies } = foldAndCopy('sum', 'celsius', [nested, { ...nested, celsius: 2 }]);
    const last = copies.at(-1) as (typeof copies)[number];
    expect(last.quick.value).toEqual(last.general.value);
    expect(last.quick.bytes).toBe(last.general.bytes);
    const copied = (last.quick.value as FieldAccumulator).current as typeof nested;
    expect(copied.where).not.toBe((acc.current as typeof nested).where);
  });

  it('refuses a record with a symbol-keyed property, as copyState does', () => {
    const tag = Symbol('tag');
    const aggregate = fieldAggregate('sum', 'celsius');
    const acc = aggregate.add({ celsius: 1, [tag]: 'x' }, aggregate.createAccumulator());
    const into = freshCopy();
    expect(() => {
      aggregate.copyAccumulator(acc, into);
    }).toThrow(/\.current holds a property keyed by a symbol/);
    // A copy that fails leaves the window's last copy as it was.
    expect(into).toEqual(freshCopy());
  });

  it('looks again when the window holds another record (session windows merging)', () => {
    // A merge into an empty window takes the other window's accumulator, whose record differs.
    const aggregate = fieldAggregate('sum', 'celsius');
    const into = freshCopy();
    const short = aggregate.add({ celsius: 5, label: 'short' }, aggregate.createAccumulator());
    aggregate.copyAccumulator(short, into);
    const long = aggregate.add(
      { celsius: 1, label: 'a label much longer than the first' },
      aggregate.createAccumulator(),
    );
    const merged = aggregate.merge(aggregate.createAccumulator(), long);
    aggregate.copyAccumulator(merged, into);
    expect(into.value).toEqual(copyState(merged).value);
    expect(into.bytes).toBe(copyState(merged).bytes);
  });
});

interface Reading {
  readonly key: string;
  readonly ts: number;
  readonly n: number;
  readonly extra?: unknown;
}

function summing(readings: readonly Reading[]) {
  return (env: StreamExecutionEnvironment) => {
    env
      .fromCollection(readings, { arrivalIntervalMs: 50 })
      .assignTimestampsAndWatermarks(eventsStrategy(0))
      .keyBy((r) => r.key)
      .window(TumblingEventTimeWindows.of(Time.seconds(10)))
      .sum('n')
      .sinkTo(env.collect('sums'));
  };
}

function windowsOf(snapshot: JobSnapshot): { key: string; contents: FieldAccumulator }[] {
  const op = [...snapshot.operators.values()].find((o) => o.kind === 'window');
  return (op?.state as { windows: { key: string; contents: FieldAccumulator }[] }).windows;
}

describe('sum in a job that is snapshotted', () => {
  const readings = Array.from({ length: 30 }, (_, i) => ev(i % 2 === 0 ? 'a' : 'b', i * 50, i));

  it('keeps each snapshot as it was, and restores the job without a break', () => {
    const job = stepwise(summing(readings));
    for (let i = 0; i < 6; i++) job.step();
    const first = job.snapshot();
    const pristine = structuredClone(first);
    for (let i = 0; i < 6; i++) job.step();
    const second = job.snapshot();
    const sumOf = (s: JobSnapshot, key: string) =>
      (windowsOf(s).find((w) => w.key === key)?.contents.current as Reading).n;
    expect(sumOf(second, 'a')).toBeGreaterThan(sumOf(first, 'a'));
    job.runToEnd();
    expect(first).toEqual(pristine);
    const expected = uninterrupted(summing(readings)).outputs['sums'] ?? [];
    const resumed = restored(summing(readings), second).runToEnd().outputs['sums'] ?? [];
    expect(resumed.map((r) => r.value)).toEqual(expected.map((r) => r.value));
  });

  it('refuses a record carrying a function, naming the window and the property', () => {
    // The first record of key "c" (sum keeps the first record's other fields) holds a function.
    const withFunction = readings.map((r, i) =>
      i === 3 ? { ...r, key: 'c', extra: { onAlarm: () => undefined } } : r,
    );
    const job = stepwise(summing(withFunction));
    for (let i = 0; i < 2; i++) job.step();
    job.snapshot();
    for (let i = 0; i < 4; i++) job.step();
    let error: unknown;
    try {
      job.snapshot();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobExecutionError);
    expect((error as Error).message).toMatch(
      /\.windows\[\d+\]\.contents\.current\.extra\.onAlarm holds a function\./,
    );
  });
});
