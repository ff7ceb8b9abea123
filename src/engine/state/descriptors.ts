/**
 * State descriptors, as in Flink: a name and a kind. A function asks its runtime context for the
 * state a descriptor describes (in `open`), and then reads and writes it for the current key.
 */

/** Describes a {@link ValueState}: one value per key. */
export class ValueStateDescriptor<T> {
  /** Which kind of state it describes. */
  readonly kind = 'value';
  /**
   * Describes a value state named `name`, whose value starts as `defaultValue`.
   *
   * @param name - Names the state, unique within the function (it appears in the trace).
   * @param defaultValue - What `value()` returns for a key that has no value yet.
   */
  constructor(
    /** The state's name, unique within the function. */
    readonly name: string,
    /** What `value()` returns for a key that has no value yet. */
    readonly defaultValue?: T,
  ) {}
}

/** Describes a {@link ListState}: a list of values per key. */
export class ListStateDescriptor<T> {
  /** Which kind of state it describes. */
  readonly kind = 'list';
  /** Keeps `T` in the type. */
  declare readonly __type?: T;
  /**
   * Describes a list state named `name`.
   *
   * @param name - Names the state, unique within the function (it appears in the trace).
   */
  constructor(
    /** The state's name, unique within the function. */
    readonly name: string,
  ) {}
}

/** Describes a {@link MapState}: a map per key. */
export class MapStateDescriptor<UK, UV> {
  /** Which kind of state it describes. */
  readonly kind = 'map';
  /** Keeps the key and value types in the type. */
  declare readonly __types?: [UK, UV];
  /**
   * Describes a map state named `name`.
   *
   * @param name - Names the state, unique within the function (it appears in the trace).
   */
  constructor(
    /** The state's name, unique within the function. */
    readonly name: string,
  ) {}
}

/** Any state descriptor. */
export type StateDescriptor =
  | ValueStateDescriptor<unknown>
  | ListStateDescriptor<unknown>
  | MapStateDescriptor<unknown, unknown>;

/**
 * One value per key, as Flink's `ValueState`: a keyed function reads and writes the value of the
 * key of the record (or timer) it is handling. Get it in `open` from
 * `KeyedRuntimeContext.getState` with a {@link ValueStateDescriptor}.
 *
 * @example
 * ```ts
 * class RunningCount extends KeyedProcessFunction<string, Click, string> {
 *   private count!: ValueState<number>;
 *   open(ctx: KeyedRuntimeContext) {
 *     this.count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
 *   }
 *   processElement(click: Click, ctx: KeyedContext<string>, out: Collector<string>) {
 *     const count = (this.count.value() ?? 0) + 1;
 *     this.count.update(count);
 *     out.collect(`${ctx.getCurrentKey()} has clicked ${count} times`);
 *   }
 * }
 * ```
 */
export interface ValueState<T> {
  /** The current key's value, or the descriptor's default (`undefined` if none). */
  value(): T | undefined;
  /** Sets the current key's value; `value()` returns it until the next `update` or `clear`. */
  update(value: T): void;
  /** Removes the current key's value: `value()` returns the descriptor's default again. */
  clear(): void;
}

/** A list of values per key. */
export interface ListState<T> {
  /** A copy of the current key's list (empty if none). */
  get(): T[];
  /** Appends `value` to the current key's list. */
  add(value: T): void;
  /** Appends every value of `values`, in order. */
  addAll(values: readonly T[]): void;
  /** Replaces the list. */
  update(values: readonly T[]): void;
  /** Removes the current key's list: `get()` returns `[]`. */
  clear(): void;
}

/** A map per key. */
export interface MapState<UK, UV> {
  /** The value under `key` in the current key's map, or `undefined`. */
  get(key: UK): UV | undefined;
  /** Sets the value under `key`. */
  put(key: UK, value: UV): void;
  /** Sets every `[key, value]` of `entries`. */
  putAll(entries: Iterable<readonly [UK, UV]>): void;
  /** Removes `key` and its value. */
  remove(key: UK): void;
  /** True when the current key's map has `key`. */
  contains(key: UK): boolean;
  /** Copies of the current key's entries, keys and values, in insertion order. */
  entries(): [UK, UV][];
  /** A copy of the map's keys, in insertion order. */
  keys(): UK[];
  /** A copy of the map's values, in insertion order. */
  values(): UV[];
  /** True when the current key's map has no entries. */
  isEmpty(): boolean;
  /** Removes the current key's whole map. */
  clear(): void;
}
