/**
 * Copies the values managed state holds, for a snapshot and back out of one, and estimates their
 * size on the way.
 *
 * Why not `structuredClone` (which Node and workers both have)? It accepts what a snapshot must
 * not: a class instance comes back as a plain object without its prototype (and without its
 * `#private` fields), so a restored job would fail later, far from the cause. What it refuses, it
 * refuses with "could not be cloned" and no word of where. And a snapshot needs its size, which
 * takes a walk over the value anyway. This walk does the three at once: it copies, it counts, and
 * it refuses with the path to the value it cannot copy.
 *
 * Copied: `undefined`, `null`, booleans, numbers, bigints, strings, plain objects (prototype
 * `Object.prototype` or `null`, own enumerable string keys), arrays, `Map`, `Set` and `Date`.
 * Shared references and cycles are kept as they are (one copy per original), as `structuredClone`
 * keeps them.
 *
 * Refused, with an {@link UncopyableState} naming the path: functions, symbols (as values or as
 * keys), and instances of any other class — a class instance may hold `#private` fields that no
 * copy can reach, so none is copied rather than some copied wrong. Flink refuses state its
 * serializer cannot write in the same way. The operator taking the snapshot reports it as a
 * `JobExecutionError`, e.g. `Operator "KeyedProcess" (op-2): its state cannot be snapshotted:
 * .keyed.get("handler").values.get("a") holds a function. A snapshot copies plain data only: …`.
 */

/** Thrown for a value a snapshot cannot copy; `path` says where it is, from the copied root. */
export class UncopyableState extends Error {
  override readonly name = 'UncopyableState';

  constructor(
    /** Where the value is, as an access path from the root (`.get("a").callback`). */
    readonly path: string,
    /** What the value is: "a function", "a symbol", "an instance of class Stats". */
    readonly what: string,
  ) {
    super(
      `${path === '' ? 'the state' : path} holds ${what}. A snapshot copies plain data only: ` +
        'numbers, strings, booleans, bigints, null, undefined, plain objects, arrays, Map, Set ' +
        'and Date. Keep functions, symbols and class instances out of managed state (turn them ' +
        'into plain data, or keep them in the function’s own fields, which are not snapshotted).',
    );
  }
}

/** A deep copy and the estimated size of what was copied. */
export interface CopiedState<T> {
  readonly value: T;
  /** An estimate in bytes, the same for the same value on every run (see {@link SIZES}). */
  readonly bytes: number;
}

/**
 * What each kind of value counts for in a size estimate: close to what V8 spends on it, but meant
 * to compare operators and checkpoints with each other, not to predict the heap.
 */
export const SIZES = {
  /** A number, a Date. */
  number: 8,
  /** A boolean; `null` and `undefined` count as nothing but the slot holding them. */
  boolean: 4,
  /** Per character (UTF-16), plus {@link SIZES.header}. */
  char: 2,
  /** An object's, array's, string's, Map's or Set's header. */
  header: 16,
  /** A reference: a property's, an element's, or a Map entry's key and value each. */
  slot: 8,
} as const;

/** Deep-copies `value` (see the module comment for what is copied and what is refused). */
export function copyState<T>(value: T): CopiedState<T> {
  const flat = copyFlat(value);
  if (flat !== undefined) return flat;
  const copier = new Copier(false);
  let copy: T;
  try {
    copy = copier.copy(value, '') as T;
  } catch (error) {
    if (!(error instanceof UncopyableState)) throw error;
    // Copied again, this time writing down the way: the failure names where the value is.
    new Copier(true).copy(value, '');
    throw error;
  }
  return { value: copy, bytes: copier.bytes };
}

/**
 * The common shapes of window contents and keyed values, copied without the walk's bookkeeping: a
 * primitive, or a plain object whose own values are all primitives (no references, so no sharing
 * or cycles to keep). `undefined` for anything else, which the walk then copies (or refuses). Counts
 * exactly what the walk would.
 */
export function copyFlat<T>(value: T): CopiedState<T> | undefined {
  const bytes = primitiveBytes(value);
  if (bytes >= 0) return { value, bytes };
  if (typeof value !== 'object' || value === null) return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  let total = SIZES.header;
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = (value as Record<string, unknown>)[key];
    const size = primitiveBytes(item);
    if (size < 0) return undefined;
    total += SIZES.slot + SIZES.char * key.length + size;
    copy[key] = item;
  }
  // Rare, and refused by the walk with its path.
  if (Object.getOwnPropertySymbols(value).length > 0) return undefined;
  return { value: copy as T, bytes: total };
}

