/**
 * The events of the keyed-window workloads (the keyed-window and checkpointing suites): 1,000
 * keys, 10 events per ms of event time, each arriving up to {@link BOUND} ms after events with
 * later timestamps, shuffled by a small deterministic generator so every run sees the same events.
 */

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
