/**
 * The checkpoints of a run, folded from its trace: each checkpoint from its trigger to its
 * completion or abort, with the barriers that reached the operators' inputs, the alignments they
 * caused, the snapshots taken (with their sizes), and the transactions that committed when it
 * completed. The checkpoint views (the timeline, the barriers on the graph, the steps) read it.
 *
 * Like the rest of the trace model it folds incrementally, and every list is in trace order, so
 * "as of a moment" is a matter of comparing seqs (see `moment.ts`).
 */
import type { TraceEvent } from 'streamlab';

/** A checkpoint's barrier reaching an input channel of an operator (a source: its partition). */
export interface BarrierMark {
  readonly op: string;
  /** The subtask of the operator it reached (0 at parallelism 1). */
  readonly subtask: number;
  readonly checkpoint: number;
  /** The subtask's input channel it came on. */
  readonly input: number;
  readonly seq: number;
  readonly time: number;
}

/** An operator with several inputs waiting for a checkpoint's barrier on all of them. */
export interface AlignmentMark {
  readonly op: string;
  readonly checkpoint: number;
  readonly seq: number;
  readonly time: number;
  /** Whether the inputs whose barrier came were held back meanwhile (exactly-once). */
  readonly blocking: boolean;
  /** When the last barrier came, or null while it waits. */
  endSeq: number | null;
  endTime: number | null;
  /**
   * Once it ended: the records that came meanwhile on inputs that already had the barrier, held
   * back (blocking) or let into the snapshot (not blocking).
   */
  records: number;
}

/** An operator's snapshot of its state for a checkpoint. */
export interface SnapshotMark {
  readonly op: string;
  readonly seq: number;
  readonly time: number;
  readonly bytes: number;
}

/** A transactional sink's transaction pre-committing, committing, or aborting after a failure. */
export interface TransactionMark {
  readonly op: string;
  readonly transaction: number;
  /** The checkpoint it was pre-committed at (null: aborted while still open). */
  readonly checkpoint: number | null;
  readonly rows: number;
  readonly seq: number;
  readonly time: number;
}

export interface CheckpointMark {
  readonly checkpoint: number;
  readonly mode: 'exactly-once' | 'at-least-once';
  readonly triggered: number;
  readonly triggeredSeq: number;
  completed: number | null;
  completedSeq: number | null;
  aborted: number | null;
  abortedSeq: number | null;
  /** Why it was aborted, in plain words. */
  reason: string | null;
  /** Its size once complete, as the coordinator summed it. */
  bytes: number | null;
  readonly barriers: BarrierMark[];
  readonly alignments: AlignmentMark[];
  readonly snapshots: SnapshotMark[];
  /** The transactions pre-committed at its barrier. */
  readonly preCommits: TransactionMark[];
  /** The transactions that committed when it completed. */
  readonly commits: TransactionMark[];
}

export class CheckpointTrace {
  /** The checkpoints, in the order they were triggered. */
  readonly list: CheckpointMark[] = [];
  /** Every barrier of the run, in trace order: each is a hop a learner can step to. */
  readonly barriers: BarrierMark[] = [];
  /** Transactions aborted by failures, in trace order. */
  readonly aborts: TransactionMark[] = [];
  /** True once any transactional sink opened a transaction. */
  transactional = false;

  #byId = new Map<number, CheckpointMark>();

  /** Folds `event` when it is about checkpoints or transactions; false for any other event. */
  add(event: TraceEvent): boolean {
    switch (event.type) {
      case 'checkpoint-triggered': {
        const mark: CheckpointMark = {
          checkpoint: event.checkpoint,
          mode: event.mode,
          triggered: event.time,
          triggeredSeq: event.seq,
          completed: null,
          completedSeq: null,
          aborted: null,
          abortedSeq: null,
          reason: null,
          bytes: null,
          barriers: [],
          alignments: [],
          snapshots: [],
          preCommits: [],
          commits: [],
        };
        this.list.push(mark);
        this.#byId.set(mark.checkpoint, mark);
        return true;
      }
      case 'barrier': {
        const mark: BarrierMark = {
          op: event.op,
          subtask: event.subtask ?? 0,
          checkpoint: event.checkpoint,
          input: event.input,
          seq: event.seq,
          time: event.time,
        };
        this.barriers.push(mark);
        this.#byId.get(event.checkpoint)?.barriers.push(mark);
        return true;
      }
      case 'alignment-start':
        this.#byId.get(event.checkpoint)?.alignments.push({
          op: event.op,
          checkpoint: event.checkpoint,
          seq: event.seq,
          time: event.time,
          blocking: event.blocking,
          endSeq: null,
          endTime: null,
          records: 0,
        });
        return true;
      case 'alignment-end': {
        const alignment = this.#byId
          .get(event.checkpoint)
          ?.alignments.findLast((a) => a.op === event.op && a.endSeq === null);
        if (alignment) {
          alignment.endSeq = event.seq;
          alignment.endTime = event.time;
          alignment.records = event.records ?? 0;
        }
        return true;
      }
      case 'snapshot':
        this.#byId.get(event.checkpoint)?.snapshots.push({
          op: event.op,
          seq: event.seq,
          time: event.time,
          bytes: event.bytes,
        });
        return true;
      case 'checkpoint-completed': {
        const mark = this.#byId.get(event.checkpoint);
        if (mark) {
          mark.completed = event.time;
          mark.completedSeq = event.seq;
          mark.bytes = event.bytes;
        }
        return true;
      }
      case 'checkpoint-aborted': {
        const mark = this.#byId.get(event.checkpoint);
        if (mark) {
          mark.aborted = event.time;
          mark.abortedSeq = event.seq;
          mark.reason = event.reason;
        }
        return true;
      }
      case 'transaction-opened':
        this.transactional = true;
        return true;
      case 'transaction-pre-committed':
      case 'transaction-committed':
      case 'transaction-aborted': {
        const mark: TransactionMark = {
          op: event.op,
          transaction: event.transaction,
          checkpoint: event.checkpoint,
          rows: event.rows,
          seq: event.seq,
          time: event.time,
        };
        const checkpoint = event.checkpoint === null ? undefined : this.#byId.get(event.checkpoint);
        if (event.type === 'transaction-aborted') this.aborts.push(mark);
        else if (event.type === 'transaction-committed') checkpoint?.commits.push(mark);
        else checkpoint?.preCommits.push(mark);
        return true;
      }
      default:
        return false;
    }
  }

  /** The checkpoint with id `checkpoint` (the latest of that id, after a restart). */
  get(checkpoint: number): CheckpointMark | undefined {
    return this.#byId.get(checkpoint);
  }

  clear(): void {
    this.list.length = 0;
    this.barriers.length = 0;
    this.aborts.length = 0;
    this.transactional = false;
    this.#byId.clear();
  }
}
