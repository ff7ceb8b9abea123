/**
 * Rolling aggregation on a keyed stream (Flink's `StreamGroupedReduceOperator`): for every record,
 * combine it with the key's current value and emit the new value. The key's first record is emitted
 * as it is.
 */
import type { ReduceFunction } from '../functions/window-functions';
import type { Key, WindowOrigin } from '../records';
import type { KeySelector } from '../runtime/operator';
import { StreamOperator } from '../runtime/operator';
import type { KeyedStateEntry } from '../state/keyed-state-backend';
import { summarize } from '../summarize';
import type { Millis } from '../time';

/** The name the reduced value goes by in inspection and in the trace's state writes. */
const STATE = 'reduced';

/** A key's reduced value, updated in place: one map lookup per record, none on a repeated key. */
interface Reduced {
  value: unknown;
}

export class RollingReduceOperator extends StreamOperator {
  /** By key, in the order keys were first seen. */
  private readonly reduced = new Map<Key, Reduced>();
  private lastKey: Key | undefined;
  private lastSlot: Reduced | undefined;

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

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
    key: Key | undefined,
  ): void {
    const slot = key === this.lastKey ? this.lastSlot : this.reduced.get(key as Key);
    let next = value;
    if (slot === undefined) {
      const created = { value };
      this.reduced.set(key as Key, created);
      this.lastSlot = created;
    } else {
      try {
        next = this.reduce(slot.value, value);
      } catch (error) {
        throw this.userError(error, value, timestamp);
      }
      slot.value = next;
      this.lastSlot = slot;
    }
    this.lastKey = key;
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
}
