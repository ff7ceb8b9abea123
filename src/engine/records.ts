/**
 * What travels with a record between operators, besides its value and event time: keys and the
 * window a result comes from. A record itself is not an object: operators pass its value,
 * timestamp, origin and trace id as arguments (see `Output.emit`).
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
  /** The first timestamp in the window. */
  readonly start: Millis;
  /** The first timestamp after the window. */
  readonly end: Millis;
}

/** Where a window result comes from: its key (absent for `windowAll`), window and pane. */
export interface WindowOrigin {
  /** The key of the window (`undefined` after `windowAll`). */
  readonly key: Key | undefined;
  /** The window the result was computed for. */
  readonly window: WindowBounds;
  /** Which firing of the window the result is. */
  readonly pane: PaneInfo;
}

/** True when `key` is a usable key; see {@link Key}. */
export function isKey(key: unknown): key is Key {
  const type = typeof key;
  return (type === 'string' || type === 'number' || type === 'boolean') && key === key;
}
