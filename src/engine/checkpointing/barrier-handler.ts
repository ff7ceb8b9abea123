/**
 * What an operator does with the checkpoint barriers reaching its input channels: Flink's
 * `CheckpointBarrierHandler`, aligned (`SingleCheckpointBarrierHandler`, exactly-once) or not
 * (`CheckpointBarrierTracker`, at-least-once).
 *
 * Both snapshot the operator once the barrier came on every channel. Aligned, a channel that had
 * the barrier is blocked until then: what comes on it (records, watermarks, idleness, the next
 * barrier) is held, in order, and processed after the snapshot, so the snapshot holds the effect
 * of exactly the records before the barrier on every channel. The tracker blocks nothing: records
 * that came after the barrier on one channel are in the snapshot, and a restore from it processes
 * them again.
 *
 * Without delayed edges all of a checkpoint's barriers reach an operator within one event, before
 * any further record, and both take the same snapshot. Behind a delayed edge
 * (`simulateNetworkDelay`) they come at different times, with records in between.
 */
import type { WindowOrigin } from '../records';
import { handOver } from '../runtime/channel-item';
import type { ChannelItem } from '../runtime/channel-item';
import { StreamOperator } from '../runtime/operator';
import type { Edge } from '../runtime/operator';
import type { Millis } from '../time';
import type { Trace } from '../trace';

/** Who takes the snapshot once an operator has all of a checkpoint's barriers. */
export interface BarrierListener {
  /** Snapshots `operator` for `checkpoint`, acknowledges it, and forwards the barrier. */
  triggerCheckpointOnBarrier(operator: StreamOperator, checkpoint: number): void;
}

/** How held records reach the operator when released (see `release`). */
const RECEIVE = StreamOperator.prototype.receive;

export class CheckpointBarrierHandler {
  private checkpoint = 0;
  private readonly seen: boolean[];
  private count = 0;
  /** What blocked channels got while aligning, in order of arrival. */
  private held: ChannelItem[] = [];
  /**
   * Records that came on a channel after its barrier while aligning: held back when blocking,
   * processed (and so in the snapshot) when not.
   */
  private after = 0;
  /**
   * True between a checkpoint's first and last barrier at an operator with several channels. The
   * operator reads it for every record: while it is false, nothing else is asked.
   */
  aligning = false;

  constructor(
    private readonly operator: StreamOperator,
    private readonly channels: number,
    /** True to align (exactly-once), false to track only (at-least-once). */
    private readonly blocking: boolean,
    private readonly listener: BarrierListener,
    private readonly trace: Trace | null,
  ) {
    this.seen = new Array<boolean>(channels).fill(false);
  }

  /** A barrier of `checkpoint` arrived on input channel `channel`. */
  processBarrier(channel: number, checkpoint: number): void {
    if (this.isBlocked(channel)) {
      // The next checkpoint's barrier, behind this one's on a blocked channel.
      this.held.push({ kind: 'barrier', edge: { channel }, checkpoint });
      return;
    }
    const { operator, trace } = this;
    trace?.add({ type: 'barrier', op: operator.id, checkpoint, input: channel });
    if (checkpoint !== this.checkpoint) {
      // A newer checkpoint's first barrier: an older one not yet aligned can no longer complete.
      // (Not reached while the coordinator takes one checkpoint at a time, as here.)
      this.release();
      this.checkpoint = checkpoint;
      this.seen.fill(false);
      this.count = 0;
      this.after = 0;
      if (this.channels > 1) {
        trace?.add({
          type: 'alignment-start',
          op: operator.id,
          checkpoint,
          input: channel,
          blocking: this.blocking,
        });
      }
    }
    if (this.seen[channel] === true) return;
    this.seen[channel] = true;
    if (++this.count < this.channels) {
      this.aligning = true;
      return;
    }
    if (this.channels > 1) {
      trace?.add({
        type: 'alignment-end',
        op: operator.id,
        checkpoint,
        input: channel,
        blocking: this.blocking,
        records: this.after,
      });
    }
    this.listener.triggerCheckpointOnBarrier(operator, checkpoint);
    this.release();
  }

  /**
   * A record arrived on `edge` while aligning: true when the handler took it (its channel is
   * blocked), false when the operator processes it now. A record the tracker lets through on a
   * channel whose barrier came (at-least-once) is counted: it will be in the snapshot, and be
   * processed again after a restore from it.
   */
  holdRecord(
    edge: Edge,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): boolean {
    if (this.seen[edge.channel] !== true) return false;
    this.after++;
    if (!this.blocking) return false;
    this.held.push({ kind: 'record', edge, value, timestamp, origin, id });
    return true;
  }

  /** A watermark arrived on `channel`: true when the handler took it (the channel is blocked). */
  holdWatermark(channel: number, watermark: Millis): boolean {
    if (!this.isBlocked(channel)) return false;
    this.held.push({ kind: 'watermark', edge: { channel }, watermark });
    return true;
  }

  /** An idleness change arrived on `channel`: true when the handler took it (it is blocked). */
  holdStatus(channel: number, idle: boolean): boolean {
    if (!this.isBlocked(channel)) return false;
    this.held.push({ kind: 'status', edge: { channel }, idle });
    return true;
  }

  private isBlocked(channel: number): boolean {
    return this.aligning && this.blocking && this.seen[channel] === true;
  }

  /**
   * Ends the alignment: unblocks every channel and processes what they held, in order. Something
   * held may start the next alignment (the next checkpoint's barrier): what follows it on a
   * channel blocked again is held anew.
   */
  private release(): void {
    this.aligning = false;
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    const { operator } = this;
    // The operator's own `receive` for records: a failure armed on its n-th record (which wraps
    // the method) counted each of them when it came.
    for (const item of held) handOver(item, operator, RECEIVE);
  }
}
