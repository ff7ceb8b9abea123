/**
 * Triggers decide when a window fires (emits its result) and when it purges (drops its contents).
 * The API is Flink's `Trigger`: it sees every element, every timer it registered, and merges.
 */
import type { Millis } from '../../time';
import type { Window } from '../window';

/**
 * What a trigger answers: `CONTINUE` (nothing), `FIRE` (emit the result, keep the contents),
 * `PURGE` (drop the contents) or `FIRE_AND_PURGE`.
 */
export type TriggerResult = 'CONTINUE' | 'FIRE' | 'PURGE' | 'FIRE_AND_PURGE';

/** True for `FIRE` and `FIRE_AND_PURGE`. */
export function isFire(result: TriggerResult): boolean {
  return result === 'FIRE' || result === 'FIRE_AND_PURGE';
}

/** True for `PURGE` and `FIRE_AND_PURGE`. */
export function isPurge(result: TriggerResult): boolean {
  return result === 'PURGE' || result === 'FIRE_AND_PURGE';
}

/** A small per-window value a trigger keeps (a count, the next firing time), combined by `reduce`. */
export class ReducingStateDescriptor<T> {
  /**
   * Describes a trigger's state named `name`, combined with `reduce`.
   *
   * @param name - Names the state, unique within the trigger.
   * @param reduce - Combines the value so far with an added one.
   */
  constructor(
    /** The state's name, unique within the trigger. */
    readonly name: string,
    /** Combines the value so far with an added one. */
    readonly reduce: (a: T, b: T) => T,
  ) {}
}

/** The trigger's state for the current window, as Flink's `ReducingState`. */
export interface ReducingState<T> {
  /** The combined value, or `undefined` when nothing was added. */
  get(): T | undefined;
  /** Combines `value` into the state with the descriptor's `reduce`. */
  add(value: T): void;
  /** Removes the value. */
  clear(): void;
}

/** What a trigger can do: read the clocks, set timers for the window, keep per-window state. */
export interface TriggerContext {
  /** The window operator's current watermark. */
  getCurrentWatermark(): Millis;
  /** The virtual processing time now. */
  getCurrentProcessingTime(): Millis;
  /** Calls `onEventTime` for this window once the watermark reaches `time`. */
  registerEventTimeTimer(time: Millis): void;
  /** Calls `onProcessingTime` for this window once processing time reaches `time`. */
  registerProcessingTimeTimer(time: Millis): void;
  /** Deletes this window's event-time timer at `time`. */
  deleteEventTimeTimer(time: Millis): void;
  /** Deletes this window's processing-time timer at `time`. */
  deleteProcessingTimeTimer(time: Millis): void;
  /** The trigger's state `descriptor` names, for the current key and window. */
  getPartitionedState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
}

/** Given to `onMerge`: also combines the state of the windows being merged. */
export interface OnMergeContext extends TriggerContext {
  /** Combines the state `descriptor` names of the merging windows into the merged one. */
  mergePartitionedState<T>(descriptor: ReducingStateDescriptor<T>): void;
}

/**
 * Decides when a window fires. Extend it for a custom trigger; the built-in ones are
 * `EventTimeTrigger`, `ProcessingTimeTrigger`, `CountTrigger`, `ContinuousEventTimeTrigger`,
 * `ContinuousProcessingTimeTrigger`, `PurgingTrigger` and `NeverTrigger`.
 */
export abstract class Trigger<T = unknown, W extends Window = Window> {
  /** Called for every element added to the window. */
  abstract onElement(element: T, timestamp: Millis, window: W, ctx: TriggerContext): TriggerResult;
  /** Called when an event-time timer the trigger registered fires. */
  abstract onEventTime(time: Millis, window: W, ctx: TriggerContext): TriggerResult;
  /** Called when a processing-time timer the trigger registered fires. */
  abstract onProcessingTime(time: Millis, window: W, ctx: TriggerContext): TriggerResult;
  /** Deletes the trigger's timers and state for the window (the window is going away). */
  abstract clear(window: W, ctx: TriggerContext): void;

  /** True when the trigger supports merging windows (session windows need it). */
  canMerge(): boolean {
    return false;
  }

  /** Called when windows merged into `window`: recreate timers and combine state. */
  onMerge(_window: W, _ctx: OnMergeContext): void {
    throw new Error(`${this.toString()} does not support merging windows.`);
  }

  /** How the trigger is shown in the job graph and in messages, e.g. `CountTrigger(3)`. */
  abstract toString(): string;
}
