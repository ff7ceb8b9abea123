/**
 * A window operator's snapshot, taken incrementally: each window's copy is kept on its entry and
 * shared by every later snapshot until the window is touched again (an element, a timer, a merge),
 * so a checkpoint copies only the windows touched since the one before. This is how Flink's heap
 * backend (`CopyOnWriteStateMap`) makes snapshots cheap: entries not written since the last
 * snapshot are shared with it, not copied. Flink copies a written entry lazily, on its first write
 * after the snapshot, because its snapshot is written out asynchronously; here a snapshot is taken
 * whole between two events, so the touched windows are copied at the snapshot itself, which costs
 * the same copies and keeps the live path to one store per touch.
 *
 * A shared copy is never changed: nothing in the job refers to it (a restore copies the snapshot
 * again), and a touched window gets a new copy rather than an updated one. So a snapshot stays as
 * it was, whatever the job does next, and every snapshot is the window operator's whole state.
 *
 * Each window is copied on its own, as Flink writes each entry of a state table on its own: an
 * object two windows share (a sliding window's first element, say) comes back as two objects.
 */
import type { Key } from '../../records';
import type { OwnerTimers, TimerService } from '../../runtime/timer-service';
import type { Millis } from '../../time';
import { SIZES, UncopyableState, copyState } from '../../state/copy-state';
import type { CopiedState } from '../../state/copy-state';
import { TimeWindow } from '../../windows/window';
import type { ContentsCopy, CopyContents, WindowContents } from './window-contents';
import type { WindowEntry } from './window-entry';

/**
 * A window in a snapshot: its bounds (`null` for the global window), and the entry's state — the
 * contents and trigger state Flink keeps as keyed state in the window's namespace, and its live
 * timers as flat pairs `[time, seq, …]` (see `TimerService.ownerTimers`).
 */
export interface WindowSnapshot {
  readonly key: Key | undefined;
  readonly bounds: { readonly start: Millis; readonly end: Millis } | null;
  readonly count: number;
  readonly contents: unknown;
  readonly panes: number;
  readonly triggerState: Record<string, unknown>;
  readonly eventTimers: OwnerTimers;
  readonly processingTimers: OwnerTimers;
  readonly created: number;
  readonly keySince: number;
}

/**
 * The operator's managed state. For session windows the list, by key then in the order each key's
 * windows were added, is also the merging-window set (Flink's `merging-window-set` list state):
 * the windows in flight per key, whose order decides how their contents merge.
 */
export interface WindowState {
  /** The windows; a snapshot kept in columns builds them on first read (see `window-columns.ts`). */
  readonly windows: readonly WindowSnapshot[];
  /** Fixed windows created so far (their creation number orders inspection). */
  readonly created: number;
  /** The timers' watermark and next sequence number (the timers are in their windows). */
  readonly timers: { readonly watermark: Millis; readonly seq: number };
}

/**
 * A window's copy, kept on its entry and put in every snapshot until the window is touched. One
 * per entry, updated by each new copy (snapshots hold only its `snapshot`, which is never changed).
 */
export interface SavedWindow {
  snapshot: WindowSnapshot;
  bytes: number;
  /** The key's part of `bytes`, for the next copy, which takes the key from this one. */
  keyBytes: number;
  /** The contents' copy, for the next copy to take from (see `WindowContents.copyContents`). */
  readonly contents: ContentsCopy;
  /** The entry's `timerChanges` when its timers were copied: unchanged, the lists are kept. */
  timerChanges: number;
}

// The sizes as local constants: read for every window copied.
const { header: HEADER, slot: SLOT, number: NUMBER } = SIZES;

/** What a window's record counts for besides its values: the header, and a slot and a name per field. */
export const RECORD_BYTES =
  SIZES.header +
  [
    'key',
    'bounds',
    'count',
    'contents',
    'panes',
    'triggerState',
    'eventTimers',
    'processingTimers',
    'created',
    'keySince',
  ].reduce((total, field) => total + SIZES.slot + SIZES.char * field.length, 0);
/** A `{ start, end }` record. */
export const BOUNDS_BYTES =
  SIZES.header + 2 * SIZES.slot + SIZES.char * 'startend'.length + 2 * SIZES.number;

/**
 * The operator's state: the windows in `entries`' order, each copied only if touched since its
 * last copy. `contents` may copy window contents quicker than `copyState` (see
 * `WindowContents.copyContents`). Fails with an {@link UncopyableState} whose path starts at the
 * state's root.
 */
export function snapshotWindows(
  entries: readonly WindowEntry[],
  created: number,
  timers: TimerService,
  contents: WindowContents,
): CopiedState<WindowState> {
  const windows: WindowSnapshot[] = new Array<WindowSnapshot>(entries.length);
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as WindowEntry;
    let saved = entry.saved;
    if (saved === undefined) {
      saved = entry.saved = saveWindow(entry, undefined, timers, contents, i);
    } else if (entry.touched) {
      saveWindow(entry, saved, timers, contents, i);
    }
    entry.touched = false;
    windows[i] = saved.snapshot;
    bytes += saved.bytes;
  }
  const rest = copyState({ windows: [], created, timers: timers.clock() });
  return {
    value: { ...rest.value, windows },
    bytes: rest.bytes + SIZES.slot * windows.length + bytes,
  };
}

