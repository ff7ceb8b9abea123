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
import { removeAt } from './remove-at';
import { TimerQueue } from './timer-queue';

/**
 * Whatever timers are registered for: holds the timestamps of its live timers. An owner without
 * timers in a domain may hold {@link NO_TIMES} there, which the service replaces with a list of
 * its own at the first registration: most windows never have a processing-time timer.
 */
export interface TimerOwner {
  eventTimers: Millis[];
  processingTimers: Millis[];
  /**
   * The owner's entries in the queues, deleted ones included, kept only by a service that
   * snapshots per owner (see {@link TimerService.ownerTimers}): with them, an owner's timers are
   * snapshotted from the owner alone, without sorting the whole queue.
   */
  queuedEventTimers?: Timer[] | undefined;
  queuedProcessingTimers?: Timer[] | undefined;
  /**
   * How many times a service that snapshots per owner changed the owner's timers (registered,
   * deleted, fired or restored one): while it stays the same, so do {@link TimerService.ownerTimers},
   * and a snapshot may keep the lists it took before without looking at the timers again.
   */
  timerChanges?: number;
}

/**
 * An owner's live timers as flat pairs `[time, seq, time, seq, …]`, in the order the owner lists
 * them; `seq` is the sequence number of the queued entry that will fire (see {@link live}).
 */
export type OwnerTimers = readonly number[];

/** The times of an owner without timers in a domain (see {@link TimerOwner}): never written. */
export const NO_TIMES: Millis[] = Object.freeze([]) as readonly Millis[] as Millis[];

/** The two time domains. */
export type TimeDomain = 'event-time' | 'processing-time';

/** A registered timer. Deleted timers stay queued and are skipped when they come up. */
export interface Timer {
  readonly time: Millis;
  readonly seq: number;
  readonly key: Key | undefined;
  readonly owner: TimerOwner;
}

/**
 * A live timer in a snapshot. Its owner is named by `owner`, which only the operator can map back
 * to an object of the restored job (a window, a key's timers, one side of a join).
 */
export interface TimerSnapshot<O> {
  readonly time: Millis;
  /** Kept, so that timers due at the same time fire in the same order after a restore. */
  readonly seq: number;
  readonly key: Key | undefined;
  readonly owner: O;
}

/**
 * The timers of an operator, as `InternalTimerServiceImpl.snapshotTimersForKeyGroup` writes them:
 * the live timers of both domains in firing order, and the watermark they were judged by.
 */
export interface TimersSnapshot<O> {
  readonly watermark: Millis;
  readonly seq: number;
  readonly eventTime: readonly TimerSnapshot<O>[];
  readonly processingTime: readonly TimerSnapshot<O>[];
}

const earlier = (a: Timer, b: Timer): boolean =>
  a.time < b.time || (a.time === b.time && a.seq < b.seq);

export class TimerService {
  private readonly eventTimers = new TimerQueue<Timer>();
  private readonly processingTimers = new TimerQueue<Timer>();
  private seq = 0;
  /** The operator's watermark, as far as timers know. */
  currentWatermark: Millis = MIN_WATERMARK;

  /**
   * `requestWakeUp(time)` asks the scheduler to call {@link advanceProcessingTime} at `time`.
   * `perOwner`: keep each owner's queued entries on the owner, for {@link ownerTimers}; then
   * `beforeChange`, if given, hears of every change to an owner's timers just before it is made,
   * while {@link ownerTimers} still gives the timers as they were (a copy-on-write snapshot keeps
   * them then, see `window-versions.ts`). `registered`, if given, hears of every timer registered
   * or restored, with its `seq`, whether or not timers are kept per owner.
   */
  constructor(
    private readonly requestWakeUp: (time: Millis) => void,
    private perOwner = false,
    private readonly beforeChange?: (owner: TimerOwner) => void,
    private readonly registered?: (owner: TimerOwner, time: Millis, seq: number) => void,
  ) {}

