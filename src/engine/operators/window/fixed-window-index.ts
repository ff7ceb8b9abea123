/**
 * The table of fixed (non-merging) windows: entries by window start, then key. An element's lookup
 * goes through one small map (the few windows open at a time) and one that every element of that
 * window uses, instead of a map of its own per key, which is far kinder to the CPU cache with many
 * keys, and no map is created or dropped per key and window.
 *
 * Inspection lists the windows by key, then in creation order, keys in the order they came to hold
 * their current windows: entries remember both, so no per-key table is needed for it.
 */
import type { Key } from '../../records';
import type { Millis } from '../../time';
import type { WindowEntry } from './window-entry';

/** How many windows a key holds, and the creation number of the first of them. */
interface KeyRun {
  open: number;
  since: number;
}

export class FixedWindowIndex {
  private readonly byWindow = new Map<Millis, Map<Key | undefined, WindowEntry>>();
  /** The map of the window used last: consecutive elements mostly fall in the same window. */
  private lastStart: Millis | undefined;
  private lastByKey: Map<Key | undefined, WindowEntry> | undefined;
  private readonly runs = new Map<Key | undefined, KeyRun>();
  private created = 0;
  private held = 0;

  get(key: Key | undefined, start: Millis): WindowEntry | undefined {
    const byKey = start === this.lastStart ? this.lastByKey : this.byWindow.get(start);
    if (byKey === undefined) return undefined;
    this.lastStart = start;
    this.lastByKey = byKey;
    return byKey.get(key);
  }

  add(entry: WindowEntry): void {
    const { key } = entry;
    this.place(entry);
    entry.created = ++this.created;
    let run = this.runs.get(key);
    if (run === undefined) {
      run = { open: 0, since: 0 };
      this.runs.set(key, run);
    }
    if (run.open++ === 0) run.since = entry.created;
    entry.keySince = run.since;
  }

  /** Files the entry under its window's start and its key. */
  private place(entry: WindowEntry): void {
    let byKey = this.byWindow.get(entry.window.start);
    if (byKey === undefined) {
      byKey = new Map();
      this.byWindow.set(entry.window.start, byKey);
    }
    byKey.set(entry.key, entry);
    this.held++;
  }

  /** How many windows were created so far: the next gets the number after it. */
  get createdCount(): number {
    return this.created;
  }

  /**
   * Takes over the entries of a snapshot, which keep their creation numbers, and the number of
   * windows created so far. A key's entries all share the number its run began with.
   */
  restore(entries: readonly WindowEntry[], created: number): void {
    for (const entry of entries) {
      const { key } = entry;
      this.place(entry);
      const run = this.runs.get(key);
      if (run === undefined) this.runs.set(key, { open: 1, since: entry.keySince });
      else run.open++;
    }
    this.created = created;
  }

  remove(entry: WindowEntry): void {
    const { key, window } = entry;
    const byKey = this.byWindow.get(window.start);
    if (byKey === undefined || !byKey.delete(key)) return;
    this.held--;
    const run = this.runs.get(key);
    if (run !== undefined && --run.open === 0) this.runs.delete(key);
    if (byKey.size > 0) return;
    this.byWindow.delete(window.start);
    if (this.lastByKey === byKey) this.lastStart = this.lastByKey = undefined;
  }

  /** How many windows are held. */
  get size(): number {
    return this.held;
  }

  /**
   * Every entry, in creation order: how snapshots list fixed windows. A restore files them back in
   * that order, which gives the maps the order they had: a window start is first used by its first
   * window, and a key's entry under it was created after those before it.
   */
  inCreationOrder(): WindowEntry[] {
    const entries: WindowEntry[] = [];
    for (const byKey of this.byWindow.values()) {
      for (const entry of byKey.values()) entries.push(entry);
    }
    // Nearly in order already (by window start, then creation): a quick sort.
    return entries.sort((a, b) => a.created - b.created);
  }

  /** Every entry, by key (in the order keys came to hold their windows), then creation. */
  entries(): WindowEntry[] {
    const entries: WindowEntry[] = [];
    for (const byKey of this.byWindow.values()) entries.push(...byKey.values());
    return entries.sort((a, b) => a.keySince - b.keySince || a.created - b.created);
  }
}
