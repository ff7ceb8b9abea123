import { describe, expect, it } from 'vitest';
import {
  groupByWindow,
  resultsByWindow,
  slidingWindowsOf,
  tumblingWindowOf,
} from '../../../src/engine';
import type { CollectedRecord } from '../../../src/engine';

const VIEWS = [
  { page: '/home', ts: 400 },
  { page: '/search', ts: 1200 },
  { page: '/home', ts: 5000 },
  { page: '/home', ts: 4800 },
  { page: '/late', ts: 100 },
];

describe('groupByWindow', () => {
  it("groups the records by key and window, by their positions, in the groups' first order", () => {
    const groups = groupByWindow(
      VIEWS,
      (v) => v.page,
      (v) => (v.page === '/late' ? [] : [tumblingWindowOf(v.ts, 5000)]),
    );
    expect([...groups.keys()]).toEqual([
      '/home in [0, 5000)',
      '/search in [0, 5000)',
      '/home in [5000, 10000)',
    ]);
    expect(groups.get('/home in [0, 5000)')).toEqual({
      key: '/home',
      window: { start: 0, end: 5000 },
      positions: [0, 3],
    });
  });

  it('puts a record in every window it falls in', () => {
    const groups = groupByWindow(
      VIEWS.slice(0, 3),
      () => 'all',
      (v) => slidingWindowsOf(v.ts, 10_000, 5_000),
    );
    expect(Object.fromEntries([...groups].map(([label, g]) => [label, g.positions]))).toEqual({
      'all in [0, 10000)': [0, 1, 2],
      'all in [-5000, 5000)': [0, 1],
      'all in [5000, 15000)': [2],
    });
  });
});

describe('resultsByWindow', () => {
  const row = (key: string | undefined, start: number, at = 0): CollectedRecord => ({
    value: null,
    processingTime: at,
    ...(key === undefined ? {} : { key }),
    window: { start, end: start + 5000 },
  });

  it('lists the results of each key and window, so a window that fired twice shows', () => {
    const rows = [row('/home', 0), row('/search', 0), row('/home', 0, 900), row('/home', 5000)];
    expect(Object.fromEntries(resultsByWindow(rows))).toEqual({
      '/home in [0, 5000)': [0, 2],
      '/search in [0, 5000)': [1],
      '/home in [5000, 10000)': [3],
    });
  });

  it('names windowAll results by their window alone, and leaves out results with no window', () => {
    const rows = [row(undefined, 0), { value: 3, processingTime: 0 }, row(undefined, 5000)];
    expect(Object.fromEntries(resultsByWindow(rows))).toEqual({
      '[0, 5000)': [0],
      '[5000, 10000)': [2],
    });
  });
});
