/**
 * Marble lanes: an operator's inputs and outputs along processing time. Many records can share a
 * moment (a scripted batch, or 100 000 records on a few hundred pixels), so marbles are gathered
 * into buckets a few pixels wide: a bucket shows its first few marbles and counts the rest.
 */
import { countUntil } from './at-time';

export interface Bucket<T> {
  /** Pixel position of the bucket's centre. */
  readonly x: number;
  readonly items: readonly T[];
  /** Items in the bucket that are not shown. */
  readonly more: number;
  /** True when one of the hidden items satisfies the caller's test (say, is in a lineage). */
  readonly hiddenMatch: boolean;
}

/**
 * Gathers `items[from, to)` (in time order) into buckets `width` pixels wide at `px(time)`,
 * keeping the first `shown` of each. Items outside `[0, limit]` pixels are left out.
 */
export function bucketize<T extends { readonly time: number }>(
  items: readonly T[],
  [from, to]: readonly [number, number],
  px: (time: number) => number,
  width: number,
  shown: number,
  limit: number,
  match: (item: T) => boolean = () => false,
): Bucket<T>[] {
  const buckets: { x: number; items: T[]; more: number; hiddenMatch: boolean }[] = [];
  let current: (typeof buckets)[number] | undefined;
  let slot = Number.NaN;
  for (let i = from; i < to; i++) {
    const item = items[i] as T;
    const x = px(item.time);
    if (x < -width || x > limit + width) continue;
    const s = Math.floor(x / width);
    if (s !== slot || current === undefined) {
      slot = s;
      current = { x: (s + 0.5) * width, items: [], more: 0, hiddenMatch: false };
      buckets.push(current);
    }
    if (current.items.length < shown) current.items.push(item);
    else {
      current.more++;
      current.hiddenMatch ||= match(item);
    }
  }
  return buckets;
}

/**
 * The index range of `list` (sorted by time) that happened in `[start, end]`: a lane only walks
 * what is on screen and has happened by the chosen moment.
 */
export function timeRange(
  list: readonly { readonly time: number }[],
  start: number,
  end: number,
): [number, number] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as { time: number }).time < start) lo = mid + 1;
    else hi = mid;
  }
  return [lo, Math.max(lo, countUntil(list, end))];
}

/** A text's width in pixels, in the font it will be drawn in. */
export type Measure = (text: string) => number;

/**
 * Where an operator's name may break: after a space, after an opening bracket, after a comma.
 * Names are built like `Window(TumblingEventTimeWindows(5000), EventTimeTrigger, sum)`, so the
 * brackets matter as much as the spaces.
 */
function nameParts(name: string): string[] {
  const parts: string[] = [];
  let bracket = '';
  for (const part of name.match(/[^\s(,]*(?:[(,]\s*|\s+|$)/g) ?? [name]) {
    // A bracket after a space opens the next word: "sum (Tumbling…)" breaks before it.
    if (part === '(') bracket += part;
    else if (part !== '') {
      parts.push(bracket + part);
      bracket = '';
    }
  }
  if (bracket !== '') parts.push(bracket);
  return parts;
}

/**
 * `name` on at most `maxLines` lines of at most `width` pixels, filled greedily. `whole` is false
 * when it did not fit: the last line then ends with an ellipsis (the caller shows the whole name
 * on hover).
 */
export function wrapName(
  name: string,
  width: number,
  measure: Measure,
  maxLines: number,
): { lines: string[]; whole: boolean } {
  const lines: string[] = [];
  let line = '';
  let cutWord = false;
  for (const part of nameParts(name)) {
    if (line !== '' && measure((line + part).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += part;
    // A word wider than the column is cut where it reaches the edge.
    while (measure(line.trimEnd()) > width && line.trimEnd().length > 1) {
      cutWord = true;
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut)) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== '') lines.push(line.trimEnd());
  const whole = !cutWord && lines.length <= maxLines && lines.every((l) => measure(l) <= width);
  if (whole) return { lines, whole };
  const kept = lines.slice(0, maxLines);
  let last = kept.pop() ?? '';
  while (last.length > 1 && measure(`${last}…`) > width) last = last.slice(0, -1);
  kept.push(`${last.trimEnd()}…`);
  return { lines: kept, whole: false };
}

/**
 * The name column's width, between `min` and `max` pixels: the narrowest in which every name is
 * whole on two lines, or else on three, and so on up to `maxLines`; `max` when some name does not
 * fit even there. Fewer, longer lines read better than a narrow column of many.
 */
export function nameColumnWidth(
  names: readonly string[],
  measure: Measure,
  bounds: readonly [number, number],
  maxLines: number,
): number {
  // Whole pixels: the search below halves an integer range (a fractional one may not shrink).
  const [min, max] = bounds.map(Math.floor) as [number, number];
  for (let lines = Math.min(2, maxLines); lines <= maxLines; lines++) {
    const fits = (width: number) => names.every((n) => wrapName(n, width, measure, lines).whole);
    if (max <= min || fits(min)) return min;
    if (!fits(max)) continue;
    let lo = min;
    let hi = max;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  return max;
}

/**
 * A marble's value as it fits in `room` pixels of monospace text with characters `charWidth`
 * wide: whole, or cut with an ellipsis while at least half of it shows, or undefined (the value
 * is then on hover only: `{ sens…` says less than nothing).
 */
export function valueLabel(value: string, room: number, charWidth: number): string | undefined {
  const chars = Math.floor(room / charWidth);
  if (value.length <= chars) return value;
  return chars >= Math.max(4, value.length / 2) ? `${value.slice(0, chars - 1)}…` : undefined;
}

/**
 * The room, in pixels, to the right of each bucket for its marbles' labels: up to the next
 * bucket of the same row (its own labels start there), or to `limit`.
 */
export function roomAfter(buckets: readonly { readonly x: number }[], limit: number): number[] {
  return buckets.map((b, i) => (buckets[i + 1]?.x ?? limit) - b.x);
}
