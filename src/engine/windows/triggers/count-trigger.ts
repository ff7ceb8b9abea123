import { PipelineDefinitionError } from '../../errors';
import type { Window } from '../window';
import { ReducingStateDescriptor, Trigger } from './trigger';
import type { OnMergeContext, TriggerContext, TriggerResult } from './trigger';

const count = new ReducingStateDescriptor<number>('count', (a, b) => a + b);

/**
 * Fires every time the window has received `maxCount` more elements, as Flink's `CountTrigger`.
 * It does not purge: wrap it in `PurgingTrigger.of(...)` to start each count afresh.
 */
export class CountTrigger extends Trigger<unknown, Window> {
  private constructor(private readonly maxCount: number) {
    super();
  }

  /** Fires every `maxCount` elements. */
  static of(maxCount: number): CountTrigger {
    if (!Number.isSafeInteger(maxCount) || maxCount <= 0) {
      throw new PipelineDefinitionError(
        `CountTrigger.of needs a positive whole number of elements, got ${maxCount}.`,
      );
    }
    return new CountTrigger(maxCount);
  }

  onElement(
    _element: unknown,
    _timestamp: number,
    _window: Window,
    ctx: TriggerContext,
  ): TriggerResult {
    const state = ctx.getPartitionedState(count);
    state.add(1);
    if ((state.get() ?? 0) >= this.maxCount) {
      state.clear();
      return 'FIRE';
    }
    return 'CONTINUE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(_window: Window, ctx: TriggerContext): void {
    ctx.getPartitionedState(count).clear();
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(count);
  }

  toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}
