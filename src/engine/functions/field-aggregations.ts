/**
 * The built-in aggregations `sum`, `min`, `max`, `minBy` and `maxBy`, with Flink's exact results:
 *
 * - `sum(field)`, `min(field)`, `max(field)` return the key's FIRST record with only `field` replaced
 *   by the running sum / minimum / maximum; the other fields are not updated (a classic surprise).
 * - `minBy(field)`, `maxBy(field)` return the whole record holding the minimum / maximum; on ties the
 *   first one seen.
 *
 * `field` is a property name (or an index, for tuples as arrays); omit it when the records are
 * numbers themselves.
 */
import { copyFieldAccumulator } from './field-accumulator-copy';
import type { FieldAccumulator, FieldAccumulatorCopy } from './field-accumulator-copy';
import type { AggregateFunction, ReduceFunction } from './window-functions';

/** The built-in aggregations. */
export type FieldAggregation = 'sum' | 'min' | 'max' | 'minBy' | 'maxBy';

/** The value of `field` in `record`, checked to be comparable (summable for `sum`). */
type Read = (record: unknown) => number | string;

function reader(kind: FieldAggregation, field: string | number | undefined): Read {
  // One small function per case: they run once or twice per record, and stay small enough for
  // the JIT to inline only when the failure message is built elsewhere.
  const sum = kind === 'sum';
  if (field === undefined) {
    return sum
      ? (record) => (typeof record === 'number' ? record : notComparable(kind, field, record))
      : (record) =>
          typeof record === 'number' || typeof record === 'string'
            ? record
            : notComparable(kind, field, record);
  }
  return (record) => {
    const value = (record as Record<string | number, unknown>)[field];
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && !sum) return value;
    return notComparable(kind, field, value);
  };
}

function notComparable(
  kind: FieldAggregation,
  field: string | number | undefined,
  value: unknown,
): never {
  const where = field === undefined ? 'the record' : `field "${String(field)}"`;
  throw new TypeError(
    `${kind}(${field === undefined ? '' : JSON.stringify(field)}) needs ${where} to be a ` +
      `${kind === 'sum' ? 'number' : 'number or string'}, found ${value === undefined ? 'undefined' : typeof value}.`,
  );
}

/** A copy of `record` with `field` set to `value` (or `value` itself for bare numbers). */
function withField(record: unknown, field: string | number | undefined, value: unknown): unknown {
  if (field === undefined) return value;
  const copy = (
    Array.isArray(record) ? [...(record as unknown[])] : { ...(record as object) }
  ) as Record<string | number, unknown>;
  copy[field] = value;
  return copy;
}

/**
 * The pure form, for rolling aggregations on a keyed stream: every result is a new record, since
 * each one is emitted.
 */
export function fieldReducer(
  kind: FieldAggregation,
  field: string | number | undefined,
): ReduceFunction<unknown> {
  const read = reader(kind, field);
  switch (kind) {
    case 'sum':
      // Bare numbers are summed directly, with no record to copy.
      if (field === undefined) return (a, b) => (read(a) as number) + (read(b) as number);
      return (a, b) => withField(a, field, (read(a) as number) + (read(b) as number));
    case 'min':
      // Flink replaces the field whenever the new value is not larger (ties included).
      return (a, b) => (read(a) < read(b) ? a : withField(a, field, read(b)));
    case 'max':
      return (a, b) => (read(a) > read(b) ? a : withField(a, field, read(b)));
    case 'minBy':
      return (a, b) => (read(a) <= read(b) ? a : b);
    case 'maxBy':
      return (a, b) => (read(a) >= read(b) ? a : b);
  }
}

type Accumulator = FieldAccumulator;

/** A built-in aggregation, with the quick copy of its accumulator a checkpoint takes. */
export interface FieldAggregateFunction extends AggregateFunction<unknown, Accumulator, unknown> {
  /** Copies the accumulator into `into` with its size, as `copyState` would (see `field-accumulator-copy.ts`). */
  copyAccumulator(accumulator: Accumulator, into: FieldAccumulatorCopy): void;
  /**
   * The property the aggregation writes in the record it owns (`sum`, `min`, `max` of a field);
   * `undefined` when `current` is not its own record (`minBy`, `maxBy`, bare values).
   */
  readonly recordField: string | number | undefined;
}

/**
 * The incremental form, for windows: the accumulator owns a copy of the first record and updates it
 * in place, so a window of a million elements allocates once; results are copies.
 */
export function fieldAggregate(
  kind: FieldAggregation,
  field: string | number | undefined,
): FieldAggregateFunction {
  const reduce = fieldReducer(kind, field);
  const read = reader(kind, field);
  const byRecord = kind === 'minBy' || kind === 'maxBy';
  const recordField = byRecord ? undefined : field;
  const add = (value: unknown, acc: Accumulator): Accumulator => {
    if (acc.empty) {
      acc.current = byRecord || field === undefined ? value : withField(value, field, read(value));
      acc.empty = false;
    } else if (kind === 'sum' && field !== undefined) {
      // The fields read in place, not through `read`: this runs once per element and window (ten
      // times per element in a sliding window of ten panes). The accumulator's field is a number
      // (`read` checked the first element's, and sums stay numbers); the element's is checked here,
      // and `read` names the mistake.
      const current = acc.current as Record<string | number, number>;
      const addend = (value as Record<string | number, unknown>)[field];
      if (typeof addend !== 'number') read(value);
      current[field] = (current[field] as number) + (addend as number);
    } else {
      acc.current = reduce(acc.current, value);
    }
    return acc;
  };
  return {
    createAccumulator: () => ({ current: undefined, empty: true }),
    add,
    getResult: (acc) =>
      byRecord || field === undefined
        ? acc.current
        : withField(acc.current, field, read(acc.current)),
    merge: (a, b) => (b.empty ? a : a.empty ? b : add(b.current, a)),
    // `minBy` and `maxBy` keep an element itself, which the job may still hold; the others a copy.
    copyAccumulator: (acc, into) => copyFieldAccumulator(acc, recordField, into),
    recordField,
  };
}
