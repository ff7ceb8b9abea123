/**
 * The checkpoint coordinator, as Flink's `CheckpointCoordinator`: it triggers checkpoint n on the
 * processing-time interval by injecting a barrier at every source partition of every source
 * subtask, collects each subtask's acknowledgement (its snapshot), and completes the checkpoint
 * once every subtask acknowledged it; it then notifies them (`notifyCheckpointComplete`), on which
 * transactional sinks commit.
 *
 * Barriers travel with the records, synchronously and depth first like them, so without delayed
 * edges a checkpoint is triggered, aligned, snapshotted and completed within one event of the
 * simulation, and is the same consistent cut `JobRuntime.snapshot()` takes between events. Behind
 * a delayed edge (`simulateNetworkDelay`) a barrier is in flight like the records before it, and
 * the checkpoint completes when the last acknowledgement comes, in a later event. As with Flink's
 * default of one concurrent checkpoint, a checkpoint due while another is being taken waits for
 * it, and is triggered when it completes (Flink's `CheckpointRequestDecider` queues the request).
 * Several due meanwhile make one waiting checkpoint here, where Flink would queue each.
 */
import type { SourceOperator } from '../operators/source-operator';
import type { StreamOperator } from '../runtime/operator';
import type { JobSnapshot, OperatorSnapshot, SourceSplitSnapshot } from '../runtime/snapshot';
import type { Millis } from '../time';
import type { TraceRecorder } from '../trace';
import type { BarrierListener } from './barrier-handler';
import type { CheckpointingMode } from './checkpoint-config';

/** A completed checkpoint: its id, when it was taken, and the job's state then. */
export interface CompletedCheckpoint {
  readonly id: number;
  /**
   * The processing time it was triggered at: where it cut the sources' input, and so where a
   * restart from it replays from. (It completed then too, unless barriers were in flight.)
   */
  readonly time: Millis;
  readonly snapshot: JobSnapshot;
}

/** What the coordinator reads of the running job: its current operators and clock. */
export interface CheckpointedJob {
  /** The running attempt's operators (a restart compiles new ones). */
  plan(): {
    readonly operators: readonly StreamOperator[];
    readonly sources: readonly SourceOperator<unknown>[];
  };
  readonly trace: TraceRecorder | null;
  now(): Millis;
  /** When the next periodic watermark tick is due, if one is. */
  nextWatermarkTick(): Millis | undefined;
  /** An operator took its snapshot for the pending checkpoint. */
  snapshotted(operator: StreamOperator): void;
  /** A checkpoint completed: it is now the latest. */
  completed(checkpoint: CompletedCheckpoint): void;
  /** Asks for {@link CheckpointCoordinator.trigger} as the next event: one was waiting. */
  triggerSoon(): void;
  /** True while something is in flight on a delayed edge (barriers among it, perhaps). */
  inFlight(): boolean;
}

export class CheckpointCoordinator implements BarrierListener {
  private nextId = 1;
  private pending: Map<string, OperatorSnapshot> | undefined;
  private pendingId = 0;
  /** Set when a checkpoint came due while another was being taken: it follows that one. */
  private queued = false;
  /** When the pending checkpoint was triggered. */
  private triggeredAt: Millis = 0;
  /** True while `trigger` injects barriers: it completes what they acknowledge at once. */
  private triggering = false;
  /** The latest completed checkpoint: what recovery restores (Flink keeps one by default). */
  latest: CompletedCheckpoint | undefined;
  /** Ids of every completed checkpoint, in order. */
  readonly completed: number[] = [];

  constructor(
    readonly interval: Millis,
    readonly mode: CheckpointingMode,
    private readonly job: CheckpointedJob,
  ) {}

  /** True while a checkpoint is being taken (triggered, not yet completed or aborted) or waits. */
  get inProgress(): boolean {
    return this.pending !== undefined || this.queued;
  }

