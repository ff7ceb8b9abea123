/**
 * The queue of one time domain's timers: first by time, ties in sequence order, as one binary heap
 * of timers would give them, but kept as a heap of the distinct times, each with its timers in
 * sequence order.
 *
 * Why not one heap of timers: windows of every key end at the same times, so a watermark fires
 * timers in runs that share a time (a thousand keys' one-second windows: a thousand timers at each
 * second). A heap of timers pays a sift-down through every timer of the run; here a run costs one
 * heap step, and each of its timers an array read. A registration gets the next sequence number,
 * the highest yet, so it goes to the end of its time's list, already in order.
 */
import type { Millis } from '../time';
import { PriorityQueue } from './priority-queue';

/** What the queue orders: a time, and a sequence number unique within the queue. */
export interface Queued {
  readonly time: Millis;
  readonly seq: number;
}

/** The timers queued for one time; those before `next` have been taken. */
interface Run<T extends Queued> {
  readonly time: Millis;
  readonly timers: T[];
  next: number;
}

export class TimerQueue<T extends Queued> {
  private readonly runs = new PriorityQueue<Run<T>>((a, b) => a.time < b.time);
  private readonly byTime = new Map<Millis, Run<T>>();
  /** The run pushed to last: consecutive registrations mostly share a time. */
  private last: Run<T> | undefined;

  /** The first timer, left in place. */
  peek(): T | undefined {
    const run = this.runs.peek();
    return run === undefined ? undefined : run.timers[run.next];
  }

  /** Removes and returns the first timer. */
  pop(): T | undefined {
    const run = this.runs.peek();
    if (run === undefined) return undefined;
    const timer = run.timers[run.next++];
    if (run.next === run.timers.length) {
      this.runs.pop();
      this.byTime.delete(run.time);
      if (this.last === run) this.last = undefined;
    }
    return timer;
  }

  push(timer: T): void {
    const { time } = timer;
    let run = this.last?.time === time ? this.last : this.byTime.get(time);
    if (run === undefined) {
      run = { time, timers: [timer], next: 0 };
      this.byTime.set(time, run);
      this.runs.push(run);
    } else {
      insertInOrder(run, timer);
    }
    this.last = run;
  }

  /** Calls `visit` for every queued timer, in no particular order (for snapshots, inspection). */
  forEach(visit: (timer: T) => void): void {
    for (const run of this.runs.unordered()) {
      for (let i = run.next; i < run.timers.length; i++) visit(run.timers[i] as T);
    }
  }
}

/**
 * Puts `timer` among the run's untaken timers by sequence number: at the end for a registration (the
 * highest number yet); a restore may bring them in another order.
 */
function insertInOrder<T extends Queued>(run: Run<T>, timer: T): void {
  const { timers } = run;
  let index = timers.length;
  while (index > run.next && (timers[index - 1] as T).seq > timer.seq) index--;
  if (index === timers.length) timers.push(timer);
  else timers.splice(index, 0, timer);
}
