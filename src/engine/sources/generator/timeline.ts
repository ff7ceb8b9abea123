/**
 * When things happen at one generated partition, in event time: the start of each episode (a record,
 * a user session, a taxi ride) and the idle gaps in between. Values and arrival delays are decided
 * elsewhere; keeping the timing on its own random stream means that changing delays or values never
 * moves the event times.
 */
import { Random } from '../../random';
import type { Millis } from '../source';
import { requireInteger, requirePositive } from '../validate';

/** Periods during which the rate is multiplied, like a flash sale or a batch upload. */
export interface BurstOptions {
  /** Mean time from the end of one burst to the start of the next (exponentially distributed). */
  readonly meanIntervalMs: Millis;
  /** How long each burst lasts. */
  readonly durationMs: Millis;
  /** Rate during a burst, as a multiple of the normal rate (e.g. 10). */
  readonly rateMultiplier: number;
}

/** Periods during which a partition produces nothing, and says so with `idle` / `active` events. */
export interface IdleGapOptions {
  /** Mean time from the end of one gap to the start of the next (exponentially distributed). */
  readonly meanIntervalMs: Millis;
  /** How long each gap lasts. */
  readonly durationMs: Millis;
  /** The partitions that have gaps; default all. One idle partition is enough to stall a watermark. */
  readonly partitions?: readonly number[];
}

/** Throws unless the burst and idle-gap options make sense for a source with `partitions`. */
export function validateBurstsAndGaps(
  bursts: BurstOptions | undefined,
  idleGaps: IdleGapOptions | undefined,
  partitions: number,
): void {
  if (bursts) {
    requirePositive(bursts.meanIntervalMs, 'bursts.meanIntervalMs');
    requirePositive(bursts.durationMs, 'bursts.durationMs');
    requirePositive(bursts.rateMultiplier, 'bursts.rateMultiplier');
  }
  if (idleGaps) {
    requirePositive(idleGaps.meanIntervalMs, 'idleGaps.meanIntervalMs');
    requirePositive(idleGaps.durationMs, 'idleGaps.durationMs');
    for (const partition of idleGaps.partitions ?? []) {
      requireInteger(partition, 'idleGaps.partitions[…]', 0);
      if (partition >= partitions) {
        throw new RangeError(
          `idleGaps.partitions names partition ${partition}, but there are ${partitions}.`,
        );
      }
    }
  }
}

/** The idle gaps of `partition`, or `undefined` if it has none. */
export function idleGapsOf(
  idleGaps: IdleGapOptions | undefined,
  partition: number,
): IdleGapOptions | undefined {
  const hasGaps = idleGaps && (idleGaps.partitions?.includes(partition) ?? true);
  return hasGaps ? idleGaps : undefined;
}

/** How episodes are spaced: a Poisson process (`exponential` gaps) or a metronome (`fixed`). */
export type Spacing = 'exponential' | 'fixed';

/** Everything that decides the timing of one partition. */
export interface TimelineSpec {
  /** Episodes per millisecond, outside bursts. */
  readonly ratePerMs: number;
  readonly spacing: Spacing;
  /** Event time at which the partition starts. */
  readonly start: Millis;
  /** The partition ends after this many episodes (`Infinity` for no limit). */
  readonly maxEpisodes: number;
  /** The partition ends at the first episode at or after this event time (`Infinity` for none). */
  readonly until: Millis;
  readonly bursts: BurstOptions | undefined;
  readonly idleGaps: IdleGapOptions | undefined;
}

/** One step of a timeline, at event time `time` (whole milliseconds). */
export type TimelineStep =
  | { readonly kind: 'episode'; readonly time: Millis; readonly index: number }
  /** A gap from `time` to `end`; `end` is `undefined` when the partition ends during the gap. */
  | { readonly kind: 'gap'; readonly time: Millis; readonly end: Millis | undefined };

/** Number of values in {@link Timeline.snapshot}. */
export const TIMELINE_SNAPSHOT_LENGTH = 10;

/**
 * Walks one partition's timeline. Rates are piecewise constant (bursts change them), so the wait for
 * the next episode is measured in units of work: one unit for a metronome, an Exp(1) draw for a
 * Poisson process, consumed at the current rate until done. This is exact at burst boundaries.
 */
export class Timeline {
  private constructor(
    private readonly spec: TimelineSpec,
    private readonly random: Random,
    private time: number,
    private episodes: number,
    private started: boolean,
    private burstStart: number,
    private burstEnd: number,
    private gapStart: number,
  ) {}

