import { describe, expect, it } from 'vitest';
import {
  EventTimeSessionWindows,
  GlobalWindow,
  PipelineDefinitionError,
  SlidingEventTimeWindows,
  Time,
  TimeWindow,
  TumblingEventTimeWindows,
} from '../../../src/engine/index';
import { mergeTimeWindows, windowStart } from '../../../src/engine/windows/window';

const show = (windows: readonly { toString(): string }[]): string[] => windows.map(String);

describe('window start', () => {
  it('is ts − ((ts − offset) mod size) with a non-negative remainder', () => {
    expect(windowStart(7, 0, 5)).toBe(5);
    expect(windowStart(5, 0, 5)).toBe(5);
    expect(windowStart(4, 0, 5)).toBe(0);
    // Negative timestamps fall in the window below them, not in [0, size).
    expect(windowStart(-1, 0, 5)).toBe(-5);
    expect(windowStart(-5, 0, 5)).toBe(-5);
    expect(windowStart(-6, 0, 5)).toBe(-10);
    // Offsets shift the grid.
    expect(windowStart(7, 2, 5)).toBe(7);
    expect(windowStart(6, 2, 5)).toBe(2);
    expect(windowStart(1, 2, 5)).toBe(-3);
    expect(windowStart(1, -2, 5)).toBe(-2);
  });

  it('gives tumbling windows with an exclusive end and maxTimestamp = end − 1', () => {
    const [window] = TumblingEventTimeWindows.of(5).assignWindows(null, 4, 0);
    expect(String(window)).toBe('[0, 5)');
    expect(window?.maxTimestamp()).toBe(4);
    expect(show(TumblingEventTimeWindows.of(5).assignWindows(null, 5, 0))).toEqual(['[5, 10)']);
    expect(show(TumblingEventTimeWindows.of(5).assignWindows(null, -1, 0))).toEqual(['[-5, 0)']);
  });

  it('follows the Flink docs: hourly windows offset by 15 minutes start at :15', () => {
    const hourly = TumblingEventTimeWindows.of(Time.hours(1), Time.minutes(15));
    const at = (h: number, m: number): number => Time.hours(h) + Time.minutes(m);
    expect(show(hourly.assignWindows(null, at(1, 10), 0))).toEqual([
      `[${at(0, 15)}, ${at(1, 15)})`,
    ]);
    expect(show(hourly.assignWindows(null, at(1, 15), 0))).toEqual([
      `[${at(1, 15)}, ${at(2, 15)})`,
    ]);
    // A day in UTC+8 (the docs' China example) starts at 16:00 UTC of the day before.
    const day = TumblingEventTimeWindows.of(Time.days(1), Time.hours(-8));
    expect(show(day.assignWindows(null, at(20, 0), 0))).toEqual([`[${at(16, 0)}, ${at(40, 0)})`]);
  });

  it('puts an element in size / slide sliding windows, latest first', () => {
    const sliding = SlidingEventTimeWindows.of(Time.minutes(10), Time.minutes(5));
    expect(show(sliding.assignWindows(null, Time.minutes(7), 0))).toEqual([
      `[${Time.minutes(5)}, ${Time.minutes(15)})`,
      `[0, ${Time.minutes(10)})`,
    ]);
    expect(SlidingEventTimeWindows.of(10, 2).assignWindows(null, 3, 0)).toHaveLength(5);
    expect(show(SlidingEventTimeWindows.of(2, 1).assignWindows(null, -1, 0))).toEqual([
      '[-1, 1)',
      '[-2, 0)',
    ]);
  });

  it('opens [ts, ts + gap) for a session element', () => {
    expect(show(EventTimeSessionWindows.withGap(3).assignWindows(null, 10, 0))).toEqual([
      '[10, 13)',
    ]);
  });

  it('describes the global window as never ending', () => {
    expect(GlobalWindow.get().maxTimestamp()).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('session merging', () => {
  const merge = (windows: TimeWindow[]): string[] => {
    const merges: string[] = [];
    mergeTimeWindows(windows, (merged, result) =>
      merges.push(`${show(merged).join('+')} => ${String(result)}`),
    );
    return merges;
  };

  it('merges windows that touch: [0, 3) and [3, 6) become [0, 6)', () => {
    expect(merge([new TimeWindow(0, 3), new TimeWindow(3, 6)])).toEqual([
      '[0, 3)+[3, 6) => [0, 6)',
    ]);
  });

  it('merges overlapping windows transitively and leaves apart ones alone', () => {
    expect(
      merge([
        new TimeWindow(5, 8),
        new TimeWindow(0, 3),
        new TimeWindow(2, 6),
        new TimeWindow(9, 12),
      ]),
    ).toEqual(['[0, 3)+[2, 6)+[5, 8) => [0, 8)']);
    expect(merge([new TimeWindow(0, 3), new TimeWindow(4, 6)])).toEqual([]);
  });
});

describe('invalid windows fail while the pipeline is built', () => {
  it.each([
    ['size 0', () => TumblingEventTimeWindows.of(0)],
    ['negative size', () => TumblingEventTimeWindows.of(-5)],
    ['offset ≥ size', () => TumblingEventTimeWindows.of(5, 5)],
    ['slide > size', () => SlidingEventTimeWindows.of(5, 10)],
    ['slide 0', () => SlidingEventTimeWindows.of(5, 0)],
    ['gap 0', () => EventTimeSessionWindows.withGap(0)],
  ])('%s', (_name, build) => {
    expect(build).toThrow(PipelineDefinitionError);
  });

  it('says what to do', () => {
    expect(() => SlidingEventTimeWindows.of(5, 10)).toThrow(/slide no larger than the size/);
  });
});
