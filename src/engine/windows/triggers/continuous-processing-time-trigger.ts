import type { Millis } from '../../time';
import type { Window } from '../window';
import { ContinuousTrigger } from './continuous-trigger';
import type { TriggerContext, TriggerResult } from './trigger';

/**
 * Fires every `interval` of processing time while the window has elements, as Flink's
 * `ContinuousProcessingTimeTrigger`. As an early-firing trigger it gives regular speculative
 * results. The firings start from the processing time of the first element.
 */
export class ContinuousProcessingTimeTrigger extends ContinuousTrigger {
  private constructor(interval: Millis) {
    super('ContinuousProcessingTimeTrigger', 'processing-time', interval);
  }

  /** Fires every `interval` milliseconds of processing time. */
  static of(interval: Millis): ContinuousProcessingTimeTrigger {
    return new ContinuousProcessingTimeTrigger(interval);
  }

  onElement(
    _element: unknown,
    _timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    this.start(ctx.getCurrentProcessingTime(), window, ctx);
    return 'CONTINUE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    return this.onTimer(time, window, ctx);
  }
}
