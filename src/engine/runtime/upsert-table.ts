/**
 * An upsert table: the latest record of every key, keys in first-seen order, with a count of
 * writes. A table is written once per record but read rarely (when the job result is taken), so it
 * keeps each key's latest write in one mutable slot and builds the rows only when they are read.
 */
import type { UpsertRow } from '../result';
import type { Key, WindowOrigin } from '../records';
import type { Millis } from '../time';
import { collected } from './sink-row';

interface LatestWrite {
  value: unknown;
  timestamp: Millis | undefined;
  origin: WindowOrigin | undefined;
  processingTime: Millis;
  updates: number;
}

export class UpsertTable {
  private readonly latest = new Map<Key, LatestWrite>();
  /** The slot written last: a running total writes the same key again and again. */
  private lastKey: Key | undefined;
  private lastSlot: LatestWrite | undefined;

  write(
    key: Key,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    now: Millis,
  ): void {
    let slot = this.lastSlot;
    if (key !== this.lastKey || slot === undefined) {
      slot = this.latest.get(key);
      if (slot === undefined) {
        slot = { value, timestamp, origin, processingTime: now, updates: 0 };
        this.latest.set(key, slot);
      }
      // Remembered only when it changes: a store per write would cost more than the lookup saves.
      this.lastKey = key;
      this.lastSlot = slot;
    }
    slot.value = value;
    slot.timestamp = timestamp;
    slot.origin = origin;
    slot.processingTime = now;
    slot.updates++;
  }

  /** The rows, freshly built: a row read earlier never changes. */
  rows(): UpsertRow[] {
    const rows: UpsertRow[] = [];
    for (const [key, slot] of this.latest) {
      const row = collected(slot.value, slot.timestamp, slot.origin, slot.processingTime);
      rows.push({ ...row, key, updates: slot.updates });
    }
    return rows;
  }
}
