import { describe, expect, it } from 'vitest';
import type { WindowAt } from '../../src/ui/viz/at-time';
import {
  layRows,
  placeWindows,
  rowIndex,
  rowsThatFit,
  stackPanes,
  windowStrips,
} from '../../src/ui/viz/chart-rows';
import { keyRows, windowCount } from '../../src/ui/viz/event-time-view';
import type { PaneMark, WindowMark } from '../../src/ui/viz/trace-model';

const windowOf = (key: string | null, start: number, end: number, live = false): WindowAt => ({
  window: { key, start, end } as WindowMark,
  panes: [],
  live,
});

const pane = (key: string, start: number, end: number, time: number, seq: number): PaneMark =>
  ({ key, start, end, time, seq }) as PaneMark;

describe('rows of the event-time chart', () => {
  it('give each key a row while they fit, and one shared row otherwise', () => {
    expect(keyRows(['a', 'b'], 3)).toEqual(['a', 'b']);
    expect(keyRows(['a', 'b', 'c', 'd'], 3)).toEqual([null]);
    expect(keyRows(['a'], 3)).toEqual([null]);
    expect(keyRows([null], 3)).toEqual([null]);
    expect(rowsThatFit(100)).toBe(1);
    expect(rowsThatFit(2 * 96 + 18)).toBe(2);
    expect(rowsThatFit(10_000)).toBe(8);
  });

  it('are laid out top to bottom with a strip for the windows under each', () => {
    const layout = layRows(2, 2, 418);
    expect(layout.top(0)).toBe(0);
    expect(layout.top(1)).toBe(218);
    expect(layout.stripHeight).toBe(18);
    expect(layout.plotHeight).toBe(200 - 18);
  });

  it('find a key by value, keeping 1 and "1" apart', () => {
    const row = rowIndex([1, '1']);
    expect(row(1)).toBe(0);
    expect(row('1')).toBe(1);
  });
});

describe('windows on tracks', () => {
  it('keep tumbling windows on one track and put overlapping sliding windows on several', () => {
    expect(placeWindows([windowOf('a', 0, 5), windowOf('a', 5, 10)]).tracks).toBe(1);
    const sliding = placeWindows([
      windowOf('a', 0, 10),
      windowOf('a', 5, 15),
      windowOf('a', 10, 20),
    ]);
    expect(sliding.tracks).toBe(2);
    expect(sliding.placed.map((p) => p.track)).toEqual([0, 1, 0]);
  });

  it('draw one bar per span in a shared row, open while any key keeps it open', () => {
    const strips = windowStrips(
      [windowOf('a', 0, 5), windowOf('b', 0, 5, true), windowOf('b', 3, 9)],
      1,
      () => 0,
    );
    expect(strips[0]?.placed.map((p) => [p.at.window.start, p.at.live])).toEqual([
      [0, true],
      [3, false],
    ]);
    expect(windowCount([windowOf('a', 0, 5), windowOf('b', 0, 5), windowOf('a', 0, 5)])).toBe(2);
  });
});

describe('pane boxes', () => {
  it('stack the panes that fire together over overlapping windows, centred on their moment', () => {
    const placed = stackPanes(
      [pane('a', 0, 10, 3000, 1), pane('a', 5, 15, 3000, 2), pane('a', 20, 30, 3000, 3)],
      () => 0,
      true,
    );
    expect(placed.map((p) => [p.lift, p.stack])).toEqual([
      [0, 2],
      [1, 2],
      [0, 2],
    ]);
  });

  it('count the panes of one window of several keys in a shared row as one box', () => {
    const placed = stackPanes(
      [pane('a', 0, 5, 2000, 1), pane('b', 0, 5, 2000, 2), pane('c', 5, 10, 4000, 3)],
      () => 0,
      false,
    );
    expect(placed.map((p) => [p.pane.key, p.count])).toEqual([
      ['a', 2],
      ['c', 1],
    ]);
  });
});
