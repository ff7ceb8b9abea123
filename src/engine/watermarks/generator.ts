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
