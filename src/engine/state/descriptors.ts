/**
 * State descriptors, as in Flink: a name and a kind. A function asks its runtime context for the
 * state a descriptor describes (in `open`), and then reads and writes it for the current key.
 */

/** Describes a {@link ValueState}: one value per key. */
export class ValueStateDescriptor<T> {
  readonly kind = 'value';
  constructor(
    readonly name: string,
    /** What `value()` returns for a key that has no value yet. */
    readonly defaultValue?: T,
  ) {}
}

/** Describes a {@link ListState}: a list of values per key. */
export class ListStateDescriptor<T> {
  readonly kind = 'list';
  /** Keeps `T` in the type. */
  declare readonly __type?: T;
  constructor(readonly name: string) {}
}

/** Describes a {@link MapState}: a map per key. */
export class MapStateDescriptor<UK, UV> {
  readonly kind = 'map';
  /** Keeps the key and value types in the type. */
  declare readonly __types?: [UK, UV];
  constructor(readonly name: string) {}
}

/** Any state descriptor. */
export type StateDescriptor =
  | ValueStateDescriptor<unknown>
  | ListStateDescriptor<unknown>
  | MapStateDescriptor<unknown, unknown>;

/** One value per key. */
export interface ValueState<T> {
  /** The current key's value, or the descriptor's default (`undefined` if none). */
  value(): T | undefined;
  update(value: T): void;
  clear(): void;
}

/** A list of values per key. */
export interface ListState<T> {
  /** A copy of the current key's list (empty if none). */
  get(): T[];
  add(value: T): void;
  addAll(values: readonly T[]): void;
  /** Replaces the list. */
  update(values: readonly T[]): void;
  clear(): void;
}

/** A map per key. */
export interface MapState<UK, UV> {
  get(key: UK): UV | undefined;
  put(key: UK, value: UV): void;
  putAll(entries: Iterable<readonly [UK, UV]>): void;
  remove(key: UK): void;
  contains(key: UK): boolean;
  /** Copies of the current key's entries, keys and values, in insertion order. */
  entries(): [UK, UV][];
  keys(): UK[];
  values(): UV[];
  isEmpty(): boolean;
  clear(): void;
}