  /**
   * From now on, keeps each owner's queued entries on the owner (see the constructor's
   * `perOwner`), starting from those queued now. An operator asks before its first snapshot: until
   * then nothing reads them, and keeping them cost every timer a list entry and its removal.
   * (Their order on an owner does not matter: the earliest `seq` for a time is the one kept.)
   */
  keepPerOwner(): void {
    if (this.perOwner) return;
    this.perOwner = true;
    this.eventTimers.forEach((timer) => {
      (timer.owner.queuedEventTimers ??= []).push(timer);
      changed(timer.owner);
    });
    this.processingTimers.forEach((timer) => {
      (timer.owner.queuedProcessingTimers ??= []).push(timer);
      changed(timer.owner);
    });
  }

  /** Returns false when the owner already had a timer at `time`. */
  registerEventTimeTimer(key: Key | undefined, owner: TimerOwner, time: Millis): boolean {
    if (owner.eventTimers.includes(time)) return false;
    if (this.perOwner) this.beforeChange?.(owner);
    if (owner.eventTimers === NO_TIMES) owner.eventTimers = [time];
    else owner.eventTimers.push(time);
    const timer = { time, seq: this.seq++, key, owner };
    this.eventTimers.push(timer);
    if (this.perOwner) {
      (owner.queuedEventTimers ??= []).push(timer);
      changed(owner);
    }
    this.registered?.(owner, time, timer.seq);
    return true;
  }

  deleteEventTimeTimer(owner: TimerOwner, time: Millis): void {
    this.deleteTime(owner, owner.eventTimers, time);
  }

  registerProcessingTimeTimer(key: Key | undefined, owner: TimerOwner, time: Millis): boolean {
    if (owner.processingTimers.includes(time)) return false;
    if (this.perOwner) this.beforeChange?.(owner);
    if (owner.processingTimers === NO_TIMES) owner.processingTimers = [time];
    else owner.processingTimers.push(time);
    const timer = { time, seq: this.seq++, key, owner };
    this.processingTimers.push(timer);
    if (this.perOwner) {
      (owner.queuedProcessingTimers ??= []).push(timer);
      changed(owner);
    }
    this.registered?.(owner, time, timer.seq);
    this.requestWakeUp(time);
    return true;
  }

  deleteProcessingTimeTimer(owner: TimerOwner, time: Millis): void {
    this.deleteTime(owner, owner.processingTimers, time);
  }

  /** Takes `time` off `owner`'s list `times`, if it is there, telling `beforeChange` first. */
  private deleteTime(owner: TimerOwner, times: Millis[], time: Millis): void {
    const index = times.indexOf(time);
    if (index < 0) return;
    if (this.perOwner) this.beforeChange?.(owner);
    removeAt(times, index);
    if (this.perOwner) changed(owner);
  }

  /**
   * Sets the watermark, then fires every event-time timer at or before it, including timers that
   * firing registers, as long as they are due.
   */
  advanceWatermark(watermark: Millis, fire: (timer: Timer) => void): void {
    this.currentWatermark = watermark;
    fireDue(this.eventTimers, watermark, 'eventTimers', this.perOwner, this.beforeChange, fire);
  }

  /** Fires every processing-time timer due at `now`. */
  advanceProcessingTime(now: Millis, fire: (timer: Timer) => void): void {
    fireDue(this.processingTimers, now, 'processingTimers', this.perOwner, this.beforeChange, fire);
  }

  /** Live processing-time timers. */
  pendingProcessingTimers(): number {
    return live(this.processingTimers, 'processingTimers').length;
  }

  /**
   * The live timers, each named by `ownerRef`; a timer whose owner it does not name (`undefined`:
   * a window merged away, whose timers would be ignored) is left out. The owners' own lists of
   * times belong to the operator's snapshot.
   */
  snapshot<O>(ownerRef: (timer: Timer) => O | undefined): TimersSnapshot<O> {
    const named = (queue: TimerQueue<Timer>, domain: Domain): TimerSnapshot<O>[] => {
      const timers: TimerSnapshot<O>[] = [];
      for (const timer of live(queue, domain)) {
        const owner = ownerRef(timer);
        if (owner !== undefined)
          timers.push({ time: timer.time, seq: timer.seq, key: timer.key, owner });
      }
      return timers;
    };
    return {
      watermark: this.currentWatermark,
      seq: this.seq,
      eventTime: named(this.eventTimers, 'eventTimers'),
      processingTime: named(this.processingTimers, 'processingTimers'),
    };
  }

