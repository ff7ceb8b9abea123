/**
 * A window operator's snapshot for the built-in field aggregations (`sum`, `min`, `max`, …), kept
 * in columns: the windows' numbers in one `Float64Array`, their references (key, timer lists, the
 * accumulator's record and field value) in one array, two allocations per snapshot however many
 * windows there are.
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
 * `TimerService.ownerTimers`) and a copy of each accumulator's record (changed by the aggregation
 * only in its field, whose value the columns keep apart, see `field-accumulator-copy.ts`). So rows
 * built at any time are the state at the checkpoint.
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
import { SIZES, copyState } from '../../state/copy-state';
import type { CopiedState } from '../../state/copy-state';
import { TimeWindow } from '../../windows/window';
import type { WindowEntry } from './window-entry';
import { BOUNDS_BYTES, RECORD_BYTES, isEmpty } from './window-snapshot';
import type { WindowSnapshot, WindowState } from './window-snapshot';

/**
 * What a window keeps for its next snapshot in columns: made once per window, so that a snapshot
 * allocates nothing for a window whose record and timers did not change.
 */
export interface ColumnedWindow {
  /** The accumulator's record `record` was copied from. */
  source: object | undefined;
  /** A copy of `source`, never changed; its field is as it was then (the columns keep its value). */
  record: object | undefined;
  /** What `record` counts for without its field's value (see `measure`). */
  recordBytes: number;
  /** The entry's `timerChanges` when the lists below were built. */
  timerChanges: number;
  eventTimers: OwnerTimers;
  processingTimers: OwnerTimers;
}

/** Per window: start, end, count, panes, created, keySince. */
const NUMBERS = 6;
/** Per window: key, event timers, processing timers, the record (or `undefined`), the value. */
const REFERENCES = 5;

const { header: HEADER, slot: SLOT, number: NUMBER } = SIZES;
/**
 * What every window in columns counts for besides its key, contents and timers: as the row form
 * counts it, the record, bounds, four numbers, an empty trigger state and two timer lists' headers.
 * Imported bindings are read once here, the functions too: the loop below runs for every window of
 * every checkpoint, and where modules are compiled to CommonJS (Node, the benchmarks) each read of
 * an imported binding is a getter call.
 */
const WINDOW_BYTES = RECORD_BYTES + BOUNDS_BYTES + 4 * NUMBER + HEADER + 2 * HEADER;
const sizeOf = primitiveSize;
const measureRecord = measure;
const isEmptyRecord = isEmpty;
const TimeWindowClass = TimeWindow;
const FIELD_ACCUMULATOR_BYTES = ACCUMULATOR_BYTES;

/**
 * The operator's state, in columns, or `undefined` when a window does not fit them (see the module
 * comment). `recordField`: the property the aggregation writes in its own record, `undefined` when
 * the accumulator holds no record of its own (`minBy`, `maxBy`), whose windows then fit only while
 * they hold primitives.
 */
export function snapshotColumns(
  entries: readonly WindowEntry[],
  created: number,
  timers: TimerService,
  recordField: string | number | undefined,
): CopiedState<WindowState> | undefined {
  const count = entries.length;
  const numbers = new Float64Array(NUMBERS * count);
  const references = new Array<unknown>(REFERENCES * count);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const entry = entries[i] as WindowEntry;
    const { window, key } = entry;
    if (!(window instanceof TimeWindowClass) || !isEmptyRecord(entry.triggerState))
      return undefined;
    const keyBytes = sizeOf(key);
    if (keyBytes < 0) return undefined;
    let columned = entry.columned;
    if (columned === undefined) {
      columned = entry.columned = {
        source: undefined,
        record: undefined,
        recordBytes: 0,
        timerChanges: -1,
        eventTimers: [],
        processingTimers: [],
      };
    }
    let record: object | undefined;
    let value: unknown;
    let contentsBytes = 0;
    if (entry.count === 0) {
      if (entry.contents !== undefined) return undefined;
    } else {
      const accumulator = entry.contents as FieldAccumulator;
      const { current } = accumulator;
      // A built-in accumulator is empty only before its first element: not in a window holding one.
      if (accumulator.empty) return undefined;
      const size = sizeOf(current);
      if (size >= 0) {
        value = current;
        contentsBytes = FIELD_ACCUMULATOR_BYTES + size;
      } else {
        if (recordField === undefined) return undefined;
        const source = current as Record<string | number, unknown>;
        if (columned.source !== source) {
          const besides = measureRecord(source, recordField);
          if (besides < 0) return undefined;
          columned.source = source;
          columned.record = Array.isArray(source) ? [...(source as unknown[])] : { ...source };
          columned.recordBytes = besides;
        }
        value = source[recordField];
        const valueBytes = sizeOf(value);
        if (valueBytes < 0) return undefined;
        record = columned.record;
        contentsBytes = FIELD_ACCUMULATOR_BYTES + columned.recordBytes + valueBytes;
      }
    }
    if (columned.timerChanges !== entry.timerChanges) {
      columned.eventTimers = timers.ownerEventTimers(entry, columned.eventTimers);
      columned.processingTimers = timers.ownerProcessingTimers(entry, columned.processingTimers);
      columned.timerChanges = entry.timerChanges;
    }
    const { eventTimers, processingTimers } = columned;
    const at = NUMBERS * i;
    numbers[at] = window.start;
    numbers[at + 1] = window.end;
    numbers[at + 2] = entry.count;
    numbers[at + 3] = entry.panes;
    numbers[at + 4] = entry.created;
    numbers[at + 5] = entry.keySince;
    const to = REFERENCES * i;
    references[to] = key;
    references[to + 1] = eventTimers;
    references[to + 2] = processingTimers;
    references[to + 3] = record;
    references[to + 4] = value;
    bytes +=
      WINDOW_BYTES +
      keyBytes +
      contentsBytes +
      (SLOT + NUMBER) * (eventTimers.length + processingTimers.length);
  }
  const rest = copyState({ windows: [], created, timers: timers.clock() });
  let rows: WindowSnapshot[] | undefined;
  const state: WindowState = { ...rest.value };
  Object.defineProperty(state, 'windows', {
    enumerable: true,
    get: () => (rows ??= windowRows(numbers, references, recordField)),
  });
  return { value: state, bytes: rest.bytes + SLOT * count + bytes };
}

/** The rows of the columns (see {@link snapshotColumns}), each with its own copies. */
function windowRows(
  numbers: Float64Array,
  references: readonly unknown[],
  recordField: string | number | undefined,
): WindowSnapshot[] {
  const rows = new Array<WindowSnapshot>(numbers.length / NUMBERS);
  for (let i = 0; i < rows.length; i++) {
    const at = NUMBERS * i;
    const to = REFERENCES * i;
    const count = numbers[at + 2] as number;
    const record = references[to + 3] as object | undefined;
    const value = references[to + 4];
    let current: unknown = value;
    if (record !== undefined) {
      const copy = (Array.isArray(record) ? [...(record as unknown[])] : { ...record }) as Record<
        string | number,
        unknown
      >;
      copy[recordField as string | number] = value;
      current = copy;
    }
    rows[i] = {
      key: references[to] as Key | undefined,
      bounds: { start: numbers[at] as number, end: numbers[at + 1] as number },
      count,
      contents: count === 0 ? undefined : { current, empty: false },
      panes: numbers[at + 3] as number,
      triggerState: {},
      eventTimers: references[to + 1] as OwnerTimers,
      processingTimers: references[to + 2] as OwnerTimers,
      created: numbers[at + 4] as number,
      keySince: numbers[at + 5] as number,
    };
  }
  return rows;
}
