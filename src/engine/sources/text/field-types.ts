/**
 * Field types of text sources, and the conversions that either produce a value or say what was
 * expected. A CSV field is text to convert; a JSON value already has a type, which is checked.
 */
import type { Millis } from '../source';

/**
 * The type of a field in a text source.
 *
 * - `string`: kept as it is.
 * - `number`: a decimal number such as `21.5`, `-3` or `1e3`.
 * - `integer`: a whole number.
 * - `boolean`: `true` or `false`.
 * - `timestamp`: milliseconds (a whole number) or an ISO-8601 date-time with a time zone,
 *   `2024-03-01T09:30:00Z` or `2024-03-01T10:30:00+01:00` (or a date alone, taken as UTC midnight).
 *   It becomes milliseconds since 1970-01-01 UTC. A date-time without a zone is refused: its meaning
 *   would depend on the computer's time zone.
 */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'timestamp';

/** The result of a conversion: the value, or a description of what was expected. */
export type Converted = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const EXPECTED: Record<FieldType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: '`true` or `false`',
  timestamp: 'a timestamp (milliseconds, or an ISO-8601 date-time with a time zone)',
};

/** The error reason for a field that did not convert. */
export function expectation(type: FieldType, field: string, got: string): string {
  return `expected ${EXPECTED[type]} in "${field}", got ${got}`;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Converts the text of a CSV field. Surrounding spaces are ignored for every type but `string`. */
export function convertText(text: string, type: FieldType): Converted {
  const trimmed = text.trim();
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number':
      return DECIMAL.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false };
    case 'integer':
      return safeInteger(INTEGER.test(trimmed) ? Number(trimmed) : NaN);
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false'
        ? { ok: true, value: trimmed === 'true' }
        : { ok: false };
    case 'timestamp':
      return INTEGER.test(trimmed) ? safeInteger(Number(trimmed)) : isoTimestamp(trimmed);
  }
}

/** Checks (and for timestamps, converts) a value parsed from JSON. */
export function convertJson(value: unknown, type: FieldType): Converted {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : { ok: false };
    case 'number':
      return typeof value === 'number' ? { ok: true, value } : { ok: false };
    case 'integer':
      return typeof value === 'number' ? safeInteger(value) : { ok: false };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false };
    case 'timestamp':
      if (typeof value === 'number') return safeInteger(value);
      return typeof value === 'string' ? isoTimestamp(value) : { ok: false };
  }
}

function safeInteger(value: number): Converted {
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false };
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses ISO-8601 by hand: `Date.parse` reads a date-time without a zone in the machine's local time
 * zone, and the engine must give the same result everywhere.
 */
function isoTimestamp(text: string): Converted {
  const match = ISO.exec(text);
  if (!match) return { ok: false };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const fraction = match[7] ?? '';
  const zone = match[8] ?? 'Z';
  const offset = zone === 'Z' ? 0 : zoneOffsetMinutes(zone);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offset !== undefined;
  if (!valid) return { ok: false };
  const minutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offset;
  const value: Millis = (minutes * 60 + second) * 1000 + Number(fraction.padEnd(3, '0'));
  return { ok: true, value };
}

/** Minutes east of UTC for `+hh:mm` / `-hh:mm`, or `undefined` if out of range. */
function zoneOffsetMinutes(zone: string): number | undefined {
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