  /**
   * One owner's live timers, for a snapshot per owner (a service made with `perOwner`): what
   * {@link snapshot} lists for this owner, from the owner's own queued entries. Of the entries
   * queued for one time, the earliest fires (see {@link live}), so its `seq` is the one kept.
   *
   * `lastEvent`, `lastProcessing`: the owner's lists as this returned them before; a list that has
   * not changed since is returned as it was rather than built again (a window's timers rarely
   * change between two snapshots). No list is changed once returned, so sharing one is safe.
   */
  ownerTimers(
    owner: TimerOwner,
    lastEvent?: OwnerTimers,
    lastProcessing?: OwnerTimers,
  ): { event: OwnerTimers; processing: OwnerTimers } {
    return {
      event: this.ownerEventTimers(owner, lastEvent),
      processing: this.ownerProcessingTimers(owner, lastProcessing),
    };
  }

  /** The event-time half of {@link ownerTimers}. */
  ownerEventTimers(owner: TimerOwner, last?: OwnerTimers): OwnerTimers {
    return ownerLive(owner.eventTimers, owner.queuedEventTimers, last);
  }

  /**
   * When the owner's only timer is one event-time timer, the `seq` {@link ownerEventTimers} would
   * pair with its time; else -1. Tells whether the lists are that one pair without building them.
   */
  soleEventTimerSeq(owner: TimerOwner): number {
    if (owner.eventTimers.length !== 1 || owner.processingTimers.length !== 0) return -1;
    return firstSeq(owner.queuedEventTimers, owner.eventTimers[0] as Millis);
  }

  /** The processing-time half of {@link ownerTimers}. */
  ownerProcessingTimers(owner: TimerOwner, last?: OwnerTimers): OwnerTimers {
    return ownerLive(owner.processingTimers, owner.queuedProcessingTimers, last);
  }

  /** The clock of the timers, for a snapshot per owner: the watermark and the next `seq`. */
  clock(): { readonly watermark: Millis; readonly seq: number } {
    return { watermark: this.currentWatermark, seq: this.seq };
  }

  /** Restores {@link clock}, before the owners' timers (see {@link restoreOwnerTimers}). */
  restoreClock(clock: { readonly watermark: Millis; readonly seq: number }): void {
    this.currentWatermark = clock.watermark;
    this.seq = clock.seq;
  }

  /**
   * Queues one owner's timers from {@link ownerTimers} (the owner's lists of times restored
   * beforehand), and asks the scheduler to wake the operator for its processing-time ones.
   */
  restoreOwnerTimers(
    key: Key | undefined,
    owner: TimerOwner,
    timers: { readonly event: OwnerTimers; readonly processing: OwnerTimers },
  ): void {
    if (this.perOwner) {
      this.beforeChange?.(owner);
      changed(owner);
    }
    for (let i = 0; i < timers.event.length; i += 2) {
      const timer = {
        time: timers.event[i] as Millis,
        seq: timers.event[i + 1] as number,
        key,
        owner,
      };
      this.eventTimers.push(timer);
      if (this.perOwner) (owner.queuedEventTimers ??= []).push(timer);
      this.registered?.(owner, timer.time, timer.seq);
    }
    for (let i = 0; i < timers.processing.length; i += 2) {
      const time = timers.processing[i] as Millis;
      const timer = { time, seq: timers.processing[i + 1] as number, key, owner };
      this.processingTimers.push(timer);
      if (this.perOwner) (owner.queuedProcessingTimers ??= []).push(timer);
      this.registered?.(owner, time, timer.seq);
      this.requestWakeUp(time);
    }
  }

  /**
   * Queues a snapshot's timers for the owners `ownerOf` names (restored with their lists of times
   * beforehand), and, as `InternalTimerServiceImpl.startTimerService` does on a restore, asks the
   * scheduler to wake the operator for its processing-time timers again.
   */
  restore<O>(snapshot: TimersSnapshot<O>, ownerOf: (timer: TimerSnapshot<O>) => TimerOwner): void {
    this.currentWatermark = snapshot.watermark;
    this.seq = snapshot.seq;
    for (const timer of snapshot.eventTime) {
      this.eventTimers.push({
        time: timer.time,
        seq: timer.seq,
        key: timer.key,
        owner: ownerOf(timer),
      });
    }
    for (const timer of snapshot.processingTime) {
      this.processingTimers.push({
        time: timer.time,
        seq: timer.seq,
        key: timer.key,
        owner: ownerOf(timer),
      });
      this.requestWakeUp(timer.time);
    }
  }
}

