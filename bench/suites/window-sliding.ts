/**
 * (f) Sliding windows: the keyed (1,000 keys) sum of `keyed-window.ts` in 1 s windows that slide by
 * 100 ms, so every event lands in ten panes, against a hand-written loop doing the same event-time
 * logic (Flink's `SlidingEventTimeWindows` assignment) and building the same result rows.
 */
import { SlidingEventTimeWindows, Time } from '../../src/engine/index';
import { BOUND, checksum, keyedEvents, sumsOf, windowedSums } from '../keyed-events';
import type { Checksum, Event, WindowSum } from '../keyed-events';
import { defineSuite } from '../suite';

const EVENTS = 100_000;
const SIZE = Time.seconds(1);
const SLIDE = Time.milliseconds(100);
/** Arrivals between two periodic watermarks: Streamlab's 200 ms tick at one arrival per ms. */
const WATERMARK_EVERY = 200;

const events = keyedEvents(EVENTS, 9);

function streamlab(): Checksum {
  return checksum(sumsOf(windowedSums(events, SlidingEventTimeWindows.of(SIZE, SLIDE))));
}

function loop(): Checksum {
  /** Open windows: sums by window start, then key. */
  const open = new Map<number, Map<number, number>>();
  const results: WindowSum[] = [];
  let maxTimestamp = -Infinity;
  const fire = (watermark: number) => {
    for (const [start, sums] of open) {
      if (start + SIZE - 1 > watermark) continue;
      for (const [key, sum] of sums) results.push({ key, start, end: start + SIZE, sum });
      open.delete(start);
    }
  };
  for (let i = 0; i < events.length; i++) {
    const { key, ts, value } = events[i] as Event;
    if (ts > maxTimestamp) maxTimestamp = ts;
    // Every window that holds `ts`: the latest starts at the slide at or before it.
    for (let start = ts - (((ts % SLIDE) + SLIDE) % SLIDE); start > ts - SIZE; start -= SLIDE) {
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

export default defineSuite({
  name: 'window, sliding: 1,000 keys, 1 s sliding by 100 ms (ten panes per event), sum',
  items: EVENTS,
  itemName: 'events',
  baseline: 'hand-written loop',
  contenders: {
    'hand-written loop': loop,
    'Streamlab (trace off)': streamlab,
  },
  aim: {
    contender: 'Streamlab (trace off)',
    minSpeed: 0.5,
    text: "at least half the loop's speed",
  },
});
