/**
 * A window operator's snapshot for the built-in field aggregations (`sum`, `min`, `max`, …), kept
 * in columns: the windows' numbers in one array, their references (key, timer lists, the
 * accumulator's record and field value) in another, two allocations per snapshot however many
 * windows there are. Checkpoints of fixed windows are taken so only the first time; after that, in
 * slots or copy-on-write (see `window-checkpoints.ts`), which use the same pieces.
 *
 * Why not the row form of `window-snapshot.ts`, which shares the copy of a window untouched since
 * the last snapshot? With many keys nearly every window is touched between two checkpoints, so
 * nearly every window got a new record, a new accumulator and a new copy of its element at every
 * checkpoint: three objects per window, each living until the next checkpoint (long enough for the
 * garbage collector to move it out of the young generation): a checkpoint of a thousand keys cost
 * about as much as the thousand events before it. In columns, a window costs a few stores.
 *
 * The rows are still what the snapshot holds, as far as anyone can tell: `windows` is built from
 * the columns on its first read, then kept. Most checkpoints are never read (only the latest is
 * kept, and only a restore reads it), so most never pay for rows. The columns hold only what
 * cannot change: numbers, strings, the timer lists (never changed once built, see
 * `TimerService.ownerTimers`), and each accumulator's record, which the aggregation changes only in
 * its field (see `field-accumulator-copy.ts`), whose value the columns keep apart. So rows built at
 * any time are the state at the checkpoint.
 *
 * Taken only when every window fits: a time window, no trigger state, a primitive key, and an
 * accumulator whose value is a primitive or a flat record of primitives. Otherwise the row form is
 * taken, which copies what it can and refuses the rest with its path, as before. The size is the
 * row form's, to the byte: the two forms are one state.
 */
import type { FieldAccumulator } from '../../functions/field-accumulator-copy';
import { ACCUMULATOR_BYTES, measure, primitiveSize } from '../../functions/field-accumulator-copy';
import type { Key } from '../../records';
import type { OwnerTimers, TimerService } from '../../runtime/timer-service';
import type { Millis } from '../../time';
import { SIZES, copyState } from '../../state/copy-state';
import type { CopiedState } from '../../state/copy-state';
import { TimeWindow } from '../../windows/window';
import type { WindowEntry } from './window-entry';
import type { FixedWindowIndex } from './fixed-window-index';
import type { WindowSizeCount } from './window-size-count';
import { BOUNDS_BYTES, RECORD_BYTES, isEmpty } from './window-snapshot';
import type { WindowSnapshot, WindowState } from './window-snapshot';

const { header: HEADER, slot: SLOT, number: NUMBER } = SIZES;
/**
 * What every window in columns counts for besides its key, contents and timers: as the row form
 * counts it, the record, bounds, four numbers, an empty trigger state and two timer lists' headers.
 * Imported bindings are read once here, the functions too: the code below runs for every window,
 * and where modules are compiled to CommonJS (Node, the benchmarks) each read of an imported
 * binding is a getter call.
 */
const WINDOW_BYTES = RECORD_BYTES + BOUNDS_BYTES + 4 * NUMBER + HEADER + 2 * HEADER;
const TIMER_BYTES = 2 * (SLOT + NUMBER);
const sizeOf = primitiveSize;
const measureRecord = measure;
const isEmptyRecord = isEmpty;
const TimeWindowClass = TimeWindow;
const FIELD_ACCUMULATOR_BYTES = ACCUMULATOR_BYTES;

/**
 * Where a number the accumulator holds is kept instead of among the references: there it would be
 * boxed, an allocation per window per snapshot.
 */
export const IN_NUMBERS: unique symbol = Symbol('in numbers');

/**
 * Brings the window's timer lists for snapshots (`eventPairs`, `processingPairs`, see
 * `TimerService.ownerTimers`) up to date, if its timers changed since they were built.
 */
export function refreshPairs(entry: WindowEntry, timers: TimerService): void {
  if (entry.pairsAt === entry.timerChanges) return;
  entry.eventPairs = timers.ownerEventTimers(entry, entry.eventPairs);
  entry.processingPairs = timers.ownerProcessingTimers(entry, entry.processingPairs);
  entry.pairsAt = entry.timerChanges;
}

/**
 * What window `entry` counts for in a snapshot, as the row form counts it, or -1 when it does not
 * fit the columns (see the module comment). `recordField`: the property the aggregation writes in
 * its own record, `undefined` when the accumulator holds no record of its own (`minBy`, `maxBy`),
 * whose windows then fit only while they hold primitives. `stateless`: the trigger keeps no state,
 * so no window holds any (spares a look at every window's trigger state).
 */
