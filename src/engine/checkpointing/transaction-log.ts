/**
 * The far side of a transactional sink: the system its rows are written to (a Kafka topic, a
 * database), which keeps them in transactions and lets readers see committed rows only. It
 * outlives the job's attempts, as an external system outlives a crashed job: a restarted sink finds
 * here what its predecessor wrote, committed and left open.
 */
import type { CollectedRecord } from '../result';

/** Where a transaction stands, from opened to committed (or aborted). */
export type TransactionState = 'open' | 'pre-committed' | 'committed' | 'aborted';

export interface Transaction {
  readonly id: number;
  /**
   * The sink subtask that opened it. Each subtask recovers and aborts only its own transactions,
   * as each Flink sink subtask owns the transactional ids with its own index.
   */
  readonly owner: number;
  state: TransactionState;
  /** The checkpoint whose barrier pre-committed it (`null` while open). */
  checkpoint: number | null;
  readonly rows: CollectedRecord[];
}

export class TransactionLog {
  private lastId = 0;
  /** Every transaction, by id, in the order they were opened. */
  readonly transactions = new Map<number, Transaction>();
  /** Committed transactions, in commit order: what a reader sees. */
  private readonly commits: Transaction[] = [];

  begin(owner: number): Transaction {
    const transaction: Transaction = {
      id: ++this.lastId,
      owner,
      state: 'open',
      checkpoint: null,
      rows: [],
    };
    this.transactions.set(transaction.id, transaction);
    return transaction;
  }

  /** Commits a pre-committed transaction; false when it was committed already (a no-op then). */
  commit(transaction: Transaction): boolean {
    if (transaction.state === 'committed') return false;
    transaction.state = 'committed';
    this.commits.push(transaction);
    return true;
  }

  /**
   * Aborts every transaction subtask `owner` opened and did not commit, except those of the given
   * ids; returns them.
   */
  abortAllBut(owner: number, keep: ReadonlySet<number>): Transaction[] {
    const aborted: Transaction[] = [];
    for (const transaction of this.transactions.values()) {
      if (transaction.owner !== owner) continue;
      if (transaction.state === 'committed' || transaction.state === 'aborted') continue;
      if (keep.has(transaction.id)) continue;
      transaction.state = 'aborted';
      aborted.push(transaction);
    }
    return aborted;
  }

  /**
   * The rows as the job result shows them: the committed ones (`committed: true`) in commit order,
   * then those of transactions still pre-committed or open (`committed: false`), each with its
   * transaction's id. Rows of aborted transactions are gone, as a reader never sees them.
   */
  rows(): CollectedRecord[] {
    const rows: CollectedRecord[] = [];
    for (const transaction of this.commits) {
      for (const row of transaction.rows) {
        rows.push({ ...row, committed: true, transaction: transaction.id });
      }
    }
    for (const transaction of this.transactions.values()) {
      if (transaction.state !== 'open' && transaction.state !== 'pre-committed') continue;
      for (const row of transaction.rows) {
        rows.push({ ...row, committed: false, transaction: transaction.id });
      }
    }
    return rows;
  }
}
