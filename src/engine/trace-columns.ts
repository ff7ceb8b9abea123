/**
 * The trace's events held in columns: a bounded ring of typed arrays (the event's type, time,
 * operator and subtask, and up to five numbers) beside three arrays of references (keys, value
 * summaries, lineages, and the few strings an event carries), instead of an object per event.
 *
 * Why: a traced run makes millions of events, and a ring of objects keeps its newest hundred
 * thousand alive long enough for the garbage collector to copy each one out of the young
 * generation and then sweep it from the old: with the trace on, that was about half of a run's
 * time. In columns, an event's numbers are written in place, and only what has no number form
 * (a key, a summary string, a lineage list) is kept by reference.
 *
 * Each event type has a layout ({@link LAYOUTS}) naming which of its fields go in which column, in
 * its order; {@link TraceColumns.event} builds the event back, field for field. An event's `seq` is
 * not stored: the events held are always consecutive (the ring drops the oldest, a drain takes
 * all), so it is the first one's `seq` plus the event's place.
 */
import { summarize } from './summarize';
import type { TraceEvent } from './trace';
import type { Millis } from './time';

type EventType = TraceEvent['type'];

/**
 * How a field held in a number column is read back: a number; a number or `null`; a number or
 * absent (the event has no such property); a boolean (held as 0 or 1).
 */
type NumberKind = 'number' | 'nullable' | 'optional' | 'boolean';

interface Layout {
  readonly numbers: readonly (readonly [name: string, kind: NumberKind])[];
  /** Fields held by reference: anything not a number (strings, keys, arrays, records). */
  readonly refs: readonly string[];
  /**
   * Which reference holds a record's value, summarized only when the event is built (see
   * {@link TraceColumns.pushRecordEvent}).
   */
  readonly summarized?: number;
}

const NUMBER_COLUMNS = 5;
const REF_COLUMNS = 3;

const WINDOW_BOUNDS = [
  ['start', 'number'],
  ['end', 'number'],
] as const;
const CHECKPOINT = ['checkpoint', 'number'] as const;
const TRANSACTION: Layout = {
  numbers: [
    ['transaction', 'number'],
    ['checkpoint', 'nullable'],
    ['rows', 'number'],
  ],
  refs: [],
};
const TIMER: Layout = { numbers: [['timestamp', 'number']], refs: ['key', 'domain'] };
const ALIGNMENT: Layout = {
  numbers: [CHECKPOINT, ['input', 'number'], ['blocking', 'boolean'], ['records', 'optional']],
  refs: [],
};

