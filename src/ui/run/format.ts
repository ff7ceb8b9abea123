/** How times and values read in tables, tooltips and status lines. */

/** A time in ms as the learner wrote it: `12 500` ms reads `12.5 s`; watermark extremes by name. */
export function formatTime(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return '–';
  if (ms >= Number.MAX_SAFE_INTEGER) return '+∞';
  if (ms <= Number.MIN_SAFE_INTEGER) return '−∞';
  if (Math.abs(ms) < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, '')} s`;
}

/**
 * A number as a learner reads it: float noise gone (`197.99999999999997` reads `198`), at most
 * a sensible precision for its size (`812.49` reads `812.5`, `23.456789` `23.46`, `0.0123456`
 * `0.01235`).
 * Whole numbers and numbers already that short are shown as they are.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n) || Number.isInteger(n)) return Object.is(n, -0) ? '0' : String(n);
  const clean = Number(n.toPrecision(12));
  const magnitude = Math.floor(Math.log10(Math.abs(clean)));
  // One decimal from 100 up, two from 1 up, and four significant digits below 1.
  const decimals = Math.min(20, magnitude >= 2 ? 1 : magnitude >= 0 ? 2 : 3 - magnitude);
  const rounded = Number(clean.toFixed(decimals));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Numbers written in `text` (a value's summary) rounded as {@link formatNumber} does. */
export function roundNumbersIn(text: string): string {
  return text.replace(/(?<![\w."])-?\d+\.\d{4,}(?:e[+-]?\d+)?(?![\w"])/g, (n) =>
    formatNumber(Number(n)),
  );
}

/**
 * A value, compact and on one line. With `exact: false` (the default) its numbers are rounded
 * for reading; `exact: true` keeps them to the last digit, for a tooltip or a copy.
 */
export function formatValue(value: unknown, { exact = false }: { exact?: boolean } = {}): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !exact) return formatNumber(value);
  try {
    const text = JSON.stringify(value, exact ? undefined : roundedNumbers);
    return text === undefined ? String(value) : text.replace(/,"/g, ', "').replace(/":/g, '": ');
  } catch {
    return String(value);
  }
}

/** A JSON.stringify replacer that rounds numbers for reading (rounded, they stay numbers). */
function roundedNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)
    ? Number(formatNumber(value))
    : value;
}