type Domain = 'eventTimers' | 'processingTimers';

function fireDue(
  queue: TimerQueue<Timer>,
  until: Millis,
  domain: Domain,
  perOwner: boolean,
  beforeChange: ((owner: TimerOwner) => void) | undefined,
  fire: (timer: Timer) => void,
): void {
  for (let timer = queue.peek(); timer !== undefined && timer.time <= until; timer = queue.peek()) {
    queue.pop();
    if (perOwner) {
      beforeChange?.(timer.owner);
      const queued =
        domain === 'eventTimers'
          ? timer.owner.queuedEventTimers
          : timer.owner.queuedProcessingTimers;
      if (queued !== undefined) removeAt(queued, queued.indexOf(timer));
      changed(timer.owner);
    }
    // A timer is live while its owner still lists it; deleted or duplicate entries are skipped.
    if (remove(timer.owner[domain], timer.time)) fire(timer);
  }
}

/**
 * The queued timers their owners still list, in firing order, each (owner, time) once. Of two entries for the same
 * (owner, time) — one deleted and registered again — the earlier fires and the later is skipped,
 * so the earlier is the one kept.
 */
function live(queue: TimerQueue<Timer>, domain: Domain): Timer[] {
  const seen = new Map<TimerOwner, Set<Millis>>();
  const queued: Timer[] = [];
  queue.forEach((timer) => queued.push(timer));
  queued.sort((a, b) => (earlier(a, b) ? -1 : 1));
  return queued.filter((timer) => {
    if (!timer.owner[domain].includes(timer.time)) return false;
    const times = seen.get(timer.owner) ?? new Set<Millis>();
    seen.set(timer.owner, times);
    if (times.has(timer.time)) return false;
    times.add(timer.time);
    return true;
  });
}

/**
 * See {@link TimerService.ownerTimers}: `last`, when the pairs are the same, else new pairs. New
 * pairs are made at their final length: a window keeps its lists for its life, long enough to be
 * moved out of the young generation, and an array grown by `push` would take its spare room along.
 */
function ownerLive(
  times: readonly Millis[],
  queued: readonly Timer[] | undefined,
  last: OwnerTimers | undefined,
): OwnerTimers {
  const count = times.length;
  if (count === 0) return NO_TIMERS;
  if (count === 1) {
    // Most owners (a window under the event-time trigger) have one timer.
    const time = times[0] as Millis;
    const seq = firstSeq(queued, time);
    return last?.length === 2 && last[0] === time && last[1] === seq ? last : [time, seq];
  }
  let pairs: number[] | undefined;
  for (let i = 0; i < count; i++) {
    const time = times[i] as Millis;
    const seq = firstSeq(queued, time);
    if (pairs === undefined) {
      if (last?.length === 2 * count && last[2 * i] === time && last[2 * i + 1] === seq) continue;
      // The first pair that differs from `last`: the equal ones before it are copied.
      pairs = new Array<number>(2 * count);
      for (let k = 0; k < 2 * i; k++) pairs[k] = last?.[k] as number;
    }
    pairs[2 * i] = time;
    pairs[2 * i + 1] = seq;
  }
  return pairs ?? (last as OwnerTimers);
}

/** The sequence number of the earliest queued entry for `time` (see {@link live}). */
function firstSeq(queued: readonly Timer[] | undefined, time: Millis): number {
  let seq = Infinity;
  if (queued === undefined) return seq;
  for (let j = 0; j < queued.length; j++) {
    const timer = queued[j] as Timer;
    if (timer.time === time && timer.seq < seq) seq = timer.seq;
  }
  return seq;
}

function changed(owner: TimerOwner): void {
  owner.timerChanges = (owner.timerChanges ?? 0) + 1;
}

const NO_TIMERS: OwnerTimers = Object.freeze([]);

function remove(times: Millis[], time: Millis): boolean {
  const index = times.indexOf(time);
  if (index < 0) return false;
  removeAt(times, index);
  return true;
}