/** Every event type's fields, besides `type`, `seq`, `time`, `op` and `subtask`. */
const LAYOUTS: { readonly [T in EventType]: Layout } = {
  arrival: {
    numbers: [
      ['input', 'number'],
      ['record', 'number'],
      ['eventTime', 'nullable'],
    ],
    refs: ['key', 'value'],
    summarized: 1,
  },
  emit: {
    numbers: [
      ['record', 'number'],
      ['eventTime', 'nullable'],
    ],
    refs: ['lineage', 'tag', 'value'],
    summarized: 2,
  },
  watermark: {
    numbers: [
      ['input', 'number'],
      ['watermark', 'number'],
    ],
    refs: [],
  },
  idleness: {
    numbers: [
      ['input', 'number'],
      ['idle', 'boolean'],
    ],
    refs: [],
  },
  'window-created': { numbers: WINDOW_BOUNDS, refs: ['key'] },
  'window-merged': { numbers: WINDOW_BOUNDS, refs: ['key', 'mergedStarts', 'mergedEnds'] },
  'window-fired': {
    numbers: [...WINDOW_BOUNDS, ['index', 'number'], ['isLast', 'boolean'], ['record', 'number']],
    refs: ['key', 'timing', 'field'],
  },
  'window-purged': { numbers: WINDOW_BOUNDS, refs: ['key', 'reason'] },
  late: {
    numbers: [
      ['record', 'number'],
      ['eventTime', 'number'],
      ['watermark', 'number'],
    ],
    refs: ['key', 'outcome'],
  },
  'timer-registered': TIMER,
  'timer-fired': TIMER,
  'state-write': { numbers: [], refs: ['key', 'state', 'value'], summarized: 2 },
  'job-end': { numbers: [['pendingProcessingTimers', 'number']], refs: [] },
  'checkpoint-triggered': { numbers: [CHECKPOINT], refs: ['mode'] },
  barrier: { numbers: [CHECKPOINT, ['input', 'number']], refs: [] },
  'alignment-start': ALIGNMENT,
  'alignment-end': ALIGNMENT,
  snapshot: { numbers: [CHECKPOINT, ['bytes', 'number']], refs: [] },
  'checkpoint-completed': { numbers: [CHECKPOINT, ['bytes', 'number']], refs: [] },
  'checkpoint-aborted': { numbers: [CHECKPOINT], refs: ['reason'] },
  failure: {
    numbers: [
      ['injected', 'boolean'],
      ['restarting', 'boolean'],
    ],
    refs: ['cause', 'record'],
  },
  restart: {
    numbers: [
      ['attempt', 'number'],
      ['checkpoint', 'nullable'],
      ['from', 'number'],
    ],
    refs: [],
  },
  'transaction-opened': TRANSACTION,
  'transaction-pre-committed': TRANSACTION,
  'transaction-committed': TRANSACTION,
  'transaction-aborted': TRANSACTION,
};

/** Event types by their code in the `type` column, and codes by type. */
const TYPES = Object.keys(LAYOUTS) as EventType[];
const CODES = new Map<string, number>(TYPES.map((type, code) => [type, code]));
/** Layouts by code, and each layout's field names and kinds as plain arrays. */
const NAMES_BY_CODE = TYPES.map((type) => LAYOUTS[type].numbers.map(([name]) => name));
const KINDS_BY_CODE = TYPES.map((type) => LAYOUTS[type].numbers.map(([, kind]) => kind));
const REFS_BY_CODE = TYPES.map((type) => LAYOUTS[type].refs);
const SUMMARIZED_BY_CODE = TYPES.map((type) => LAYOUTS[type].summarized ?? -1);

/** The codes of the events a run makes per record and operator. */
export const ARRIVAL = CODES.get('arrival') as number;
export const EMIT = CODES.get('emit') as number;
export const STATE_WRITE = CODES.get('state-write') as number;

/** In `flags`: bit i, number field i is `null`; bit 8 + i, it is absent. */
const ABSENT = 8;
/** In the `subtask` column: the event carries no subtask. */
const NO_SUBTASK = -1;

const FIRST_CAPACITY = 1024;
/** A string this long or shorter is its own summary (see `summarize`), and is held as it is. */
const SHORT_STRING = 120;

type Fields = Record<string, unknown>;

/** A bounded ring of trace events in columns; the oldest are dropped when it is full. */
export class TraceColumns {
  /** How many events are held, and the `seq` of the oldest. */
  size = 0;
  firstSeq = 0;
  private start = 0;
  private capacity = 0;
  /** Whether taking the last slot dropped the oldest event. */
  private dropping = false;
  private type = new Uint8Array(0);
  private time = new Float64Array(0);
  private op = new Uint32Array(0);
  private subtask = new Int32Array(0);
  private flags = new Uint16Array(0);
  private readonly numbers: Float64Array[] = [];
  private readonly refs: unknown[][] = [];
  /** Operator ids, by their code in the `op` column. */
  private readonly ops: string[] = [];
  private readonly opCodes = new Map<string, number>();

  constructor(private readonly limit: number) {
    for (let i = 0; i < NUMBER_COLUMNS; i++) this.numbers.push(new Float64Array(0));
    for (let i = 0; i < REF_COLUMNS; i++) this.refs.push([]);
  }

