import type { Millis } from '../../time';
import type { Window } from '../window';
import { Trigger } from './trigger';
import type { OnMergeContext, TriggerContext, TriggerResult } from './trigger';

/**
 * Turns every `FIRE` of another trigger into `FIRE_AND_PURGE`: each firing emits only what arrived
 * since the previous one, as Flink's `PurgingTrigger`.
 */
export class PurgingTrigger extends Trigger<unknown, Window> {
  private constructor(private readonly nested: Trigger) {
    super();
  }

  /** Purges whenever `nested` fires. */
  static of(nested: Trigger): PurgingTrigger {
    return new PurgingTrigger(nested);
  }

  onElement(
    element: unknown,
    timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    return purging(this.nested.onElement(element, timestamp, window, ctx));
  }

  onEventTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onEventTime(time, window, ctx));
  }

  onProcessingTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onProcessingTime(time, window, ctx));
  }

  clear(window: Window, ctx: TriggerContext): void {
    this.nested.clear(window, ctx);
  }

  override canMerge(): boolean {
    return this.nested.canMerge();
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    this.nested.onMerge(window, ctx);
  }

  toString(): string {
    return `PurgingTrigger(${this.nested.toString()})`;
  }
}

function purging(result: TriggerResult): TriggerResult {
  return result === 'FIRE' ? 'FIRE_AND_PURGE' : result;
}