  /**
   * Triggers the next checkpoint: injects its barrier at every source partition, and completes it
   * when every operator acknowledged it (now, unless a barrier is in flight). A failure while
   * snapshotting aborts it and is rethrown: as with Flink's default of no tolerable checkpoint
   * failures, the job then fails. While another is in progress, it waits for that one.
   */
  trigger(): void {
    if (this.pending !== undefined) {
      this.queued = true;
      return;
    }
    const id = this.nextId++;
    const { job } = this;
    const { operators, sources } = job.plan();
    job.trace?.add({
      type: 'checkpoint-triggered',
      op: '-',
      checkpoint: id,
      mode: this.mode === 'EXACTLY_ONCE' ? 'exactly-once' : 'at-least-once',
    });
    this.pending = new Map();
    this.pendingId = id;
    this.triggeredAt = job.now();
    this.triggering = true;
    try {
      for (const source of sources) {
        // A source without partitions has no channel for the barrier to come on.
        if (source.partitionCount === 0) this.triggerCheckpointOnBarrier(source, id);
        for (let partition = 0; partition < source.partitionCount; partition++) {
          source.receiveBarrier(partition, id);
        }
      }
    } catch (error) {
      this.abortPending(`an operator failed while taking its snapshot: ${messageOf(error)}`);
      throw error;
    } finally {
      this.triggering = false;
    }
    // Every operator is reachable from a source, so each one acknowledges, now or once the
    // barriers in flight reach it.
    const acknowledged = this.pending?.size;
    if (acknowledged === operators.length) this.completePending();
    else if (acknowledged !== undefined && !job.inFlight()) {
      // With nothing in flight, no acknowledgement is still to come: a barrier went missing.
      this.abortPending('not every operator acknowledged it');
    }
  }

  /** Aborts a checkpoint being taken (the job failed meanwhile); one waiting is dropped. */
  abortPending(reason: string): void {
    this.queued = false;
    if (this.pending === undefined) return;
    this.pending = undefined;
    this.abort(this.pendingId, reason);
  }

  triggerCheckpointOnBarrier(operator: StreamOperator, checkpoint: number): void {
    const snapshot = operator.snapshotState(checkpoint);
    // The operator's own trace says which subtask took it.
    operator.job.trace?.add({
      type: 'snapshot',
      op: operator.id,
      checkpoint,
      bytes: snapshot.bytes,
    });
    const pending = checkpoint === this.pendingId ? this.pending : undefined;
    pending?.set(operator.task, snapshot);
    this.job.snapshotted(operator);
    const last = pending !== undefined && pending.size === this.operatorCount();
    // The last acknowledgement of a checkpoint whose barriers were in flight completes it, before
    // the barrier goes on (which reaches nothing that has not acknowledged). While triggering,
    // `trigger` completes it once every source has had its barrier.
    if (last && !this.triggering) this.completePending();
    operator.output.emitBarrier(checkpoint);
  }

  private operatorCount(): number {
    return this.job.plan().operators.length;
  }

  private completePending(): void {
    const acknowledged = this.pending as Map<string, OperatorSnapshot>;
    this.pending = undefined;
    this.complete(this.pendingId, acknowledged);
    // Not from here: this may be deep inside an operator handling a barrier.
    if (this.queued) {
      this.queued = false;
      this.job.triggerSoon();
    }
  }

  private complete(id: number, acknowledged: Map<string, OperatorSnapshot>): void {
    const { job } = this;
    const plan = job.plan();
    const operators = new Map<string, OperatorSnapshot>();
    const sources = new Map<string, readonly SourceSplitSnapshot[]>();
    let bytes = 0;
    for (const operator of plan.operators) {
      const snapshot = acknowledged.get(operator.task) as OperatorSnapshot;
      operators.set(operator.task, snapshot);
      bytes += snapshot.bytes;
    }
    for (const source of plan.sources) {
      const { state } = operators.get(source.task) as OperatorSnapshot;
      sources.set(
        source.task,
        (state as { partitions: readonly SourceSplitSnapshot[] }).partitions,
      );
    }
    const time = this.triggeredAt;
    const snapshot = {
      processingTime: time,
      nextWatermarkTick: job.nextWatermarkTick(),
      operators,
      sources,
      bytes,
    };
    this.latest = { id, time, snapshot };
    this.completed.push(id);
    job.completed(this.latest);
    job.trace?.add({ type: 'checkpoint-completed', op: '-', checkpoint: id, bytes });
    for (const operator of plan.operators) operator.notifyCheckpointComplete(id);
  }

  private abort(id: number, reason: string): void {
    this.job.trace?.add({ type: 'checkpoint-aborted', op: '-', checkpoint: id, reason });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
