/**
 * (b) keyed (1,000 keys) tumbling-window (1 s) sum over 1,000,000 events with bounded
 * out-of-orderness: Streamlab (trace off) against a hand-written loop doing the same event-time
 * logic.
 *
 * Events carry 10 per ms of event time and arrive shuffled by up to {@link BOUND} ms; the watermark
 * strategy allows that much disorder, so no event is late and the per-key, per-window sums do not
 * depend on when watermarks happen to fire.
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

const EVENTS = 1_000_000;
const WINDOW = Time.seconds(1);
/** Arrivals between two periodic watermarks: Streamlab's 200 ms tick at one arrival per ms. */
const WATERMARK_EVERY = 200;

const events = keyedEvents(EVENTS, 42);

/** What every contender must agree on, whatever order the windows fire in. */
interface Checksum {
  readonly windows: number;
  readonly total: number;
  /** Each sum weighted by its key and window, so a sum in the wrong place shows. */
  readonly weighted: number;
}

function checksum(results: readonly { key: number; start: number; sum: number }[]): Checksum {
  let total = 0;
  let weighted = 0;
  for (const { key, start, sum } of results) {
    total += sum;
    weighted += sum * (key + 1) * (start / WINDOW + 1);
  }
  return { windows: results.length, total, weighted };
}

function streamlab(): Checksum {
  const env = StreamExecutionEnvironment.create();
  env
    .fromSource(
      elementsSource(events, { arrivalIntervalMs: 1 }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(BOUND).withTimestampAssigner((e) => e.ts),
    )
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(WINDOW))
    .sum('value')
    .sinkTo(env.collect('sums'));
  const rows = env.execute().outputs['sums'] ?? [];
  return checksum(
    rows.map((row) => ({
      key: (row.value as Event).key,
      start: row.window?.start ?? NaN,
      sum: (row.value as Event).value,
    })),
  );
}

function loop(): Checksum {
  /** Open windows: sums by window start, then key. */
  const open = new Map<number, Map<number, number>>();
  const results: { key: number; start: number; sum: number }[] = [];
  let maxTimestamp = -Infinity;
  const fire = (watermark: number) => {
    for (const [start, sums] of open) {
      if (start + WINDOW - 1 > watermark) continue;
      for (const [key, sum] of sums) results.push({ key, start, sum });
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
  name: 'keyed window: 1,000 keys, tumbling 1 s, sum',
  items: EVENTS,
  itemName: 'events',
  baseline: 'hand-written loop',
  contenders: {
    'hand-written loop': loop,
    'Streamlab (trace off)': streamlab,
  },
});
