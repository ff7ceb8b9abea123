import type { Random } from '../random';
import { episodeSource, type Occurrence } from '../sources/generator/episode-source';
import type { Source } from '../sources/source';
import { requireInteger, requirePositive } from '../sources/validate';
import { type DatasetOptions, datasetTimeline, resolveDataset, round } from './dataset-options';

/** A taxi ride starts: the meter is switched on. */
export interface TaxiRideStart {
  /** Always `start` for a ride starting. */
  readonly event: 'start';
  /** Unique per ride; the start and the end of a ride share it. */
  readonly rideId: number;
  /** The taxi, from 1 to the number of taxis. */
  readonly taxiId: number;
  /** When the ride started (event time, ms). */
  readonly ts: number;
  /** How many passengers ride. */
  readonly passengerCount: number;
}

/** A taxi ride ends: the fare is known. */
export interface TaxiRideEnd {
  /** Always `end` for a ride ending. */
  readonly event: 'end';
  /** The ride, as its start named it. */
  readonly rideId: number;
  /** The taxi, from 1 to the number of taxis. */
  readonly taxiId: number;
  /** When the ride ended (event time, ms). */
  readonly ts: number;
  /** How many passengers rode. */
  readonly passengerCount: number;
  /** Kilometres driven, to one decimal. */
  readonly distanceKm: number;
  /** In euros, to the cent. */
  readonly fare: number;
}

/** A start or an end of a ride; `event` tells which. */
export type TaxiRide = TaxiRideStart | TaxiRideEnd;

/** Options of {@link taxiRides}. */
export interface TaxiRidesOptions extends DatasetOptions {
  /** Rides starting per second of event time. Default 1. */
  readonly ratePerSecond?: number;
  /** Number of taxis. Default 200. */
  readonly taxis?: number;
}

/** One ride in a hundred forgets its meter and runs for hours: what a "long ride" alert catches. */
const LONG_RIDE_CHANCE = 0.01;

/**
 * A city's taxi rides, each a `start` event and, typically 5 to 30 minutes later, an `end` event with
 * the distance and the fare (2 h or more for about one ride in a hundred). Rides that start within
 * the duration all end, even after it. Defaults: 1 ride a second, 200 taxis, 30 minutes of starts,
 * up to 5 s late.
 *
 * @example
 * ```ts
 * taxiRides({ ratePerSecond: 0.5 }, seed);
 * ```
 */
export function taxiRides(options: TaxiRidesOptions = {}, seed = 0): Source<TaxiRide> {
  const { ratePerSecond = 1, taxis = 200 } = options;
  const dataset = resolveDataset(
    options,
    { name: 'taxi-rides', durationMs: 1_800_000, maxDelayMs: 5_000 },
    seed,
  );
  requirePositive(ratePerSecond, 'ratePerSecond');
  requireInteger(taxis, 'taxis', 1);
  const { partitions } = dataset;

  return episodeSource({
    name: dataset.name,
    seed,
    partitions,
    delay: dataset.delay,
    timeline: () => datasetTimeline(dataset, ratePerSecond / partitions / 1_000, 'exponential'),
    // One episode is one ride; ride ids interleave across partitions so they never collide.
    episode: ({ partition, index, time, random }): Occurrence<TaxiRide>[] => {
      const rideId = index * partitions + partition + 1;
      const taxiId = random.int(1, taxis);
      const passengerCount = random.weighted([
        [1, 70],
        [2, 15],
        [3, 6],
        [4, 5],
        [5, 2],
        [6, 2],
      ]);
      const minutes = rideMinutes(random);
      const distanceKm = round((minutes / 60) * random.logNormal(22, 0.3), 1);
      const fare = round(3 + 1.75 * distanceKm + 0.35 * minutes);
      const end = time + Math.round(minutes * 60_000);
      const common = { rideId, taxiId, passengerCount };
      return [
        { eventTime: time, value: { event: 'start', ...common, ts: time } },
        { eventTime: end, value: { event: 'end', ...common, ts: end, distanceKm, fare } },
      ];
    },
  });
}

/** Log-normal around a quarter of an hour, with a long tail and the rare forgotten meter. */
function rideMinutes(random: Random): number {
  if (random.chance(LONG_RIDE_CHANCE)) return random.between(120, 240);
  return Math.max(2, Math.min(90, random.logNormal(15, 0.5)));
}
