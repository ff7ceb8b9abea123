/**
 * A checkpoint's copy of a built-in aggregation's accumulator (`sum`, `min`, `max` of a field),
 * taken without the general walk of `copyState`. A window is touched by nearly every element, so
 * most windows are copied at every checkpoint, and the walk's questions, asked of every accumulator
 * at every checkpoint, were most of what checkpointing cost: above all whether an object has
 * symbol-keyed properties (`Object.getOwnPropertySymbols`, a slow call in V8).
 *
 * The accumulator is engine data: `{ current, empty }`, made by `createAccumulator` and changed only
 * by the aggregation itself, which never hands it to user code. Its `current` record is the
 * accumulator's own copy of the window's first element (or of a merge's). Afterwards the aggregation
 * writes one property of it, `field`, and only with a number (`sum`) or a number or string (`min`,
 * `max`); a new minimum or maximum makes a new record. So what a look at a record found stays true
 * for its life: that it has no symbol keys, that its other properties are primitives, and what they
 * count for in the size. A window's copy keeps what the look found ({@link FieldAccumulatorCopy}),
 * and the window's next copy, finding the same record, does not look again. (A `WeakMap` from
 * records to what was found would do the same for every window at once, but its lookups cost V8
 * more than the look itself.)
 *
 * The shortcut takes only what it copies exactly as `copyState` would, with the same size: a record
 * (or a tuple) of primitives. Anything else — a nested object, a symbol-keyed property, a `minBy` or
 * `maxBy` accumulator (whose `current` is an element the job may still hold) — is left to
 * `copyState`, which copies it or refuses it naming the path.
 */
import { SIZES, copyState } from '../state/copy-state';

/** The accumulator of `fieldAggregate` (see `field-aggregations.ts`). */
export interface FieldAccumulator {
  /** The record built so far; owned by the accumulator, so `sum` can update it in place. */
  current: unknown;
  empty: boolean;
}

// The sizes as local constants: read once per property below.
const { header: HEADER, slot: SLOT, char: CHAR, number: NUMBER, boolean: BOOLEAN } = SIZES;
const hasOwn = Object.prototype.hasOwnProperty;

/** The record `{ current, empty }` itself: its header, two slots and two names, and `empty`. */
export const ACCUMULATOR_BYTES = HEADER + 2 * SLOT + CHAR * 'currentempty'.length + BOOLEAN;

/**
 * A window's copy of its accumulator, kept on the window and updated in place by each new copy
 * (the snapshots hold only `value`, which is never changed), with what the next copy may take.
 */
export interface FieldAccumulatorCopy {
  value: unknown;
  bytes: number;
  /** The record looked at last (the accumulator's `current`), if it was one. */
  source: object | undefined;
  /** What it counts for without `field`'s value; -1 when the shortcut does not take it. */
  sourceBytes: number;
}

/**
 * Copies `accumulator` into `into`, as `copyState` would, with its size. `field`: the property the
 * aggregation writes, when `current` is the accumulator's own record (`sum`, `min`, `max` of a
 * field); `undefined` when it is not (`minBy`, `maxBy`, or an aggregation of bare values). The
 * look at the record `into` holds is taken if the record is still the same. `into` changes only
 * once the copy is made: a copy that fails leaves it as it was.
 */
export function copyFieldAccumulator(
  accumulator: FieldAccumulator,
  field: string | number | undefined,
  into: FieldAccumulatorCopy,
): void {
  const { current, empty } = accumulator;
  const size = primitiveSize(current);
  if (size >= 0) {
    into.value = { current, empty };
    into.bytes = ACCUMULATOR_BYTES + size;
    return;
  }
  const record = current as Record<string | number, unknown>;
  const besides =
    field === undefined ? -1 : into.source === record ? into.sourceBytes : measure(record, field);
  const fieldSize = field === undefined ? -1 : primitiveSize(record[field]);
  if (besides < 0 || fieldSize < 0) {
    const copied = copyState(accumulator);
    into.value = copied.value;
    into.bytes = copied.bytes;
    return;
  }
  into.value = {
    current: Array.isArray(record) ? [...(record as unknown[])] : { ...record },
    empty,
  };
  into.bytes = ACCUMULATOR_BYTES + besides + fieldSize;
  into.source = record;
  into.sourceBytes = besides;
}

/**
 * What `record` counts for without `field`'s value, as `copyState` counts it; -1 unless it is a
 * plain record without symbol keys, or a tuple, whose other values are all primitives.
 */
export function measure(record: Record<string | number, unknown>, field: string | number): number {
  if (Array.isArray(record)) {
    let bytes = HEADER + SLOT * record.length;
    for (let i = 0; i < record.length; i++) {
      if (String(i) === String(field)) continue;
      const size = primitiveSize(record[i]);
      if (size < 0) return -1;
      bytes += size;
    }
    return bytes;
  }
  if (Object.getPrototypeOf(record) !== Object.prototype) return -1;
  if (Object.getOwnPropertySymbols(record).length > 0) return -1;
  const name = String(field);
  let bytes = HEADER;
  // `for … in` with an own-property test, not `Object.keys`: the same keys in the same order,
  // without an array made for every record (a third of the look's time).
  for (const key in record) {
    if (!hasOwn.call(record, key)) continue;
    const size = key === name ? 0 : primitiveSize(record[key]);
    if (size < 0) return -1;
    bytes += SLOT + CHAR * key.length + size;
  }
  return bytes;
}

/** A primitive's size as `copyState` counts it; -1 for objects, functions, symbols and bigints. */
export function primitiveSize(value: unknown): number {
  switch (typeof value) {
    case 'undefined':
      return 0;
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return NUMBER;
    case 'string':
      return HEADER + CHAR * value.length;
    case 'object':
      return value === null ? 0 : -1;
    default:
      return -1;
  }
}
