/**
 * An element paired with its event time, as Beam's `TimestampedValue`: the one way to give an
 * element of a scripted source (`TestStream.addElements`) a timestamp of its own.
 *
 * It is a class of its own, not a shape, so that a record which happens to have `value` and
 * `timestamp` fields is never mistaken for one: only `TimestampedValue.of(...)` makes one.
 */
import { PipelineDefinitionError } from '../errors';
import { summarize } from '../summarize';
import type { Millis } from './source';

/**
 * An element together with its event time, in whole milliseconds.
 *
 * @example
 * ```ts
 * TestStream.create<Click>()
 *   .addElements(TimestampedValue.of({ user: 'ann', page: '/' }, 5_000))
 * ```
 */
export class TimestampedValue<T> {
  /**
   * Marks real instances, for TypeScript as well: a plain `{ value, timestamp }` object does not
   * type-check as a `TimestampedValue`, just as it is not read as one.
   */
  readonly #made = true;

  private constructor(
    /** The element itself, unchanged. */
    readonly value: T,
    /** Its event time in milliseconds. */
    readonly timestamp: Millis,
  ) {}

  /**
   * `value` with event time `timestamp`: a whole number of milliseconds (e.g. `5_000`, or
   * `Date.parse('2024-05-01T12:00:00Z')`).
   */
  static of<T>(value: T, timestamp: Millis): TimestampedValue<T> {
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      throw new PipelineDefinitionError(
        `TimestampedValue.of(${nameOf(value)}, ${nameOf(timestamp)}): the timestamp must be a ` +
          `whole number of milliseconds, such as 5_000 or Date.parse('2024-05-01T12:00:00Z').` +
          hintFor(timestamp),
      );
    }
    return new TimestampedValue(value, timestamp);
  }

  /** @internal True for values made by {@link TimestampedValue.of}, and for nothing else. */
  static isTimestampedValue(candidate: unknown): candidate is TimestampedValue<unknown> {
    return typeof candidate === 'object' && candidate !== null && #made in candidate;
  }

  /** The value and its timestamp, as `value @ timestamp`. */
  toString(): string {
    return `${nameOf(this.value)} @ ${this.timestamp}`;
  }
}

/** The likely fix when the timestamp is a date in another form. */
function hintFor(timestamp: unknown): string {
  if (timestamp instanceof Date) return ' For a Date, pass date.getTime().';
  if (typeof timestamp === 'string') return ' For a date written as text, pass Date.parse(text).';
  return '';
}

/** A value as a learner would write it in code: strings quoted, the rest summarized. */
function nameOf(value: unknown): string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid Date' : `new Date("${value.toISOString()}")`;
  }
  return summarize(typeof value === 'string' ? JSON.stringify(value) : value, 80);
}