  /**
   * Holds `event`, numbered `firstSeq + size` and timed `time` (its own `seq` and `time`, if any,
   * are not read), dropping the oldest event if the ring is full. Returns whether one was dropped.
   */
  push(event: Omit<TraceEvent, 'seq' | 'time'>, time: Millis): boolean {
    const slot = this.nextSlot();
    this.write(slot, event as unknown as Fields, time);
    return this.dropping;
  }

  /**
   * Holds an arrival (`code` {@link ARRIVAL}: numbers input, record, event time; references key,
   * value), an emit ({@link EMIT}: numbers record, event time; references lineage, tag, value) or
   * a state write ({@link STATE_WRITE}: references key, state, value, `undefined` when the state
   * was cleared) from its fields, with no event object made; `null` numbers are kept as null. As
   * {@link push}.
   *
   * The `value` is kept as it is when it is a small primitive, and summarized when the event is
   * built: a primitive cannot change meanwhile, so the summary is the one it would have had now,
   * and a run of numbers makes no string per event. Anything else (an object, which the job may
   * still change, or a long string) is summarized now.
   */
  pushRecordEvent(
    code: number,
    time: Millis,
    op: string,
    subtask: number,
    a: number | null,
    b: number | null,
    c: number | null,
    x: unknown,
    y: unknown,
    z: unknown,
  ): boolean {
    const slot = this.nextSlot();
    this.type[slot] = code;
    this.time[slot] = time;
    this.op[slot] = this.opCode(op);
    this.subtask[slot] = subtask;
    const [n0, n1, n2] = this.numbers as [Float64Array, Float64Array, Float64Array];
    let flags = 0;
    if (a === null) flags |= 1;
    else n0[slot] = a;
    if (b === null) flags |= 2;
    else n1[slot] = b;
    if (c === null) flags |= 4;
    else n2[slot] = c;
    this.flags[slot] = flags;
    const [r0, r1, r2] = this.refs as [unknown[], unknown[], unknown[]];
    r0[slot] = x;
    if (code === ARRIVAL) {
      r1[slot] = summaryOrPrimitive(y);
      r2[slot] = undefined;
    } else {
      r1[slot] = y;
      r2[slot] = code === STATE_WRITE && z === undefined ? null : summaryOrPrimitive(z);
    }
    return this.dropping;
  }

  /** The `i`-th event held, oldest first, built anew. */
  event(i: number): TraceEvent {
    let slot = this.start + i;
    if (slot >= this.capacity) slot -= this.capacity;
    const code = this.type[slot] as number;
    const event: Fields = {
      type: TYPES[code],
      seq: this.firstSeq + i,
      time: this.time[slot],
      op: this.ops[this.op[slot] as number],
    };
    const subtask = this.subtask[slot] as number;
    if (subtask !== NO_SUBTASK) event.subtask = subtask;
    const flags = this.flags[slot] as number;
    const names = NAMES_BY_CODE[code] as string[];
    const kinds = KINDS_BY_CODE[code] as NumberKind[];
    for (let f = 0; f < names.length; f++) {
      if ((flags & (1 << (ABSENT + f))) !== 0) continue;
      const name = names[f] as string;
      if ((flags & (1 << f)) !== 0) event[name] = null;
      else {
        const value = (this.numbers[f] as Float64Array)[slot] as number;
        event[name] = kinds[f] === 'boolean' ? value === 1 : value;
      }
    }
    const refs = REFS_BY_CODE[code] as readonly string[];
    const summarized = SUMMARIZED_BY_CODE[code] as number;
    for (let r = 0; r < refs.length; r++) {
      const value = (this.refs[r] as unknown[])[slot];
      // A summary made when the event was recorded comes back the same: it is within the limit.
      // `null` is a state cleared (see `pushRecordEvent`).
      event[refs[r] as string] = r === summarized && value !== null ? summarize(value) : value;
    }
    return event as unknown as TraceEvent;
  }

