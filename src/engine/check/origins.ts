/**
 * Where a sink's values came from, read from `run.origins`: the second half of the first rule of
 * every check. A value with no source record behind it was written by the program, not computed.
 */
import type { CheckInput } from './check-input';

/**
 * The one source record behind each value of `sink`, as its position in `run.inputs`, for a sink
 * whose every value is made from a single record (by `filter`, `map`, `flatMap` or a rolling
 * aggregation); `undefined` in place of a value made from none, or from several.
 *
 * @example
 * ```ts
 * const from = originOfEach(run, 'alerts');
 * const stray = from.indexOf(undefined);
 * if (stray !== -1) return { pass: false, message: `Alert ${stray + 1} was not made from a reading.` };
 * ```
 */
export function originOfEach(run: CheckInput, sink: string): (number | undefined)[] {
  const origins = run.origins[sink] ?? [];
  return (run.sinks[sink] ?? []).map((_, i) => {
    const behind = origins[i] ?? [];
    return behind.length === 1 ? behind[0] : undefined;
  });
}

/**
 * The first value of `sink` that no source record is behind, by its place among the sink's values;
 * `undefined` when every value was computed from what the sources read. A window result has its
 * pane's records behind it, so this is the test for sinks of window results and joins.
 */
export function firstUnsourced(run: CheckInput, sink: string): number | undefined {
  const origins = run.origins[sink] ?? [];
  const index = (run.sinks[sink] ?? []).findIndex((_, i) => (origins[i] ?? []).length === 0);
  return index === -1 ? undefined : index;
}
