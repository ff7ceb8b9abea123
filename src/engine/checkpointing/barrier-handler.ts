/**
 * What an operator does with the checkpoint barriers reaching its input channels: Flink's
 * `CheckpointBarrierHandler`, aligned (`SingleCheckpointBarrierHandler`, exactly-once) or not
 * (`CheckpointBarrierTracker`, at-least-once).
 *
 * Both snapshot the operator once the barrier came on every channel. Aligned, a channel that had
 * the barrier is blocked until then, so no record after the barrier is processed before the
 * snapshot; the tracker blocks nothing. Records travel synchronously here, and all of a
 * checkpoint's barriers are injected in one event, so the barriers reach an operator on all its
 * channels before any further record: no channel is ever blocked for a record, and both take the
 * same snapshot. What differs is recorded: the trace's alignment events say whether it blocked.
 */
import type { StreamOperator } from '../runtime/operator';
import type { Trace } from '../trace';

/** Who takes the snapshot once an operator has all of a checkpoint's barriers. */
export interface BarrierListener {
  /** Snapshots `operator` for `checkpoint`, acknowledges it, and forwards the barrier. */
  triggerCheckpointOnBarrier(operator: StreamOperator, checkpoint: number): void;
}

export class CheckpointBarrierHandler {
  private checkpoint = 0;
  private readonly seen: boolean[];
  private count = 0;

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
    const { operator, trace } = this;
    trace?.add({ type: 'barrier', op: operator.id, checkpoint, input: channel });
    if (checkpoint !== this.checkpoint) {
      // A newer checkpoint's first barrier: an older one not yet aligned can no longer complete.
      this.checkpoint = checkpoint;
      this.seen.fill(false);
      this.count = 0;
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
    if (++this.count < this.channels) return;
    if (this.channels > 1) {
      trace?.add({
        type: 'alignment-end',
        op: operator.id,
        checkpoint,
        input: channel,
        blocking: this.blocking,
      });
    }
    this.listener.triggerCheckpointOnBarrier(operator, checkpoint);
  }
}
