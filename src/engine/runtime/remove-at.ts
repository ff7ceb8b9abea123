/**
 * Takes the item at `index` (≥ 0) out of `items`, keeping the order of the rest. Not `splice`, which
 * makes an array of what it removed: timers and windows are taken out once each, on hot paths.
 */
export function removeAt<T>(items: T[], index: number): void {
  for (let i = index + 1; i < items.length; i++) items[i - 1] = items[i] as T;
  items.pop();
}
