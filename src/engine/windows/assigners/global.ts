import type { Millis } from '../../time';
import { NeverTrigger } from '../triggers/never-trigger';
import type { Trigger } from '../triggers/trigger';
import { GlobalWindow } from '../window';
import { WindowAssigner } from './window-assigner';

/**
 * One window per key holding all its elements. Its default trigger never fires, so pair it with a
 * trigger: `countWindow(n)` is `window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(n)))`.
 */
export class GlobalWindows extends WindowAssigner<GlobalWindow> {
  private constructor() {
    super();
  }

  /** The assigner; give the windowed stream a trigger, or it never fires. */
  static create(): GlobalWindows {
    return new GlobalWindows();
  }

  assignWindows(_element?: unknown, _timestamp?: Millis, _now?: Millis): GlobalWindow[] {
    return [GlobalWindow.get()];
  }

  getDefaultTrigger(): Trigger {
    return NeverTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  toString(): string {
    return 'GlobalWindows()';
  }
}
