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

/** A value, compact and on one line. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.replace(/,"/g, ', "').replace(/":/g, '": ');
  } catch {
    return String(value);
  }
}
