/**
 * Checkpoints of fixed windows of a built-in field aggregation (`sum`, `min`, `max`, …) taken
 * copy-on-write, as Flink's heap backend (`CopyOnWriteStateMap`) takes its snapshots. A checkpoint
 * keeps a version number, and which windows it holds; each window keeps the version it was last
 * saved for. The first change to a window after a checkpoint saves the window as it was into that
 * checkpoint's log, first. A window not changed since is, live, still as the checkpoint has it.
 *
 * Which windows a checkpoint holds is not a list, which would cost a visit to every window at
 * every checkpoint: it holds the windows created up to a creation number that were not cleaned up
 * before it. A window cleaned up later is put in the latest log when it goes, so reading a
 * checkpoint finds its windows among those still held and those its log and later logs list.
 *
 * Why: a checkpoint that copies every window visits each one in memory the job is not using at
 * that moment (the window, its accumulator, its record, its timer lists), and its copy lives until
 * the next checkpoint, long enough for the garbage collector to move it out of the young
 * generation, at a cost per checkpoint that grew with the number of windows. Saved by the event
 * about to change it, a window is in hand, and what is saved is a few values appended to a log
 * whose arrays are used again (see `WindowLog`). Every window is still saved at most once per
 * checkpoint.
 *
 * Reading a checkpoint (a restart restores it) builds its rows: for each of its windows, the first
 * copy in its log or in a later checkpoint's log (a window first changed after later checkpoints
 * were taken was the same in all of them), else the window as it is now. A log refers only
 * forward, to the next one. A snapshot taken any other way (`JobController.snapshot()`, which
 * its caller may keep) is copied whole, in columns (see `window-columns.ts`).
 *
 * A checkpoint's size is known when it is taken, without visiting the windows (see
 * `window-size-count.ts`).
 *
 * Used for what the slots of `window-slots.ts` cannot hold: a record the aggregation replaces
 * (`min`, `max`), timers a trigger sets at will.
 *
 * What is saved before a change must be the window as it was after the last event that changed
 * it. The timer service changes a window's timers before the window operator hears of it (a timer
 * fires), so it tells the window just before (see `beforeTimerChange`): the first change since a
 * snapshot keeps the window's timer lists, built then, in its save. Lists are built for nothing
 * else but reading a snapshot, so a window opened since the latest one never builds them.
 */
import type { Key } from '../../records';
import type { OwnerTimers, TimerService } from '../../runtime/timer-service';
import type { CopiedState } from '../../state/copy-state';
import {
  accumulatorRecord,
  accumulatorValue,
  checkpointState,
  wholeSnapshot,
  windowRow,
} from './window-columns';
import type { WindowCheckpoints } from './window-checkpoints';
import type { WindowEntry } from './window-entry';
import type { FixedWindowIndex } from './fixed-window-index';
import type { WindowSnapshot, WindowState } from './window-snapshot';
import { WindowSizeCount } from './window-size-count';

// Imported bindings the code below uses for every event, read once: where modules are compiled to
// CommonJS (Node, the benchmarks), each read of an imported binding is a getter call.
const valueOf = accumulatorValue;
const recordOf = accumulatorRecord;

/**
 * Per saved window: its creation number (its id), count, panes, the value if a number, flags, and
 * the time and seq of its one timer (see {@link WindowLog.keepOneTimer}).
 */
const NUMBERS = 7;
/** Per saved window: the record, the value unless a number, event timers, processing timers. */
const REFERENCES = 4;
/** Flag: the value is among the numbers. */
const VALUE_IN_NUMBERS = 1;
/** Flag: the timer lists are in the log (see {@link WindowLog.keepPairs}). */
const PAIRS_KEPT = 2;
/** Flag, with PAIRS_KEPT: the lists are one event-time timer, its time and seq in the numbers. */
const ONE_TIMER = 8;
/** Flag: the record is in the log (see {@link WindowLog.keepRecord}). */
const RECORD_KEPT = 4;

/**
 * The windows of one snapshot, and the copies of those changed after it, in the order saved. Its
 * arrays are kept for the log's next use (see {@link CopyOnWriteWindows.completed}), and the
 * numbers are in a typed array: what a log holds lives from one checkpoint to the next, long
 * enough for the garbage collector to copy it out of the young generation. Made anew for every
 * checkpoint, such copies tripled the time the job spent in young-generation collections.
 *
 * A save is numbers only: the window is named by its creation number, not by a reference. Storing
 * a reference into an array the job keeps costs V8 a write barrier, and the two a save took (the
 * window and its record) were most of what a save cost. What a save leaves out changes far less
 * often than the numbers: the record (when the aggregation replaces it, or a purge drops it) and
 * the timer lists (when the window's timers are set or fire). The first time either changes after
 * a save, what the window had goes into the save (see {@link keepRecord}, {@link keepPairs}). A
 * save without them had, when its snapshot was taken, those of the window's next save that has
 * them, or, if none has, those it had after its last change: neither changes but after a save.
 */
