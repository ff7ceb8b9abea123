/**
 * A transactional collect sink (`DeliveryGuarantee.EXACTLY_ONCE`), as Flink's
 * `TwoPhaseCommitSinkFunction` (and `KafkaSink` with exactly-once): rows go into the transaction
 * of the current checkpoint epoch; at a checkpoint's barrier the transaction is pre-committed, its
 * id kept in the snapshot, and a new one opened; when the checkpoint completes, the transactions it
 * holds are committed. After a failure, the restored sink commits the transactions its checkpoint
 * held (Flink's `recoverAndCommit`, a no-op for those committed already) and aborts every other one
 * left open: their rows are written again, in a new transaction, as the replay reaches them.
 */
import type { TransactionLog, Transaction } from '../checkpointing/transaction-log';
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
import { collected } from '../runtime/sink-row';
import type { Millis } from '../time';

/** What a checkpoint holds of the sink: its pre-committed transactions, not yet committed. */
interface TransactionalSinkState {
  readonly pending: readonly { readonly transaction: number; readonly checkpoint: number }[];
}

export class TransactionalSinkOperator extends StreamOperator {
  private current: Transaction | undefined;
  /** Pre-committed transactions waiting for their checkpoint to complete, oldest first. */
  private pending: Transaction[] = [];
  private restored: TransactionalSinkState | undefined;

  constructor(
    id: string,
    name: string,
    private readonly log: TransactionLog,
  ) {
    super(id, name, 'sink', [undefined]);
  }

  override get batchSafe(): boolean {
    return true;
  }

  /** Flink's `initializeState`: recovers the checkpoint's transactions, then opens a new one. */
  override open(): void {
    const restored = this.restored;
    this.restored = undefined;
    const keep = new Set<number>();
    for (const { transaction: id, checkpoint } of restored?.pending ?? []) {
      const transaction = this.log.transactions.get(id);
      if (transaction === undefined) continue;
      keep.add(id);
      transaction.checkpoint = checkpoint;
      // The checkpoint holding it completed (recovery only restores completed ones): commit it.
      this.commit(transaction);
    }
    for (const transaction of this.log.abortAllBut(this.subtask, keep))
      this.traceTransaction('transaction-aborted', transaction);
    this.begin();
  }

  /** Aborts what this attempt left open, when the job failed (as the next attempt would). */
  abortOpen(): void {
    const keep = new Set<number>();
    for (const transaction of this.log.abortAllBut(this.subtask, keep))
      this.traceTransaction('transaction-aborted', transaction);
    this.current = undefined;
    this.pending = [];
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
  ): void {
    (this.current as Transaction).rows.push(collected(value, timestamp, origin, this.job.now()));
  }

  /**
   * At a checkpoint's barrier, pre-commits the open transaction and opens the next; the snapshot
   * holds the pre-committed transactions. A snapshot taken between events, not for a checkpoint,
   * only reads them.
   */
  protected override snapshotOwnState(checkpoint?: number): TransactionalSinkState {
    if (checkpoint !== undefined && this.current !== undefined) {
      const transaction = this.current;
      transaction.state = 'pre-committed';
      transaction.checkpoint = checkpoint;
      this.pending.push(transaction);
      this.traceTransaction('transaction-pre-committed', transaction);
      this.begin();
    }
    return {
      pending: this.pending.map((transaction) => ({
        transaction: transaction.id,
        checkpoint: transaction.checkpoint as number,
      })),
    };
  }

  protected override restoreOwnState(state: TransactionalSinkState): void {
    this.restored = state;
  }

  /** Commits every transaction pre-committed at this checkpoint or an earlier one. */
  override notifyCheckpointComplete(checkpoint: number): void {
    while (
      this.pending.length > 0 &&
      ((this.pending[0] as Transaction).checkpoint as number) <= checkpoint
    ) {
      this.commit(this.pending.shift() as Transaction);
    }
  }

  private commit(transaction: Transaction): void {
    if (this.log.commit(transaction)) this.traceTransaction('transaction-committed', transaction);
  }

  private begin(): void {
    this.current = this.log.begin(this.subtask);
    this.traceTransaction('transaction-opened', this.current);
  }

  private traceTransaction(
    type:
      | 'transaction-opened'
      | 'transaction-pre-committed'
      | 'transaction-committed'
      | 'transaction-aborted',
    transaction: Transaction,
  ): void {
    this.job.trace?.add({
      type,
      op: this.id,
      transaction: transaction.id,
      checkpoint: transaction.checkpoint,
      rows: transaction.rows.length,
    });
  }
}
