/**
 * Reading the learner's records: whether a value has fields to read, and whether it is the record
 * a check expects, field for field.
 */

/**
 * True when `value` is an object with fields, such as `{ sensor, celsius }`: not `null`, not an
 * array. A check tests this before it reads a result's fields.
 */
export function hasFields(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `got` is the record `want`: the same fields, no more and no fewer, with the same
 * values, compared the same way inside nested objects and arrays. A record the learner's program
 * changed, even by one extra field, is not the same record.
 *
 * @example
 * ```ts
 * sameRecord({ user: 'ana', ts: 0 }, { user: 'ana', ts: 0 }); // true
 * sameRecord({ user: 'ana', ts: 0, page: '/' }, { user: 'ana', ts: 0 }); // false
 * ```
 */
export function sameRecord(got: unknown, want: unknown): boolean {
  if (Array.isArray(want)) {
    return (
      Array.isArray(got) &&
      got.length === want.length &&
      want.every((item, i) => sameRecord(got[i], item))
    );
  }
  if (hasFields(want)) {
    const fields = Object.keys(want);
    return (
      hasFields(got) &&
      Object.keys(got).length === fields.length &&
      fields.every((field) => Object.hasOwn(got, field) && sameRecord(got[field], want[field]))
    );
  }
  return got === want;
}
