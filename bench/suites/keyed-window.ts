/**
 * (b) keyed (1,000 keys) tumbling-window (1 s) sum over 1,000,000 events with bounded
 * out-of-orderness: Streamlab (trace off) against a hand-written loop doing the same event-time
 * logic and building the same result rows.
 *
 * Events carry 10 per ms of event time and arrive shuffled by up to `BOUND` ms; the watermark
 * strategy allows that much disorder, so no event is late and the per-key, per-window sums do not
 * depend on when watermarks happen to fire.
 */
import { Time, TumblingEventTimeWindows } from '../../src/engine/index';
import { keyedEvents } from '../keyed-events';
import { fixedWindowLoop, windowSuite } from '../window-loops';

const WINDOW = Time.seconds(1);
const events = keyedEvents(1_000_000, 42);

export default windowSuite(
  'keyed window: 1,000 keys, tumbling 1 s, sum',
  events,
  TumblingEventTimeWindows.of(WINDOW),
  () => fixedWindowLoop(events, WINDOW, WINDOW),
);
