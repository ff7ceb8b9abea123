import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import type { Window } from '../window';
import { ReducingStateDescriptor, Trigger } from './trigger';
import type { OnMergeContext, ReducingState, TriggerContext, TriggerResult } from './trigger';

const fireTime = new ReducingStateDescriptor<Millis>('fire-time', Math.min);

/**
 * Fires every `interval` of processing time while the window has elements, as Flink's
 * `ContinuousProcessingTimeTrigger`. As an early-firing trigger it gives regular speculative results.
 */
export class ContinuousProcessingTimeTrigger extends Trigger<unknown, Window> {
  private constructor(private readonly interval: Millis) {
    super();
  }

  /** Fires every `interval` milliseconds of processing time. */
  static of(interval: Millis): ContinuousProcessingTimeTrigger {
    if (!Number.isSafeInteger(interval) || interval <= 0) {
      throw new PipelineDefinitionError(
        `ContinuousProcessingTimeTrigger.of needs a positive whole number of milliseconds, got ${interval}.`,
      );
    }
    return new ContinuousProcessingTimeTrigger(interval);
  }

  onElement(
    _element: unknown,
    _timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    const state = ctx.getPartitionedState(fireTime);
    if (state.get() === undefined) {
      const now = ctx.getCurrentProcessingTime();
      this.registerNext(now - (now % this.interval), window, ctx, state);
    }
    return 'CONTINUE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    const state = ctx.getPartitionedState(fireTime);
    if (state.get() === time) {
      state.clear();
      this.registerNext(time, window, ctx, state);
      return 'FIRE';
    }
    return 'CONTINUE';
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(fireTime);
    const time = state.get();
    if (time !== undefined) {
      ctx.deleteProcessingTimeTimer(time);
      state.clear();
    }
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(fireTime);
    const next = ctx.getPartitionedState(fireTime).get();
    if (next !== undefined) ctx.registerProcessingTimeTimer(next);
  }

  toString(): string {
    return `ContinuousProcessingTimeTrigger(${this.interval})`;
  }

  private registerNext(
    time: Millis,
    window: Window,
    ctx: TriggerContext,
    state: ReducingState<Millis>,
  ): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    state.add(next);
    ctx.registerProcessingTimeTimer(next);
  }
}
