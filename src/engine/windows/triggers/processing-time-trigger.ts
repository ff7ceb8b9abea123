import type { Millis } from '../../time';
import type { Window } from '../window';
import { Trigger } from './trigger';
import type { OnMergeContext, TriggerContext, TriggerResult } from './trigger';

/**
 * Fires when processing time reaches the end of the window: the default trigger of processing-time
 * windows, as Flink's `ProcessingTimeTrigger`.
 */
export class ProcessingTimeTrigger extends Trigger<unknown, Window> {
  private constructor() {
    super();
  }

  /** The processing-time trigger. */
  static create(): ProcessingTimeTrigger {
    return new ProcessingTimeTrigger();
  }

  onElement(
    _element: unknown,
    _timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return 'CONTINUE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'FIRE';
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    if (window.maxTimestamp() > ctx.getCurrentProcessingTime()) {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
  }

  toString(): string {
    return 'ProcessingTimeTrigger()';
  }
}
