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
