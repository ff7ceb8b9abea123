import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import { EventTimeTrigger } from '../triggers/event-time-trigger';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger';
import type { Trigger } from '../triggers/trigger';
import { TimeWindow, windowStart } from '../window';
import { WindowAssigner, requirePositiveDuration } from './window-assigner';

function checkSliding(name: string, size: Millis, slide: Millis, offset: Millis): void {
  const example = `${name}.of(Time.minutes(10), Time.minutes(5))`;
  requirePositiveDuration(size, `${name} size`, example);
  requirePositiveDuration(slide, `${name} slide`, example);
  if (slide > size) {
    throw new PipelineDefinitionError(
      `${name} has slide ${slide} > size ${size}: elements between windows would belong to none. ` +
        'Use a slide no larger than the size (equal gives tumbling windows).',
    );
  }
  if (!Number.isSafeInteger(offset) || Math.abs(offset) >= slide) {
    throw new PipelineDefinitionError(
      `${name} needs |offset| < slide, got slide ${slide} and offset ${offset}.`,
    );
  }
}

/** The windows of `size` every `slide` that hold `time`, latest start first (as Flink lists them). */
function slidingWindows(time: Millis, size: Millis, slide: Millis, offset: Millis): TimeWindow[] {
  const windows: TimeWindow[] = [];
  for (let start = windowStart(time, offset, slide); start > time - size; start -= slide) {
    windows.push(new TimeWindow(start, start + size));
  }
  return windows;
}

/**
 * Windows of `size` starting every `slide` of event time; they overlap, so each element belongs to
 * `size / slide` windows.
 *
 * @example
 * ```ts
 * SlidingEventTimeWindows.of(Time.minutes(10), Time.minutes(5)); // [0, 10m), [5m, 15m), …
 * ```
 */
export class SlidingEventTimeWindows extends WindowAssigner<TimeWindow> {
  private constructor(
    /** The length of every window, in milliseconds. */
    readonly size: Millis,
    /** The distance between the starts of consecutive windows. */
    readonly slide: Millis,
    /** How far the window starts are shifted from multiples of `slide`. */
    readonly offset: Millis,
  ) {
    super();
  }

  /**
   * Windows of `size` milliseconds, a new one starting every `slide`, their starts shifted by
   * `offset` (`|offset| < slide`; default 0). The slide may not be larger than the size (Flink
   * would leave the elements between windows out; this engine asks for tumbling windows or a
   * smaller slide instead).
   *
   * @param size - How long each window is, in milliseconds.
   * @param slide - How far apart window starts are; `size / slide` windows hold each element.
   * @param offset - Where the starts fall, as for `TumblingEventTimeWindows.of`.
   */
  static of(size: Millis, slide: Millis, offset: Millis = 0): SlidingEventTimeWindows {
    checkSliding('SlidingEventTimeWindows', size, slide, offset);
    return new SlidingEventTimeWindows(size, slide, offset);
  }

  assignWindows(_element: unknown, timestamp: Millis, _now?: Millis): TimeWindow[] {
    return slidingWindows(timestamp, this.size, this.slide, this.offset);
  }

  getDefaultTrigger(): Trigger {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  toString(): string {
    return `SlidingEventTimeWindows(${this.size}, ${this.slide}${this.offset === 0 ? '' : `, ${this.offset}`})`;
  }
}

/** Windows of `size` starting every `slide` of processing time. */
export class SlidingProcessingTimeWindows extends WindowAssigner<TimeWindow> {
  private constructor(
    /** The length of every window, in milliseconds. */
    readonly size: Millis,
    /** The distance between the starts of consecutive windows. */
    readonly slide: Millis,
    /** How far the window starts are shifted from multiples of `slide`. */
    readonly offset: Millis,
  ) {
    super();
  }

  /**
   * Windows of `size` milliseconds of processing time, a new one starting every `slide`
   * (`slide ≤ size`), their starts shifted by `offset` (`|offset| < slide`).
   */
  static of(size: Millis, slide: Millis, offset: Millis = 0): SlidingProcessingTimeWindows {
    checkSliding('SlidingProcessingTimeWindows', size, slide, offset);
    return new SlidingProcessingTimeWindows(size, slide, offset);
  }

  assignWindows(_element: unknown, _timestamp: Millis, now: Millis): TimeWindow[] {
    return slidingWindows(now, this.size, this.slide, this.offset);
  }

  getDefaultTrigger(): Trigger {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return `SlidingProcessingTimeWindows(${this.size}, ${this.slide}${this.offset === 0 ? '' : `, ${this.offset}`})`;
  }
}
