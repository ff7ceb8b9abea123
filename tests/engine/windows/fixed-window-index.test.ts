/**
 * The table of fixed windows keeps a key's emptied run for the key's next window (see
 * `fixed-window-index.ts`), and sweeps emptied runs once they are many: windows are found as
 * before, listed in the same order, and keys never seen again are not kept for ever.
 */
import { describe, expect, it } from 'vitest';
import { FixedWindowIndex } from '../../../src/engine/operators/window/fixed-window-index';
import { newWindowEntry } from '../../../src/engine/operators/window/window-entry';
import type { WindowEntry } from '../../../src/engine/operators/window/window-entry';
import { TimeWindow } from '../../../src/engine/windows/window';

const entry = (key: string, start: number): WindowEntry =>
  newWindowEntry(key, new TimeWindow(start, start + 1_000), false);

/** How many keys the table holds a run for, emptied or not. */
const runCount = (index: FixedWindowIndex): number =>
  (index as unknown as { runs: Map<unknown, unknown> }).runs.size;

describe('the table of fixed windows', () => {
  it('finds a key’s windows after its run emptied and filled again, with a new run number', () => {
    const index = new FixedWindowIndex();
    const first = entry('a', 0);
    index.add(first);
    index.add(entry('b', 0));
    index.remove(first);
    expect(index.get('a', 0)).toBeUndefined();
    expect(index.size).toBe(1);

    const again = entry('a', 1_000);
    index.add(again);
    expect(index.get('a', 1_000)).toBe(again);
    // The key's run began anew with this window: listed after b, whose run is older.
    expect(again.keySince).toBe(again.created);
    expect(index.entries().map((e) => e.key)).toEqual(['b', 'a']);
    expect(index.inCreationOrder().map((e) => e.key)).toEqual(['b', 'a']);
  });

  it('does not keep the runs of keys never seen again', () => {
    const index = new FixedWindowIndex();
    const live = Array.from({ length: 10 }, (_, i) => entry(`live-${i}`, 0));
    for (const e of live) index.add(e);
    for (let i = 0; i < 50_000; i++) {
      const once = entry(`once-${i}`, i);
      index.add(once);
      index.remove(once);
    }
    expect(index.size).toBe(10);
    // Emptied runs are swept once there are more than 1,024 and they are half the table.
    expect(runCount(index)).toBeLessThanOrEqual(2 * 1_025 + live.length);
    for (const e of live) expect(index.get(e.key as string, 0)).toBe(e);
  });
});
