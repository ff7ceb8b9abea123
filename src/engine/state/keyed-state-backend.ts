/**
 * Keyed state of one operator, held as plain data (maps from state name to maps from key to value),
 * so that it can be inspected between steps and copied for a snapshot (see `copy-state.ts`), as
 * Flink's `HeapKeyedStateBackend` keeps its state tables on the heap and writes them out whole.
 *
 * The handles a function receives read and write the entry of the operator's current key.
 */
import { PipelineDefinitionError } from '../errors';
import type { Key } from '../records';
import type { Trace } from '../trace';
import type {
  ListState,
  ListStateDescriptor,
  MapState,
  MapStateDescriptor,
  StateDescriptor,
  ValueState,
  ValueStateDescriptor,
} from './descriptors';

/** The operator side of the backend: whose state it is, and what key is current. */
export interface StateOwner {
  readonly id: string;
  readonly name: string;
  readonly currentKey: Key | undefined;
  readonly job: { readonly trace: Trace | null };
}

interface Table {
  readonly kind: StateDescriptor['kind'];
  readonly values: Map<Key, unknown>;
}

/**
 * Every state of a backend, by state name in the order the states were first asked for: its kind
 * and its values by key, in the order keys were first written.
 */
export type KeyedStateSnapshot = ReadonlyMap<
  string,
  { readonly kind: string; readonly values: ReadonlyMap<Key, unknown> }
>;

/** One entry of keyed state, for inspection. */
export interface KeyedStateEntry {
  readonly state: string;
  readonly key: Key;
  readonly value: unknown;
}

export class KeyedStateBackend {
  private readonly tables = new Map<string, Table>();

  constructor(private readonly owner: StateOwner) {}

  /** Every (state, key, value) held, by state then key in insertion order. */
  entries(): KeyedStateEntry[] {
    const entries: KeyedStateEntry[] = [];
    for (const [state, table] of this.tables) {
      for (const [key, value] of table.values) {
        entries.push({
          state,
          key,
          value: table.kind === 'map' ? new Map(value as Map<unknown, unknown>) : value,
        });
      }
    }
    return entries;
  }

  /** The tables themselves: the caller copies them (see `StreamOperator.snapshotState`). */
  snapshot(): KeyedStateSnapshot {
    return this.tables;
  }

  /**
   * Takes over a snapshot (a copy the backend may keep). Tables are filled in place, so handles a
   * function already holds read the restored values; a state the snapshot lacks is left empty.
   */
  restore(snapshot: KeyedStateSnapshot): void {
    for (const table of this.tables.values()) table.values.clear();
    for (const [name, { kind, values }] of snapshot) {
      const table = this.tables.get(name);
      if (table === undefined) {
        this.tables.set(name, { kind: kind as Table['kind'], values: new Map(values) });
        continue;
      }
      if (table.kind !== kind) {
        throw new PipelineDefinitionError(
          `State "${name}" of operator "${this.owner.name}" is a ${table.kind} state, but the ` +
            `snapshot holds a ${kind} state by that name: it was taken of another program.`,
        );
      }
      for (const [key, value] of values) table.values.set(key, value);
    }
  }

  getState<T>(descriptor: ValueStateDescriptor<T>): ValueState<T> {
    const values = this.table(descriptor) as Map<Key, T>;
    return {
      value: () => {
        const key = this.key(descriptor.name);
        // One lookup in the usual case; `has` only tells a stored `undefined` from none.
        const value = values.get(key);
        return value !== undefined || values.has(key) ? value : descriptor.defaultValue;
      },
      update: (value) => {
        const key = this.key(descriptor.name);
        values.set(key, value);
        this.traceWrite(key, descriptor.name, value);
      },
      clear: () => this.clear(values, descriptor.name),
    };
  }

  getListState<T>(descriptor: ListStateDescriptor<T>): ListState<T> {
    const values = this.table(descriptor) as Map<Key, T[]>;
    // The stored array belongs to the state: readers get copies, writers append in place.
    const append = (more: readonly T[]): void => {
      const key = this.key(descriptor.name);
      const list = values.get(key);
      if (list === undefined) values.set(key, [...more]);
      else list.push(...more);
      this.traceWrite(key, descriptor.name, values.get(key));
    };
    return {
      get: () => [...(values.get(this.key(descriptor.name)) ?? [])],
      add: (value) => append([value]),
      addAll: (more) => append(more),
      update: (list) => {
        const key = this.key(descriptor.name);
        values.set(key, [...list]);
        this.traceWrite(key, descriptor.name, list);
      },
      clear: () => this.clear(values, descriptor.name),
    };
  }

  getMapState<UK, UV>(descriptor: MapStateDescriptor<UK, UV>): MapState<UK, UV> {
    const values = this.table(descriptor) as Map<Key, Map<UK, UV>>;
    const current = (): Map<UK, UV> | undefined => values.get(this.key(descriptor.name));
    const modify = (change: (map: Map<UK, UV>) => void): void => {
      const key = this.key(descriptor.name);
      const map = values.get(key) ?? new Map<UK, UV>();
      change(map);
      if (map.size === 0) values.delete(key);
      else values.set(key, map);
      this.traceWrite(key, descriptor.name, map);
    };
    return {
      get: (k) => current()?.get(k),
      put: (k, v) => modify((map) => map.set(k, v)),
      putAll: (entries) =>
        modify((map) => {
          for (const [k, v] of entries) map.set(k, v);
        }),
      remove: (k) => modify((map) => map.delete(k)),
      contains: (k) => current()?.has(k) ?? false,
      entries: () => [...(current()?.entries() ?? [])],
      keys: () => [...(current()?.keys() ?? [])],
      values: () => [...(current()?.values() ?? [])],
      isEmpty: () => (current()?.size ?? 0) === 0,
      clear: () => this.clear(values, descriptor.name),
    };
  }

  private table(descriptor: StateDescriptor): Map<Key, unknown> {
    if (typeof descriptor.name !== 'string' || descriptor.name === '') {
      throw new PipelineDefinitionError('A state descriptor needs a non-empty name.');
    }
    const existing = this.tables.get(descriptor.name);
    if (existing !== undefined) {
      if (existing.kind !== descriptor.kind) {
        throw new PipelineDefinitionError(
          `State "${descriptor.name}" of operator "${this.owner.name}" is already a ${existing.kind} ` +
            `state; give the ${descriptor.kind} state another name.`,
        );
      }
      return existing.values;
    }
    const values = new Map<Key, unknown>();
    this.tables.set(descriptor.name, { kind: descriptor.kind, values });
    return values;
  }

  private key(state: string): Key {
    const key = this.owner.currentKey;
    if (key === undefined) {
      throw new PipelineDefinitionError(
        `State "${state}" was used outside of a record or timer: keyed state belongs to the key ` +
          'being processed, so read and write it in processElement or onTimer, not in open().',
      );
    }
    return key;
  }

  private clear(values: Map<Key, unknown>, state: string): void {
    const key = this.key(state);
    if (values.delete(key)) this.traceWrite(key, state, undefined);
  }

  private traceWrite(key: Key, state: string, value: unknown): void {
    this.owner.job.trace?.stateWrite(this.owner.id, key, state, value);
  }
}
