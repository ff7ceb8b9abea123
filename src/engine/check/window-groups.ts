/**
 * A lesson's records grouped by key and window, as the right pipeline groups them, and a sink's
 * window results grouped the same way, so a check can set each result beside the group it should
 * have come from.
 */
import type { Key, WindowBounds } from '../records';
import type { CollectedRecord } from '../result';
import { windowLabel } from './windows';

/** The records of one key in one window, as {@link groupByWindow} finds them. */
export interface WindowGroup {
  /** The key. */
  readonly key: Key;
  /** The window. */
  readonly window: WindowBounds;
  /** The positions of the window's records among the lesson's records, in order. */
  readonly positions: readonly number[];
}

/**
 * The lesson's records grouped as a keyed window groups them: by `key`, and by each window
 * `windowsOf` places a record in (none for a record the pipeline should drop). Each group is
 * found by its {@link windowLabel} with the key, `/home in [0, 5000)`, in the order the groups
 * first get a record.
 *
 * @example
 * ```ts
 * const EXPECTED = groupByWindow(VIEWS, (v) => v.page, (v) => [tumblingWindowOf(v.ts, 5000)]);
 * EXPECTED.get('/home in [0, 5000)')?.positions; // [0, 2, 4, 7]
 * ```
 */
export function groupByWindow<T>(
  records: readonly T[],
  key: (record: T) => Key,
  windowsOf: (record: T) => readonly WindowBounds[],
): Map<string, WindowGroup> {
  const groups = new Map<string, WindowGroup>();
  for (const [position, record] of records.entries()) {
    for (const window of windowsOf(record)) {
      const label = windowLabel(window, { key: key(record) });
      const group = groups.get(label) ?? { key: key(record), window, positions: [] };
      groups.set(label, { ...group, positions: [...group.positions, position] });
    }
  }
  return groups;
}

/**
 * A sink's window results grouped by key and window: for each {@link windowLabel} with the key
 * (without one for `windowAll`), the places of its results among the sink's, in order. A window
 * with more than one result fired more than once. Results that carry no window are left out.
 *
 * @example
 * ```ts
 * for (const [label, results] of resultsByWindow(run.outputs['counts'] ?? [])) {
 *   if (results.length > 1) return { pass: false, message: `${label} fired ${results.length} times.` };
 * }
 * ```
 */
export function resultsByWindow(rows: readonly CollectedRecord[]): Map<string, number[]> {
  const results = new Map<string, number[]>();
  for (const [i, row] of rows.entries()) {
    if (row.window === undefined) continue;
    const label = windowLabel(row.window, row.key === undefined ? {} : { key: row.key });
    results.set(label, [...(results.get(label) ?? []), i]);
  }
  return results;
}