export function columnedSize(
  entry: WindowEntry,
  recordField: string | number | undefined,
  stateless: boolean,
): number {
  if (!(entry.window instanceof TimeWindowClass)) return -1;
  if (!stateless && !isEmptyRecord(entry.triggerState)) return -1;
  const keyBytes = sizeOf(entry.key);
  if (keyBytes < 0) return -1;
  let contentsBytes = 0;
  if (entry.count === 0) {
    if (entry.contents !== undefined) return -1;
  } else {
    const accumulator = entry.contents as FieldAccumulator;
    // A built-in accumulator is empty only before its first element: not in a window holding one.
    if (accumulator.empty) return -1;
    const { current } = accumulator;
    const size = sizeOf(current);
    if (size >= 0) {
      contentsBytes = FIELD_ACCUMULATOR_BYTES + size;
    } else {
      if (recordField === undefined) return -1;
      const record = current as Record<string | number, unknown>;
      // What a look at a record finds stays true for its life (see `field-accumulator-copy.ts`).
      if (entry.measured !== record) {
        const besides = measureRecord(record, recordField);
        if (besides < 0) return -1;
        entry.measured = record;
        entry.measuredBytes = besides;
      }
      const valueBytes = sizeOf(record[recordField]);
      if (valueBytes < 0) return -1;
      contentsBytes = FIELD_ACCUMULATOR_BYTES + entry.measuredBytes + valueBytes;
    }
  }
  // One pair per time the window lists: its timer lists need not be built to be counted.
  const timerCount = entry.eventTimers.length + entry.processingTimers.length;
  return WINDOW_BYTES + keyBytes + contentsBytes + TIMER_BYTES * timerCount;
}

/**
 * The accumulator's record, if it holds one of its own: kept as it is, with its field's value
 * apart (see {@link accumulatorValue}); the aggregation changes the record only in that field, so
 * the record with the value put back is the record as it was, whenever the row is built.
 */
export function accumulatorRecord(entry: WindowEntry): object | undefined {
  if (entry.count === 0) return undefined;
  const { current } = entry.contents as FieldAccumulator;
  return typeof current === 'object' && current !== null ? current : undefined;
}

/** The accumulator's value: its record's field, or the primitive it holds. */
export function accumulatorValue(
  entry: WindowEntry,
  recordField: string | number | undefined,
): unknown {
  if (entry.count === 0) return undefined;
  const { current } = entry.contents as FieldAccumulator;
  return typeof current === 'object' && current !== null
    ? (current as Record<string | number, unknown>)[recordField as string | number]
    : current;
}

/** Per window: start, end, count, panes, created, keySince, and the value if a number. */
const NUMBERS = 7;
/** Per window: key, event timers, processing timers, the record, the value or IN_NUMBERS. */
const REFERENCES = 5;

/**
 * The operator's state, in columns, or `undefined` when a window does not fit them (see the module
 * comment). Each window's trigger state is looked at: this is the snapshot that starts the count
 * of `window-size-count.ts`, or one taken without it.
 */
export function snapshotColumns(
  entries: readonly WindowEntry[],
  created: number,
  timers: TimerService,
  recordField: string | number | undefined,
  /** Sets the window's timer lists for snapshots; from the timer service unless told. */
  pairsOf: (entry: WindowEntry, timers: TimerService) => void = refreshPairs,
): CopiedState<WindowState> | undefined {
  const numbers: number[] = [];
  const references: unknown[] = [];
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as WindowEntry;
    pairsOf(entry, timers);
    const size = columnedSize(entry, recordField, false);
    if (size < 0) return undefined;
    bytes += size;
    const window = entry.window as TimeWindow;
    let value = accumulatorValue(entry, recordField);
    let number = 0;
    if (typeof value === 'number') {
      number = value;
      value = IN_NUMBERS;
    }
    numbers.push(
      window.start,
      window.end,
      entry.count,
      entry.panes,
      entry.created,
      entry.keySince,
      number,
    );
    references.push(
      entry.key,
      entry.eventPairs,
      entry.processingPairs,
      accumulatorRecord(entry),
      value,
    );
  }
  const count = entries.length;
  return stateOf(
    () => {
      const rows = new Array<WindowSnapshot>(count);
      for (let i = 0; i < count; i++) {
        const at = NUMBERS * i;
        const to = REFERENCES * i;
        const value = references[to + 4];
        rows[i] = windowRow(
          {
            key: references[to] as Key | undefined,
            start: numbers[at] as Millis,
            end: numbers[at + 1] as Millis,
            count: numbers[at + 2] as number,
            panes: numbers[at + 3] as number,
            created: numbers[at + 4] as number,
            keySince: numbers[at + 5] as number,
            eventPairs: references[to + 1] as OwnerTimers,
            processingPairs: references[to + 2] as OwnerTimers,
            record: references[to + 3] as object | undefined,
            value: value === IN_NUMBERS ? numbers[at + 6] : value,
          },
          recordField,
        );
      }
      return rows;
    },
    count,
    bytes,
    created,
    timers,
  );
}

