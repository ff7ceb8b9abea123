/**
 * Checkpoints of fixed windows of a `sum` under the event-time trigger, taken as one copy of a
 * block of numbers. Each window held has a slot, and its slot the numbers that change while it is
 * held: its count, its sum, its panes, and the `seq` of each of its timers (the one at its end and
 * the cleanup timer, whose times its bounds give). Everything else a window is made of is set when
 * it is created and never changes: its key, bounds, creation numbers and the accumulator's record,
 * which a `sum` writes only in its field, whose value is in the slot. A checkpoint copies the used
 * part of the numbers; a restore builds the rows from that copy and the windows in the slots.
 *
 * Why not copy-on-write (`window-versions.ts`), which saves a window at its first change after a
 * checkpoint? With many keys nearly every window takes an element between two checkpoints, so
 * nearly every element paid for a save, and every window firing for another, with its timers: per
 * element, that cost more than a slot's numbers, kept up to date, cost to copy at a checkpoint.
 * Here an element writes two numbers, and a checkpoint copies a few dozen bytes per window held.
 *
 * A slot's numbers are written after each event that changes its window, so between two events,
 * when checkpoints are taken, they are the window's state. A timer's `seq` is noted on its window
 * when it is registered (see {@link SlotWindows.timerRegistered}): the timer service need not keep
 * each window's timers, which cost every timer a list entry and its removal. Which window is in which slot is not
 * copied: a window cleaned up after a copy keeps its slot until no copy kept names it, and a copy
 * holds the windows in its slots that were created before it and cleaned up after it (if at all).
 */
