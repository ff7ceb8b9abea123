import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import { EventTimeTrigger } from '../triggers/event-time-trigger';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger';
import type { Trigger } from '../triggers/trigger';
import { TimeWindow, windowStart } from '../window';
import { WindowAssigner, requirePositiveDuration } from './window-assigner';

function checkTumbling(name: string, size: Millis, offset: Millis): void {
  requirePositiveDuration(size, `${name} size`, `${name}.of(Time.seconds(10))`);
  if (!Number.isSafeInteger(offset) || Math.abs(offset) >= size) {
    throw new PipelineDefinitionError(
      `${name} needs |offset| < size, got size ${size} and offset ${offset}. The offset shifts the ` +
        'window boundaries, e.g. of(Time.hours(1), Time.minutes(15)) gives [0:15, 1:15), [1:15, 2:15), …',
    );
  }
}

/**
 * The window starting at a given start, remembering the last two: consecutive elements mostly fall
 * in the same window, or (out of order, near a boundary) alternate between two neighbours, and
 * windows are immutable values, so the same one can be handed out again instead of a new one per
 * element.
 */
function lastWindowCache(assigner: { readonly size: Millis }): (start: Millis) => TimeWindow {
  let last: TimeWindow | undefined;
  let previous: TimeWindow | undefined;
  return (start) => {
    if (last !== undefined && last.start === start) return last;
    const window =
      previous !== undefined && previous.start === start
        ? previous
        : new TimeWindow(start, start + assigner.size);
    previous = last;
    last = window;
    return window;
  };
}

/**
 * Fixed-size, non-overlapping windows of event time: each element falls in exactly one,
 * `[start, start + size)` with `start = ts − ((ts − offset) mod size)`.
 *
 * @example
 * ```ts
 * TumblingEventTimeWindows.of(Time.seconds(10));                  // [0, 10000), [10000, 20000), …
 * TumblingEventTimeWindows.of(Time.days(1), Time.hours(-8));      // days in UTC+8
 * ```
 */
export class TumblingEventTimeWindows extends WindowAssigner<TimeWindow> {
  private readonly windowAt = lastWindowCache(this);

  private constructor(
    /** The length of every window, in milliseconds. */
    readonly size: Millis,
    /** How far the window boundaries are shifted from multiples of `size`. */
    readonly offset: Millis,
  ) {
    super();
  }

  /**
   * Windows of `size` milliseconds (e.g. `Time.minutes(5)`), their boundaries shifted by
   * `offset` (`|offset| < size`; default 0, which aligns them to the epoch).
   *
   * @param size - How long each window is, in milliseconds.
   * @param offset - Where the boundaries fall: `of(Time.hours(1), Time.minutes(15))` gives
   * `[0:15, 1:15)`, `[1:15, 2:15)`, …
   * @returns The assigner, for `KeyedStream.window` or `DataStream.windowAll`.
   */
  static of(size: Millis, offset: Millis = 0): TumblingEventTimeWindows {
    checkTumbling('TumblingEventTimeWindows', size, offset);
    return new TumblingEventTimeWindows(size, offset);
  }

  assignWindows(_element: unknown, timestamp: Millis, _now?: Millis): TimeWindow[] {
    return [this.windowAt(windowStart(timestamp, this.offset, this.size))];
  }

  getDefaultTrigger(): Trigger {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  toString(): string {
    return `TumblingEventTimeWindows(${this.size}${this.offset === 0 ? '' : `, ${this.offset}`})`;
  }
}

/** Fixed-size, non-overlapping windows of processing time, by the clock when the element arrives. */
export class TumblingProcessingTimeWindows extends WindowAssigner<TimeWindow> {
  private readonly windowAt = lastWindowCache(this);

  private constructor(
    /** The length of every window, in milliseconds. */
    readonly size: Millis,
    /** How far the window boundaries are shifted from multiples of `size`. */
    readonly offset: Millis,
  ) {
    super();
  }

  /**
   * Windows of `size` milliseconds of processing time, their boundaries shifted by `offset`
   * (`|offset| < size`; default 0).
   */
  static of(size: Millis, offset: Millis = 0): TumblingProcessingTimeWindows {
    checkTumbling('TumblingProcessingTimeWindows', size, offset);
    return new TumblingProcessingTimeWindows(size, offset);
  }

  assignWindows(_element: unknown, _timestamp: Millis, now: Millis): TimeWindow[] {
    return [this.windowAt(windowStart(now, this.offset, this.size))];
  }

  getDefaultTrigger(): Trigger {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return `TumblingProcessingTimeWindows(${this.size}${this.offset === 0 ? '' : `, ${this.offset}`})`;
  }
}
