/**
 * Windows as a check works them out and names them: which windows a timestamp falls in, the way
 * Flink's event-time assigners place it, and how a message writes a window.
 */
import type { Key, WindowBounds } from '../records';
import type { Millis } from '../time';
import { windowStart } from '../windows/window';
import { formatSeconds } from './format';

/** Options of {@link windowLabel}. */
export interface WindowLabelOptions {
  /** The key the window belongs to, written before it: `/home in [0, 5000)`. */
  readonly key?: Key;
  /** Milliseconds (the default, `[0, 5000)`) or seconds (`[0 s, 5 s)`). */
  readonly unit?: 'ms' | 's';
}

/**
 * A window as messages write it: start included, end excluded, `[0, 5000)`; with its key when
 * given, `/home in [0, 5000)`. Checks also use it as the name of a key's window.
 *
 * @example
 * ```ts
 * windowLabel({ start: 0, end: 5000 }); // '[0, 5000)'
 * windowLabel({ start: 0, end: 5000 }, { key: 'boiler-1', unit: 's' }); // 'boiler-1 in [0 s, 5 s)'
 * ```
 */
export function windowLabel(window: WindowBounds, options: WindowLabelOptions = {}): string {
  const time = options.unit === 's' ? formatSeconds : String;
  const bounds = `[${time(window.start)}, ${time(window.end)})`;
  return options.key === undefined ? bounds : `${String(options.key)} in ${bounds}`;
}

/** True when `window` holds `timestamp`: at or after its start, and before its end. */
export function windowHolds(window: WindowBounds, timestamp: Millis): boolean {
  return timestamp >= window.start && timestamp < window.end;
}

/**
 * The tumbling window of `size` that holds `timestamp`, as `TumblingEventTimeWindows.of(size)`
 * places it: windows start at the multiples of `size`.
 *
 * @example
 * ```ts
 * tumblingWindowOf(5000, 5000); // { start: 5000, end: 10000 }
 * ```
 */
export function tumblingWindowOf(timestamp: Millis, size: Millis): WindowBounds {
  const start = windowStart(timestamp, 0, size);
  return { start, end: start + size };
}

/**
 * The sliding windows of `size`, one starting every `slide`, that hold `timestamp`, latest first,
 * as `SlidingEventTimeWindows.of(size, slide)` places it: `size / slide` windows when the slide
 * divides the size.
 *
 * @example
 * ```ts
 * slidingWindowsOf(800, 10_000, 5_000); // [{ start: 0, end: 10000 }, { start: -5000, end: 5000 }]
 * ```
 */
export function slidingWindowsOf(timestamp: Millis, size: Millis, slide: Millis): WindowBounds[] {
  const windows: WindowBounds[] = [];
  for (let start = windowStart(timestamp, 0, slide); start > timestamp - size; start -= slide) {
    windows.push({ start, end: start + size });
  }
  return windows;
}
