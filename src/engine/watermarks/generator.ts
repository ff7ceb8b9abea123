/**
 * Watermark generators, as in Flink's `WatermarkGenerator`: they watch the timestamps of the records
 * and say how far event time has certainly progressed.
 */
import { MIN_WATERMARK } from '../time';
import type { Millis } from '../time';

/** Where a generator sends its watermarks. Only a watermark higher than the last one counts. */
export interface WatermarkOutput {
  /** Asserts that no more records with a timestamp `≤ watermark` are expected. */
  emitWatermark(watermark: Millis): void;
  /** Declares this input idle: operators downstream stop waiting for its watermark. */
  markIdle(): void;
  /** Declares this input active again. Emitting a watermark does so too. */
  markActive(): void;
}

/**
 * Generates watermarks from the records it sees. `onEvent` runs for every record (a punctuated
 * generator emits here); `onPeriodicEmit` runs every auto-watermark interval of processing time
 * (200 ms by default; a periodic generator emits here).
 */
export interface WatermarkGenerator<T> {
  /** Sees every record and its timestamp; a punctuated generator emits watermarks here. */
  onEvent(event: T, eventTimestamp: Millis, output: WatermarkOutput): void;
  /** Runs every auto-watermark interval; a periodic generator emits watermarks here. */
  onPeriodicEmit(output: WatermarkOutput): void;
}

/**
 * A generator whose state a snapshot can keep. Flink keeps no generator state in a checkpoint (a
 * restored source starts its generators afresh, and the watermark waits for new records); the
 * built-in generators keep theirs here, so that a restored job goes on exactly as the job it was
 * taken from. A custom generator (`forGenerator`) starts afresh after a restore, as in Flink.
 */
interface SnapshottableGenerator {
  snapshotGeneratorState(): unknown;
  restoreGeneratorState(state: unknown): void;
}

function snapshottable(generator: object): generator is SnapshottableGenerator {
  return (
    typeof (generator as Partial<SnapshottableGenerator>).snapshotGeneratorState === 'function' &&
    typeof (generator as Partial<SnapshottableGenerator>).restoreGeneratorState === 'function'
  );
}

/** A generator's state for a snapshot, or `undefined` for a generator that keeps none. */
export function generatorState(generator: WatermarkGenerator<unknown> | undefined): unknown {
  return generator !== undefined && snapshottable(generator)
    ? generator.snapshotGeneratorState()
    : undefined;
}

/** Gives a fresh generator the state {@link generatorState} took, if it keeps any. */
export function restoreGenerator(
  generator: WatermarkGenerator<unknown> | undefined,
  state: unknown,
): void {
  if (generator !== undefined && state !== undefined && snapshottable(generator)) {
    generator.restoreGeneratorState(state);
  }
}

/**
 * Flink's `BoundedOutOfOrdernessWatermarks`: records may arrive up to `maxOutOfOrderness` late, so
 * the watermark trails the highest timestamp seen by that much, minus one because a watermark `t`
 * promises that no record with timestamp `≤ t` follows: `max − maxOutOfOrderness − 1`.
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private maxTimestamp: Millis;

  /** A generator for records at most `outOfOrderness` milliseconds out of order. */
  constructor(private readonly outOfOrderness: Millis) {
    // Starts so that the first periodic watermark, before any record, is the lowest possible one.
    this.maxTimestamp = MIN_WATERMARK + outOfOrderness + 1;
  }

  /** Remembers the highest timestamp seen. */
  onEvent(_event: T, eventTimestamp: Millis): void {
    if (eventTimestamp > this.maxTimestamp) this.maxTimestamp = eventTimestamp;
  }

  /** Emits the highest timestamp seen, minus the out-of-orderness, minus 1. */
  onPeriodicEmit(output: WatermarkOutput): void {
    output.emitWatermark(this.maxTimestamp - this.outOfOrderness - 1);
  }

  /** @internal */
  snapshotGeneratorState(): { maxTimestamp: Millis } {
    return { maxTimestamp: this.maxTimestamp };
  }

  /** @internal */
  restoreGeneratorState(state: { maxTimestamp: Millis }): void {
    this.maxTimestamp = state.maxTimestamp;
  }
}

/** Emits nothing: for streams whose records carry timestamps but whose time never advances. */
export class NoWatermarksGenerator<T> implements WatermarkGenerator<T> {
  onEvent(): void {}
  onPeriodicEmit(): void {}
}

/** Reads the virtual clock: idleness is measured in processing time. */
export interface ProcessingClock {
  currentProcessingTime(): Millis;
}

/** What {@link WatermarksWithIdleness} keeps, and its inner generator's state. */
interface IdlenessState {
  readonly activity: number;
  readonly lastActivity: number;
  readonly inactiveSince: Millis | undefined;
  readonly inner: unknown;
}

/**
 * Flink's `WatermarksWithIdleness`: wraps a generator and marks the input idle when no record has
 * arrived for longer than `idleTimeout`. As in Flink, inactivity is measured from the first periodic
 * check that saw no new record, and the input is idle once more than the timeout has passed since.
 */
export class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
  private activity = 0;
  private lastActivity = 0;
  private inactiveSince: Millis | undefined;

  constructor(
    private readonly inner: WatermarkGenerator<T>,
    private readonly idleTimeout: Millis,
    private readonly clock: ProcessingClock,
  ) {}

  onEvent(event: T, eventTimestamp: Millis, output: WatermarkOutput): void {
    this.inner.onEvent(event, eventTimestamp, output);
    this.activity++;
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.isIdle()) output.markIdle();
    else this.inner.onPeriodicEmit(output);
  }

  /** @internal */
  snapshotGeneratorState(): IdlenessState {
    return {
      activity: this.activity,
      lastActivity: this.lastActivity,
      inactiveSince: this.inactiveSince,
      inner: generatorState(this.inner),
    };
  }

  /** @internal */
  restoreGeneratorState(state: IdlenessState): void {
    this.activity = state.activity;
    this.lastActivity = state.lastActivity;
    this.inactiveSince = state.inactiveSince;
    restoreGenerator(this.inner, state.inner);
  }

  private isIdle(): boolean {
    if (this.activity !== this.lastActivity) {
      this.lastActivity = this.activity;
      this.inactiveSince = undefined;
      return false;
    }
    const now = this.clock.currentProcessingTime();
    if (this.inactiveSince === undefined) {
      this.inactiveSince = now;
      return false;
    }
    return now - this.inactiveSince > this.idleTimeout;
  }
}
