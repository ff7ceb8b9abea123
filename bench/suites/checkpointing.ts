/**
 * (c) The cost of checkpointing: the keyed (1,000 keys) tumbling-window (1 s) sum of
 * `keyed-window.ts`, over 300,000 events arriving one per ms of processing time, run without
 * checkpoints and with a checkpoint every 1 s of processing time (300 checkpoints, each copying
 * every open window of every key). The aim: checkpointing costs under 20%, a speed of at least
 * 0.83× the run without.
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

const events = keyedEvents(EVENTS, 7);

function run(checkpointInterval: number | undefined): { rows: number; total: number } {
  const env = StreamExecutionEnvironment.create();
  if (checkpointInterval !== undefined) env.enableCheckpointing(checkpointInterval);
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
  let total = 0;
  for (const row of rows) total += (row.value as Event).value;
  return { rows: rows.length, total };
}

export default defineSuite({
  name: 'checkpointing: keyed window sum, a checkpoint every 1 s of processing time',
  items: EVENTS,
  itemName: 'events',
  baseline: 'no checkpoints',
  contenders: {
    'no checkpoints': () => run(undefined),
    'checkpoint every 1 s': () => run(1_000),
  },
  aim: { contender: 'checkpoint every 1 s', minSpeed: 1 / 1.2, text: 'cost under 20%' },
});
