/**
 * Snapshots of a running job's state, and what a fresh job of the same program restores from them:
 * the consistent state Flink's checkpoints are made of (`StreamOperator.snapshotState`, restored
 * by `initializeState` before `open`).
 *
 * A snapshot is a deep copy (see `copyState`): nothing in it is shared with the job it was taken
 * from, nor with a job restored from it, so one snapshot can be restored any number of times.
 * Snapshots may share parts with each other: a window operator keeps each window's copy and puts
 * it in every later snapshot until the window is touched again (see `window-snapshot.ts`). A copy
 * once made is never changed, so sharing it changes no snapshot.
 *
 * What is in it: every operator's managed state (keyed state, window contents, merging-window sets,
 * timers, rolling values, join buffers), its watermarks, the built-in watermark generators' state
 * and where each source partition stands. What is not: the values user functions keep in their own
 * fields (as in Flink, only managed state is snapshotted), what sinks have collected so far (a
 * sink's output has left the job: that is why exactly-once results need transactional sinks), the
 * trace and metrics.
 */
import type { SourceEvent, SourcePosition } from '../sources/source';
import type { Millis } from '../time';
import type { ValveSnapshot } from '../watermarks/valve';
import type { OperatorKind } from './operator';

/** One operator's state, copied. */
export interface OperatorSnapshot {
  /** The operator's id: a restore matches snapshots to operators by it, as Flink by uid. */
  readonly id: string;
  readonly kind: OperatorKind;
  /** The operator's input watermarks: combined, and per channel with idleness. */
  readonly watermarks: ValveSnapshot;
  /** The kind's own state (see each operator's `snapshotOwnState`); `null` when it has none. */
  readonly state: unknown;
  /** Estimated size in bytes (see `copyState`'s `SIZES`): the same state gives the same size. */
  readonly bytes: number;
}

/** Where one source partition stands: enough for a fresh reader to go on from here. */
export interface SourceSplitSnapshot {
  readonly partition: number;
  /** True once the partition has ended: nothing is read from it again. */
  readonly finished: boolean;
  /**
   * The reader's position. With `pending`, the reader had read one event ahead, which the job had
   * not processed yet: the reader resumes after it, and the event comes first. Without `pending`,
   * the reader resumes at it, and `skip` events (records the job already processed) are passed over.
   */
  readonly position: SourcePosition | undefined;
  readonly skip: number;
  readonly pending: SourceEvent<unknown> | undefined;
  /** Arrival time of the last event read, which the next one must not precede. */
  readonly lastArrival: Millis;
  /** The partition's own watermark and idleness, as its generator last emitted them. */
  readonly watermark: Millis;
  readonly idle: boolean;
  /** The partition's watermark generator's state, for the built-in generators (else `undefined`). */
  readonly generator: unknown;
}

/** A job's state between two events. */
export interface JobSnapshot {
  /** The virtual processing time the job had reached. */
  readonly processingTime: Millis;
  /** When the next periodic watermark was due (`undefined`: none was). */
  readonly nextWatermarkTick: Millis | undefined;
  /**
   * Every subtask's snapshot by its task name (`StreamOperator.task`: the operator id, followed by
   * the subtask when the operator runs in parallel), in the job graph's order.
   */
  readonly operators: ReadonlyMap<string, OperatorSnapshot>;
  /** Every source subtask's partitions by task name (the same objects as in `operators`). */
  readonly sources: ReadonlyMap<string, readonly SourceSplitSnapshot[]>;
  /** Sum of the operators' sizes. */
  readonly bytes: number;
}
