/**
 * The built-in field aggregations' windows are snapshotted in columns (see `window-columns.ts`),
 * and read as rows. These check that the two forms are one state: at every step, the snapshot of a
 * `sum`, `min` or `max` job reads as the row form's snapshot of the same aggregation given to
 * `aggregate(...)` (which the columns never take), with the same size; that holds for a snapshot
 * first read long after it was taken; and windows the columns do not fit are still snapshotted.
 */
import { describe, expect, it } from 'vitest';
import {
  SlidingEventTimeWindows,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from '../../../src/engine/index';
import type { StreamExecutionEnvironment, WindowAssigner } from '../../../src/engine/index';
import { fieldAggregate } from '../../../src/engine/functions/field-aggregations';
import type { FieldAggregation } from '../../../src/engine/functions/field-aggregations';
import type { JobSnapshot, OperatorSnapshot } from '../../../src/engine/runtime/snapshot';
import { restored, stepwise, uninterrupted } from './restart';
import { windowOperator } from './window-readings';
import type { Reading } from './window-readings';

const readings: Reading[] = Array.from({ length: 36 }, (_, i) => ({
  key: ['a', 'b', 'c'][i % 3] as string,
  // Out of order by up to 300 ms, so windows of a key overlap in time.
  ts: i * 100 - (i % 4) * 100,
  n: (i * 7) % 11,
  label: `reading ${i}`,
}));

type Build = (env: StreamExecutionEnvironment) => void;

/**
 * The aggregation as the job's window function: built in (`.sum(field)`, snapshotted in columns)
 * or the same function given to `aggregate(...)` (snapshotted as rows).
 */
function program(
  kind: FieldAggregation,
  field: string | undefined,
  assigner: WindowAssigner,
  builtIn: boolean,
  values: readonly unknown[] = readings,
): Build {
  return (env) => {
    const windowed = env
      .fromCollection(values as Reading[], { arrivalIntervalMs: 50 })
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forBoundedOutOfOrderness<Reading>(300).withTimestampAssigner((r) => r.ts),
      )
      .keyBy((r) => r.key)
      .window(assigner)
      // Windows are kept after firing, so snapshots hold windows that fired (panes) too.
      .allowedLateness(Time.milliseconds(500));
    const out = builtIn
      ? windowed[kind](field as never)
      : windowed.aggregate(fieldAggregate(kind, field));
    out.sinkTo(env.collect('out'));
  };
}

function windowsOf(snapshot: OperatorSnapshot): { contents: { current: Reading } | undefined }[] {
  return (snapshot.state as { windows: { contents: { current: Reading } | undefined }[] }).windows;
}

/** Whether the window operator's state was kept in columns (its rows are built when read). */
function inColumns(snapshot: JobSnapshot): boolean {
  const state = windowOperator(snapshot).state as object;
  return Object.getOwnPropertyDescriptor(state, 'windows')?.get !== undefined;
}

/** Every step's snapshot, each taken before the next step and read only once the job is done. */
function snapshotsAtEveryStep(build: Build): JobSnapshot[] {
  const job = stepwise(build);
  const snapshots: JobSnapshot[] = [];
  do snapshots.push(job.snapshot());
  while (job.step() !== undefined);
  return snapshots;
}

const tumbling = TumblingEventTimeWindows.of(Time.seconds(1));
const sliding = SlidingEventTimeWindows.of(Time.seconds(1), Time.milliseconds(400));

describe('window snapshots in columns', () => {
  const cases: [FieldAggregation, string | undefined, WindowAssigner][] = [
    ['sum', 'n', tumbling],
    ['min', 'n', sliding],
    ['max', 'label', tumbling],
    ['minBy', 'n', tumbling],
  ];

  it.each(cases)(
    '%s(%s) reads as the row form at every step, with the same size',
    (kind, field, assigner) => {
      const columns = snapshotsAtEveryStep(program(kind, field, assigner, true));
      const rows = snapshotsAtEveryStep(program(kind, field, assigner, false));
      expect(columns.length).toBe(rows.length);
      let windowsSeen = 0;
      columns.forEach((snapshot, i) => {
        const column = windowOperator(snapshot);
        const row = windowOperator(rows[i] as JobSnapshot);
        expect(structuredClone(column.state)).toEqual(row.state);
        expect(column.bytes).toBe(row.bytes);
        expect(inColumns(rows[i] as JobSnapshot)).toBe(false);
        const windows = windowsOf(row).length;
        // `minBy` keeps the element itself, which the columns do not take: rows there too.
        if (windows > 0) expect(inColumns(snapshot)).toBe(kind !== 'minBy');
        windowsSeen += windows;
      });
      expect(windowsSeen).toBeGreaterThan(0);
    },
  );

  it('sums bare numbers in columns too', () => {
    const numbers = Array.from({ length: 30 }, (_, i) => i + (i % 2) / 2);
    const build =
      (builtIn: boolean): Build =>
      (env) => {
        const windowed = env
          .fromCollection(numbers, { arrivalIntervalMs: 50 })
          .assignTimestampsAndWatermarks(
            WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner(
              (n) => n * 100,
            ),
          )
          .keyBy((n) => Math.floor(n) % 3)
          .window(tumbling);
        (builtIn ? windowed.sum() : windowed.aggregate(fieldAggregate('sum', undefined))).sinkTo(
          env.collect('out'),
        );
      };
    const columns = snapshotsAtEveryStep(build(true));
    const rows = snapshotsAtEveryStep(build(false));
    expect(columns.some(inColumns)).toBe(true);
    columns.forEach((snapshot, i) => {
      const column = windowOperator(snapshot);
      const row = windowOperator(rows[i] as JobSnapshot);
      expect(structuredClone(column.state)).toEqual(row.state);
      expect(column.bytes).toBe(row.bytes);
    });
  });

  it('restores a job from columns read for the first time by the restore', () => {
    const build = program('sum', 'n', sliding, true);
    const job = stepwise(build);
    for (let i = 0; i < 20; i++) job.step();
    const snapshot = job.snapshot();
    expect(inColumns(snapshot)).toBe(true);
    job.runToEnd();
    const resumed = restored(build, snapshot).runToEnd().outputs['out'] ?? [];
    const expected = uninterrupted(build).outputs['out'] ?? [];
    expect(resumed.map((r) => r.value)).toEqual(
      expected.slice(-resumed.length).map((r) => r.value),
    );
    expect(resumed.length).toBeGreaterThan(0);
  });

  it('takes rows while a window holds a record the columns do not fit (a nested object)', () => {
    const nested = readings.map((r, i) => (i === 1 ? { ...r, where: { room: 'lab' } } : r));
    const columns = snapshotsAtEveryStep(program('sum', 'n', tumbling, true, nested));
    const rows = snapshotsAtEveryStep(program('sum', 'n', tumbling, false, nested));
    const taken = { columns: 0, rows: 0 };
    columns.forEach((snapshot, i) => {
      const column = windowOperator(snapshot);
      const row = windowOperator(rows[i] as JobSnapshot);
      expect(structuredClone(column.state)).toEqual(row.state);
      expect(column.bytes).toBe(row.bytes);
      // The columns fit but while the nested record's window is open.
      const windows = windowsOf(row);
      if (windows.length === 0) return;
      const holdsNested = windows.some((w) => w.contents?.current.where !== undefined);
      expect(inColumns(snapshot)).toBe(!holdsNested);
      taken[holdsNested ? 'rows' : 'columns']++;
    });
    expect(taken.columns).toBeGreaterThan(0);
    expect(taken.rows).toBeGreaterThan(0);
  });
});
