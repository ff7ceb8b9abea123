/**
 * Rolling aggregation on a keyed stream (Flink's `StreamGroupedReduceOperator`): for every record,
 * combine it with the key's current value and emit the new value. The key's first record is emitted
 * as it is.
 */
import type { ReduceFunction } from '../functions/window-functions';
import type { WindowOrigin } from '../records';
import type { KeySelector } from '../runtime/operator';
import { StreamOperator } from '../runtime/operator';
import { ValueStateDescriptor } from '../state/descriptors';
import type { ValueState } from '../state/descriptors';
import { KeyedStateBackend } from '../state/keyed-state-backend';
import type { KeyedStateEntry } from '../state/keyed-state-backend';
import type { Millis } from '../time';

const EMPTY: unique symbol = Symbol('no value yet');

export class RollingReduceOperator extends StreamOperator {
  readonly state: KeyedStateBackend;
  private readonly current: ValueState<unknown>;

  constructor(
    id: string,
    name: string,
    keySelector: KeySelector<unknown>,
    private readonly reduce: ReduceFunction<unknown>,
  ) {
    super(id, name, 'rolling-reduce', [keySelector]);
    this.state = new KeyedStateBackend(this);
    this.current = this.state.getState(new ValueStateDescriptor<unknown>('reduced', EMPTY));
  }

  override keyedState(): KeyedStateEntry[] {
    return this.state.entries();
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    const previous = this.current.value();
    let next = value;
    if (previous !== EMPTY) {
      try {
        next = this.reduce(previous, value);
      } catch (error) {
        throw this.userError(error, value, timestamp);
      }
    }
    this.current.update(next);
    const lineage = this.job.trace === null ? undefined : [id];
    this.output.emit(next, timestamp, lineage, origin);
  }
}
