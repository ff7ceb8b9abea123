/**
 * (e) Sparse panes: the keyed (1,000 keys) tumbling-window (1 s) sum of `keyed-window.ts`, but with
 * one event per ms of event time, so each key has about one event per window: nearly every event
 * opens a window, registers its timer, and fires a pane of its own. What a pane costs (its state,
 * its timers, its result row) is most of the work here, against a hand-written loop doing the same
 * event-time logic and building the same result rows.
 */
import { Time, TumblingEventTimeWindows } from '../../src/engine/index';
import { keyedEvents } from '../keyed-events';
import { fixedWindowLoop, windowSuite } from '../window-loops';

const WINDOW = Time.seconds(1);
const events = keyedEvents(1_000_000, 5, 1);

export default windowSuite(
  'window, sparse panes: 1,000 keys, tumbling 1 s, about one event per pane, sum',
  events,
  TumblingEventTimeWindows.of(WINDOW),
  () => fixedWindowLoop(events, WINDOW, WINDOW),
);
