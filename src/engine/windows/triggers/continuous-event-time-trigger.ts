import type { Millis } from '../../time';
import type { Window } from '../window';
import { ContinuousTrigger } from './continuous-trigger';
import type { TriggerContext, TriggerResult } from './trigger';

/**
 * Fires every `interval` of event time while the window is open, and at its end, as Flink's
 * `ContinuousEventTimeTrigger`: early results that the watermark drives. The firings start from
 * the first element's timestamp (see `ContinuousTrigger.start`).
 */
export class ContinuousEventTimeTrigger extends ContinuousTrigger {
  private constructor(interval: Millis) {
    super('ContinuousEventTimeTrigger', 'event-time', interval);
  }

  /** Fires every `interval` milliseconds of event time. */
  static of(interval: Millis): ContinuousEventTimeTrigger {
    return new ContinuousEventTimeTrigger(interval);
  }

  onElement(
    _element: unknown,
    timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return 'FIRE';
    ctx.registerEventTimeTimer(window.maxTimestamp());
    this.start(timestamp, window, ctx);
    return 'CONTINUE';
  }

  onEventTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return 'FIRE';
    return this.onTimer(time, window, ctx);
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }
}
