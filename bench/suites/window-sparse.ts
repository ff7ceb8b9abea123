/**
 * (e) Sparse panes: the keyed (1,000 keys) tumbling-window (1 s) sum of `keyed-window.ts`, but with
 * one event per ms of event time, so each key has about one event per window: nearly every event
 * opens a window, registers its timer, and fires a pane of its own. What a pane costs (its state,
 * its timers, its result row) is most of the work here, against a hand-written loop doing the same
 * event-time logic and building the same result rows.
 */
import { Time, TumblingEventTimeWindows } from '../../src/engine/index';
import { BOUND, checksum, keyedEvents, sumsOf, windowedSums } from '../keyed-events';
import type { Checksum, Event, WindowSum } from '../keyed-events';
import { defineSuite } from '../suite';

const EVENTS = 1_000_000;
const WINDOW = Time.seconds(1);
/** Arrivals between two periodic watermarks: Streamlab's 200 ms tick at one arrival per ms. */
const WATERMARK_EVERY = 200;

const events = keyedEvents(EVENTS, 5, 1);

function streamlab(): Checksum {
  return checksum(sumsOf(windowedSums(events, TumblingEventTimeWindows.of(WINDOW))));
}

function loop(): Checksum {
  /** Open windows: sums by window start, then key. */
  const open = new Map<number, Map<number, number>>();
  const results: WindowSum[] = [];
  let maxTimestamp = -Infinity;
  const fire = (watermark: number) => {
    for (const [start, sums] of open) {
      if (start + WINDOW - 1 > watermark) continue;
      for (const [key, sum] of sums) results.push({ key, start, end: start + WINDOW, sum });
      open.delete(start);
    }
  };
  for (let i = 0; i < events.length; i++) {
    const { key, ts, value } = events[i] as Event;
    if (ts > maxTimestamp) maxTimestamp = ts;
    const start = ts - (ts % WINDOW);
    let sums = open.get(start);
    if (sums === undefined) {
      sums = new Map();
      open.set(start, sums);
    }
    sums.set(key, (sums.get(key) ?? 0) + value);
    if ((i + 1) % WATERMARK_EVERY === 0) fire(maxTimestamp - BOUND - 1);
  }
  fire(Infinity);
  return checksum(results);
}

export default defineSuite({
  name: 'window, sparse panes: 1,000 keys, tumbling 1 s, about one event per pane, sum',
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
