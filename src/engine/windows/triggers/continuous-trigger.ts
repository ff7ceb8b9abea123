import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import type { Window } from '../window';
import { ReducingStateDescriptor, Trigger } from './trigger';
import type { OnMergeContext, TriggerContext, TriggerResult } from './trigger';

/** The next firing time; merged windows keep the earliest, as in Flink. */
const fireTime = new ReducingStateDescriptor<Millis>('fire-time', Math.min);

/**
 * What Flink's `ContinuousEventTimeTrigger` and `ContinuousProcessingTimeTrigger` share: a firing
 * time kept in state, moved on by `interval` each time it fires, never past the window's end.
 * They differ only in the clock they follow and in what starts the firings.
 */
export abstract class ContinuousTrigger extends Trigger<unknown, Window> {
  protected constructor(
    private readonly name: string,
    private readonly domain: 'event-time' | 'processing-time',
    private readonly interval: Millis,
  ) {
    super();
    if (!Number.isSafeInteger(interval) || interval <= 0) {
      throw new PipelineDefinitionError(
        `${name}.of needs a positive whole number of milliseconds, got ${interval}.`,
      );
    }
  }

  /**
   * Starts the firings, unless they are going already: the first is at `time` rounded down to the
   * interval (with Java's remainder, which rounds negative times towards zero, as Flink does),
   * plus the interval.
   */
  protected start(time: Millis, window: Window, ctx: TriggerContext): void {
    if (ctx.getPartitionedState(fireTime).get() === undefined) {
      this.scheduleAfter(time - (time % this.interval), window, ctx);
    }
  }

  /** A timer on the trigger's own clock: when it is the firing time, fire and schedule the next. */
  protected onTimer(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    const state = ctx.getPartitionedState(fireTime);
    if (state.get() !== time) return 'CONTINUE';
    state.clear();
    this.scheduleAfter(time, window, ctx);
    return 'FIRE';
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(fireTime);
    const time = state.get();
    if (time === undefined) return;
    if (this.domain === 'event-time') ctx.deleteEventTimeTimer(time);
    else ctx.deleteProcessingTimeTimer(time);
    state.clear();
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(fireTime);
    const next = ctx.getPartitionedState(fireTime).get();
    if (next !== undefined) this.register(next, ctx);
  }

  toString(): string {
    return `${this.name}(${this.interval})`;
  }

  private scheduleAfter(time: Millis, window: Window, ctx: TriggerContext): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    ctx.getPartitionedState(fireTime).add(next);
    this.register(next, ctx);
  }

  private register(time: Millis, ctx: TriggerContext): void {
    if (this.domain === 'event-time') ctx.registerEventTimeTimer(time);
    else ctx.registerProcessingTimeTimer(time);
  }
}
