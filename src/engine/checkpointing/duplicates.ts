/**
 * Marks the duplicates an at-least-once sink received after restarts. When a job restarts from a
 * checkpoint, the rows a plain sink got after that checkpoint, up to the failure, are written again
 * as the replay reaches them: a row written after the restart that equals one of those (same value,
 * event time, key, window and pane; the processing time differs) is a duplicate of it. Each earlier
 * row is matched at most once per restart, so a row that only looks like an earlier one is not
 * taken for its duplicate while a real one goes unmarked.
 */
import type { CollectedRecord } from '../result';

/** The rows one restart put at risk: `[from, to)`, written after the checkpoint, before the failure. */
export interface Replay {
  readonly from: number;
  readonly to: number;
}

/** The indexes of the rows that duplicate an earlier row, given the restarts' replays. */
export function duplicateRows(
  rows: readonly CollectedRecord[],
  replays: readonly Replay[],
): Set<number> {
  const duplicates = new Set<number>();
  for (const { from, to } of replays) {
    const written = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const identity = identityOf(rows[i] as CollectedRecord);
      written.set(identity, (written.get(identity) ?? 0) + 1);
    }
    for (let i = to; i < rows.length && written.size > 0; i++) {
      const identity = identityOf(rows[i] as CollectedRecord);
      const left = written.get(identity);
      if (left === undefined) continue;
      duplicates.add(i);
      if (left === 1) written.delete(identity);
      else written.set(identity, left - 1);
    }
  }
  return duplicates;
}

/** What makes two rows the same row, as text: everything but the processing time. */
function identityOf(row: CollectedRecord): string {
  const { value, timestamp, key, window, pane } = row;
  try {
    return JSON.stringify([value, timestamp, key, window, pane], (_name, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (v instanceof Map) return ['Map', [...v]];
      if (v instanceof Set) return ['Set', [...v]];
      if (v === undefined) return null;
      return v;
    });
  } catch {
    // A value JSON cannot write (a cycle): only the same object is the same row.
    return `#${objectId(value)}`;
  }
}

const ids = new WeakMap<object, number>();
let lastId = 0;

function objectId(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ++lastId));
  return id;
}
