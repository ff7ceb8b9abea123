import { describe, expect, it } from 'vitest';
import type { TraceEvent } from 'streamlab';
import {
  countsAt,
  pendingTimersAt,
  pendingWindowsAt,
  stateAt,
  watermarkAt,
  windowsAt,
} from '../../src/ui/viz/at-time';
import { momentAt } from '../../src/ui/viz/moment';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { lateScript } from './viz-fixture';

// In the script the source is op-1, the window op-2, the sinks op-3 (sums) and op-4 (late).
const WINDOW = 'op-2';

function folded(lateness = 0) {
  const result = lateScript(lateness);
  const model = new TraceModel();
  model.sync(result.trace);
  return { model, result, window: model.operator(WINDOW) };
}

describe('TraceModel: records and their fate', () => {
  it('marks the reading behind the watermark as sent to the side output, and the rest on time', () => {
    const { window } = folded();
    expect(window.arrivals.map((r) => [r.eventTime, r.time, r.key, r.fate])).toEqual([
      [1000, 0, 'a', 'on-time'],
      [3000, 0, 'b', 'on-time'],
      [6000, 2000, 'a', 'on-time'],
      [2000, 4000, 'a', 'side-output'],
    ]);
    expect(window.late.map((r) => r.lateBehind)).toEqual([5000]);
  });

  it('marks it late but accepted within the allowed lateness, and records the LATE pane', () => {
    const { window } = folded(5000);
    expect(window.arrivals[3]?.fate).toBe('late');
    const late = window.panes.find((p) => p.timing === 'LATE');
    expect(late).toMatchObject({ key: 'a', start: 0, end: 5000, time: 4000, index: 1 });
    expect(late?.value).toContain('n: 5');
  });
});

describe('TraceModel: watermarks, windows and panes as of a processing time', () => {
  it('has no watermark before the script advances it, then 5 s, then the maximum', () => {
    const { window } = folded();
    expect(watermarkAt(window, momentAt(1999))).toBeNull();
    expect(watermarkAt(window, momentAt(2000))).toBe(5000);
    expect(watermarkAt(window, momentAt(4000))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('shows both [0 s, 5 s) windows pending before 2 s and their ON_TIME panes from 2 s', () => {
    const { window } = folded();
    const before = pendingWindowsAt(window, momentAt(1999));
    expect(before.map((w) => [w.window.key, w.window.start, w.window.end, w.elements])).toEqual([
      ['a', 0, 5000, 1],
      ['b', 0, 5000, 1],
    ]);
    expect(before.every((w) => w.panes.length === 0)).toBe(true);

    const after = windowsAt(window, momentAt(2000));
    const fired = after.filter((w) => w.window.start === 0);
    expect(fired.map((w) => [w.window.key, w.live, w.panes.map((p) => p.timing)])).toEqual([
      ['a', false, ['ON_TIME']],
      ['b', false, ['ON_TIME']],
    ]);
    expect(
      pendingWindowsAt(window, momentAt(2000)).map((w) => [w.window.start, w.elements]),
    ).toEqual([[5000, 1]]);
  });

  it('holds the end-of-window timers until the watermark passes them', () => {
    const { window } = folded();
    expect(pendingTimersAt(window, momentAt(0)).map((t) => [t.key, t.domain, t.timestamp])).toEqual(
      [
        ['a', 'event-time', 4999],
        ['b', 'event-time', 4999],
      ],
    );
    expect(pendingTimersAt(window, momentAt(2000)).map((t) => t.timestamp)).toEqual([9999]);
    expect(pendingTimersAt(window, momentAt(4000))).toEqual([]);
    expect(window.windows.every((w) => w.domain === 'event-time')).toBe(true);
  });

  it('counts what the metrics count, at the end of the run', () => {
    const { window, result } = folded();
    const counts = countsAt(window, momentAt(Infinity));
    const metrics = result.metrics.operators[WINDOW];
    expect(counts).toMatchObject({
      recordsIn: metrics?.recordsIn,
      recordsOut: metrics?.recordsOut,
      toSideOutputs: metrics?.recordsToSideOutputs,
      lateSideOutput: metrics?.lateRecordsSideOutput,
      lateDropped: 0,
      panes: metrics?.windowsFired,
    });
    expect(countsAt(window, momentAt(1999))).toMatchObject({
      recordsIn: 2,
      recordsOut: 0,
      panes: 0,
    });
  });
});

describe('TraceModel: folding', () => {
  it('folds a trace in batches to the same model as all at once', () => {
    const { model: whole, result } = folded();
    const growing: TraceEvent[] = [];
    const batched = new TraceModel();
    for (let i = 0; i < result.trace.length; i += 7) {
      growing.push(...result.trace.slice(i, i + 7));
      batched.sync(growing);
    }
    expect(batched.size).toBe(whole.size);
    expect(batched.moments).toEqual(whole.moments);
    expect([...batched.operators.entries()]).toEqual([...whole.operators.entries()]);
    expect(batched.ended).toBe(true);
  });

  it('starts over for a new run', () => {
    const { model } = folded();
    expect(model.sync([])).toBe(false);
    expect(model.size).toBe(0);
    expect(model.operators.size).toBe(0);
    expect(model.moments).toEqual([]);
  });

  it('keeps the last keyed-state value per key and forgets cleared state', () => {
    const writes: TraceEvent[] = [
      { seq: 0, time: 0, op: 'op-2', type: 'state-write', key: 'a', state: 'count', value: '1' },
      { seq: 1, time: 5, op: 'op-2', type: 'state-write', key: 'a', state: 'count', value: '2' },
      { seq: 2, time: 5, op: 'op-2', type: 'state-write', key: 'b', state: 'count', value: '1' },
      { seq: 3, time: 9, op: 'op-2', type: 'state-write', key: 'a', state: 'count', value: null },
    ];
    const model = new TraceModel();
    model.sync(writes);
    const at = (t: number) =>
      stateAt(model.operators.get('op-2'), momentAt(t)).map((k) => [k.key, [...k.states]]);
    expect(at(0)).toEqual([['a', [['count', '1']]]]);
    expect(at(5)).toEqual([
      ['a', [['count', '2']]],
      ['b', [['count', '1']]],
    ]);
    expect(at(9)).toEqual([['b', [['count', '1']]]]);
  });
});