  /** The events held, oldest first. */
  events(): TraceEvent[] {
    const events = new Array<TraceEvent>(this.size);
    for (let i = 0; i < this.size; i++) events[i] = this.event(i);
    return events;
  }

  /** Drops every event held; the next is numbered after the last. */
  clear(): void {
    this.firstSeq += this.size;
    this.size = 0;
    this.start = 0;
    // Let go of what the events held; the next are written from the front again.
    for (const column of this.refs) column.length = 0;
  }

  /**
   * The slot for the next event: after the newest, or the oldest's when the ring is full (which
   * drops it, and sets {@link dropping}).
   */
  private nextSlot(): number {
    if (this.size === this.limit) {
      const slot = this.start;
      this.start = slot + 1 === this.capacity ? 0 : slot + 1;
      this.firstSeq++;
      this.dropping = true;
      return slot;
    }
    if (this.size === this.capacity) this.grow();
    let slot = this.start + this.size;
    if (slot >= this.capacity) slot -= this.capacity;
    this.size++;
    this.dropping = false;
    return slot;
  }

  private write(slot: number, event: Fields, time: Millis): void {
    const code = CODES.get(event.type as string);
    if (code === undefined) throw new TypeError(`unknown trace event type ${String(event.type)}`);
    this.type[slot] = code;
    this.time[slot] = time;
    this.op[slot] = this.opCode(event.op as string);
    const subtask = event.subtask as number | undefined;
    this.subtask[slot] = subtask === undefined ? NO_SUBTASK : subtask;
    const names = NAMES_BY_CODE[code] as string[];
    const kinds = KINDS_BY_CODE[code] as NumberKind[];
    let flags = 0;
    for (let f = 0; f < names.length; f++) {
      const value = event[names[f] as string];
      if (value === null) flags |= 1 << f;
      else if (value === undefined) flags |= 1 << (ABSENT + f);
      else {
        (this.numbers[f] as Float64Array)[slot] =
          kinds[f] === 'boolean' ? (value === true ? 1 : 0) : (value as number);
      }
    }
    this.flags[slot] = flags;
    const refs = REFS_BY_CODE[code] as readonly string[];
    for (let r = 0; r < REF_COLUMNS; r++) {
      // A slot used again lets go of what the event before held.
      (this.refs[r] as unknown[])[slot] = r < refs.length ? event[refs[r] as string] : undefined;
    }
  }

  private opCode(op: string): number {
    let code = this.opCodes.get(op);
    if (code === undefined) {
      code = this.ops.length;
      this.ops.push(op);
      this.opCodes.set(op, code);
    }
    return code;
  }

  /**
   * Doubles the typed columns, up to the limit. It is only needed while the ring has never been
   * full, so its events start at the front. (The reference columns are arrays, which grow alone.)
   */
  private grow(): void {
    const capacity = Math.min(this.limit, Math.max(FIRST_CAPACITY, 2 * this.capacity));
    this.type = grown(this.type, new Uint8Array(capacity));
    this.time = grown(this.time, new Float64Array(capacity));
    this.op = grown(this.op, new Uint32Array(capacity));
    this.subtask = grown(this.subtask, new Int32Array(capacity));
    this.flags = grown(this.flags, new Uint16Array(capacity));
    for (let i = 0; i < NUMBER_COLUMNS; i++) {
      this.numbers[i] = grown(this.numbers[i] as Float64Array, new Float64Array(capacity));
    }
    this.capacity = capacity;
  }
}

/**
 * `value` itself if it is a primitive that stays small (summarized when its event is built), else
 * its summary now: an object may change; a long string would be held whole rather than cut, and
 * a bigint's text may be as long. `null` is summarized now too: a `null` held stands for a state
 * cleared.
 */
function summaryOrPrimitive(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'symbol':
      return value;
    case 'string':
      return value.length <= SHORT_STRING ? value : summarize(value);
    default:
      return summarize(value);
  }
}

function grown<A extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(
  column: A,
  into: A,
): A {
  into.set(column as never);
  return into;
}
