/**
 * The events of the keyed-window workloads (the keyed-window and checkpointing suites): 1,000
 * keys, 10 events per ms of event time, each arriving up to {@link BOUND} ms after events with
 * later timestamps, shuffled by a small deterministic generator so every run sees the same events.
 */

import {
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  elementsSource,
} from '../src/engine/index';

export const KEYS = 1_000;
export const PER_MS = 10;
/** Most an event arrives after events with later timestamps, in ms of event time. */
export const BOUND = 500;

export interface Event {
  readonly key: number;
  readonly ts: number;
  readonly value: number;
}

/** A small deterministic generator (LCG). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` events in timestamp order, then shuffled: each delayed by up to BOUND ms and re-sorted. */
export function keyedEvents(count: number, seed: number): Event[] {
  const random = lcg(seed);
  const delayed = Array.from({ length: count }, (_, i) => {
    const event = { key: i % KEYS, ts: Math.floor(i / PER_MS), value: Math.floor(random() * 100) };
    return { event, arrival: event.ts + random() * BOUND };
  });
  delayed.sort((a, b) => a.arrival - b.arrival);
  return delayed.map((d) => d.event);
}

/**
 * The keyed (1,000 keys) tumbling-window (1 s) sum over `events`, one arriving per ms, on an
 * environment `configure` sets up first (checkpointing, parallelism): how many sums, and their
 * total, which any correct run agrees on whatever order its windows fire in.
 */
export function windowSums(
  events: readonly Event[],
  configure: (env: StreamExecutionEnvironment) => void,
): { rows: number; total: number } {
  const env = StreamExecutionEnvironment.create();
  configure(env);
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
