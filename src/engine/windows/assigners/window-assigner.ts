/**
 * Window assigners put each element into zero or more windows, as Flink's `WindowAssigner`.
 */
import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import type { Trigger } from '../triggers/trigger';
import type { TimeWindow, Window } from '../window';

/**
 * Decides which windows each element belongs to, as Flink's `WindowAssigner`: the argument of
 * `KeyedStream.window` and `DataStream.windowAll`. Use a built-in one
 * ({@link TumblingEventTimeWindows}, {@link SlidingEventTimeWindows},
 * {@link EventTimeSessionWindows}, {@link GlobalWindows}, and their processing-time twins); each
 * brings its default trigger.
 *
 * @example
 * ```ts
 * stream.keyBy((r) => r.sensor).window(TumblingEventTimeWindows.of(Time.seconds(10)));
 * ```
 */
export abstract class WindowAssigner<W extends Window = Window> {
  /**
   * The windows an element belongs to. `timestamp` is the element's event time (event-time
   * assigners), `now` the current processing time (processing-time assigners).
   */
  abstract assignWindows(element: unknown, timestamp: Millis, now: Millis): W[];
  /** The trigger used when `.trigger(...)` is not called. */
  abstract getDefaultTrigger(): Trigger;
  /** True when windows are measured in event time. */
  abstract isEventTime(): boolean;
  /**
   * How the assigner is shown in the job graph and in messages, e.g.
   * `TumblingEventTimeWindows(10000)`.
   */
  abstract toString(): string;
}

/** An assigner whose windows merge when they overlap (session windows). */
export abstract class MergingWindowAssigner extends WindowAssigner<TimeWindow> {}

/** Checks a window length given while building a pipeline. */
export function requirePositiveDuration(value: Millis, what: string, example: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new PipelineDefinitionError(
      `${what} must be a positive whole number of milliseconds, got ${value}. For example: ${example}.`,
    );
  }
}
