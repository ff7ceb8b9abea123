/** Helpers that read sources the way the scheduler does: event by event, partition by partition. */
import { expect } from 'vitest';
import type {
  Source,
  SourceEvent,
  SourcePosition,
  SourceReader,
} from '../../../src/engine/sources';

/** Every event of a reader, guarding against a reader that never ends. */
export function readAll<T>(reader: SourceReader<T>, limit = 1_000_000): SourceEvent<T>[] {
  const events: SourceEvent<T>[] = [];
  for (let event = reader.next(); event !== undefined; event = reader.next()) {
    events.push(event);
    if (events.length > limit) throw new Error(`more than ${limit} events`);
  }
  return events;
}

/** The first `count` events of a reader (for unbounded sources). */
export function readSome<T>(reader: SourceReader<T>, count: number): SourceEvent<T>[] {
  const events: SourceEvent<T>[] = [];
  while (events.length < count) {
    const event = reader.next();
    if (event === undefined) break;
    events.push(event);
  }
  return events;
}

/** Events of one partition, each with the position taken just before it (and one after the last). */
export function readWithPositions<T>(
  source: Source<T>,
  partition: number,
  limit?: number,
): { events: SourceEvent<T>[]; positions: SourcePosition[] } {
  const reader = source.createReader(partition);
  const events: SourceEvent<T>[] = [];
  // Positions travel between worker and UI, so they are checked through a structured clone.
  const positions: SourcePosition[] = [structuredClone(reader.position())];
  for (let event = reader.next(); event !== undefined; event = reader.next()) {
    events.push(event);
    positions.push(structuredClone(reader.position()));
    if (limit !== undefined && events.length >= limit) break;
  }
  return { events, positions };
}

/** Resuming from the position before event `i` gives exactly the events from `i` on. */
export function expectResumesExactly<T>(
  source: Source<T>,
  partition: number,
  limit?: number,
): void {
  const { events, positions } = readWithPositions(source, partition, limit);
  positions.forEach((position, i) => {
    const resumed = source.createReader(partition, position);
    const rest = limit === undefined ? readAll(resumed) : readSome(resumed, events.length - i);
    expect(rest, `resumed at event ${i}`).toEqual(events.slice(i));
  });
}

/** Arrival times of a partition never decrease. */
export function expectNonDecreasingArrivals<T>(events: readonly SourceEvent<T>[]): void {
  const backwards = events.findIndex(
    (event, i) => i > 0 && event.arrivalTime < (events[i - 1] as SourceEvent<T>).arrivalTime,
  );
  expect(backwards, 'index of the first arrival earlier than the one before it').toBe(-1);
}

/** The records of a list of events. */
export function recordsOf<T>(events: readonly SourceEvent<T>[]) {
  return events.flatMap((event) => (event.kind === 'record' ? [event] : []));
}
