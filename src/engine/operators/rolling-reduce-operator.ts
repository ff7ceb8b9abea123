/**
 * Rolling aggregation on a keyed stream (Flink's `StreamGroupedReduceOperator`): for every record,
 * combine it with the key's current value and emit the new value. The key's first record is emitted
 * as it is.
 */
import type { ReduceFunction } from '../functions/window-functions';
import { requireSynchronous } from '../functions/synchronous';
import type { Key, WindowOrigin } from '../records';
import type { KeySelector } from '../runtime/operator';
import { StreamOperator } from '../runtime/operator';
import type { Edge } from '../runtime/operator';
import type { Failure, Fusible, FusedRecord, FusionBuilder } from '../runtime/fusion';
import type { KeyedStateEntry } from '../state/keyed-state-backend';
import type { Millis } from '../time';

/** The name the reduced value goes by in inspection and in the trace's state writes. */
const STATE = 'reduced';
const REDUCE = 'The function given to reduce(...)';

/** A key's reduced value, updated in place: one map lookup per record, none on a repeated key. */
interface Reduced {
  value: unknown;
  /** False until the key's first record: that record becomes the value as it is. */
  set: boolean;
}

export class RollingReduceOperator extends StreamOperator implements Fusible {
  /** By key, in the order keys were first seen. */
  private readonly reduced = new Map<Key, Reduced>();
  /**
   * The slot used last: a stream with few keys repeats them, and a map lookup is the cost. Its
   * slot is only read once a key has been seen (no key is `undefined`).
   */
  private readonly last: { key: Key | undefined; slot: Reduced | undefined } = {
    key: undefined,
    slot: undefined,
  };

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

  /** Each key's reduced value (a key whose first record came has `set`). */
  protected override snapshotOwnState(): ReadonlyMap<Key, Reduced> {
    return this.reduced;
  }

  protected override restoreOwnState(state: ReadonlyMap<Key, Reduced>): void {
    // In place: the fused loop holds the map and the last slot used.
    this.reduced.clear();
    for (const [key, slot] of state) this.reduced.set(key, slot);
    this.last.key = undefined;
    this.last.slot = undefined;
  }

  /**
   * Writes the key selection and {@link reduceRecord}, inline, into a fused loop. The reduction is
   * written out rather than called: the call cost 7% of a fast pipeline's time. The batched-runs
   * property tests hold the two to the same results.
   */
  fuse(code: FusionBuilder, edge: Edge, record: FusedRecord): void {
    const { value } = record;
    code.count(this.metrics, 'recordsIn');
    const key = this.fuseKey(code, edge.gate, record);
    const last = code.bind(this.last);
    const slot = code.local('slot');
    const slotOf = code.bind((k: Key, v: unknown) => this.slotOf(k, v));
    code.line(`let ${slot} = ${last}.slot;`);
    // The slot used last is remembered only when the key changes (see reduceRecord).
    code.line(
      `if (${key} !== ${last}.key) { ${slot} = ${slotOf}(${key}, ${value}); ${last}.key = ${key}; ${last}.slot = ${slot}; }`,
    );
    const reduced = code.local('v');
    code.line(`let ${reduced} = ${value};`);
    const fail: Failure = (error, v, ts) => this.userError(error, v, ts);
    code.block(`if (${slot}.set)`, () => {
      const sync = code.bind((result: unknown) => requireSynchronous(result, REDUCE));
      const call = `${reduced} = ${sync}(${code.bind(this.reduce)}(${slot}.value, ${value}));`;
      code.attempt(() => code.line(call), fail, value, record);
    });
    code.line(`else ${slot}.set = true;`);
    code.line(`${slot}.value = ${reduced};`);
    code.emit(this, { ...record, value: reduced });
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
    trace.stateWrite(this.id, key as Key, STATE, next);
    this.output.emit(next, timestamp, [id], origin);
  }

  /** Combines a record with its key's value, and returns (and keeps) the result. */
  private reduceRecord(value: unknown, timestamp: Millis | undefined, key: Key): unknown {
    const last = this.last;
    if (key !== last.key) {
      // Stored only on a change of key: a store per record would cost more than the lookup saves.
      last.slot = this.slotOf(key, value);
      last.key = key;
    }
    const slot = last.slot as Reduced;
    let next = value;
    if (slot.set) {
      try {
        next = requireSynchronous(this.reduce(slot.value, value), REDUCE);
      } catch (error) {
        throw this.userError(error, value, timestamp);
      }
    } else {
      slot.set = true;
    }
    slot.value = next;
    return next;
  }

  /**
   * The key's slot, created empty for a new key. It starts out holding the key's first record
   * (not yet `set`), so that a slot of numbers holds them unboxed from the start.
   */
  private slotOf(key: Key, first: unknown): Reduced {
    let slot = this.reduced.get(key);
    if (slot === undefined) {
      slot = { value: first, set: false };
      this.reduced.set(key, slot);
    }
    return slot;
  }
}
