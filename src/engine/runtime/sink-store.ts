/**
 * Where sinks and side outputs put what they receive, until the job result is read.
 */
import type { CollectedRecord } from '../result';
import type { Millis } from '../time';
import { collected } from './sink-row';
import { UpsertTable } from './upsert-table';

export class SinkStore {
  readonly outputs = new Map<string, CollectedRecord[]>();
  readonly tables = new Map<string, UpsertTable>();
  readonly sideOutputs = new Map<string, CollectedRecord[]>();
  readonly printed: string[] = [];

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
