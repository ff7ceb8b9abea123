/**
 * The table of fixed (non-merging) windows: per key, the few windows it holds. An element's
 * windows all belong to its key, so it costs one lookup by key, then a look through a short list
 * (a key holds the windows of the last `size + lateness` of event time: one or two tumbling
 * windows, `size / slide` sliding ones), however many windows the element lands in. A table keyed
 * by window start, then key, cost two lookups per window: twenty per element of a sliding window
 * ten times its slide.
 *
 * Inspection lists the windows by key, then in creation order, keys in the order they came to hold
 * their current windows: entries remember both.
 */
import type { Key } from '../../records';
import { removeAt } from '../../runtime/remove-at';
import type { Millis } from '../../time';
import type { WindowEntry } from './window-entry';

/**
 * A key's windows (in creation order) with their starts, looked through without a visit to each
 * window, and the creation number of the first window of its run.
 */
interface KeyRun {
  readonly windows: WindowEntry[];
  readonly starts: Millis[];
  since: number;
}

/** Empty runs kept before they are swept (see {@link FixedWindowIndex.remove}). */
const SWEEP_AT = 1024;

export class FixedWindowIndex {
  private readonly runs = new Map<Key | undefined, KeyRun>();
  /** Runs with no window, kept for their key's next one (see {@link remove}). */
  private emptyRuns = 0;
  /** The run looked up last: an element's windows are looked up one after another. */
  private lastKey: Key | undefined;
  private lastRun: KeyRun | undefined;
  private created = 0;
  private held = 0;

  get(key: Key | undefined, start: Millis): WindowEntry | undefined {
    const run = this.runOf(key);
    if (run === undefined) return undefined;
    const { starts } = run;
    for (let i = 0; i < starts.length; i++) {
      if (starts[i] === start) return run.windows[i];
    }
    return undefined;
  }

  add(entry: WindowEntry): void {
    entry.created = ++this.created;
    const run = this.place(entry);
    if (run.windows.length === 1) run.since = entry.created;
    entry.keySince = run.since;
  }

  /** Files the entry under its key; returns the key's run. */
  private place(entry: WindowEntry): KeyRun {
    const { key } = entry;
    let run = this.runOf(key);
    if (run === undefined) {
      run = { windows: [], starts: [], since: 0 };
      this.runs.set(key, run);
      this.lastKey = key;
      this.lastRun = run;
    } else if (run.windows.length === 0) {
      this.emptyRuns--;
    }
    run.windows.push(entry);
    run.starts.push(entry.window.start);
    this.held++;
    return run;
  }

  private runOf(key: Key | undefined): KeyRun | undefined {
    if (key === this.lastKey && this.lastRun !== undefined) return this.lastRun;
    const run = this.runs.get(key);
    if (run !== undefined) {
      this.lastKey = key;
      this.lastRun = run;
    }
    return run;
  }

  /** How many windows were created so far: the next gets the number after it. */
  get createdCount(): number {
    return this.created;
  }

  /** How many windows are held. */
  get size(): number {
    return this.held;
  }

  /**
   * Takes over the entries of a snapshot, which keep their creation numbers, and the number of
   * windows created so far. A key's entries all share the number its run began with.
   */
  restore(entries: readonly WindowEntry[], created: number): void {
    for (const entry of entries) this.place(entry).since = entry.keySince;
    this.created = created;
  }

  remove(entry: WindowEntry): void {
    const { key } = entry;
    const run = this.runOf(key);
    if (run === undefined) return;
    const { windows, starts } = run;
    const index = windows.indexOf(entry);
    if (index < 0) return;
    // Keeps the rest in creation order.
    removeAt(windows, index);
    removeAt(starts, index);
    this.held--;
    if (windows.length > 0) return;
    // The emptied run stays, for the key's next window: with about one element per window, a key
    // empties its run at nearly every firing and fills it again soon after, and a delete and a set
    // in the table for each cost more than the window's other bookkeeping. Once empty runs are
    // many and at least half the table, they go, so keys never seen again are not kept.
    this.emptyRuns++;
    if (this.emptyRuns > SWEEP_AT && 2 * this.emptyRuns >= this.runs.size) this.sweep();
  }

  private sweep(): void {
    for (const [key, run] of this.runs) {
      if (run.windows.length === 0) this.runs.delete(key);
    }
    this.emptyRuns = 0;
    this.lastKey = this.lastRun = undefined;
  }

  /** Every entry, in creation order: how snapshots list fixed windows. */
  inCreationOrder(): WindowEntry[] {
    return this.all().sort((a, b) => a.created - b.created);
  }

  /** Every entry, by key (in the order keys came to hold their windows), then creation. */
  entries(): WindowEntry[] {
    return this.all().sort((a, b) => a.keySince - b.keySince || a.created - b.created);
  }

  private all(): WindowEntry[] {
    const entries: WindowEntry[] = [];
    for (const run of this.runs.values()) {
      for (const entry of run.windows) entries.push(entry);
    }
    return entries;
  }
}
