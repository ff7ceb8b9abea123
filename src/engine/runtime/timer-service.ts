/**
 * Timers of one operator, in both time domains, as Flink's `InternalTimerService`.
 *
 * A timer belongs to a key and an owner (a window of that key, or the key's own timers in a process
 * function). There is at most one timer per owner and timestamp: registering it again does nothing.
 * Event-time timers fire when the watermark reaches their timestamp (`time ≤ watermark`), in
 * timestamp order, ties in registration order; processing-time timers when the clock does.
 */
import type { Key } from '../records';
import { MIN_WATERMARK } from '../time';
import type { Millis } from '../time';
import { PriorityQueue } from './priority-queue';

/** Whatever timers are registered for: holds the timestamps of its live timers. */
export interface TimerOwner {
  readonly eventTimers: Millis[];
  readonly processingTimers: Millis[];
}

/** The two time domains. */
export type TimeDomain = 'event-time' | 'processing-time';

/** A registered timer. Deleted timers stay queued and are skipped when they come up. */
export interface Timer {
  readonly time: Millis;
  readonly seq: number;
  readonly key: Key | undefined;
  readonly owner: TimerOwner;
}

const earlier = (a: Timer, b: Timer): boolean =>
  a.time < b.time || (a.time === b.time && a.seq < b.seq);

export class TimerService {
  private readonly eventTimers = new PriorityQueue<Timer>(earlier);
  private readonly processingTimers = new PriorityQueue<Timer>(earlier);
  private seq = 0;
  /** The operator's watermark, as far as timers know. */
  currentWatermark: Millis = MIN_WATERMARK;

  /** `requestWakeUp(time)` asks the scheduler to call {@link advanceProcessingTime} at `time`. */
  constructor(private readonly requestWakeUp: (time: Millis) => void) {}

  /** Returns false when the owner already had a timer at `time`. */
  registerEventTimeTimer(key: Key | undefined, owner: TimerOwner, time: Millis): boolean {
    if (owner.eventTimers.includes(time)) return false;
    owner.eventTimers.push(time);
    this.eventTimers.push({ time, seq: this.seq++, key, owner });
    return true;
  }

  deleteEventTimeTimer(owner: TimerOwner, time: Millis): void {
    remove(owner.eventTimers, time);
  }

  registerProcessingTimeTimer(key: Key | undefined, owner: TimerOwner, time: Millis): boolean {
    if (owner.processingTimers.includes(time)) return false;
    owner.processingTimers.push(time);
    this.processingTimers.push({ time, seq: this.seq++, key, owner });
    this.requestWakeUp(time);
    return true;
  }

  deleteProcessingTimeTimer(owner: TimerOwner, time: Millis): void {
    remove(owner.processingTimers, time);
  }

  /**
   * Sets the watermark, then fires every event-time timer at or before it, including timers that
   * firing registers, as long as they are due.
   */
  advanceWatermark(watermark: Millis, fire: (timer: Timer) => void): void {
    this.currentWatermark = watermark;
    fireDue(this.eventTimers, watermark, 'eventTimers', fire);
  }

  /** Fires every processing-time timer due at `now`. */
  advanceProcessingTime(now: Millis, fire: (timer: Timer) => void): void {
    fireDue(this.processingTimers, now, 'processingTimers', fire);
  }

  /** Live processing-time timers. */
  pendingProcessingTimers(): number {
    return live(this.processingTimers, 'processingTimers').length;
  }
}

type Domain = 'eventTimers' | 'processingTimers';

function fireDue(
  queue: PriorityQueue<Timer>,
  until: Millis,
  domain: Domain,
  fire: (timer: Timer) => void,
): void {
  for (let timer = queue.peek(); timer !== undefined && timer.time <= until; timer = queue.peek()) {
    queue.pop();
    // A timer is live while its owner still lists it; deleted or duplicate entries are skipped.
    if (remove(timer.owner[domain], timer.time)) fire(timer);
  }
}

/** The queued timers their owners still list, each (owner, time) once. */
function live(queue: PriorityQueue<Timer>, domain: Domain): Timer[] {
  const seen = new Map<TimerOwner, Set<Millis>>();
  return queue.unordered().filter((timer) => {
    if (!timer.owner[domain].includes(timer.time)) return false;
    const times = seen.get(timer.owner) ?? new Set<Millis>();
    seen.set(timer.owner, times);
    if (times.has(timer.time)) return false;
    times.add(timer.time);
    return true;
  });
}

function remove(times: Millis[], time: Millis): boolean {
  const index = times.indexOf(time);
  if (index < 0) return false;
  times.splice(index, 1);
  return true;
}
