/**
 * An edge whose records take time to arrive: what `simulateNetworkDelay(ms)` puts on an operator's
 * outputs. Everything the sender emits (records, watermarks, idleness, checkpoint barriers) waits
 * `delay` ms of processing time in the channel, in the order it was sent, then reaches the
 * receiver as if sent then.
 *
 * Edges are otherwise instantaneous here: records go through the job depth first. A delay is what
 * makes a checkpoint's barriers reach an operator with several inputs at different times, with
 * records in between, so that aligning them (exactly-once) or not (at-least-once) makes a
 * difference. In a real job the delay comes from network buffers and from backpressure.
 */
import type { WindowOrigin } from '../records';
import type { Millis } from '../time';
import { handOver } from './channel-item';
import type { ChannelItem } from './channel-item';
import type { Edge, EdgeTarget, Push, StreamOperator } from './operator';

/** One thing in flight, and when it arrives. */
interface InFlight {
  readonly due: Millis;
  readonly item: ChannelItem;
}

export class InFlightChannel implements EdgeTarget {
  /** What is in flight, oldest first. Due times never decrease: the delay is the same for all. */
  private queue: InFlight[] = [];
  private head = 0;

  constructor(
    /** The operator whose output this is: its job's scheduler delivers. */
    private readonly sender: StreamOperator,
    /** The edge the channel leads to, as it would be without the delay. */
    readonly inner: Edge,
    readonly delay: Millis,
  ) {}

  /** True while something is in flight. */
  get busy(): boolean {
    return this.head < this.queue.length;
  }

  /** True while records, watermarks or idleness are in flight (not only barriers). */
  get carriesData(): boolean {
    for (let i = this.head; i < this.queue.length; i++) {
      if ((this.queue[i] as InFlight).item.kind !== 'barrier') return true;
    }
    return false;
  }

  /** Nothing may be pushed through in a batch: every record waits. */
  readonly batchSafe = false;

  receive(
    _edge: Edge,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    this.send({ kind: 'record', edge: this.inner, value, timestamp, origin, id });
  }

  receiveWatermark(_edge: Pick<Edge, 'channel'>, watermark: Millis): void {
    this.send({ kind: 'watermark', edge: this.inner, watermark });
  }

  receiveStatus(_edge: Pick<Edge, 'channel'>, idle: boolean): void {
    this.send({ kind: 'status', edge: this.inner, idle });
  }

  receiveBarrier(_channel: number, checkpoint: number): void {
    this.send({ kind: 'barrier', edge: this.inner, checkpoint });
  }

  pushInto(edge: Edge): Push {
    return (value, timestamp) => this.receive(edge, value, timestamp, undefined, 0);
  }

  /**
   * Hands the receiver everything due by `now`, in the order it was sent, and asks to be called
   * again when the next is due. Called by the job's scheduler.
   */
  deliver(now: Millis): void {
    const target = this.inner.target;
    while (this.head < this.queue.length) {
      const next = this.queue[this.head] as InFlight;
      if (next.due > now) {
        this.sender.job.deliverAt(this, next.due);
        return;
      }
      this.head++;
      handOver(next.item, target);
    }
    this.queue = [];
    this.head = 0;
  }

  /**
   * When what is sent now arrives: by the time the event being handled was due, so that a
   * restarted job reading its backlog again keeps the order of the first run.
   */
  private dueTime(): Millis {
    const job = this.sender.job;
    return (job.dueTime?.() ?? job.now()) + this.delay;
  }

  private send(item: ChannelItem): void {
    const idle = !this.busy;
    const due = this.dueTime();
    this.queue.push({ due, item });
    if (idle) this.sender.job.deliverAt(this, due);
  }
}
