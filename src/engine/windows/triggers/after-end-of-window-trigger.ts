import type { Millis } from '../../time';
import type { Window } from '../window';
import { Trigger } from './trigger';
import type {
  OnMergeContext,
  ReducingState,
  ReducingStateDescriptor,
  TriggerContext,
  TriggerResult,
} from './trigger';

/**
 * The event-time trigger with early and/or late firings (Beam's
 * `AfterWatermark.pastEndOfWindow().withEarlyFirings(…).withLateFirings(…)`), built with
 * `EventTimeTrigger.create().withEarlyFirings(…)`.
 *
 * - Before the watermark reaches the end of the window, the `early` trigger decides extra firings.
 * - When it reaches the end, the window fires (the on-time pane) and the early trigger is cleared.
 * - After the end, within allowed lateness, the `late` trigger decides; without one, every late
 *   element fires the window, as the plain event-time trigger does.
 *
 * The sub-triggers keep their state apart, so `CountTrigger.of(3)` can be used for both.
 */
export class AfterEndOfWindowTrigger extends Trigger<unknown, Window> {
  /**
   * The event-time trigger with `early` deciding the firings before the end of the window and
   * `late` those after it (either may be `undefined`). Usually built with
   * `EventTimeTrigger.create().withEarlyFirings(…)`.
   */
  constructor(
    private readonly early: Trigger | undefined,
    private readonly late: Trigger | undefined,
  ) {
    super();
  }

  /** The same trigger with `early` deciding the firings before the end of the window. */
  withEarlyFirings(early: Trigger): AfterEndOfWindowTrigger {
    return new AfterEndOfWindowTrigger(early, this.late);
  }

  /** The same trigger with `late` deciding the firings after the end of the window. */
  withLateFirings(late: Trigger): AfterEndOfWindowTrigger {
    return new AfterEndOfWindowTrigger(this.early, late);
  }

  onElement(
    element: unknown,
    timestamp: Millis,
    window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
      if (this.late === undefined) return 'FIRE';
      return this.late.onElement(element, timestamp, window, scoped(ctx, 'late'));
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    if (this.early === undefined) return 'CONTINUE';
    return this.early.onElement(element, timestamp, window, scoped(ctx, 'early'));
  }

  onEventTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    const end = window.maxTimestamp();
    if (time === end) {
      // The on-time firing; from here on only late firings happen.
      this.early?.clear(window, scoped(ctx, 'early'));
      return 'FIRE';
    }
    if (time < end)
      return this.early?.onEventTime(time, window, scoped(ctx, 'early')) ?? 'CONTINUE';
    return this.late?.onEventTime(time, window, scoped(ctx, 'late')) ?? 'CONTINUE';
  }

  onProcessingTime(time: Millis, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
      return this.early?.onProcessingTime(time, window, scoped(ctx, 'early')) ?? 'CONTINUE';
    }
    return this.late?.onProcessingTime(time, window, scoped(ctx, 'late')) ?? 'CONTINUE';
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
    this.early?.clear(window, scoped(ctx, 'early'));
    this.late?.clear(window, scoped(ctx, 'late'));
  }

  override canMerge(): boolean {
    return (this.early?.canMerge() ?? true) && (this.late?.canMerge() ?? true);
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
      ctx.registerEventTimeTimer(window.maxTimestamp());
    }
    this.early?.onMerge(window, scoped(ctx, 'early'));
    this.late?.onMerge(window, scoped(ctx, 'late'));
  }

  toString(): string {
    const early = this.early === undefined ? '' : `.withEarlyFirings(${this.early.toString()})`;
    const late = this.late === undefined ? '' : `.withLateFirings(${this.late.toString()})`;
    return `EventTimeTrigger()${early}${late}`;
  }
}

/** A context whose per-window state names are prefixed, so two sub-triggers never share state. */
function scoped(ctx: OnMergeContext | TriggerContext, scope: string): OnMergeContext {
  const rename = <T>(descriptor: ReducingStateDescriptor<T>): ReducingStateDescriptor<T> =>
    ({
      name: `${scope}:${descriptor.name}`,
      reduce: descriptor.reduce,
    }) as ReducingStateDescriptor<T>;
  return {
    getCurrentWatermark: () => ctx.getCurrentWatermark(),
    getCurrentProcessingTime: () => ctx.getCurrentProcessingTime(),
    registerEventTimeTimer: (time) => ctx.registerEventTimeTimer(time),
    registerProcessingTimeTimer: (time) => ctx.registerProcessingTimeTimer(time),
    deleteEventTimeTimer: (time) => ctx.deleteEventTimeTimer(time),
    deleteProcessingTimeTimer: (time) => ctx.deleteProcessingTimeTimer(time),
    getPartitionedState: <T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T> =>
      ctx.getPartitionedState(rename(descriptor)),
    mergePartitionedState: <T>(descriptor: ReducingStateDescriptor<T>): void => {
      if (!('mergePartitionedState' in ctx)) throw new Error('Not merging windows.');
      ctx.mergePartitionedState(rename(descriptor));
    },
  };
}
