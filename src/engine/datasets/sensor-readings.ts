import { Random } from '../random';
import { episodeSource } from '../sources/generator/episode-source';
import {
  type IdleGapOptions,
  idleGapsOf,
  validateBurstsAndGaps,
} from '../sources/generator/timeline';
import type { Source } from '../sources/source';
import { requirePositive } from '../sources/validate';
import {
  type DatasetOptions,
  datasetTimeline,
  keyName,
  keysOf,
  requireKeysPerPartition,
  resolveDataset,
  round,
} from './dataset-options';
import { smoothNoise } from './smooth-noise';

/** One temperature reading. */
export interface SensorReading {
  /** `sensor-1`, `sensor-2`, … */
  readonly sensor: string;
  /** When the reading was taken (event time, ms). */
  readonly ts: number;
  /** Degrees Celsius, to one decimal. */
  readonly celsius: number;
}

/** Options of {@link sensorReadings}. */
export interface SensorReadingsOptions extends DatasetOptions {
  /** Number of sensors. Default 3. */
  readonly sensors?: number;
  /** Readings per second from each sensor, on its own clock. Default 1. */
  readonly ratePerSecond?: number;
  /** Periods when a partition's sensors go quiet (a gateway offline), announced as idleness. */
  readonly idleGaps?: IdleGapOptions;
}

/**
 * IoT temperature sensors, each reporting on its own clock. Each sensor's temperature drifts
 * smoothly around its own level, like a room warming and cooling, plus a little measurement noise.
 * Readings reach the pipeline up to `maxDelayMs` late (default 1 s), so they arrive out of order.
 * Defaults: 3 sensors, 1 reading a second each, 60 s of event time.
 *
 * @example
 * ```ts
 * sensorReadings({ sensors: 3, maxDelayMs: 4_000 }, seed);
 * ```
 */
export function sensorReadings(
  options: SensorReadingsOptions = {},
  seed = 0,
): Source<SensorReading> {
  const { sensors = 3, ratePerSecond = 1, idleGaps } = options;
  const dataset = resolveDataset(
    options,
    { name: 'sensor-readings', durationMs: 60_000, maxDelayMs: 1_000 },
    seed,
  );
  requireKeysPerPartition('sensors', sensors, dataset.partitions);
  requirePositive(ratePerSecond, 'ratePerSecond');
  validateBurstsAndGaps(undefined, idleGaps, dataset.partitions);
  const periodMs = 1_000 / ratePerSecond;
  const names = Array.from({ length: sensors }, (_, i) => keyName('sensor', i, sensors));
  // Each sensor reads at a fixed offset within the period: their clocks are not synchronised.
  const phases = names.map((name) =>
    Math.floor(Random.derive(seed, 'phase', name).float() * periodMs),
  );
  const levels = names.map((name) => Random.derive(seed, 'level', name).between(18, 24));

  const sensorsOf = Array.from({ length: dataset.partitions }, (_, partition) =>
    keysOf(sensors, dataset.partitions, partition),
  );

  return episodeSource({
    name: dataset.name,
    seed,
    partitions: dataset.partitions,
    delay: dataset.delay,
    timeline: (partition) =>
      datasetTimeline(dataset, ratePerSecond / 1_000, 'fixed', idleGapsOf(idleGaps, partition)),
    // One episode is one tick of the partition's clock: every sensor in it takes a reading.
    episode: ({ partition, time, random }) => {
      const readings = [];
      for (const sensor of sensorsOf[partition] ?? []) {
        const ts = time + (phases[sensor] as number);
        if (ts >= dataset.until) continue;
        const name = names[sensor] as string;
        const level = levels[sensor] as number;
        const celsius = round(temperature(seed, name, ts, level) + random.normal(0, 0.05), 1);
        readings.push({ eventTime: ts, value: { sensor: name, ts, celsius } });
      }
      return readings;
    },
  });
}

/** A sensor's true temperature: its level, a slow drift of ±3 °C over minutes and a faster ±0.5 °C. */
function temperature(seed: number, sensor: string, time: number, level: number): number {
  return (
    level +
    3 * smoothNoise(seed, sensor, time, 120_000) +
    0.5 * smoothNoise(seed, sensor, time, 10_000)
  );
}
