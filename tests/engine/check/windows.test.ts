import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  slidingWindowsOf,
  tumblingWindowOf,
  windowHolds,
  windowLabel,
} from '../../../src/engine';

const bounds = (windows: readonly { start: number; end: number }[]) =>
  windows.map(({ start, end }) => ({ start, end }));

describe('windowLabel', () => {
  it('writes a window with its start included and its end excluded', () => {
    expect(windowLabel({ start: 0, end: 5000 })).toBe('[0, 5000)');
    expect(windowLabel({ start: -5000, end: 5000 })).toBe('[-5000, 5000)');
  });

  it('names the key before the window, and writes seconds when asked', () => {
    expect(windowLabel({ start: 0, end: 5000 }, { key: '/home' })).toBe('/home in [0, 5000)');
    expect(windowLabel({ start: 5000, end: 10000 }, { unit: 's' })).toBe('[5 s, 10 s)');
    expect(windowLabel({ start: 0, end: 2500 }, { key: 7, unit: 's' })).toBe('7 in [0 s, 2.5 s)');
  });
});

describe('windowHolds', () => {
  it('holds its start and not its end', () => {
    const window = { start: 5000, end: 10000 };
    expect(windowHolds(window, 5000)).toBe(true);
    expect(windowHolds(window, 9999)).toBe(true);
    expect(windowHolds(window, 10000)).toBe(false);
    expect(windowHolds(window, 4999)).toBe(false);
  });
});

describe('the windows a timestamp falls in', () => {
  it('puts a timestamp on a boundary in the window that starts there', () => {
    expect(tumblingWindowOf(5000, 5000)).toEqual({ start: 5000, end: 10000 });
    expect(tumblingWindowOf(4999, 5000)).toEqual({ start: 0, end: 5000 });
    expect(tumblingWindowOf(-1, 5000)).toEqual({ start: -5000, end: 0 });
  });

  it('gives size / slide sliding windows, latest first, some starting before 0', () => {
    expect(slidingWindowsOf(800, 10_000, 5_000)).toEqual([
      { start: 0, end: 10000 },
      { start: -5000, end: 5000 },
    ]);
    expect(slidingWindowsOf(5000, 10_000, 5_000)).toEqual([
      { start: 5000, end: 15000 },
      { start: 0, end: 10000 },
    ]);
  });

  it("agree with the engine's event-time assigners", () => {
    const timestamp = fc.integer({ min: -1_000_000, max: 1_000_000 });
    const size = fc.integer({ min: 1, max: 60_000 });
    fc.assert(
      fc.property(timestamp, size, (ts, size) => {
        const assigned = TumblingEventTimeWindows.of(size).assignWindows(null, ts);
        expect([tumblingWindowOf(ts, size)]).toEqual(bounds(assigned));
      }),
    );
    fc.assert(
      fc.property(timestamp, size, fc.integer({ min: 1, max: 10 }), (ts, slide, times) => {
        const assigned = SlidingEventTimeWindows.of(slide * times, slide).assignWindows(null, ts);
        expect(slidingWindowsOf(ts, slide * times, slide)).toEqual(bounds(assigned));
      }),
    );
  });
});
