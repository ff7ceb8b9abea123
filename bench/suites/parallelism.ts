/**
 * (d) The overhead of the parallel model: the keyed (1,000 keys) tumbling-window (1 s) sum of
 * `keyed-window.ts`, over 300,000 events, run with every operator as one subtask and with the
 * window and the sink as 4 subtasks each (the elements source is non-parallel, so it stays one).
 * The simulation runs every subtask on the one thread, so 4 subtasks cannot be faster: what this
 * measures is what routing each record to its key group's subtask, and keeping four of everything,
 * costs. No aim is set; the report gives the speed of 4 subtasks relative to 1.
 */
import { keyedEvents, windowSums } from '../keyed-events';
import { defineSuite } from '../suite';

const EVENTS = 300_000;

const events = keyedEvents(EVENTS, 11);

/** The subtasks' rows interleave differently from one subtask's: the sums' total is the same. */
function run(parallelism: number): { rows: number; total: number } {
  return windowSums(events, (env) => env.setParallelism(parallelism));
}

export default defineSuite({
  name: 'parallelism: keyed window sum, 4 subtasks against 1 (simulated on one thread)',
  items: EVENTS,
  itemName: 'events',
  baseline: 'parallelism 1',
  contenders: {
    'parallelism 1': () => run(1),
    'parallelism 4': () => run(4),
  },
});