class WindowLog {
  /**
   * The snapshot's windows are those created up to `created` (by creation number) that were held
   * when it was taken: `held` of them. No list of them is made: those still held are found in the
   * operator's table, those cleaned up since in {@link dropped} of this log or a later one.
   */
  created = 0;
  held = 0;
  /** Windows of earlier snapshots (created up to the latest one's `created`) cleaned up since. */
  readonly dropped: WindowEntry[] = [];
  droppedCount = 0;
  /** The checkpoint the snapshot was taken for. */
  checkpoint = 0;
  /** Counts the log's uses: a snapshot must not read the log once it serves another. */
  generation = 0;
  /** The next snapshot's log, once there is one. */
  next: WindowLog | undefined;
  private savedCount = 0;
  private numbers = new Float64Array(NUMBERS * 256);
  private readonly references: unknown[] = [];
  /** Saves by window creation number, built on the first read (see {@link find}). */
  private index: Map<number, number> | undefined;
  private indexed = 0;

  save(entry: WindowEntry, recordField: string | number | undefined): void {
    const n = this.savedCount++;
    entry.savedAt = n;
    const at = NUMBERS * n;
    if (at + NUMBERS > this.numbers.length) {
      const grown = new Float64Array(2 * this.numbers.length);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    const value = valueOf(entry, recordField);
    const { numbers } = this;
    numbers[at] = entry.created;
    numbers[at + 1] = entry.count;
    numbers[at + 2] = entry.panes;
    if (typeof value === 'number') {
      numbers[at + 3] = value;
      numbers[at + 4] = VALUE_IN_NUMBERS;
    } else {
      this.references[REFERENCES * n + 1] = value;
      numbers[at + 4] = 0;
    }
  }

  /**
   * Save `n`'s window is about to take another record (or none): the one it had, `record`, goes
   * into the save, unless an earlier change put it there.
   */
  keepRecord(n: number, record: object | undefined): void {
    const flags = NUMBERS * n + 4;
    if ((this.numbers[flags] as number) & RECORD_KEPT) return;
    this.numbers[flags] = (this.numbers[flags] as number) | RECORD_KEPT;
    this.references[REFERENCES * n] = record;
  }

  /** Whether save `n` holds its window's timer lists (see {@link keepPairs}). */
  hasPairs(n: number): boolean {
    return ((this.numbers[NUMBERS * n + 4] as number) & PAIRS_KEPT) !== 0;
  }

  /**
   * Save `n`'s window is about to change its timers: the lists it has, `event` and `processing`,
   * go into the save (the caller asks {@link hasPairs} first: only the first change keeps them).
   */
  keepPairs(n: number, event: OwnerTimers, processing: OwnerTimers): void {
    this.numbers[NUMBERS * n + 4] = (this.numbers[NUMBERS * n + 4] as number) | PAIRS_KEPT;
    const to = REFERENCES * n;
    this.references[to + 2] = event;
    this.references[to + 3] = processing;
  }

  /**
   * {@link keepPairs} for a window whose one timer is an event-time timer at `time` with `seq`, the
   * most common: the pair goes into the numbers, with no list built and no reference stored.
   */
  keepOneTimer(n: number, time: number, seq: number): void {
    const at = NUMBERS * n;
    this.numbers[at + 4] = (this.numbers[at + 4] as number) | PAIRS_KEPT | ONE_TIMER;
    this.numbers[at + 5] = time;
    this.numbers[at + 6] = seq;
  }

  /**
   * Where `entry` was saved here, or `undefined` if it was not. The index is built on the first
   * read and brought up to date on later ones: the latest log is still being written.
   */
  find(entry: WindowEntry): number | undefined {
    const index = (this.index ??= new Map());
    for (; this.indexed < this.savedCount; this.indexed++) {
      index.set(this.numbers[NUMBERS * this.indexed] as number, this.indexed);
    }
    return index.get(entry.created);
  }

  /** Save `n`'s count, panes and value. */
  contents(n: number): { count: number; panes: number; value: unknown } {
    const at = NUMBERS * n;
    const flags = this.numbers[at + 4] as number;
    return {
      count: this.numbers[at + 1] as number,
      panes: this.numbers[at + 2] as number,
      value: flags & VALUE_IN_NUMBERS ? this.numbers[at + 3] : this.references[REFERENCES * n + 1],
    };
  }

  /** Save `n`'s record, if it went into it (see {@link keepRecord}); `null` if not. */
  record(n: number): object | undefined | null {
    if (!((this.numbers[NUMBERS * n + 4] as number) & RECORD_KEPT)) return null;
    return this.references[REFERENCES * n] as object | undefined;
  }

  /** Save `n`'s timer lists, if they went into it (see {@link keepPairs}). */
  pairs(n: number): { event: OwnerTimers; processing: OwnerTimers } | undefined {
    const at = NUMBERS * n;
    const flags = this.numbers[at + 4] as number;
    if (!(flags & PAIRS_KEPT)) return undefined;
    if (flags & ONE_TIMER) {
      return {
        event: [this.numbers[at + 5] as number, this.numbers[at + 6] as number],
        processing: [],
      };
    }
    const to = REFERENCES * n;
    return {
      event: this.references[to + 2] as OwnerTimers,
      processing: this.references[to + 3] as OwnerTimers,
    };
  }

  /**
   * Empties the log for another snapshot. Its arrays are overwritten by the next use rather than
   * cleared: till then, they keep at most one checkpoint's windows from being collected.
   */
  clear(): void {
    this.droppedCount = 0;
    this.savedCount = 0;
    this.index = undefined;
    this.indexed = 0;
    this.next = undefined;
    this.generation++;
  }
}

export class CopyOnWriteWindows implements WindowCheckpoints {
  /** The version of the latest snapshot taken copy-on-write; 0 before the first. */
  private version = 0;
  /** The logs still needed, oldest first (linked by `next`), and logs to use again. */
  private oldest: WindowLog | undefined;
  private log: WindowLog | undefined;
  private readonly spare: WindowLog[] = [];
  private readonly sizes: WindowSizeCount;

