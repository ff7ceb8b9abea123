/**
 * Rolling aggregation on a keyed stream (Flink's `StreamGroupedReduceOperator`): for every record,
 * combine it with the key's current value and emit the new value. The key's first record is emitted
 * as it is.
 */
import type { ReduceFunction } from '../functions/window-functions';
import type { Key, WindowOrigin } from '../records';
import type { KeySelector } from '../runtime/operator';
import { StreamOperator } from '../runtime/operator';
import type { Edge } from '../runtime/operator';
import { RecordBatch } from '../runtime/record-batch';
import type { KeyedStateEntry } from '../state/keyed-state-backend';
import { summarize } from '../summarize';
import type { Millis } from '../time';

/** The name the reduced value goes by in inspection and in the trace's state writes. */
const STATE = 'reduced';

/** A key's reduced value, updated in place: one map lookup per record, none on a repeated key. */
interface Reduced {
  value: unknown;
}

/** In a batch's undo log: the record was its key's first, so before it the key had no value. */
const NO_VALUE = Symbol('no value');

export class RollingReduceOperator extends StreamOperator {
  /** By key, in the order keys were first seen. */
  private readonly reduced = new Map<Key, Reduced>();
  private lastKey: Key | undefined;
  private lastSlot: Reduced | undefined;
  /** The key's value before the last record reduced, or {@link NO_VALUE}. */
  private replaced: unknown;
  private readonly batch = new RecordBatch();
  /**
   * The batch's undo log: for each record, its key and the key's value before it. When a record
   * handed on fails downstream, the records after it are taken back, as one by one they would
   * never have been reduced.
   */
  private readonly keysOfBatch: Key[] = [];
  private readonly replacedInBatch: unknown[] = [];

  constructor(
    id: string,
    name: string,
    keySelector: KeySelector<unknown>,
    private readonly reduce: ReduceFunction<unknown>,
  ) {
    super(id, name, 'rolling-reduce', [keySelector]);
  }

  override keyedState(): KeyedStateEntry[] {
    return [...this.reduced].map(([key, slot]) => ({ state: STATE, key, value: slot.value }));
  }

  override get batchSafe(): boolean {
    return true;
  }

  /** Reduces each record of the batch, then hands on the new values as a batch. */
  override receiveBatch(_edge: Edge, input: RecordBatch): void {
    const { values, timestamps, arrivals } = input;
    const out = this.batch;
    const counted = this.metrics.recordsIn;
    let i = 0;
    try {
      for (; i < input.length; i++) {
        const value = values[i];
        const timestamp = timestamps[i];
        const key = this.keyOf(0, value, timestamp);
        this.currentKey = key;
        const next = this.reduceRecord(value, timestamp, key);
        this.keysOfBatch[i] = key;
        this.replacedInBatch[i] = this.replaced;
        out.push(next, timestamp, arrivals[i] as Millis);
      }
    } catch (error) {
      this.metrics.recordsIn = counted + i + 1;
      this.batchFailedAt = i;
      this.handOnOrUndo(counted, () => this.handOnBeforeFailure(out, arrivals[i] as Millis));
      throw error;
    }
    this.metrics.recordsIn = counted + input.length;
    this.handOnOrUndo(counted, () => this.handOn(out));
  }

  /** Runs `handOn`; when a record handed on fails downstream, takes back the records after it. */
  private handOnOrUndo(counted: number, handOn: () => void): void {
    const length = this.batch.length;
    try {
      handOn();
    } catch (error) {
      const failed = this.outputFailedAt;
      for (let i = length - 1; i > failed; i--) this.undo(i);
      this.lastKey = undefined;
      this.lastSlot = undefined;
      this.currentKey = this.keysOfBatch[failed];
      this.metrics.recordsIn = counted + failed + 1;
      this.batchFailedAt = failed;
      throw error;
    }
  }

  private undo(index: number): void {
    const key = this.keysOfBatch[index] as Key;
    const replaced = this.replacedInBatch[index];
    if (replaced === NO_VALUE) this.reduced.delete(key);
    else (this.reduced.get(key) as Reduced).value = replaced;
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
    key: Key | undefined,
  ): void {
    const next = this.reduceRecord(value, timestamp, key as Key);
    const trace = this.job.trace;
    if (trace === null) {
      this.output.emit(next, timestamp, undefined, origin);
      return;
    }
    trace.addRecordEvent({
      type: 'state-write',
      op: this.id,
      key: key as Key,
      state: STATE,
      value: next === undefined ? null : summarize(next),
    });
    this.output.emit(next, timestamp, [id], origin);
  }

  /** Combines a record with its key's value, and returns (and keeps) the result. */
  private reduceRecord(value: unknown, timestamp: Millis | undefined, key: Key): unknown {
    const slot = key === this.lastKey ? this.lastSlot : this.reduced.get(key);
    let next = value;
    if (slot === undefined) {
      const created = { value };
      this.reduced.set(key, created);
      this.lastSlot = created;
      this.replaced = NO_VALUE;
    } else {
      try {
        next = this.reduce(slot.value, value);
      } catch (error) {
        throw this.userError(error, value, timestamp);
      }
      this.replaced = slot.value;
      slot.value = next;
      this.lastSlot = slot;
    }
    this.lastKey = key;
    return next;
  }
}
