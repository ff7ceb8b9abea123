import { requireSynchronous } from '../../functions/synchronous';
import type { Random } from '../../random';
import type { Millis, Source } from '../source';
import { requireFinite, requireInteger, requirePositive } from '../validate';
import { type EventTimeDelay, validateDelay } from './delay';
import { episodeSource } from './episode-source';
import {
  type BurstOptions,
  type IdleGapOptions,
  type Spacing,
  idleGapsOf,
  validateBurstsAndGaps,
} from './timeline';

/** What `make` is told about the record it makes. */
export interface GeneratorContext {
  /** The record's number within its partition: 0, 1, 2, … */
  readonly index: number;
  /** The source partition the record is made for: 0, 1, … */
  readonly partition: number;
  /** The record's event time, also carried by the source as its timestamp. */
  readonly eventTime: Millis;
  /** Random draws for this record only: the same record always gets the same draws. */
  readonly random: Random;
}

/** Options of {@link generatorSource}. */
export interface GeneratorSourceOptions<T> {
  /** Shown in the operator graph and the trace. Default `'generator'`. */
  readonly name?: string;
  /** The same seed (and options) always produce the same records at the same times. */
  readonly seed: number;
  /** Number of partitions, each with its own timeline and watermark. Default 1. */
  readonly partitions?: number;
  /** Records per second of event time, for the whole source (split evenly over partitions). */
  readonly ratePerSecond: number;
  /**
   * `'exponential'` (default): records come at random moments, as a Poisson process, like clicks.
   * `'fixed'`: exactly one every `1000 / rate` ms per partition, like a sensor that reports on a clock.
   */
  readonly spacing?: Spacing;
  /** Stop after this many records in all (split over partitions). */
  readonly count?: number;
  /** Stop before this event time. With neither `count` nor `untilEventTime`, the source never ends. */
  readonly untilEventTime?: Millis;
  /** Event time at which generation starts. Default 0. */
  readonly startEventTime?: Millis;
  /** How late each record arrives after its event time. Default `{ distribution: 'none' }`. */
  readonly eventTimeDelay?: EventTimeDelay;
  /** Periods of a multiplied rate. */
  readonly bursts?: BurstOptions;
  /** Periods of silence, announced with `idle` and `active` events. */
  readonly idleGaps?: IdleGapOptions;
  /**
   * Makes the record for a context. It must depend only on its context (use `context.random` for
   * randomness): a rewind calls it again for the same record and expects the same value.
   */
  readonly make: (context: GeneratorContext) => T;
}

/**
 * A seeded source of generated records: the rate, the out-of-orderness, bursts, idle gaps and the
 * number of partitions can all be dialled, and the same seed always gives the same stream.
 *
 * Each record's event time is carried by the source (`timestamp`); it arrives at event time plus a
 * delay drawn from `eventTimeDelay`, so records overtake each other by at most `maxMs`. Each
 * partition emits its records in non-decreasing arrival order.
 *
 * @example
 * ```ts
 * generatorSource({
 *   seed: 7,
 *   ratePerSecond: 20,
 *   untilEventTime: 60_000,
 *   eventTimeDelay: { distribution: 'exponential', meanMs: 300, maxMs: 2_000 },
 *   make: ({ eventTime, random }) => ({ ts: eventTime, value: random.int(1, 100) }),
 * });
 * ```
 */
export function generatorSource<T>(options: GeneratorSourceOptions<T>): Source<T> {
  const {
    name = 'generator',
    seed,
    partitions = 1,
    ratePerSecond,
    spacing = 'exponential',
    count,
    untilEventTime,
    startEventTime = 0,
    eventTimeDelay = { distribution: 'none' },
    bursts,
    idleGaps,
    make,
  } = options;
  requireInteger(seed, 'seed', Number.MIN_SAFE_INTEGER);
  requireInteger(partitions, 'partitions', 1);
  requirePositive(ratePerSecond, 'ratePerSecond');
  if (count !== undefined) requireInteger(count, 'count', 0);
  if (untilEventTime !== undefined) requireFinite(untilEventTime, 'untilEventTime');
  requireFinite(startEventTime, 'startEventTime');
  validateDelay(eventTimeDelay);
  validateBurstsAndGaps(bursts, idleGaps, partitions);

  return episodeSource({
    name,
    seed,
    partitions,
    delay: eventTimeDelay,
    timeline: (partition) => ({
      ratePerMs: ratePerSecond / partitions / 1000,
      spacing,
      start: startEventTime,
      maxEpisodes: count === undefined ? Infinity : shareOf(count, partitions, partition),
      until: untilEventTime ?? Infinity,
      bursts,
      idleGaps: idleGapsOf(idleGaps, partition),
    }),
    episode: ({ partition, index, time, random }) => [
      {
        eventTime: time,
        value: requireSynchronous(
          make({ index, partition, eventTime: time, random }),
          "The function given as generatorSource's make",
        ),
      },
    ],
  });
}

/** Partition `partition`'s share of `total` items dealt out as evenly as possible. */
function shareOf(total: number, partitions: number, partition: number): number {
  return Math.floor(total / partitions) + (partition < total % partitions ? 1 : 0);
}
