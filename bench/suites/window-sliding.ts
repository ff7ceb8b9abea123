/**
 * (f) Sliding windows: the keyed (1,000 keys) sum of `keyed-window.ts` in 1 s windows that slide by
 * 100 ms, so every event lands in ten panes, against a hand-written loop doing the same event-time
 * logic (Flink's `SlidingEventTimeWindows` assignment) and building the same result rows.
 */
import { SlidingEventTimeWindows, Time } from '../../src/engine/index';
import { keyedEvents } from '../keyed-events';
import { fixedWindowLoop, windowSuite } from '../window-loops';

const SIZE = Time.seconds(1);
const SLIDE = Time.milliseconds(100);
const events = keyedEvents(100_000, 9);

export default windowSuite(
  'window, sliding: 1,000 keys, 1 s sliding by 100 ms (ten panes per event), sum',
  events,
  SlidingEventTimeWindows.of(SIZE, SLIDE),
  () => fixedWindowLoop(events, SIZE, SLIDE),
);
