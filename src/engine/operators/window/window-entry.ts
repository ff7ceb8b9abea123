/**
 * The state of one window of one key, as plain data: its contents, its trigger's state and its
 * timers. An operator keeps them per key by window start (windows of a key held at the same time
 * never share a start: fixed-size windows are equal when their starts are, and sessions in flight
 * are disjoint).
 */
import type { Key } from '../../records';
import { NO_TIMES } from '../../runtime/timer-service';
import type { OwnerTimers, Timer, TimerOwner } from '../../runtime/timer-service';
import type { Millis } from '../../time';
import type { Window } from '../../windows/window';
import type { SavedWindow } from './window-snapshot';

export interface WindowEntry extends TimerOwner {
  readonly key: Key | undefined;
  readonly window: Window;
  /** Elements added since the contents were last cleared; 0 means the window is empty. */
  count: number;
  /** The contents: the reduced value, the accumulator, or the list of elements. */
  contents: unknown;
  /** Ids of the records behind the contents (only kept while tracing). */
  lineage: number[] | undefined;
  /** Firings so far. */
  panes: number;
  /** Per-window trigger state (counts, next firing times), by state name. */
  triggerState: Record<string, unknown>;
  /** False once the window was cleaned up or merged into another: its timers are then ignored. */
  alive: boolean;
  /** For listing fixed windows in order: when the entry was created, and its key's run began. */
  created: number;
  keySince: number;
  /**
   * The window's copy in the last snapshot. While {@link touched} is false it is still the window's
   * state, and the next snapshot takes it as it is (see `window-snapshot.ts`).
   */
  saved: SavedWindow | undefined;
  /** Set by whatever touches the window (an element, a timer, a merge); a snapshot clears it. */
  touched: boolean;
  /**
   * For snapshots in columns (see `window-columns.ts`): the record last measured and what it
   * counts for besides its field; the timer lists as of `timerChanges` = `pairsAt`.
   */
  measured: object | undefined;
  measuredBytes: number;
  eventPairs: OwnerTimers;
  processingPairs: OwnerTimers;
  pairsAt: number;
  /** The copy-on-write snapshot it was last saved for (see `window-versions.ts`). */
  version: number;
  /** Where that save is in the latest snapshot's log; -1 when the window was created after it. */
  savedAt: number;
  /** Its slot, when checkpoints are taken in slots (see `window-slots.ts`); else -1. */
  slot: number;
  /** When it was cleaned up, in slots: how many copies of the slots had been taken by then. */
  droppedAfter: number;
  /**
   * In slots: the `seq` of its timer at its end and of its cleanup timer, NaN until registered;
   * and whether it had any other, or one of those twice (see `SlotWindows.timerRegistered`).
   */
  endSeq: number;
  cleanupSeq: number;
  otherTimers: boolean;
  /**
   * The accumulator's record after the window's last change, kept only while windows are counted
   * (see `window-size-count.ts`): a copy-on-write save leaves the record out, and takes it from
   * here (see `window-versions.ts`); a slot never holds it (see `window-slots.ts`).
   */
  record: object | undefined;
  /** How many timers it had when its size was last counted. */
  countedAt: number;
  /** What it counts for in a snapshot as last counted: 0 if not counted, -1 if it does not fit. */
  counted: number;
  /** What its size was last counted from, for the next count to skip (see `window-size-count.ts`). */
  sized: object | symbol | undefined;
  queuedEventTimers: Timer[] | undefined;
  queuedProcessingTimers: Timer[] | undefined;
  timerChanges: number;
}

const NO_PAIRS: OwnerTimers = Object.freeze([]);

/** The trigger state of a window whose trigger wrote none: shared, never written (see `writableState`). */
export const NO_TRIGGER_STATE: Record<string, unknown> = Object.freeze({});

export function newWindowEntry(
  key: Key | undefined,
  window: Window,
  tracing: boolean,
): WindowEntry {
  return {
    key,
    window,
    count: 0,
    contents: undefined,
    lineage: tracing ? [] : undefined,
    panes: 0,
    triggerState: NO_TRIGGER_STATE,
    alive: true,
    created: 0,
    keySince: 0,
    eventTimers: NO_TIMES,
    processingTimers: NO_TIMES,
    saved: undefined,
    touched: false,
    measured: undefined,
    measuredBytes: 0,
    eventPairs: NO_PAIRS,
    processingPairs: NO_PAIRS,
    pairsAt: -1,
    version: 0,
    savedAt: -1,
    slot: -1,
    droppedAfter: Infinity,
    endSeq: NaN,
    cleanupSeq: NaN,
    otherTimers: false,
    record: undefined,
    countedAt: -1,
    counted: 0,
    sized: undefined,
    queuedEventTimers: undefined,
    queuedProcessingTimers: undefined,
    timerChanges: 0,
  };
}

/** The windows of every key, by key then window start. */
export type WindowTable = Map<Key | undefined, Map<Millis, WindowEntry>>;
