/**
 * An upsert table: the latest record of every key, keys in first-seen order, with a count of
 * writes. A table is written once per record but read rarely (when the job result is taken), so it
 * keeps each key's latest write in one mutable slot and builds the rows only when they are read.
 */
import type { UpsertRow } from '../result';
import type { Key, WindowOrigin } from '../records';
import type { Millis } from '../time';
import type { FusedRecord, FusionBuilder } from './fusion';
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
  /**
   * The slot written last: a running total writes the same key again and again. Remembered only
   * when the key changes: a store per write would cost more than the lookup saves.
   */
  private readonly last: { key: Key | undefined; slot: LatestWrite | undefined } = {
    key: undefined,
    slot: undefined,
  };

  write(
    key: Key,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    now: Millis,
  ): void {
    const slot = key === this.last.key ? (this.last.slot as LatestWrite) : this.slotOf(key, value);
    slot.value = value;
    slot.timestamp = timestamp;
    slot.origin = origin;
    slot.processingTime = now;
    slot.updates++;
  }

  /**
   * Writes {@link write}, inline, into a fused loop, for the record in `record` under the key in
   * the local `key`.
   */
  fuseWrite(code: FusionBuilder, key: string, record: FusedRecord): void {
    const last = code.bind(this.last);
    const slotOf = code.bind((k: Key, v: unknown) => this.slotOf(k, v));
    const slot = code.local('row');
    code.line(
      `const ${slot} = ${key} === ${last}.key ? ${last}.slot : ${slotOf}(${key}, ${record.value});`,
    );
    code.line(`${slot}.value = ${record.value};`);
    code.line(`${slot}.timestamp = ${record.timestamp};`);
    code.line(`${slot}.origin = undefined;`);
    code.line(`${slot}.processingTime = ${record.arrival};`);
    code.line(`${slot}.updates++;`);
  }

  /** The key's slot, created (holding `first`, so that numbers are held unboxed) for a new key. */
  private slotOf(key: Key, first: unknown): LatestWrite {
    let slot = this.latest.get(key);
    if (slot === undefined) {
      slot = {
        value: first,
        timestamp: undefined,
        origin: undefined,
        processingTime: 0,
        updates: 0,
      };
      this.latest.set(key, slot);
    }
    this.last.key = key;
    this.last.slot = slot;
    return slot;
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
