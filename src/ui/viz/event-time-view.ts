/**
 * What the event time × processing time chart shows for one operator at processing time `t`: the
 * records that had reached it, its watermark so far, its windows and the panes they had fired.
 * Extents cover the whole run, so the axes hold still while the learner scrubs.
 */
import type { JobGraph, Key } from 'streamlab';
import { countBy, until, windowsAt, type WindowAt } from './at-time';
import { momentAt, type Moment } from './moment';
import {
  keyId,
  type MergeMark,
  type OperatorTrace,
  type TimerMark,
  type PaneMark,
  type RecordMark,
  type TraceModel,
  type WatermarkMark,
} from './trace-model';

export interface EventTimeView {
  readonly records: readonly RecordMark[];
  /**
   * The watermark to draw: the operator's, or with a key chosen on an operator running in
   * parallel, that of the subtask holding the key.
   */
  readonly watermarks: readonly WatermarkMark[];
  /**
   * For an operator running in parallel: each subtask's watermark so far, and the subtask of each
   * key (by `keyId`), so that each key's row draws the watermark its windows actually see.
   * Empty at parallelism 1.
   */
  readonly subtaskWatermarks: ReadonlyMap<number, readonly WatermarkMark[]>;
  readonly keySubtasks: ReadonlyMap<string, number>;
  /**
   * Each key's windows with finite bounds (a global window has no place on the event-time axis),
   * as the engine held them: session windows merged away by then are gone, the merged one is in.
   */
  readonly windows: readonly WindowAt[];
  /** Session merges so far. */
  readonly merges: readonly MergeMark[];
  /** A process function's timers registered so far (a window operator's timers are its panes). */
  readonly timers: readonly TimerMark[];
  readonly panes: readonly PaneMark[];
  /** Records that arrived without an event time (no timestamp assigner): they have no place here. */
  readonly timeless: number;
  /** Every key seen at the operator in the whole run, in first-seen order. */
  readonly keys: readonly (Key | null)[];
  readonly eventExtent: readonly [number, number];
  readonly timeExtent: readonly [number, number];
  /**
   * The operator's records whose fate changed after they arrived (late, dropped, side output),
   * in order, for the whole run: a drawing that kept earlier records can tell whether one of
   * them changed since.
   */
  readonly late: readonly RecordMark[];
}

const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The smallest "round" span (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) that
 * holds `span`. A live chart's axes grow by these steps, so they hold still for many frames
 * while a run plays: the marks stay put, and a frame only has to draw what is new.
 */
export function stepUp(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return span;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  for (const step of STEPS) {
    if (step * magnitude >= span) return step * magnitude;
  }
  return 10 * magnitude;
}

/** Watermarks and windows at these bounds mean "before everything" or "after everything". */
export const isBounded = (ms: number) =>
  ms > Number.MIN_SAFE_INTEGER && ms < Number.MAX_SAFE_INTEGER;

interface ArrivalsSeen {
  folded: number;
  lo: number;
  hi: number;
  /** Arrivals without an event time. */
  timeless: number;
  readonly keys: Map<string, Key | null>;
}

const seenCache = new WeakMap<OperatorTrace, ArrivalsSeen>();

/**
 * The event-time extent and the keys of an operator's arrivals, folded incrementally: a playing
 * run asks every frame, and its arrivals only grow.
 */
export function arrivalsSeen(trace: OperatorTrace): Readonly<ArrivalsSeen> {
  let seen = seenCache.get(trace);
  if (seen === undefined || seen.folded > trace.arrivals.length) {
    seen = { folded: 0, lo: Infinity, hi: -Infinity, timeless: 0, keys: new Map() };
    seenCache.set(trace, seen);
  }
  for (let i = seen.folded; i < trace.arrivals.length; i++) {
    const arrival = trace.arrivals[i] as RecordMark;
    const id = keyId(arrival.key);
    if (!seen.keys.has(id)) seen.keys.set(id, arrival.key);
    const et = arrival.eventTime;
    if (et === null) {
      seen.timeless++;
      continue;
    }
    if (et < seen.lo) seen.lo = et;
    if (et > seen.hi) seen.hi = et;
  }
  seen.folded = trace.arrivals.length;
  return seen;
}

/**
 * The operator a chart starts on: the first window operator (where event time matters most), else
 * the first interval join, else the first operator that saw records with event time.
 */
