import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import type { Window } from '../window';
import { ReducingStateDescriptor, Trigger } from './trigger';
import type { OnMergeContext, ReducingState, TriggerContext, TriggerResult } from './trigger';

const fireTime = new ReducingStateDescriptor<Millis>('fire-time', Math.min);

/**
 * Fires every `interval` of event time while the window is open, and at its end, as Flink's
 * `ContinuousEventTimeTrigger`: early results that the watermark drives.
 *
 * The first firing time is the element's timestamp rounded down to the interval (with Java's
 * remainder, which rounds negative timestamps towards zero, as Flink does), plus the interval.
 */
export class ContinuousEventTimeTrigger extends Trigger<unknown, Window> {
  private constructor(private readonly interval: Millis) {
    super();
  }

  /** Fires every `interval` milliseconds of event time. */
  static of(interval: Millis): ContinuousEventTimeTrigger {
    if (!Number.isSafeInteger(interval) || interval <= 0) {
      throw new PipelineDefinitionError(
        `ContinuousEventTimeTrigger.of needs a positive whole number of milliseconds, got ${interval}.`,
      );
    }
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
    const state = ctx.getPartitionedState(fireTime);
    if (state.get() === undefined) {
      this.registerNext(timestamp - (timestamp % this.interval), window, ctx, state);
    }
    return 'CONTINUE';
  }

  onEventTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return 'FIRE';
    const state = ctx.getPartitionedState(fireTime);
    if (state.get() === time) {
      state.clear();
      this.registerNext(time, window, ctx, state);
      return 'FIRE';
    }
    return 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(fireTime);
    const time = state.get();
    if (time !== undefined) {
      ctx.deleteEventTimeTimer(time);
      state.clear();
    }
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(fireTime);
    const next = ctx.getPartitionedState(fireTime).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
  }

  toString(): string {
    return `ContinuousEventTimeTrigger(${this.interval})`;
  }

  private registerNext(
    time: Millis,
    window: Window,
    ctx: TriggerContext,
    state: ReducingState<Millis>,
  ): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    state.add(next);
    ctx.registerEventTimeTimer(next);
  }
}