/**
 * A window's copy: into `last`, the window's last copy, if it has one, else into a new one. What
 * cannot change while the window lives (its bounds, its key) is taken from the last copy rather
 * than copied again; so are its trigger state when it is empty (the usual case), and its timer
 * lists when they did not change.
 */
function saveWindow(
  entry: WindowEntry,
  last: SavedWindow | undefined,
  timers: TimerService,
  kind: WindowContents,
  index: number,
): SavedWindow {
  const { window } = entry;
  const contents = last?.contents ?? {
    value: undefined,
    bytes: 0,
    source: undefined,
    sourceBytes: 0,
  };
  if (entry.count === 0 || kind.copyContents === undefined) {
    const copied = copyField(entry.contents, index, 'contents');
    contents.value = copied.value;
    contents.bytes = copied.bytes;
  } else {
    copyContents(kind.copyContents, entry.contents, contents, index);
  }
  // An empty trigger state, the usual one, is taken from the window's last copy if that was empty
  // too. Only from the same window's: a restore keeps shared objects shared, so one record in
  // every window's copy would come back as one record for all the windows.
  let triggerState: Record<string, unknown>;
  let triggerBytes: number = HEADER;
  if (!isEmpty(entry.triggerState)) {
    const copied = copyTriggerState(entry.triggerState, index);
    triggerState = copied.value;
    triggerBytes = copied.bytes;
  } else {
    const lastState = last?.snapshot.triggerState;
    triggerState = lastState !== undefined && isEmpty(lastState) ? lastState : {};
  }
  let key: unknown;
  let keyBytes: number;
  if (last === undefined) {
    const copied = copyState(entry.key);
    key = copied.value;
    keyBytes = copied.bytes;
  } else {
    key = last.snapshot.key;
    keyBytes = last.keyBytes;
  }
  let eventTimers: OwnerTimers;
  let processingTimers: OwnerTimers;
  if (last !== undefined && last.timerChanges === entry.timerChanges) {
    eventTimers = last.snapshot.eventTimers;
    processingTimers = last.snapshot.processingTimers;
  } else {
    eventTimers = timers.ownerEventTimers(entry, last?.snapshot.eventTimers);
    processingTimers = timers.ownerProcessingTimers(entry, last?.snapshot.processingTimers);
  }
  const timersBytes = 2 * HEADER + (SLOT + NUMBER) * (eventTimers.length + processingTimers.length);
  const timed = last !== undefined ? last.snapshot.bounds !== null : window instanceof TimeWindow;
  const snapshot: WindowSnapshot = {
    key: key as Key | undefined,
    bounds:
      last !== undefined
        ? last.snapshot.bounds
        : timed
          ? { start: window.start, end: window.end }
          : null,
    count: entry.count,
    contents: contents.value,
    panes: entry.panes,
    triggerState,
    eventTimers,
    processingTimers,
    created: entry.created,
    keySince: entry.keySince,
  };
  const bytes =
    RECORD_BYTES +
    keyBytes +
    (timed ? BOUNDS_BYTES : 0) +
    4 * NUMBER +
    contents.bytes +
    triggerBytes +
    timersBytes;
  const { timerChanges } = entry;
  if (last === undefined) return { snapshot, bytes, keyBytes, contents, timerChanges };
  last.snapshot = snapshot;
  last.bytes = bytes;
  last.timerChanges = timerChanges;
  return last;
}

function copyContents(
  copy: CopyContents,
  contents: unknown,
  into: ContentsCopy,
  index: number,
): void {
  try {
    copy(contents, into);
  } catch (error) {
    if (!(error instanceof UncopyableState)) throw error;
    throw new UncopyableState(`.windows[${index}].contents${error.path}`, error.what);
  }
}

function copyField<T>(value: T, index: number, field: string): CopiedState<T> {
  try {
    return copyState(value);
  } catch (error) {
    if (!(error instanceof UncopyableState)) throw error;
    throw new UncopyableState(`.windows[${index}].${field}${error.path}`, error.what);
  }
}

/**
 * Copies a window's trigger state, whose names the trigger context wrote (strings, so the record
 * needs no check for symbol keys, the slow part of copying a small object); each value is copied
 * as any state is.
 */
function copyTriggerState(
  state: Record<string, unknown>,
  index: number,
): CopiedState<Record<string, unknown>> {
  const copy: Record<string, unknown> = {};
  let bytes = HEADER;
  for (const name of Object.keys(state)) {
    const value = copyField(state[name], index, `triggerState${propertyPath(name)}`);
    copy[name] = value.value;
    bytes += SLOT + SIZES.char * name.length + value.bytes;
  }
  return { value: copy, bytes };
}

export function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

function propertyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The live timers' times of a snapshot's flat pairs, for the entry's own lists. */
export function timesOf(pairs: OwnerTimers): Millis[] {
  const times: Millis[] = [];
  for (let i = 0; i < pairs.length; i += 2) times.push(pairs[i] as Millis);
  return times;
}