import type { Key } from '../../records';
import type { TimerService } from '../../runtime/timer-service';
import type { CopiedState } from '../../state/copy-state';
import type { Millis } from '../../time';
import {
  accumulatorRecord,
  accumulatorValue,
  checkpointState,
  refreshPairs,
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
 * Per slot: count, sum, panes, and the seq of each of its timers, NaN when it has none: the one at
 * its end (`maxTimestamp`, the trigger's) and the cleanup timer (`maxTimestamp + allowedLateness`,
 * one timer with the first when allowed lateness is 0).
 */
const COUNT = 0;
const VALUE = 1;
const PANES = 2;
const END_TIMER = 3;
const CLEANUP_TIMER = 4;
const NUMBERS = 5;

/** A checkpoint's copy of the slots' numbers, kept for use again once a later one completed. */
class SlotCopy {
  numbers = new Float64Array(0);
  slots = 0;
  /** Windows created up to this creation number were created before the copy. */
  created = 0;
  /** Which copy it is: windows cleaned up after it noted a number at least as high. */
  index = 0;
  checkpoint = 0;
  /** Counts the copy's uses: a snapshot must not read the copy once it serves another. */
  generation = 0;
}

export class SlotWindows implements WindowCheckpoints {
  private readonly sizes: WindowSizeCount;
  private numbers = new Float64Array(NUMBERS * 256);
  /** Whether the window in each slot has timers its slot cannot hold (1); not copied. */
  private timersUnfitAt = new Uint8Array(256);
  /**
   * The window in each slot, or the one it held last: a cleaned-up window stays until its slot is
   * used again (see {@link free}).
   */
  private readonly windows: WindowEntry[] = [];
  /**
   * Slots of cleaned-up windows, in the order cleaned up (each window notes how many copies had
   * been taken by then): a slot is used again once every copy kept was taken after its window was
   * cleaned up.
   */
  private readonly free: number[] = [];
  private freeFrom = 0;
  /** Slots ever used: every window held is in a slot below. */
  private slots = 0;
  /** Copies taken so far. */
  private copies = 0;
  /** Windows whose timers do not fit their slot: while there are any, checkpoints take rows. */
  private timersUnfit = 0;
  /** The copies of checkpoints not yet superseded, oldest first, and copies to use again. */
  private readonly kept: SlotCopy[] = [];
  private readonly spare: SlotCopy[] = [];

  constructor(
    private readonly timers: TimerService,
    private readonly recordField: string | number | undefined,
    trigger: { readonly keepsState: boolean },
    private readonly allowedLateness: Millis,
  ) {
    this.sizes = new WindowSizeCount(recordField, trigger);
  }

  snapshot(
    windows: FixedWindowIndex,
    created: number,
    checkpoint: number | undefined,
  ): CopiedState<WindowState> | undefined {
    const { timers, recordField, sizes } = this;
    if (!sizes.counting || checkpoint === undefined) {
      const count = (entry: WindowEntry): void => {
        // Windows created before the count started (or restored) get their slot now.
        this.place(entry);
        this.written(entry);
      };
      return wholeSnapshot(windows, created, timers, recordField, sizes, count, this.pairsOf);
    }
    if (sizes.unfit > 0 || this.timersUnfit > 0) return undefined;
    const copy = this.copy(checkpoint, created);
    const { generation } = copy;
    return checkpointState(
      checkpoint,
      () => copy.generation === generation,
      () => this.rowsOf(copy),
      windows.size,
      sizes.bytes,
      created,
      timers,
    );
  }

  completed(checkpoint: number): void {
    const { kept } = this;
    let superseded = 0;
    while (superseded < kept.length && (kept[superseded] as SlotCopy).checkpoint < checkpoint) {
      superseded++;
    }
    for (const copy of kept.splice(0, superseded)) {
      copy.generation++;
      this.spare.push(copy);
    }
  }

  created(entry: WindowEntry): void {
    // Before the first snapshot nothing is copied: a window gets its slot when counting starts.
    if (!this.sizes.counting) return;
    this.place(entry);
  }

  /** Gives `entry` a slot, with no timers written yet. */
  private place(entry: WindowEntry): void {
    const slot = this.freeSlot();
    entry.slot = slot;
    this.windows[slot] = entry;
    // Its timers are written at its first change (a new window's timers change with its first
    // element); until then it has none.
    this.timersUnfitAt[slot] = 0;
    const at = NUMBERS * slot;
    this.numbers[at + END_TIMER] = NaN;
    this.numbers[at + CLEANUP_TIMER] = NaN;
  }

  /** A slot is written after the change, not before: see {@link elementAdded} and {@link written}. */
  beforeWrite(): void {}

  beforeTimerChange(): void {}

  /**
   * Notes the `seq` of a window's timer at its end or its cleanup time. A timer at any other time,
   * or one of those registered again after it was deleted (whose first entry would fire first, with
   * the old `seq`), is not the event-time trigger's: the window no longer fits a slot.
   */
  timerRegistered(entry: WindowEntry, time: Millis, seq: number): void {
    const end = entry.window.maxTimestamp();
    if (time === end && Number.isNaN(entry.endSeq)) entry.endSeq = seq;
    else if (time === end + this.allowedLateness && Number.isNaN(entry.cleanupSeq)) {
      entry.cleanupSeq = seq;
    } else entry.otherTimers = true;
  }

  elementAdded(entry: WindowEntry): void {
    if (!this.sizes.counting) return;
    const at = NUMBERS * entry.slot;
    const { numbers } = this;
    numbers[at + COUNT] = entry.count;
    numbers[at + VALUE] = valueOf(entry, this.recordField) as number;
  }

  written(entry: WindowEntry): void {
    const { sizes } = this;
    if (!sizes.counting) return;
    const slot = entry.slot;
    const at = NUMBERS * slot;
    const { numbers } = this;
    numbers[at + COUNT] = entry.count;
    numbers[at + VALUE] = entry.count === 0 ? 0 : (valueOf(entry, this.recordField) as number);
    numbers[at + PANES] = entry.panes;
    this.writeTimers(entry, slot);
    if (sizes.unchanged(entry)) return;
    entry.record = recordOf(entry);
    sizes.count(entry);
  }

  dropped(entry: WindowEntry): void {
    if (this.sizes.counting) this.sizes.drop(entry);
    const slot = entry.slot;
    if (slot < 0) return;
    if (this.timersUnfitAt[slot] === 1) this.timersUnfit--;
    entry.droppedAfter = this.copies;
    this.free.push(slot);
  }

  /** A slot for a new window: the first one cleaned up that no copy kept names, else a new one. */
  private freeSlot(): number {
    const { free, kept } = this;
    if (this.freeFrom < free.length) {
      const slot = free[this.freeFrom] as number;
      const oldest = kept.length === 0 ? Infinity : (kept[0] as SlotCopy).index;
      if ((this.windows[slot] as WindowEntry).droppedAfter < oldest) {
        this.freeFrom++;
        // The slots taken are dropped from the front once they are half the list.
        if (2 * this.freeFrom >= free.length) {
          free.splice(0, this.freeFrom);
          this.freeFrom = 0;
        }
        return slot;
      }
    }
    const slot = this.slots++;
    if (NUMBERS * this.slots > this.numbers.length) {
      const numbers = new Float64Array(2 * this.numbers.length);
      numbers.set(this.numbers);
      this.numbers = numbers;
      const unfitAt = new Uint8Array(2 * this.timersUnfitAt.length);
      unfitAt.set(this.timersUnfitAt);
      this.timersUnfitAt = unfitAt;
    }
    return slot;
  }

  /**
   * Writes the `seq`s of `entry`'s timers into its slot, if they are the event-time trigger's: at
   * most one at its end and one at its cleanup time, in that order. Else the window does not fit its
   * slot.
   */
  private writeTimers(entry: WindowEntry, slot: number): void {
    const fits = this.timersFit(entry);
    const wasUnfit = this.timersUnfitAt[slot] === 1;
    if (fits === wasUnfit) this.timersUnfit += fits ? -1 : 1;
    this.timersUnfitAt[slot] = fits ? 0 : 1;
    const at = NUMBERS * slot;
    const { numbers } = this;
    const times = entry.eventTimers;
    const end = entry.window.maxTimestamp();
    numbers[at + END_TIMER] = times.includes(end) ? entry.endSeq : NaN;
    numbers[at + CLEANUP_TIMER] =
      this.allowedLateness > 0 && times.includes(end + this.allowedLateness)
        ? entry.cleanupSeq
        : NaN;
  }

  /** Whether `entry`'s timers are the event-time trigger's, each with its `seq` noted. */
  private timersFit(entry: WindowEntry): boolean {
    if (entry.otherTimers || entry.processingTimers.length > 0) return false;
    const times = entry.eventTimers;
    const end = entry.window.maxTimestamp();
    const cleanup = end + this.allowedLateness;
    for (let i = 0; i < times.length; i++) {
      const time = times[i] as Millis;
      if (time === end && i === 0) {
        if (Number.isNaN(entry.endSeq)) return false;
      } else if (time === cleanup && i === times.length - 1 && i <= 1) {
        if (Number.isNaN(entry.cleanupSeq)) return false;
      } else return false;
    }
    return true;
  }

  /**
   * The window's timer lists for a snapshot in columns (see `snapshotColumns`), from the `seq`s noted
   * on it. A window whose timers do not fit has them listed by the timer service, which from then
   * on keeps every window's timers.
   */
  private readonly pairsOf = (entry: WindowEntry, timers: TimerService): void => {
    if (!this.timersFit(entry)) {
      timers.keepPerOwner();
      refreshPairs(entry, timers);
      return;
    }
    const end = entry.window.maxTimestamp();
    const pairs: number[] = [];
    for (const time of entry.eventTimers) {
      pairs.push(time, time === end ? entry.endSeq : entry.cleanupSeq);
    }
    entry.eventPairs = pairs;
    entry.processingPairs = NO_PAIRS;
  };

  /** Copies the used slots' numbers for checkpoint `checkpoint`. */
  private copy(checkpoint: number, created: number): SlotCopy {
    const copy = this.spare.pop() ?? new SlotCopy();
    const used = NUMBERS * this.slots;
    if (copy.numbers.length < used) copy.numbers = new Float64Array(this.numbers.length);
    copy.numbers.set(this.numbers.subarray(0, used));
    copy.slots = this.slots;
    copy.created = created;
    copy.index = ++this.copies;
    copy.checkpoint = checkpoint;
    this.kept.push(copy);
    return copy;
  }

  /**
   * The rows of a checkpoint's copy, in the order the windows were created: of the windows in its
   * slots, those created before it and not cleaned up before it.
   */
  private rowsOf(copy: SlotCopy): WindowSnapshot[] {
    const rows: WindowSnapshot[] = [];
    const { numbers } = copy;
    const cleanupOffset = this.allowedLateness;
    for (let slot = 0; slot < copy.slots; slot++) {
      const entry = this.windows[slot] as WindowEntry;
      if (entry.created > copy.created) continue;
      if (!entry.alive && entry.droppedAfter < copy.index) continue;
      const at = NUMBERS * slot;
      const count = numbers[at + COUNT] as number;
      const end = entry.window.maxTimestamp();
      const pairs: number[] = [];
      const endSeq = numbers[at + END_TIMER] as number;
      const cleanupSeq = numbers[at + CLEANUP_TIMER] as number;
      if (!Number.isNaN(endSeq)) pairs.push(end, endSeq);
      if (!Number.isNaN(cleanupSeq)) pairs.push(end + cleanupOffset, cleanupSeq);
      const { start } = entry.window;
      rows.push(
        windowRow(
          {
            key: entry.key as Key | undefined,
            start,
            end: entry.window.end,
            count,
            panes: numbers[at + PANES] as number,
            created: entry.created,
            keySince: entry.keySince,
            eventPairs: pairs,
            processingPairs: [],
            record: count === 0 ? undefined : entry.record,
            value: numbers[at + VALUE],
          },
          this.recordField,
        ),
      );
    }
    return rows.sort((a, b) => a.created - b.created);
  }
}

const NO_PAIRS: readonly number[] = Object.freeze([]);
