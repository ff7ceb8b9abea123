/**
 * Windows: finite buckets of a keyed stream. Flink's rules, to the letter: a time window is the
 * half-open interval `[start, end)`, so its last timestamp (`maxTimestamp`) is `end − 1`.
 */
import { MAX_WATERMARK, MIN_WATERMARK } from '../time';
import type { Millis } from '../time';

/** A window of time `[start, end)`: `start` included, `end` excluded. */
export class TimeWindow {
  /**
   * The window `[start, end)`.
   *
   * @param start - The first timestamp in the window.
   * @param end - The first timestamp after it.
   */
  constructor(
    /** First timestamp in the window. */
    readonly start: Millis,
    /** First timestamp after the window. */
    readonly end: Millis,
  ) {}

  /** The last timestamp that still belongs to the window: `end − 1`. Results carry it. */
  maxTimestamp(): Millis {
    return this.end - 1;
  }

  /** True when the two windows overlap or touch: `[0, 3)` and `[3, 6)` intersect (sessions merge). */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  /** The smallest window covering both. */
  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  /** True for a time window with the same start and end. */
  equals(other: Window): boolean {
    return other instanceof TimeWindow && other.start === this.start && other.end === this.end;
  }

  /** The window as `[start, end)`. */
  toString(): string {
    return `[${this.start}, ${this.end})`;
  }
}

/**
 * The single window that holds all of a key's elements (`GlobalWindows`). It never ends; only a
 * custom trigger (such as a count trigger) makes it fire.
 */
export class GlobalWindow {
  private static readonly instance = new GlobalWindow();

  private constructor() {}

  /** The global window. */
  static get(): GlobalWindow {
    return GlobalWindow.instance;
  }

  /** The largest timestamp: the global window never closes. */
  maxTimestamp(): Millis {
    return MAX_WATERMARK;
  }

  /** Reported as `[MIN_WATERMARK, MAX_WATERMARK)` wherever bounds are needed. */
  get start(): Millis {
    return MIN_WATERMARK;
  }

  /** Reported as `MAX_WATERMARK`: the global window never ends. */
  get end(): Millis {
    return MAX_WATERMARK;
  }

  /** True only for the global window itself. */
  equals(other: Window): boolean {
    return other === this;
  }

  /** `GlobalWindow`. */
  toString(): string {
    return 'GlobalWindow';
  }
}

/** Either kind of window. */
export type Window = TimeWindow | GlobalWindow;

/**
 * The start of the window of length `size` holding `timestamp`, with windows aligned to `offset`:
 * `timestamp − ((timestamp − offset) mod size)`, the remainder taken non-negative so that negative
 * timestamps land in the window below them (−1 is in `[−size, 0)`, not in `[0, size)`).
 */
export function windowStart(timestamp: Millis, offset: Millis, size: Millis): Millis {
  const remainder = (timestamp - offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

/**
 * Merges overlapping or touching windows, as Flink's `TimeWindow.mergeWindows`: sorts them by start,
 * sweeps once, and reports each group of more than one window with the window covering it.
 */
export function mergeTimeWindows(
  windows: readonly TimeWindow[],
  onMerge: (merged: TimeWindow[], result: TimeWindow) => void,
): void {
  const sorted = [...windows].sort((a, b) => a.start - b.start || a.end - b.end);
  let cover: TimeWindow | undefined;
  let group: TimeWindow[] = [];
  const flush = (): void => {
    if (cover !== undefined && group.length > 1) onMerge(group, cover);
  };
  for (const candidate of sorted) {
    if (cover !== undefined && cover.intersects(candidate)) {
      cover = cover.cover(candidate);
      // Identical windows count once, as in Flink's set of merged windows.
      if (!group.some((w) => w.equals(candidate))) group.push(candidate);
    } else {
      flush();
      cover = candidate;
      group = [candidate];
    }
  }
  flush();
}
