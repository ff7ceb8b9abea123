/**
 * How a window operator takes checkpoints of fixed windows of a built-in field aggregation
 * (`sum`, `min`, `max`, …) without copying every window at every checkpoint: in slots
 * (`window-slots.ts`) when what changes in a window between its first element and its end is
 * numbers only, else copy-on-write (`window-versions.ts`). The operator tells it of every change
 * to a window, and asks it for the snapshot.
 */
import type { TimerService } from '../../runtime/timer-service';
import type { CopiedState } from '../../state/copy-state';
import type { Millis } from '../../time';
import type { FieldAccumulatorShape } from './window-contents';
import type { WindowEntry } from './window-entry';
import type { FixedWindowIndex } from './fixed-window-index';
import type { WindowState } from './window-snapshot';
import { SlotWindows } from './window-slots';
import { CopyOnWriteWindows } from './window-versions';

export interface WindowCheckpoints {
  /**
   * The operator's state, or `undefined` when a window does not fit the columns (the operator then
   * takes rows). `checkpoint` is set for a checkpoint's snapshot, which the engine drops once a
   * later checkpoint completes; any other snapshot is copied whole.
   */
  snapshot(
    windows: FixedWindowIndex,
    created: number,
    checkpoint: number | undefined,
  ): CopiedState<WindowState> | undefined;
  /** Checkpoint `checkpoint` completed: the snapshots of earlier ones are read no more. */
  completed(checkpoint: number): void;
  /** `entry` was created (it holds nothing yet). */
  created(entry: WindowEntry): void;
  /** An event (an element, a timer) is about to change `entry`. */
  beforeWrite(entry: WindowEntry): void;
  /** The timer service is about to change `entry`'s timers (once it keeps them per window). */
  beforeTimerChange(entry: WindowEntry): void;
  /** The timer service registered (or restored) a timer of `entry` at `time`, numbered `seq`. */
  timerRegistered(entry: WindowEntry, time: Millis, seq: number): void;
  /**
   * An element was added to `entry`, which held others, and changed neither its timers nor its
   * record (the event-time trigger's shortcut in `WindowOperator.processElement`).
   */
  elementAdded(entry: WindowEntry): void;
  /** Any other event changed `entry`, which is still held. */
  written(entry: WindowEntry): void;
  /** `entry` was cleaned up. */
  dropped(entry: WindowEntry): void;
}

/**
 * In slots for a `sum` under the event-time trigger (`endTimerOnly`): its windows change only in
 * their count, their sum and their panes, and in their timers at their end and cleanup. Else
 * copy-on-write.
 */
export function windowCheckpoints(
  timers: TimerService,
  accumulator: FieldAccumulatorShape,
  trigger: { readonly keepsState: boolean },
  endTimerOnly: boolean,
  allowedLateness: Millis,
): WindowCheckpoints {
  const { recordField, elementsKeepSize } = accumulator;
  return endTimerOnly && elementsKeepSize
    ? new SlotWindows(timers, recordField, trigger, allowedLateness)
    : new CopyOnWriteWindows(timers, recordField, trigger, elementsKeepSize);
}
