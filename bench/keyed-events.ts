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
import type { CollectedRecord, WindowAssigner } from '../src/engine/index';

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

/**
 * `count` events in timestamp order, `perMs` per ms of event time (keys taking turns), then
 * shuffled: each delayed by up to BOUND ms and re-sorted.
 */
export function keyedEvents(count: number, seed: number, perMs = PER_MS): Event[] {
  const random = lcg(seed);
  const events = Array.from({ length: count }, (_, i) => ({
    key: i % KEYS,
    ts: Math.floor(i / perMs),
    value: Math.floor(random() * 100),
  }));
  return shuffled(events, random);
}

/** `events` (in timestamp order), each delayed by up to BOUND ms of arrival and re-sorted. */
export function shuffled(events: readonly Event[], random: () => number): Event[] {
  const delayed = events.map((event) => ({ event, arrival: event.ts + random() * BOUND }));
  delayed.sort((a, b) => a.arrival - b.arrival);
  return delayed.map((d) => d.event);
}

/** A window's result, as the hand-written loops build them. */
export interface WindowSum {
  readonly key: number;
  readonly start: number;
  readonly end: number;
  readonly sum: number;
}

/** What every contender of a window workload must agree on, whatever order windows fire in. */
export interface Checksum {
  readonly windows: number;
  readonly total: number;
  /** Each sum weighted by its key and window, so a sum in the wrong place shows. */
  readonly weighted: number;
}

/** The checksum of a window workload's results. */
export function checksum(results: readonly WindowSum[]): Checksum {
  let total = 0;
  let weighted = 0;
  for (const { key, start, end, sum } of results) {
    total += sum;
    // Small weights: the total stays an exact integer (under 2^53), so the order of firing does
    // not change it.
    weighted += sum * ((key % 97) + 1) * ((start % 997) + 2 * (end % 997) + 3_000);
  }
  return { windows: results.length, total, weighted };
}

/**
 * A keyed window sum's output, as Streamlab gives it (the first record with `value` replaced by the
 * sum, and the window's bounds), in the form of the hand-written loops.
 */
export function sumsOf(
  rows: readonly { value: unknown; window?: { start: number; end: number } | undefined }[],
): WindowSum[] {
  return rows.map((row) => ({
    key: (row.value as Event).key,
    start: row.window?.start ?? NaN,
    end: row.window?.end ?? NaN,
    sum: (row.value as Event).value,
  }));
}

/**
 * The keyed sum of `value` over `events`, one arriving per ms, in the windows `assigner` gives
 * (tumbling, 1 s, unless told), on an environment `configure` sets up first (checkpointing,
 * parallelism): the sink's rows.
 */
export function windowedSums(
  events: readonly Event[],
  assigner: WindowAssigner = TumblingEventTimeWindows.of(Time.seconds(1)),
  configure: (env: StreamExecutionEnvironment) => void = () => {},
): readonly CollectedRecord[] {
  const env = StreamExecutionEnvironment.create();
  configure(env);
  env
    .fromSource(
      elementsSource(events, { arrivalIntervalMs: 1 }),
      WatermarkStrategy.forBoundedOutOfOrderness<Event>(BOUND).withTimestampAssigner((e) => e.ts),
    )
    .keyBy((e) => e.key)
    .window(assigner)
    .sum('value')
    .sinkTo(env.collect('sums'));
  return env.execute().outputs['sums'] ?? [];
}

/**
 * The keyed (1,000 keys) tumbling-window (1 s) sum over `events` (see {@link windowedSums}): how
 * many sums, and their total, which any correct run agrees on whatever order its windows fire in.
 */
export function windowSums(
  events: readonly Event[],
  configure: (env: StreamExecutionEnvironment) => void,
): { rows: number; total: number } {
  const rows = windowedSums(events, undefined, configure);
  let total = 0;
  for (const row of rows) total += (row.value as Event).value;
  return { rows: rows.length, total };
}