  constructor(
    private readonly timers: TimerService,
    private readonly recordField: string | number | undefined,
    /** Whether the trigger keeps state (see `columnedSize`). */
    trigger: { readonly keepsState: boolean },
    /** See `FieldAccumulatorShape.elementsKeepSize`: {@link elementAdded} need not count. */
    private readonly elementsKeepSize: boolean,
  ) {
    this.sizes = new WindowSizeCount(recordField, trigger);
  }

  /**
   * The operator's state, or `undefined` when a window does not fit the columns (the operator then
   * takes rows). Copy-on-write only for a checkpoint's snapshot (`checkpoint` set), which the
   * engine drops once a later checkpoint completes; any other snapshot, and the first, which
   * starts the count, are copied whole, in columns.
   */
  snapshot(
    windows: FixedWindowIndex,
    created: number,
    checkpoint: number | undefined,
  ): CopiedState<WindowState> | undefined {
    const { timers, recordField, sizes } = this;
    // Saves keep the timer lists of a window as they were (see `beforeTimerChange`).
    timers.keepPerOwner();
    if (!sizes.counting || checkpoint === undefined) {
      const count = (entry: WindowEntry): void => this.written(entry);
      return wholeSnapshot(windows, created, timers, recordField, sizes, count);
    }
    if (sizes.unfit > 0) return undefined;
    const log = this.spare.pop() ?? new WindowLog();
    log.created = created;
    log.held = windows.size;
    log.checkpoint = checkpoint;
    if (this.log === undefined) this.oldest = log;
    else this.log.next = log;
    this.log = log;
    this.version++;
    const { generation } = log;
    return checkpointState(
      checkpoint,
      () => log.generation === generation,
      () => rowsOf(log, windows, recordField, timers),
      log.held,
      sizes.bytes,
      created,
      timers,
    );
  }

  /**
   * Checkpoint `checkpoint` completed: the snapshots of earlier ones are superseded, and nothing
   * reads them any more (a restart restores the latest), so their logs are used again.
   */
  completed(checkpoint: number): void {
    let log = this.oldest;
    while (log !== undefined && log !== this.log && log.checkpoint < checkpoint) {
      const next = log.next;
      log.clear();
      this.spare.push(log);
      log = next;
    }
    this.oldest = log;
  }

