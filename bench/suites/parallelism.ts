/**
 * (d) The overhead of the parallel model: the keyed (1,000 keys) tumbling-window (1 s) sum of
 * `keyed-window.ts`, over 300,000 events, run with every operator as one subtask and with the
 * window and the sink as 4 subtasks each (the elements source is non-parallel, so it stays one).
 * The simulation runs every subtask on the one thread, so 4 subtasks cannot be faster: what this
 * measures is what routing each record to its key group's subtask, and keeping four of everything,
 * costs. No aim is set; the report gives the speed of 4 subtasks relative to 1.
 */
import {
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  elementsSource,
} from '../../src/engine/index';
import { BOUND, keyedEvents, type Event } from '../keyed-events';
import { defineSuite } from '../suite';

const EVENTS = 300_000;

const events = keyedEvents(EVENTS, 11);

function run(parallelism: number): { rows: number; total: number } {
  const env = StreamExecutionEnvironment.create();
  env.setParallelism(parallelism);
  env
    .fromSource(
      elementsSource(events, { arrivalIntervalMs: 1 }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(BOUND).withTimestampAssigner((e) => e.ts),
    )
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(Time.seconds(1)))
    .sum('value')
    .sinkTo(env.collect('sums'));
  const rows = env.execute().outputs['sums'] ?? [];
  // The subtasks' rows interleave differently from one subtask's: compare what they add up to.
  let total = 0;
  for (const row of rows) total += (row.value as Event).value;
  return { rows: rows.length, total };
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
