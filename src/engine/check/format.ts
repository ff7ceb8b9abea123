/**
 * How a check's messages write what they talk about — records, durations and counts — so that
 * every lesson's messages read alike.
 */
import type { Millis } from '../time';

/**
 * A record as a check's message shows it: its JSON, or the value in plain text when JSON has none
 * for it (`undefined`, a `bigint`, an object that contains itself).
 *
 * @example
 * ```ts
 * formatRecord({ sensor: 'boiler-1', celsius: 80 }); // '{"sensor":"boiler-1","celsius":80}'
 * formatRecord(undefined); // 'undefined'
 * ```
 */
export function formatRecord(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // A learner's record can be anything; the message must still be written.
    return String(value);
  }
}

/**
 * A duration or a point in event time, in seconds, as messages write it: `2500` is `'2.5 s'`.
 *
 * @example
 * ```ts
 * formatSeconds(30_000); // '30 s'
 * ```
 */
export function formatSeconds(ms: Millis): string {
  return `${ms / 1000} s`;
}

/**
 * A number of things with their noun, singular for one and with an `s` otherwise.
 *
 * @example
 * ```ts
 * formatCount(1, 'view'); // '1 view'
 * formatCount(3, 'other record'); // '3 other records'
 * ```
 */
export function formatCount(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
