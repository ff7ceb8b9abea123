/**
 * The unit that flows between operators: a value, its event time, and the metadata the UI needs.
 */
import type { Millis } from './time';
import type { PaneInfo } from './windows/pane';

/**
 * What `keyBy` may return: a value that is equal to itself by `===`, so it can index state.
 * To key by several fields, join them: `` (r) => `${r.region}|${r.sensor}` ``.
 */
export type Key = string | number | boolean;

/** The window a result belongs to, as plain numbers: `[start, end)`. */
export interface WindowBounds {
  readonly start: Millis;
  readonly end: Millis;
}

/** Where a window result comes from: its key (absent for `windowAll`), window and pane. */
export interface WindowOrigin {
  readonly key: Key | undefined;
  readonly window: WindowBounds;
  readonly pane: PaneInfo;
}

/**
 * A record in flight. Records are created once and never changed, so an operator may keep one.
 *
 * `id` is only assigned while the trace records events (it is 0 otherwise): it is how the trace
 * tells records apart and links a result to the inputs behind it.
 */
export interface StreamRecord<T = unknown> {
  readonly value: T;
  /** Event time, or `undefined` for a record that has none (no timestamp assigner ran). */
  readonly timestamp: Millis | undefined;
  readonly id: number;
  /** Set on window results, and kept by the stateless operators that follow. */
  readonly origin: WindowOrigin | undefined;
}

/** Creates a record; every record has the same shape, which keeps property access fast. */
export function streamRecord<T>(
  value: T,
  timestamp: Millis | undefined,
  id: number,
  origin: WindowOrigin | undefined,
): StreamRecord<T> {
  return { value, timestamp, id, origin };
}

/** True when `key` is a usable key; see {@link Key}. */
export function isKey(key: unknown): key is Key {
  const type = typeof key;
  return (type === 'string' || type === 'number' || type === 'boolean') && key === key;
}
