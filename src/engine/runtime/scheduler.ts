/**
 * The discrete-event simulation's queue. Three kinds of events happen at a processing time:
 *
 * 1. a source partition's next event arrives;
 * 2. an operator's processing-time timers come due;
 * 3. the periodic watermark tick (every auto-watermark interval);
 * 4. an injected failure (`Failure.atProcessingTime`);
 * 5. the checkpoint coordinator triggering a checkpoint (every checkpoint interval);
 * 6. a failed job restarting;
 * 7. records in flight on a delayed edge reaching the receiver (`simulateNetworkDelay`).
 *
 * They are ordered by (time, kind in the order above, then source/partition or operator order,
 * then insertion sequence), so a run is a pure function of the program and its sources. Arrivals
 * of all partitions merge in (arrival time, source order, partition) order, as the source contract
 * says.
 */
import type { SourceOperator } from '../operators/source-operator';
import type { Millis } from '../time';
import { PriorityQueue } from './priority-queue';
import type { InFlightChannel } from './in-flight-channel';
import type { StreamOperator } from './operator';

/** A source partition's next event arriving. */
export interface ArrivalEvent {
  readonly kind: 'arrival';
  readonly time: Millis;
  readonly order: number;
  readonly seq: number;
  readonly source: SourceOperator<unknown>;
  readonly partition: number;
}

export type ScheduledEvent =
  | ArrivalEvent
  | {
      readonly kind: 'timers';
      readonly time: Millis;
      readonly order: number;
      readonly seq: number;
      readonly operator: StreamOperator;
    }
  | { readonly kind: 'tick'; readonly time: Millis; readonly order: 0; readonly seq: number }
  | {
      readonly kind: 'delivery';
      readonly time: Millis;
      readonly order: 0;
      readonly seq: number;
      readonly channel: InFlightChannel;
    }
  | {
      readonly kind: 'failure' | 'checkpoint' | 'restart';
      readonly time: Millis;
      /** For a failure: which injected failure it is. */
      readonly order: number;
      readonly seq: number;
    };

const RANK = {
  arrival: 0,
  timers: 1,
  tick: 2,
  failure: 3,
  checkpoint: 4,
  restart: 5,
  delivery: 6,
} as const;

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.kind !== b.kind) return RANK[a.kind] < RANK[b.kind];
  if (a.order !== b.order) return a.order < b.order;
  return a.seq < b.seq;
}

/** Partitions per source in the arrival order key; sources beyond it would tie, which is harmless. */
const PARTITIONS_PER_SOURCE = 1 << 20;

export class Scheduler {
  private readonly queue = new PriorityQueue<ScheduledEvent>(before);
  private seq = 0;
  /** Processing times at which each operator already has a wake-up queued. */
  private readonly wakeUps = new Map<StreamOperator, Set<Millis>>();

  peek(): ScheduledEvent | undefined {
    return this.queue.peek();
  }

  pop(): ScheduledEvent | undefined {
    const event = this.queue.pop();
    if (event?.kind === 'timers') this.wakeUps.get(event.operator)?.delete(event.time);
    return event;
  }

  arrival(
    time: Millis,
    source: SourceOperator<unknown>,
    sourceIndex: number,
    partition: number,
  ): void {
    const order = sourceIndex * PARTITIONS_PER_SOURCE + partition;
    this.queue.push({ kind: 'arrival', time, order, seq: this.seq++, source, partition });
  }

  /** Queues the next arrival of the partition `previous` came from, at `time`. */
  nextArrival(previous: ArrivalEvent, time: Millis): void {
    this.queue.push({ ...previous, time, seq: this.seq++ });
  }

  /**
   * True when an arrival at `time` at the partition with arrival order `order` (which has none
   * queued) would come out before everything queued, were it queued now.
   */
  wouldComeFirst(time: Millis, order: number): boolean {
    const first = this.queue.peek();
    if (first === undefined || time < first.time) return true;
    if (time > first.time) return false;
    return first.kind !== 'arrival' || order < first.order;
  }

  wakeUp(time: Millis, operator: StreamOperator, operatorIndex: number): void {
    let times = this.wakeUps.get(operator);
    if (times === undefined) {
      times = new Set();
      this.wakeUps.set(operator, times);
    }
    if (times.has(time)) return;
    times.add(time);
    this.queue.push({ kind: 'timers', time, order: operatorIndex, seq: this.seq++, operator });
  }

  /** When the periodic watermark tick is next due, if one is queued (for a snapshot). */
  nextTick(): Millis | undefined {
    return this.queue.unordered().find((event) => event.kind === 'tick')?.time;
  }

  tick(time: Millis): void {
    this.queue.push({ kind: 'tick', time, order: 0, seq: this.seq++ });
  }

  /** Queues a delivery of what is in flight on `channel`, due at `time`. */
  delivery(time: Millis, channel: InFlightChannel): void {
    this.queue.push({ kind: 'delivery', time, order: 0, seq: this.seq++, channel });
  }

  /** Queues the coordinator's next checkpoint, an injected failure (number `order`) or a restart. */
  job(kind: 'failure' | 'checkpoint' | 'restart', time: Millis, order = 0): void {
    this.queue.push({ kind, time, order, seq: this.seq++ });
  }
}
