/**
 * Time in the engine: event time (the timestamp a record carries) and processing time (the engine's
 * virtual clock) are both whole milliseconds held in plain numbers.
 */
import type { Millis } from './sources/source';

export type { Millis };

/**
 * The largest timestamp and the watermark that ends a bounded input: every window ends before it,
 * so when it arrives every pending window fires. It plays the part of Flink's `Long.MAX_VALUE`.
 */
export const MAX_WATERMARK: Millis = Number.MAX_SAFE_INTEGER;

/**
 * The watermark of an operator that has not seen one yet (Flink's `Long.MIN_VALUE`): no window can
 * be complete, no record can be late.
 */
export const MIN_WATERMARK: Millis = Number.MIN_SAFE_INTEGER;

/**
 * Durations, as Flink's `Time` helpers, returning milliseconds.
 *
 * @example
 * ```ts
 * TumblingEventTimeWindows.of(Time.minutes(5));
 * WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(2)); // same as 2_000
 * ```
 */
export const Time = {
  /** `n` milliseconds. */
  milliseconds: (n: number): Millis => n,
  /** `n` seconds in milliseconds. */
  seconds: (n: number): Millis => n * 1_000,
  /** `n` minutes in milliseconds. */
  minutes: (n: number): Millis => n * 60_000,
  /** `n` hours in milliseconds. */
  hours: (n: number): Millis => n * 3_600_000,
  /** `n` days in milliseconds. */
  days: (n: number): Millis => n * 86_400_000,
} as const;

/** Clamps a watermark asserted from outside (a scripted source may say `Infinity`) into range. */
export function clampWatermark(watermark: Millis): Millis {
  if (watermark > MAX_WATERMARK) return MAX_WATERMARK;
  if (watermark < MIN_WATERMARK) return MIN_WATERMARK;
  return watermark;
}

/** Shows a timestamp for people: the two extremes by name, anything else as a number. */
export function formatTimestamp(timestamp: Millis | undefined): string {
  if (timestamp === undefined) return 'no timestamp';
  if (timestamp >= MAX_WATERMARK) return '+∞';
  if (timestamp <= MIN_WATERMARK) return '-∞';
  return String(timestamp);
}
