/**
 * (c) The cost of checkpointing: the keyed (1,000 keys) tumbling-window (1 s) sum of
 * `keyed-window.ts`, over 300,000 events arriving one per ms of processing time, run without
 * checkpoints and with a checkpoint every 1 s of processing time (300 checkpoints, each copying
 * every open window of every key). The aim: checkpointing costs under 20%, a speed of at least
 * 0.83× the run without.
 */
import { keyedEvents, windowSums } from '../keyed-events';
import { defineSuite } from '../suite';

const EVENTS = 300_000;

const events = keyedEvents(EVENTS, 7);

function run(checkpointInterval: number | undefined): { rows: number; total: number } {
  return windowSums(events, (env) => {
    if (checkpointInterval !== undefined) env.enableCheckpointing(checkpointInterval);
  });
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
  aims: [{ contender: 'checkpoint every 1 s', minSpeed: 1 / 1.2, text: 'cost under 20%' }],
});