  /** Before an event changes `entry`: saves it as the latest snapshot has it, unless it was already. */
  beforeWrite(entry: WindowEntry): void {
    if (entry.version === this.version) return;
    entry.version = this.version;
    (this.log as WindowLog).save(entry, this.recordField);
  }

  /**
   * The timer service is about to change `entry`'s timers (register, delete or fire one), and
   * still lists them as they are: the first change since the latest snapshot saves the window and
   * keeps its timer lists in the save, built now. The lists are built only here and when a
   * snapshot is read, never after events: a window created since the latest snapshot, the most
   * common owner of a change, builds none.
   */
  beforeTimerChange(entry: WindowEntry): void {
    // A window cleaned up changes no more; the queue may still hold entries of its timers.
    if (!this.sizes.counting || !entry.alive) return;
    this.beforeWrite(entry);
    const n = entry.savedAt;
    const log = this.log as WindowLog;
    if (n < 0 || log.hasPairs(n)) return;
    const seq = this.timers.soleEventTimerSeq(entry);
    if (seq >= 0) log.keepOneTimer(n, entry.eventTimers[0] as number, seq);
    else
      log.keepPairs(
        n,
        this.timers.ownerEventTimers(entry),
        this.timers.ownerProcessingTimers(entry),
      );
  }

  /** A save takes a window's timers from the timer service (see `beforeTimerChange`). */
  timerRegistered(): void {}

  /** A window created after the latest snapshot is in none: it is never saved for them. */
  created(entry: WindowEntry): void {
    entry.version = this.version;
    entry.savedAt = -1;
  }

  /**
   * An element was added to `entry`, which held others, and changed neither its timers nor its
   * trigger's state (see `WindowOperator.processElement`).
   */
  elementAdded(entry: WindowEntry): void {
    if (!this.elementsKeepSize) this.written(entry);
  }

  /** After an event changed `entry`: notes its record, and counts its size. */
  written(entry: WindowEntry): void {
    const { sizes } = this;
    if (!sizes.counting || sizes.unchanged(entry)) return;
    const record = recordOf(entry);
    if (record !== entry.record) {
      if (entry.savedAt >= 0) (this.log as WindowLog).keepRecord(entry.savedAt, entry.record);
      entry.record = record;
    }
    sizes.count(entry);
  }

  /**
   * `entry` was dropped (cleaned up): it no longer counts, and a snapshot that holds it finds it in
   * the latest log.
   */
  dropped(entry: WindowEntry): void {
    if (!this.sizes.counting) return;
    this.sizes.drop(entry);
    const log = this.log;
    if (log !== undefined && entry.created <= log.created) log.dropped[log.droppedCount++] = entry;
  }
}

/**
 * The rows of `log`'s snapshot (see the module comment and `WindowLog`): the numbers from the
 * window's first save since, if any; the record and timer lists from the first save since that
 * has them, else as the window had them after its last change; what never changes from the window.
 */
function rowsOf(
  log: WindowLog,
  windows: FixedWindowIndex,
  recordField: string | number | undefined,
  timers: TimerService,
): WindowSnapshot[] {
  const entries = windows.inCreationOrder().filter((entry) => entry.created <= log.created);
  for (let at: WindowLog | undefined = log; at !== undefined; at = at.next) {
    for (let i = 0; i < at.droppedCount; i++) {
      const entry = at.dropped[i] as WindowEntry;
      if (entry.created <= log.created) entries.push(entry);
    }
  }
  entries.sort((a, b) => a.created - b.created);
  return entries.map((entry) => {
    let contents: ReturnType<WindowLog['contents']> | undefined;
    let record: object | undefined | null = null;
    let pairs: ReturnType<WindowLog['pairs']>;
    for (
      let at: WindowLog | undefined = log;
      at !== undefined && (pairs === undefined || record === null);
      at = at.next
    ) {
      const n = at.find(entry);
      if (n === undefined) continue;
      contents ??= at.contents(n);
      if (record === null) record = at.record(n);
      pairs ??= at.pairs(n);
    }
    const { start, end } = entry.window;
    return windowRow(
      {
        key: entry.key as Key | undefined,
        start,
        end,
        count: contents?.count ?? entry.count,
        panes: contents?.panes ?? entry.panes,
        created: entry.created,
        keySince: entry.keySince,
        eventPairs: pairs?.event ?? timers.ownerEventTimers(entry),
        processingPairs: pairs?.processing ?? timers.ownerProcessingTimers(entry),
        record: record === null ? entry.record : record,
        value: contents === undefined ? accumulatorValue(entry, recordField) : contents.value,
      },
      recordField,
    );
  });
}
