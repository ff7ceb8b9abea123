/**
 * The context a window operator hands its trigger: the clocks, timers scoped to the current window,
 * and per-window trigger state kept in the window's entry.
 */
import { requireSynchronous } from '../../functions/synchronous';
import type { TimerService } from '../../runtime/timer-service';
import type { Trace } from '../../trace';
import type { Millis } from '../../time';
import type {
  OnMergeContext,
  ReducingState,
  ReducingStateDescriptor,
} from '../../windows/triggers/trigger';
import { NO_TRIGGER_STATE } from './window-entry';
import type { WindowEntry } from './window-entry';

/** Names the trigger state's function when it returns a Promise (see `synchronous.ts`). */
const REDUCE = "The reduce function of a trigger's ReducingStateDescriptor";

/** What the context needs from its operator. */
export interface TriggerHost {
  readonly id: string;
  readonly timers: TimerService;
  readonly job: { now(): Millis; readonly trace: Trace | null };
}

export class WindowTriggerContext implements OnMergeContext {
  /** The window the trigger is currently called for. */
  entry!: WindowEntry;
  /** During `onMerge`: the windows being merged into {@link entry}. */
  merged: readonly WindowEntry[] = [];
  private readonly states = new Map<string, ReducingState<unknown>>();
  /** Set when the operator restored windows that hold trigger state. */
  restoredState = false;

  constructor(private readonly host: TriggerHost) {}

  /**
   * Whether any window may hold trigger state: only once the trigger asked for state (all of it
   * goes through {@link getPartitionedState}), or windows holding some were restored.
   */
  get keepsState(): boolean {
    return this.states.size > 0 || this.restoredState;
  }

  getCurrentWatermark(): Millis {
    return this.host.timers.currentWatermark;
  }

  getCurrentProcessingTime(): Millis {
    return this.host.job.now();
  }

  registerEventTimeTimer(time: Millis): void {
    const { key } = this.entry;
    if (this.host.timers.registerEventTimeTimer(key, this.entry, time)) {
      this.traceTimer('event-time', time);
    }
  }

  registerProcessingTimeTimer(time: Millis): void {
    const { key } = this.entry;
    if (this.host.timers.registerProcessingTimeTimer(key, this.entry, time)) {
      this.traceTimer('processing-time', time);
    }
  }

  deleteEventTimeTimer(time: Millis): void {
    this.host.timers.deleteEventTimeTimer(this.entry, time);
  }

  deleteProcessingTimeTimer(time: Millis): void {
    this.host.timers.deleteProcessingTimeTimer(this.entry, time);
  }

  getPartitionedState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T> {
    let state = this.states.get(descriptor.name);
    if (state === undefined) {
      // One handle per state name; it always works on the window the context points at.
      const { name, reduce } = descriptor as ReducingStateDescriptor<unknown>;
      state = {
        get: () => this.entry.triggerState[name],
        add: (value) => {
          const current = this.entry.triggerState[name];
          writableState(this.entry)[name] =
            current === undefined ? value : requireSynchronous(reduce(current, value), REDUCE);
        },
        clear: () => {
          // Deleting what the shared empty state does not hold changes nothing, frozen or not.
          delete this.entry.triggerState[name];
        },
      };
      this.states.set(descriptor.name, state);
    }
    return state as ReducingState<T>;
  }

  mergePartitionedState<T>(descriptor: ReducingStateDescriptor<T>): void {
    const { name, reduce } = descriptor;
    let merged = this.entry.triggerState[name] as T | undefined;
    for (const source of this.merged) {
      const value = source.triggerState[name] as T | undefined;
      if (value === undefined) continue;
      merged = merged === undefined ? value : requireSynchronous(reduce(merged, value), REDUCE);
    }
    if (merged !== undefined) writableState(this.entry)[name] = merged;
  }

  private traceTimer(domain: 'event-time' | 'processing-time', timestamp: Millis): void {
    this.host.job.trace?.add({
      type: 'timer-registered',
      op: this.host.id,
      key: this.entry.key ?? null,
      domain,
      timestamp,
    });
  }
}

/**
 * The window's trigger state, to write: a window starts with the shared empty state, which most
 * windows keep (the event-time trigger keeps none), and gets its own on the first write.
 */
function writableState(entry: WindowEntry): Record<string, unknown> {
  if (entry.triggerState === NO_TRIGGER_STATE) entry.triggerState = {};
  return entry.triggerState;
}
