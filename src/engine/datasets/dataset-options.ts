/** Options every dataset shares, and the defaults that make `dataset({})` just work. */
import type { EventTimeDelay } from '../sources/generator/delay';
import { validateDelay } from '../sources/generator/delay';
import type { IdleGapOptions, TimelineSpec } from '../sources/generator/timeline';
import type { Millis } from '../sources/source';
import { requireFinite, requireInteger, requireNonNegative } from '../sources/validate';

/** Options shared by every dataset. */
export interface DatasetOptions {
  /** Shown in the operator graph and the trace. Default: the dataset's name. */
  readonly name?: string;
  /** Number of source partitions; each key (sensor, user, card) always lands in the same one. */
  readonly partitions?: number;
  /** How much event time the data covers. Default depends on the dataset; `Infinity` never ends. */
  readonly durationMs?: Millis;
  /** Event time of the start. Default 0. */
  readonly startEventTime?: Millis;
  /**
   * The most a record can arrive after its event time. Delays are exponential with a mean of a
   * quarter of this: most records nearly on time, a few close to the bound. 0 keeps the data in
   * order. Ignored when `eventTimeDelay` is given.
   */
  readonly maxDelayMs?: Millis;
  /** The full delay distribution, for finer control than `maxDelayMs`. */
  readonly eventTimeDelay?: EventTimeDelay;
}

/** Options after defaults, checked. */
export interface ResolvedDataset {
  readonly name: string;
  readonly partitions: number;
  readonly start: Millis;
  readonly until: Millis;
  readonly delay: EventTimeDelay;
}

/** Applies defaults and checks the shared options. */
export function resolveDataset(
  options: DatasetOptions,
  defaults: { readonly name: string; readonly durationMs: Millis; readonly maxDelayMs: Millis },
  seed: number,
): ResolvedDataset {
  const {
    name = defaults.name,
    partitions = 1,
    durationMs = defaults.durationMs,
    startEventTime = 0,
    maxDelayMs = defaults.maxDelayMs,
  } = options;
  requireInteger(seed, 'seed', Number.MIN_SAFE_INTEGER);
  requireInteger(partitions, 'partitions', 1);
  if (!(durationMs > 0)) throw new RangeError(`durationMs must be > 0, got ${durationMs}.`);
  requireFinite(startEventTime, 'startEventTime');
  requireNonNegative(maxDelayMs, 'maxDelayMs');
  const delay: EventTimeDelay =
    options.eventTimeDelay ??
    (maxDelayMs === 0
      ? { distribution: 'none' }
      : { distribution: 'exponential', meanMs: maxDelayMs / 4, maxMs: maxDelayMs });
  validateDelay(delay);
  return { name, partitions, start: startEventTime, until: startEventTime + durationMs, delay };
}

/** A partition's timeline for a dataset: `ratePerMs` episodes per ms until the end. */
export function datasetTimeline(
  dataset: ResolvedDataset,
  ratePerMs: number,
  spacing: TimelineSpec['spacing'],
  idleGaps?: IdleGapOptions,
): TimelineSpec {
  return {
    ratePerMs,
    spacing,
    start: dataset.start,
    maxEpisodes: Infinity,
    until: dataset.until,
    bursts: undefined,
    idleGaps,
  };
}

/** The keys `0 … count-1` that land in `partition` (key `i` goes to partition `i mod partitions`). */
export function keysOf(count: number, partitions: number, partition: number): number[] {
  const keys: number[] = [];
  for (let key = partition; key < count; key += partitions) keys.push(key);
  return keys;
}

/** `prefix-0042` style names, padded so they sort as numbers do. */
export function keyName(prefix: string, key: number, count: number): string {
  return `${prefix}-${String(key + 1).padStart(String(count).length, '0')}`;
}

/** Rounds to cents (or tenths, with `digits = 1`). */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Throws unless every partition gets at least one key. */
export function requireKeysPerPartition(what: string, count: number, partitions: number): void {
  requireInteger(count, what, 1);
  if (partitions > count) {
    throw new RangeError(
      `${partitions} partitions need at least ${partitions} ${what}, got ${count}.`,
    );
  }
}
