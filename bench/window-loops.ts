/**
 * What the window workloads share (`suites/keyed-window.ts`, `window-*.ts`): the hand-written loop
 * for fixed windows each is measured against, and the suite that pits Streamlab against a loop.
 */
import { BOUND, checksum, sumsOf, windowedSums } from './keyed-events';
import type { Checksum, Event, WindowSum } from './keyed-events';
import { defineSuite } from './suite';
import type { BenchSuite } from './suite';
import type { WindowAssigner } from '../src/engine/index';

/** Arrivals between two periodic watermarks: Streamlab's 200 ms tick at one arrival per ms. */
export const WATERMARK_EVERY = 200;

/**
 * The keyed sum of `value` in windows of `size` ms starting every `slide` ms (tumbling when they
 * are equal), written by hand: Flink's assignment (every window holding a timestamp, the latest
 * starting at the slide at or before it), sums by window start then key, and each window fired
 * once the watermark (the highest timestamp − BOUND − 1, every {@link WATERMARK_EVERY} arrivals)
 * reaches its last millisecond, building a result row.
 */
export function fixedWindowLoop(events: readonly Event[], size: number, slide: number): Checksum {
  const open = new Map<number, Map<number, number>>();
  const results: WindowSum[] = [];
  let maxTimestamp = -Infinity;
  const fire = (watermark: number) => {
    for (const [start, sums] of open) {
      if (start + size - 1 > watermark) continue;
      for (const [key, sum] of sums) results.push({ key, start, end: start + size, sum });
      open.delete(start);
    }
  };
  for (let i = 0; i < events.length; i++) {
    const { key, ts, value } = events[i] as Event;
    if (ts > maxTimestamp) maxTimestamp = ts;
    for (let start = ts - (((ts % slide) + slide) % slide); start > ts - size; start -= slide) {
      let sums = open.get(start);
      if (sums === undefined) {
        sums = new Map();
        open.set(start, sums);
      }
      sums.set(key, (sums.get(key) ?? 0) + value);
    }
    if ((i + 1) % WATERMARK_EVERY === 0) fire(maxTimestamp - BOUND - 1);
  }
  fire(Infinity);
  return checksum(results);
}

/**
 * A window workload: Streamlab (trace off) summing `events` in `assigner`'s windows against the
 * hand-written `loop`, with the aim every window workload has, at least half the loop's speed.
 */
export function windowSuite(
  name: string,
  events: readonly Event[],
  assigner: WindowAssigner,
  loop: () => Checksum,
): BenchSuite {
  const streamlab = 'Streamlab (trace off)';
  return defineSuite({
    name,
    items: events.length,
    itemName: 'events',
    baseline: 'hand-written loop',
    contenders: {
      'hand-written loop': loop,
      [streamlab]: () => checksum(sumsOf(windowedSums(events, assigner))),
    },
    aims: [{ contender: streamlab, minSpeed: 0.5, text: "at least half the loop's speed" }],
  });
}