/**
 * What a window operator's state counts for besides its windows: numbers only, so the same every
 * time, counted once here rather than walked at every checkpoint.
 */
const REST_BYTES = copyState({ windows: [], created: 0, timers: { watermark: 0, seq: 0 } }).bytes;

/**
 * A window operator's state whose windows `rows` builds on their first read, with its size:
 * `count` windows counting for `windowBytes`.
 */
export function stateOf(
  rows: () => readonly WindowSnapshot[],
  count: number,
  windowBytes: number,
  created: number,
  timers: TimerService,
): CopiedState<WindowState> {
  let read: readonly WindowSnapshot[] | undefined;
  const { watermark, seq } = timers.clock();
  // A getter in the literal, not one defined afterwards: `Object.defineProperty` turned every
  // checkpoint's state into a slow dictionary object, at several microseconds each.
  const state: WindowState = {
    get windows() {
      return (read ??= rows());
    },
    created,
    timers: { watermark, seq },
  };
  return { value: state, bytes: REST_BYTES + SLOT * count + windowBytes };
}

/**
 * {@link stateOf} for a checkpoint's snapshot whose windows are kept only until a later checkpoint
 * completes (`kept` says whether they still are): a read after that throws rather than read
 * another checkpoint's windows.
 */
export function checkpointState(
  checkpoint: number,
  kept: () => boolean,
  rows: () => readonly WindowSnapshot[],
  count: number,
  windowBytes: number,
  created: number,
  timers: TimerService,
): CopiedState<WindowState> {
  return stateOf(
    () => {
      if (!kept()) {
        throw new Error(
          `The snapshot of checkpoint ${checkpoint} was read after a later checkpoint ` +
            'completed, when its windows were no longer kept.',
        );
      }
      return rows();
    },
    count,
    windowBytes,
    created,
    timers,
  );
}

/**
 * A snapshot of fixed windows copied whole, in columns (`undefined` if a window does not fit
 * them): the first, which starts `sizes` counting (`count` is then given every window), or one
 * taken outside a checkpoint (`JobController.snapshot()`).
 */
export function wholeSnapshot(
  windows: FixedWindowIndex,
  created: number,
  timers: TimerService,
  recordField: string | number | undefined,
  sizes: WindowSizeCount,
  count: (entry: WindowEntry) => void,
  pairsOf?: (entry: WindowEntry, timers: TimerService) => void,
): CopiedState<WindowState> | undefined {
  const entries = windows.inCreationOrder();
  const columns = snapshotColumns(entries, created, timers, recordField, pairsOf);
  if (!sizes.counting) {
    sizes.counting = true;
    for (const entry of entries) count(entry);
  }
  return columns;
}

/** What a window in columns is made of. */
export interface ColumnedWindow {
  readonly key: Key | undefined;
  readonly start: Millis;
  readonly end: Millis;
  readonly count: number;
  readonly panes: number;
  readonly created: number;
  readonly keySince: number;
  readonly eventPairs: OwnerTimers;
  readonly processingPairs: OwnerTimers;
  readonly record: object | undefined;
  readonly value: unknown;
}

/** A window in columns as a row, with its own copy of the accumulator's record as it was. */
export function windowRow(
  window: ColumnedWindow,
  recordField: string | number | undefined,
): WindowSnapshot {
  const { record, value, count } = window;
  let current: unknown = value;
  if (record !== undefined) {
    const copy = (Array.isArray(record) ? [...(record as unknown[])] : { ...record }) as Record<
      string | number,
      unknown
    >;
    copy[recordField as string | number] = value;
    current = copy;
  }
  return {
    key: window.key,
    bounds: { start: window.start, end: window.end },
    count,
    contents: count === 0 ? undefined : { current, empty: false },
    panes: window.panes,
    triggerState: {},
    eventTimers: window.eventPairs,
    processingTimers: window.processingPairs,
    created: window.created,
    keySince: window.keySince,
  };
}
