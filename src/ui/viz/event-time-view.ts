/**
 * What the event time × processing time chart shows for one operator at processing time `t`: the
 * records that had reached it, its watermark so far, its windows and the panes they had fired.
 * Extents cover the whole run, so the axes hold still while the learner scrubs.
 */
import type { JobGraph, Key } from 'streamlab';
import { countUntil, until, windowsAt, type WindowAt } from './at-time';
import {
  keyId,
  type OperatorTrace,
  type PaneMark,
  type RecordMark,
  type TraceModel,
  type WatermarkMark,
} from './trace-model';

export interface EventTimeView {
  readonly records: readonly RecordMark[];
  readonly watermarks: readonly WatermarkMark[];
  /** Windows with finite bounds (a global window has no place on the event-time axis). */
  readonly windows: readonly WindowAt[];
  readonly panes: readonly PaneMark[];
  /** Records that arrived without an event time (no timestamp assigner): they have no place here. */
  readonly timeless: number;
  /** Every key seen at the operator in the whole run, in first-seen order. */
  readonly keys: readonly (Key | null)[];
  readonly eventExtent: readonly [number, number];
  readonly timeExtent: readonly [number, number];
}

/** Watermarks and windows at these bounds mean "before everything" or "after everything". */
export const isBounded = (ms: number) =>
  ms > Number.MIN_SAFE_INTEGER && ms < Number.MAX_SAFE_INTEGER;

interface ArrivalsSeen {
  folded: number;
  lo: number;
  hi: number;
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
    seen = { folded: 0, lo: Infinity, hi: -Infinity, keys: new Map() };
    seenCache.set(trace, seen);
  }
  for (let i = seen.folded; i < trace.arrivals.length; i++) {
    const arrival = trace.arrivals[i] as RecordMark;
    const id = keyId(arrival.key);
    if (!seen.keys.has(id)) seen.keys.set(id, arrival.key);
    const et = arrival.eventTime;
    if (et === null) continue;
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

/** The chart's content for operator `op` at `t`, keeping only key `key` when one is given. */
export function eventTimeView(
  model: TraceModel,
  op: string | undefined,
  t: number,
  key: string | null,
): EventTimeView {
  const trace = op === undefined ? undefined : model.operators.get(op);
  if (trace === undefined) {
    return {
      records: [],
      watermarks: [],
      windows: [],
      panes: [],
      timeless: 0,
      keys: [],
      eventExtent: [0, 1000],
      timeExtent: [0, Math.max(1000, model.endTime)],
    };
  }
  const matches = (k: Key | null) => key === null || keyId(k) === key;
  const seen = arrivalsSeen(trace);
  let { lo, hi } = seen;
  const windows = windowsAt(trace, Infinity).filter(
    (w) => isBounded(w.window.start) && isBounded(w.window.end),
  );
  for (const { window } of windows) {
    lo = Math.min(lo, window.start);
    hi = Math.max(hi, window.end);
  }
  if (lo > hi) [lo, hi] = [0, 1000];
  if (lo === hi) [lo, hi] = [lo - 500, hi + 500];

  const arrived = trace.arrivals
    .slice(0, countUntil(trace.arrivals, t))
    .filter((r) => matches(r.key));
  const records = arrived.filter((r) => r.eventTime !== null);
  return {
    records,
    timeless: arrived.length - records.length,
    watermarks: until(trace.watermarks, t),
    windows: windowsAt(trace, t).filter(
      (w) => isBounded(w.window.start) && isBounded(w.window.end) && matches(w.window.key),
    ),
    panes: until(trace.panes, t).filter(
      (p) => isBounded(p.start) && isBounded(p.end) && matches(p.key),
    ),
    keys: [...seen.keys.values()],
    eventExtent: [lo, hi],
    timeExtent: [0, Math.max(model.endTime, 1)],
  };
}

/** A window's column on the event-time axis, shared by the keys that have that window. */
export interface WindowColumn {
  readonly start: number;
  readonly end: number;
  /** Some key's window with these bounds still lived. */
  readonly live: boolean;
  /** Some key's window with these bounds had fired. */
  readonly fired: boolean;
}

/** Each window's column once, however many keys it has, in event-time order. */
export function windowColumns(windows: readonly WindowAt[]): WindowColumn[] {
  const byBounds = new Map<string, { start: number; end: number; live: boolean; fired: boolean }>();
  for (const w of windows) {
    const id = `${w.window.start}|${w.window.end}`;
    const column = byBounds.get(id) ?? {
      start: w.window.start,
      end: w.window.end,
      live: false,
      fired: false,
    };
    column.live ||= w.live;
    column.fired ||= w.panes.length > 0;
    byBounds.set(id, column);
  }
  return [...byBounds.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
