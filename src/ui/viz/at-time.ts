/**
 * The state of a run as of a moment (`moment.ts`): what the scrubber and the steps show. Every
 * question is answered from the folded trace (`TraceModel`), whose lists are in trace order, so
 * "how much had happened by this moment" is a binary search on `seq`, not a scan. A moment's
 * `seq` tells apart what happened at one processing time: a step can show the watermark moving at
 * 600 ms before the window it fires.
 */
import type { Key } from 'streamlab';
import { happenedBy, type Moment } from './moment';
import {
  keyId,
  type OperatorTrace,
  type PaneMark,
  type TimerMark,
  type WindowMark,
} from './trace-model';

/** How many items of `list` (ascending by `time(item)`, a time by default) are at most `t`. */
export function countUntil<T>(
  list: readonly T[],
  t: number,
  time: (item: T) => number = (item) => (item as { time: number }).time,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time(list[mid] as T) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A trace mark: something that happened at processing time `time`, as trace event `seq`. */
interface Traced {
  readonly time: number;
  readonly seq: number;
}

/**
 * How many items of `list` (in trace order) had happened by `at`. `when` reads an item's time and
 * seq, for lists whose marks carry them under other names (a window's creation, a timer's
 * registration).
 */
export function countBy<T>(
  list: readonly T[],
  at: Moment,
  when: (item: T) => Traced = (item) => item as Traced,
): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const { time, seq } = when(list[mid] as T);
    if (happenedBy(at, time, seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of `list` (in trace order) that had happened by `at`. */
export function until<T extends Traced>(list: readonly T[], at: Moment): T[] {
  return list.slice(0, countBy(list, at));
}

/** The operator's own watermark at `at`, or null before its first one. */
export function watermarkAt(trace: OperatorTrace | undefined, at: Moment): number | null {
  if (trace === undefined) return null;
  const n = countBy(trace.watermarks, at);
  return n === 0 ? null : (trace.watermarks[n - 1]?.watermark ?? null);
}

/** True when the operator as a whole was idle at `at`. */
export function idleAt(trace: OperatorTrace | undefined, at: Moment): boolean {
  if (trace === undefined) return false;
  const n = countBy(trace.idleness, at);
  return n > 0 && (trace.idleness[n - 1]?.idle ?? false);
}

/** An operator's counters as of `at`, counted from the trace. */
export interface OperatorCounts {
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly toSideOutputs: number;
  readonly lateAccepted: number;
  readonly lateDropped: number;
  readonly lateSideOutput: number;
  readonly panes: number;
  readonly watermark: number | null;
  readonly idle: boolean;
}

export function countsAt(trace: OperatorTrace | undefined, at: Moment): OperatorCounts {
  if (trace === undefined) {
    return {
      recordsIn: 0,
      recordsOut: 0,
      toSideOutputs: 0,
      lateAccepted: 0,
      lateDropped: 0,
      lateSideOutput: 0,
      panes: 0,
      watermark: null,
      idle: false,
    };
  }
  const emitted = until(trace.emits, at);
  const late = until(trace.late, at);
  const sideOut = emitted.filter((e) => e.tag !== null).length;
  return {
    recordsIn: countBy(trace.arrivals, at),
    recordsOut: emitted.length - sideOut,
    toSideOutputs: sideOut,
    lateAccepted: late.filter((r) => r.fate === 'late').length,
    lateDropped: late.filter((r) => r.fate === 'dropped').length,
    lateSideOutput: late.filter((r) => r.fate === 'side-output').length,
    panes: countBy(trace.panes, at),
    watermark: watermarkAt(trace, at),
    idle: idleAt(trace, at),
  };
}

/** A window as it stood at `at`: the panes it had fired by then and whether it still lived. */
export interface WindowAt {
  readonly window: WindowMark;
  readonly panes: readonly PaneMark[];
  readonly live: boolean;
}

/** The windows opened by `at`, each with the panes fired by then. */
export function windowsAt(trace: OperatorTrace | undefined, at: Moment): WindowAt[] {
  if (trace === undefined) return [];
  const opened = trace.windows.slice(
    0,
    countBy(trace.windows, at, (w) => ({ time: w.created, seq: w.createdSeq })),
  );
  return opened.map((window) => ({
    window,
    panes: until(window.panes, at),
    live:
      window.closed === null ||
      window.closedSeq === null ||
      !happenedBy(at, window.closed, window.closedSeq),
  }));
}

/** A window still held at `at`, with how many elements it held then. */
export interface PendingWindow {
  readonly window: WindowMark;
  readonly elements: number;
  readonly panes: readonly PaneMark[];
}

/**
 * The windows an operator held at `at`, with their element counts. An element counts for a window
 * of its key when it arrived while the window lived and falls into it: by event time, or by
 * arrival for processing-time windows. Late elements that were dropped never count.
 */
export function pendingWindowsAt(trace: OperatorTrace | undefined, at: Moment): PendingWindow[] {
  const pending = windowsAt(trace, at).filter((w) => w.live);
  if (trace === undefined || pending.length === 0) return [];
  const counts = new Map<WindowMark, number>();
  const byKey = new Map<string, WindowMark[]>();
  let fromSeq = Infinity;
  for (const { window } of pending) {
    counts.set(window, 0);
    const id = keyId(window.key);
    byKey.set(id, [...(byKey.get(id) ?? []), window]);
    fromSeq = Math.min(fromSeq, window.fromSeq);
  }
  const arrivals = trace.arrivals;
  const end = countBy(arrivals, at);
  const start = countUntil(arrivals, fromSeq - 1, (a) => a.seq);
  for (let i = start; i < end; i++) {
    const arrival = arrivals[i];
    if (arrival === undefined || arrival.fate === 'dropped' || arrival.fate === 'side-output') {
      continue;
    }
    for (const window of byKey.get(keyId(arrival.key)) ?? []) {
      if (arrival.seq < window.fromSeq) continue;
      const at = window.domain === 'processing-time' ? arrival.time : arrival.eventTime;
      if (at !== null && at >= window.start && at < window.end) {
        counts.set(window, (counts.get(window) ?? 0) + 1);
      }
    }
  }
  return pending.map(({ window, panes }) => ({
    window,
    panes,
    elements: counts.get(window) ?? 0,
  }));
}

/** Timers registered by `at` that had not fired by then. */
export function pendingTimersAt(trace: OperatorTrace | undefined, at: Moment): TimerMark[] {
  if (trace === undefined) return [];
  return trace.timers
    .slice(
      0,
      countBy(trace.timers, at, (timer) => ({ time: timer.registered, seq: timer.registeredSeq })),
    )
    .filter(
      (timer) =>
        timer.fired === null ||
        timer.firedSeq === null ||
        !happenedBy(at, timer.fired, timer.firedSeq),
    );
}

/** Keyed state at `at`: per key, each state's latest summary (cleared states left out). */
export interface KeyState {
  readonly key: Key | null;
  readonly states: ReadonlyMap<string, string>;
}

export function stateAt(trace: OperatorTrace | undefined, at: Moment): KeyState[] {
  if (trace === undefined) return [];
  const byKey = new Map<string, { key: Key | null; states: Map<string, string> }>();
  for (const write of until(trace.stateWrites, at)) {
    const id = keyId(write.key);
    let entry = byKey.get(id);
    if (entry === undefined) byKey.set(id, (entry = { key: write.key, states: new Map() }));
    if (write.value === null) entry.states.delete(write.state);
    else entry.states.set(write.state, write.value);
  }
  return [...byKey.values()].filter((entry) => entry.states.size > 0);
}

/** What an operator held for one key at a moment: keyed state, windows waiting, timers set. */
export interface KeyHeld {
  readonly key: Key | null;
  readonly states: [string, string][];
  readonly windows: PendingWindow[];
  readonly timers: TimerMark[];
}

/** Everything an operator held at `at`, per key (in first-seen order), and its watermark. */
export function heldAt(
  trace: OperatorTrace | undefined,
  at: Moment,
): { rows: KeyHeld[]; watermark: number | null } {
  const rows = new Map<string, KeyHeld>();
  const row = (key: Key | null) => {
    const id = keyId(key);
    let found = rows.get(id);
    if (found === undefined) rows.set(id, (found = { key, states: [], windows: [], timers: [] }));
    return found;
  };
  for (const entry of stateAt(trace, at)) row(entry.key).states.push(...entry.states);
  for (const w of pendingWindowsAt(trace, at)) row(w.window.key).windows.push(w);
  for (const timer of pendingTimersAt(trace, at)) row(timer.key).timers.push(timer);
  return { rows: [...rows.values()], watermark: watermarkAt(trace, at) };
}