/** A primitive's size as the walk counts it; -1 for objects, functions and symbols. */
function primitiveBytes(value: unknown): number {
  switch (typeof value) {
    case 'undefined':
      return 0;
    case 'boolean':
      return SIZES.boolean;
    case 'number':
      return SIZES.number;
    case 'string':
      return SIZES.header + SIZES.char * value.length;
    case 'bigint':
      return SIZES.number * Math.ceil(value.toString(16).replace('-', '').length / 16);
    case 'object':
      return value === null ? 0 : -1;
    default:
      return -1;
  }
}

class Copier {
  bytes = 0;
  private readonly copies = new Map<object, unknown>();

  /**
   * @param tracking Whether to build each value's path as it goes: a string per value copied,
   * which is most of the cost of a copy, so only done to name the place of a value that cannot
   * be copied.
   */
  constructor(private readonly tracking: boolean) {}

  copy(value: unknown, path: string): unknown {
    switch (typeof value) {
      case 'undefined':
        return value;
      case 'boolean':
        this.bytes += SIZES.boolean;
        return value;
      case 'number':
        this.bytes += SIZES.number;
        return value;
      case 'bigint':
        // Eight bytes per 64 bits of magnitude.
        this.bytes += SIZES.number * Math.ceil(value.toString(16).replace('-', '').length / 16);
        return value;
      case 'string':
        this.bytes += SIZES.header + SIZES.char * value.length;
        return value;
      case 'function':
        throw new UncopyableState(path, 'a function');
      case 'symbol':
        throw new UncopyableState(path, 'a symbol');
      case 'object':
        return value === null ? null : this.copyObject(value, path);
    }
  }

  private copyObject(value: object, path: string): unknown {
    const known = this.copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) return this.copyArray(value, path);
    if (value instanceof Map) return this.copyMap(value, path);
    if (value instanceof Set) return this.copySet(value, path);
    if (value instanceof Date) {
      this.bytes += SIZES.header + SIZES.number;
      const copy = new Date(value.getTime());
      this.copies.set(value, copy);
      return copy;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new UncopyableState(path, `an instance of class ${className(value)}`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new UncopyableState(path, 'a property keyed by a symbol');
    }
    const copy: Record<string, unknown> = prototype === null ? Object.create(null) : {};
    this.copies.set(value, copy);
    this.bytes += SIZES.header;
    for (const key of Object.keys(value)) {
      this.bytes += SIZES.slot + SIZES.char * key.length;
      const at = this.tracking ? `${path}${property(key)}` : '';
      copy[key] = this.copy((value as Record<string, unknown>)[key], at);
    }
    return copy;
  }

  private copyArray(value: readonly unknown[], path: string): unknown[] {
    const copy: unknown[] = new Array<unknown>(value.length);
    this.copies.set(value, copy);
    this.bytes += SIZES.header + SIZES.slot * value.length;
    for (let i = 0; i < value.length; i++) {
      copy[i] = this.copy(value[i], this.tracking ? `${path}[${i}]` : '');
    }
    return copy;
  }

  private copyMap(value: ReadonlyMap<unknown, unknown>, path: string): Map<unknown, unknown> {
    const copy = new Map<unknown, unknown>();
    this.copies.set(value, copy);
    this.bytes += SIZES.header;
    for (const [key, item] of value) {
      this.bytes += 2 * SIZES.slot;
      const at = this.tracking ? `${path}.get(${describeKey(key)})` : '';
      copy.set(this.copy(key, this.tracking ? `${at} (its key)` : ''), this.copy(item, at));
    }
    return copy;
  }

  private copySet(value: ReadonlySet<unknown>, path: string): Set<unknown> {
    const copy = new Set<unknown>();
    this.copies.set(value, copy);
    this.bytes += SIZES.header;
    let index = 0;
    for (const item of value) {
      this.bytes += SIZES.slot;
      const at = this.tracking ? `${path} (element ${index} of the Set)` : '';
      index++;
      copy.add(this.copy(item, at));
    }
    return copy;
  }
}

function property(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describeKey(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key);
  if (typeof key === 'number' || typeof key === 'boolean' || typeof key === 'bigint') {
    return String(key);
  }
  return key === null ? 'null' : key === undefined ? 'undefined' : `<${typeof key}>`;
}

function className(value: object): string {
  const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : '(anonymous)';
}
