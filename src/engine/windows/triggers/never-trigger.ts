import type { Window } from '../window';
import { Trigger } from './trigger';
import type { TriggerResult } from './trigger';

/** Never fires: the default trigger of `GlobalWindows`, which need a trigger of your choosing. */
export class NeverTrigger extends Trigger<unknown, Window> {
  private constructor() {
    super();
  }

  /** The trigger that never fires. */
  static create(): NeverTrigger {
    return new NeverTrigger();
  }

  onElement(): TriggerResult {
    return 'CONTINUE';
  }

  onEventTime(): TriggerResult {
    return 'CONTINUE';
  }

  onProcessingTime(): TriggerResult {
    return 'CONTINUE';
  }

  clear(): void {}

  override canMerge(): boolean {
    return true;
  }

  override onMerge(): void {}

  toString(): string {
    return 'NeverTrigger()';
  }
}
