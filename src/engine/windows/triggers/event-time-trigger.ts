import type { Millis } from '../../time';
import type { Window } from '../window';
import { Trigger } from './trigger';
import type { OnMergeContext, TriggerContext, TriggerResult } from './trigger';
import { AfterEndOfWindowTrigger } from './after-end-of-window-trigger';

/**
 * Fires once the watermark passes the end of the window (`maxTimestamp ≤ watermark`), and again
 * for every element that arrives afterwards within the allowed lateness: the default trigger of
 * event-time windows, as Flink's `EventTimeTrigger`.
 *
 * Add `withEarlyFirings` for speculative results before the end, `withLateFirings` to control the
 * firings after it.
 */
export class EventTimeTrigger extends Trigger<unknown, Window> {
  private constructor() {
    super();
  }

  /** The event-time trigger. */
  static create(): EventTimeTrigger {
    return new EventTimeTrigger();
  }

  onElement(
    _element: unknown,
    _timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    // A window whose end the watermark already passed (a late element within lateness) fires at once.
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return 'FIRE';
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return 'CONTINUE';
  }

  onEventTime(time: Millis, window: Window): TriggerResult {
    return time === window.maxTimestamp() ? 'FIRE' : 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    // Only re-register a timer the watermark has not passed yet: a merged window that is already
    // complete fires through the element that caused the merge.
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
      ctx.registerEventTimeTimer(window.maxTimestamp());
    }
  }

  /**
   * This trigger plus speculative firings before the end of the window, decided by `early` (for
   * example `CountTrigger.of(100)` or `ContinuousProcessingTimeTrigger.of(Time.seconds(5))`).
   */
  withEarlyFirings(early: Trigger): AfterEndOfWindowTrigger {
    return new AfterEndOfWindowTrigger(early, undefined);
  }

  /**
   * This trigger, with the firings after the end of the window (within allowed lateness) decided by
   * `late` instead of one firing per late element.
   */
  withLateFirings(late: Trigger): AfterEndOfWindowTrigger {
    return new AfterEndOfWindowTrigger(undefined, late);
  }

  toString(): string {
    return 'EventTimeTrigger()';
  }
}
