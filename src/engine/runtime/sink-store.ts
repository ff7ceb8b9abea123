/**
 * Where sinks and side outputs put what they receive, until the job result is read.
 */
import type { CollectedRecord, UpsertRow } from '../result';
import type { Key, StreamRecord } from '../records';
import type { Millis } from '../time';

export class SinkStore {
  readonly outputs = new Map<string, CollectedRecord[]>();
  readonly tables = new Map<string, Map<Key, UpsertRow>>();
  readonly sideOutputs = new Map<string, CollectedRecord[]>();
  readonly printed: string[] = [];

  collect(name: string, record: StreamRecord, now: Millis): void {
    listIn(this.outputs, name).push(collected(record, now));
  }

  upsert(name: string, key: Key, record: StreamRecord, now: Millis): void {
    let table = this.tables.get(name);
    if (table === undefined) {
      table = new Map();
      this.tables.set(name, table);
    }
    const updates = (table.get(key)?.updates ?? 0) + 1;
    table.set(key, { ...collected(record, now), key, updates });
  }

  sideOutput(tag: string, record: StreamRecord, now: Millis): void {
    listIn(this.sideOutputs, tag).push(collected(record, now));
  }

  /** Declares a sink up front, so that a sink that received nothing still shows, empty. */
  declare(kind: 'collect' | 'upsert', name: string): void {
    if (kind === 'collect') listIn(this.outputs, name);
    else if (!this.tables.has(name)) this.tables.set(name, new Map());
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

/** A record as a sink row: only the fields that apply, so rows compare and serialise cleanly. */
export function collected(record: StreamRecord, now: Millis): CollectedRecord {
  const { value, timestamp, origin } = record;
  // Built without spreads: sinks collect every record, so this is on the hot path.
  if (origin === undefined) {
    return timestamp === undefined
      ? { value, processingTime: now }
      : { value, timestamp, processingTime: now };
  }
  const row: { -readonly [F in keyof CollectedRecord]: CollectedRecord[F] } =
    timestamp === undefined
      ? { value, processingTime: now }
      : { value, timestamp, processingTime: now };
  if (origin.key !== undefined) row.key = origin.key;
  row.window = origin.window;
  row.pane = origin.pane;
  return row as CollectedRecord;
}