export function defaultFocus(graph: JobGraph | undefined, model: TraceModel): string | undefined {
  const ops = graph?.operators ?? [];
  return (
    ops.find((op) => op.kind === 'window')?.id ??
    ops.find((op) => op.kind === 'interval-join')?.id ??
    ops.find((op) => model.operators.get(op.id)?.arrivals.some((a) => a.eventTime !== null))?.id ??
    ops[0]?.id
  );
}

/** The chart's content for operator `op` at `at`, keeping only key `key` when one is given. */
export function eventTimeView(
  model: TraceModel,
  op: string | undefined,
  at: Moment,
  key: string | null,
): EventTimeView {
  const trace = op === undefined ? undefined : model.operators.get(op);
  if (trace === undefined) {
    return {
      records: [],
      watermarks: [],
      subtaskWatermarks: new Map(),
      keySubtasks: new Map(),
      windows: [],
      merges: [],
      timers: [],
      panes: [],
      timeless: 0,
      keys: [],
      eventExtent: [0, 1000],
      timeExtent: [0, Math.max(1000, model.endTime)],
      late: [],
    };
  }
  const matches = (k: Key | null) => key === null || keyId(k) === key;
  const seen = arrivalsSeen(trace);
  let { lo, hi } = seen;
  const windows = windowsAt(trace, momentAt(Infinity)).filter(
    (w) => isBounded(w.window.start) && isBounded(w.window.end),
  );
  for (const { window } of windows) {
    lo = Math.min(lo, window.start);
    hi = Math.max(hi, window.end);
  }
  if (lo > hi) [lo, hi] = [0, 1000];
  if (lo === hi) [lo, hi] = [lo - 500, hi + 500];

  // Asked every frame of a playing run: without a key filter or timeless records, the records
  // are just the arrivals so far, with no pass over them.
  const sofar = trace.arrivals.slice(0, countBy(trace.arrivals, at));
  const arrived = key === null ? sofar : sofar.filter((r) => matches(r.key));
  const records = seen.timeless === 0 ? arrived : arrived.filter((r) => r.eventTime !== null);
  const parallel = trace.keySubtasks.size > 0 || trace.subtasks.size > 1;
  const subtaskWatermarks = new Map<number, readonly WatermarkMark[]>();
  if (parallel) {
    for (const [subtask, { combined }] of trace.subtasks) {
      subtaskWatermarks.set(subtask, until(combined, at));
    }
  }
  const keySubtask = key === null ? undefined : trace.keySubtasks.get(key);
  return {
    records,
    timeless: arrived.length - records.length,
    watermarks:
      keySubtask === undefined
        ? until(trace.watermarks, at)
        : (subtaskWatermarks.get(keySubtask) ?? []),
    subtaskWatermarks,
    keySubtasks: parallel ? trace.keySubtasks : new Map(),
    windows: windowsAt(trace, at).filter(
      (w) =>
        isBounded(w.window.start) &&
        isBounded(w.window.end) &&
        matches(w.window.key) &&
        !(w.window.closedBy === 'merged' && !w.live),
    ),
    merges: until(trace.merges, at).filter((m) => matches(m.key)),
    timers:
      trace.windows.length > 0
        ? []
        : trace.timers
            .slice(
              0,
              countBy(trace.timers, at, (timer) => ({
                time: timer.registered,
                seq: timer.registeredSeq,
              })),
            )
            .filter((timer) => matches(timer.key) && isBounded(timer.timestamp)),
    panes: until(trace.panes, at).filter(
      (p) => isBounded(p.start) && isBounded(p.end) && matches(p.key),
    ),
    keys: [...seen.keys.values()],
    eventExtent: [lo, hi],
    timeExtent: [0, Math.max(model.endTime, 1)],
    late: trace.late,
  };
}

/**
 * The rows of the picture. With several keys, one row per key (small multiples, as the Streaming
 * Systems figures are drawn per key), while they fit: `room` rows at the most. Otherwise one row
 * for all keys together. `null` in the list stands for that shared row (or for a stream without
 * keys).
 */
export function keyRows(keys: readonly (Key | null)[], room: number): readonly (Key | null)[] {
  return keys.length > 1 && keys.length <= room ? keys : [null];
}

/** Whether two lists of rows hold the same keys, in the same order. */
export function sameKeys(a: readonly (Key | null)[], b: readonly (Key | null)[]): boolean {
  return a.length === b.length && a.every((k, i) => keyId(k) === keyId(b[i] ?? null));
}

/** How many windows the engine had: one per key and bounds, merged-away sessions not counted. */
export function windowCount(windows: readonly WindowAt[]): number {
  return new Set(windows.map((w) => `${keyId(w.window.key)}|${w.window.start}|${w.window.end}`))
    .size;
}
