import { PipelineDefinitionError } from '../../errors';
import { isPromise, notSynchronous } from '../../functions/synchronous';
import type { Millis } from '../../time';
import { EventTimeTrigger } from '../triggers/event-time-trigger';
import { ProcessingTimeTrigger } from '../triggers/processing-time-trigger';
import type { Trigger } from '../triggers/trigger';
import { TimeWindow } from '../window';
import { MergingWindowAssigner, requirePositiveDuration } from './window-assigner';

/** Computes the session gap of each element, for sessions whose gap depends on the data. */
export type SessionWindowTimeGapExtractor<T> = (element: T) => Millis;

function sessionWindow<T>(
  element: T,
  time: Millis,
  gap: Millis | SessionWindowTimeGapExtractor<T>,
): TimeWindow[] {
  const length = typeof gap === 'number' ? gap : gap(element);
  if (!Number.isSafeInteger(length) || length <= 0) {
    if (isPromise(length)) throw notSynchronous('The gap extractor given to withDynamicGap(...)');
    throw new RangeError(
      `A session gap must be a positive whole number of milliseconds; the gap extractor returned ${length}.`,
    );
  }
  return [new TimeWindow(time, time + length)];
}

function checkGap(name: string, gap: Millis): void {
  requirePositiveDuration(gap, `${name} gap`, `${name}.withGap(Time.minutes(10))`);
}

function checkExtractor(name: string, extractor: unknown): void {
  if (typeof extractor !== 'function') {
    throw new PipelineDefinitionError(
      `${name}.withDynamicGap needs a function returning each element's gap, e.g. (e) => e.timeoutMs.`,
    );
  }
}

/**
 * Session windows in event time: each element opens `[ts, ts + gap)`, and windows that overlap or
 * touch merge, so a session ends after `gap` without elements.
 *
 * @example
 * ```ts
 * EventTimeSessionWindows.withGap(Time.minutes(10));
 * ```
 */
export class EventTimeSessionWindows<T = unknown> extends MergingWindowAssigner {
  private constructor(private readonly gap: Millis | SessionWindowTimeGapExtractor<T>) {
    super();
  }

  /**
   * Sessions that end once no element arrives for `gap` milliseconds of event time: an element
   * at `ts` opens `[ts, ts + gap)` and joins any session that overlaps or touches it.
   */
  static withGap(gap: Millis): EventTimeSessionWindows {
    checkGap('EventTimeSessionWindows', gap);
    return new EventTimeSessionWindows(gap);
  }

  /** Sessions whose gap each element decides. */
  static withDynamicGap<T>(
    extractor: SessionWindowTimeGapExtractor<T>,
  ): EventTimeSessionWindows<T> {
    checkExtractor('EventTimeSessionWindows', extractor);
    return new EventTimeSessionWindows<T>(extractor);
  }

  assignWindows(element: unknown, timestamp: Millis, _now?: Millis): TimeWindow[] {
    return sessionWindow(element as T, timestamp, this.gap);
  }

  getDefaultTrigger(): Trigger {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  toString(): string {
    return `EventTimeSessionWindows(${typeof this.gap === 'number' ? this.gap : 'dynamic'})`;
  }
}

/** Session windows in processing time: a session ends after `gap` of the clock without elements. */
export class ProcessingTimeSessionWindows<T = unknown> extends MergingWindowAssigner {
  private constructor(private readonly gap: Millis | SessionWindowTimeGapExtractor<T>) {
    super();
  }

  /** Sessions that end once no element arrives for `gap` milliseconds of processing time. */
  static withGap(gap: Millis): ProcessingTimeSessionWindows {
    checkGap('ProcessingTimeSessionWindows', gap);
    return new ProcessingTimeSessionWindows(gap);
  }

  /** Sessions whose gap each element decides, in processing time. */
  static withDynamicGap<T>(
    extractor: SessionWindowTimeGapExtractor<T>,
  ): ProcessingTimeSessionWindows<T> {
    checkExtractor('ProcessingTimeSessionWindows', extractor);
    return new ProcessingTimeSessionWindows<T>(extractor);
  }

  assignWindows(element: unknown, _timestamp: Millis, now: Millis): TimeWindow[] {
    return sessionWindow(element as T, now, this.gap);
  }

  getDefaultTrigger(): Trigger {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return `ProcessingTimeSessionWindows(${typeof this.gap === 'number' ? this.gap : 'dynamic'})`;
  }
}
