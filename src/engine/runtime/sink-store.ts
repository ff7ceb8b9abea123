/**
 * Where sinks and side outputs put what they receive, until the job result is read.
 */
import type { CollectedRecord } from '../result';
import type { Millis } from '../time';
import { duplicateRows } from '../checkpointing/duplicates';
import type { Replay } from '../checkpointing/duplicates';
import { TransactionLog } from '../checkpointing/transaction-log';
import { collected } from './sink-row';
import { UpsertTable } from './upsert-table';

export class SinkStore {
  readonly outputs = new Map<string, CollectedRecord[]>();
  readonly tables = new Map<string, UpsertTable>();
  readonly sideOutputs = new Map<string, CollectedRecord[]>();
  readonly printed: string[] = [];
  /** Transactional collect sinks (`DeliveryGuarantee.EXACTLY_ONCE`), by name. */
  readonly transactionLogs = new Map<string, TransactionLog>();
  /** Per collect sink, the rows each restart put at risk of being written again. */
  private readonly replays = new Map<string, Replay[]>();

  /** The transaction log of the transactional sink `name`, created empty on first use. */
  transactionLog(name: string): TransactionLog {
    let log = this.transactionLogs.get(name);
    if (log === undefined) {
      log = new TransactionLog();
      this.transactionLogs.set(name, log);
    }
    return log;
  }

  /** How many rows each collect sink holds: where a checkpoint cut them. */
  rowCounts(): Map<string, number> {
    return new Map([...this.outputs].map(([name, rows]) => [name, rows.length]));
  }

  /**
   * Notes a restart from a checkpoint that cut the collect sinks at `cuts` (from the beginning:
   * none): the rows written since will be written again.
   */
  restarted(cuts: ReadonlyMap<string, number> | undefined): void {
    for (const [name, rows] of this.outputs) {
      const from = cuts?.get(name) ?? 0;
      if (rows.length > from) listIn(this.replays, name).push({ from, to: rows.length });
    }
  }

  /** The rows of collect sink `name` for the job result, duplicates after restarts marked. */
  collectedRows(name: string): CollectedRecord[] {
    const rows = this.outputs.get(name) ?? [];
    const replays = this.replays.get(name);
    if (replays === undefined) return [...rows];
    const duplicates = duplicateRows(rows, replays);
    return rows.map((row, i) => (duplicates.has(i) ? { ...row, duplicate: true } : row));
  }

  /** The rows of the collect sink `name`; declaring it up front shows a sink that got nothing. */
  collectRows(name: string): CollectedRecord[] {
    return listIn(this.outputs, name);
  }

  /** The upsert table `name`, created empty on first use. */
  table(name: string): UpsertTable {
    let table = this.tables.get(name);
    if (table === undefined) {
      table = new UpsertTable();
      this.tables.set(name, table);
    }
    return table;
  }

  sideOutput(tag: string, value: unknown, timestamp: Millis | undefined, now: Millis): void {
    listIn(this.sideOutputs, tag).push(collected(value, timestamp, undefined, now));
  }
}

function listIn<T>(lists: Map<string, T[]>, name: string): T[] {
  let list = lists.get(name);
  if (list === undefined) {
    list = [];
    lists.set(name, list);
  }
  return list;
}