  /** A timeline at the partition's start, drawing from `random`. */
  static start(spec: TimelineSpec, random: Random): Timeline {
    const { bursts, idleGaps, start } = spec;
    const burstStart = bursts ? start + random.exponential(bursts.meanIntervalMs) : 0;
    const burstEnd = bursts ? burstStart + bursts.durationMs : 0;
    const gapStart = idleGaps ? start + random.exponential(idleGaps.meanIntervalMs) : 0;
    return new Timeline(spec, random, start, 0, false, burstStart, burstEnd, gapStart);
  }

  /** The timeline exactly where {@link Timeline.snapshot} returned `snapshot`. */
  static resume(spec: TimelineSpec, snapshot: readonly number[]): Timeline {
    const [time = 0, episodes = 0, started, burstStart = 0, burstEnd = 0, gapStart = 0] = snapshot;
    const [a = 0, b = 0, c = 0, d = 0] = snapshot.slice(6);
    const random = Random.restore([a, b, c, d]);
    return new Timeline(
      spec,
      random,
      time,
      episodes,
      started === 1,
      burstStart,
      burstEnd,
      gapStart,
    );
  }

  /** The next step, or `undefined` once the partition has ended. */
  next(): TimelineStep | undefined {
    if (this.episodes >= this.spec.maxEpisodes) return undefined;
    let work = this.workToNextEpisode();
    for (;;) {
      const rate = this.rate();
      const boundary = this.nextBoundary();
      const done = this.time + work / rate;
      if (done < boundary) {
        this.time = done;
        break;
      }
      // Never below zero, which rounding could otherwise make it and move time backwards.
      work = Math.max(0, work - (boundary - this.time) * rate);
      this.time = boundary;
      const gap = this.crossBoundary();
      if (gap) return gap.time >= this.spec.until ? undefined : gap;
    }
    if (this.time >= this.spec.until) return undefined;
    this.started = true;
    return { kind: 'episode', time: Math.floor(this.time), index: this.episodes++ };
  }

  /** The complete state, {@link TIMELINE_SNAPSHOT_LENGTH} numbers. */
  snapshot(): number[] {
    return [
      this.time,
      this.episodes,
      this.started ? 1 : 0,
      this.burstStart,
      this.burstEnd,
      this.gapStart,
      ...this.random.state(),
    ];
  }

  private workToNextEpisode(): number {
    if (this.spec.spacing === 'exponential') return this.random.exponential(1);
    // A metronome beats at its start (and again right after a gap), then once per unit of work.
    return this.started ? 1 : 0;
  }

  private rate(): number {
    const inBurst = this.spec.bursts && this.time >= this.burstStart && this.time < this.burstEnd;
    return inBurst
      ? this.spec.ratePerMs * (this.spec.bursts?.rateMultiplier ?? 1)
      : this.spec.ratePerMs;
  }

  private nextBoundary(): number {
    let boundary = Number.POSITIVE_INFINITY;
    if (this.spec.bursts) boundary = this.time < this.burstStart ? this.burstStart : this.burstEnd;
    if (this.spec.idleGaps) boundary = Math.min(boundary, this.gapStart);
    return boundary;
  }

  /** Handles reaching a boundary; returns the gap step when the boundary opens an idle gap. */
  private crossBoundary(): TimelineStep | undefined {
    const { bursts, idleGaps } = this.spec;
    if (idleGaps && this.time === this.gapStart) {
      const start = this.time;
      const end = start + idleGaps.durationMs;
      this.gapStart = end + this.random.exponential(idleGaps.meanIntervalMs);
      this.time = end;
      // Nothing happens during the gap; a burst that would have ended inside it is moved past it.
      this.skipBurstsBefore(end);
      this.started = false;
      return {
        kind: 'gap',
        time: Math.floor(start),
        end: end >= this.spec.until ? undefined : Math.floor(end),
      };
    }
    if (bursts && this.time === this.burstEnd) {
      this.burstStart = this.burstEnd + this.random.exponential(bursts.meanIntervalMs);
      this.burstEnd = this.burstStart + bursts.durationMs;
    }
    return undefined;
  }

  private skipBurstsBefore(time: number): void {
    const { bursts } = this.spec;
    while (bursts && this.burstEnd <= time) {
      this.burstStart = this.burstEnd + this.random.exponential(bursts.meanIntervalMs);
      this.burstEnd = this.burstStart + bursts.durationMs;
    }
  }
}
