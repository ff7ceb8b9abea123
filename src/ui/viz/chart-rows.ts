/**
 * The event-time chart's vertical layout: one row per key (or one for all), each a small
 * event time × processing time picture with a strip under it where the key's windows are drawn
 * as bars over their event-time spans.
 */
import type { Key } from 'streamlab';
import type { WindowAt } from './at-time';
import type { PaneMark, RecordMark } from './trace-model';

/** Rows shorter than this are unreadable: with more keys than fit, they share one row. */
export const MIN_ROW_HEIGHT = 96;
/** At most this many rows, however tall the chart. */
export const MAX_ROWS = 8;
/** Space between two rows, for the next row's key label (at the normal text size). */
export const ROW_GAP = 18;
/** Height of one window track in a row's strip, and the strip's most. */
export const TRACK_HEIGHT = 7;
export const MAX_STRIP = 36;

export interface RowLayout {
  /** Height of each row's time area (the processing-time axis spans it). */
  readonly plotHeight: number;
  /** Height of the window strip under each row's time area. */
  readonly stripHeight: number;
  /** Height of one window track in the strip. */
  readonly trackHeight: number;
  /** Top of row `i`'s time area. */
  top(i: number): number;
}

/** How many key rows fit in `height` pixels. */
export function rowsThatFit(height: number, gap = ROW_GAP): number {
  return Math.max(1, Math.min(MAX_ROWS, Math.floor((height + gap) / (MIN_ROW_HEIGHT + gap))));
}

/** Lays `rows` rows, each with a strip of `tracks` window tracks, into `height` pixels. */
export function layRows(rows: number, tracks: number, height: number, gap = ROW_GAP): RowLayout {
  const n = Math.max(1, rows);
  const trackHeight = tracks <= 0 ? 0 : Math.max(2, Math.min(TRACK_HEIGHT, MAX_STRIP / tracks));
  const stripHeight = tracks <= 0 ? 0 : Math.ceil(trackHeight * tracks) + 4;
  const rowHeight = Math.max(0, (height - gap * (n - 1)) / n);
  const plotHeight = Math.max(0, rowHeight - stripHeight);
  return {
    plotHeight,
    stripHeight,
    trackHeight,
    top: (i) => i * (rowHeight + gap),
  };
}

/**
 * A lookup from a record's key to its row. Keys are compared as Map keys (SameValueZero), which
 * keeps `1` and `"1"` apart without building a string per record.
 */
export function rowIndex(rows: readonly (Key | null)[]): (key: Key | null) => number {
  if (rows.length <= 1) return () => 0;
  const index = new Map<Key | null, number>(rows.map((key, i) => [key, i]));
  return (key) => index.get(key) ?? 0;
}

/** A window placed in its row's strip: `track` keeps overlapping windows (sliding) apart. */
export interface PlacedWindow {
  readonly at: WindowAt;
  readonly track: number;
}

/**
 * Tracks for windows drawn as bars under the records: a window goes to the first track whose
 * last window ended by its start, so overlapping windows (sliding, or sessions of different
 * keys sharing a row) sit on separate tracks and non-overlapping ones share the first.
 */
export function placeWindows(windows: readonly WindowAt[]): {
  placed: PlacedWindow[];
  tracks: number;
} {
  const sorted = [...windows].sort(
    (a, b) => a.window.start - b.window.start || a.window.end - b.window.end,
  );
  const ends: number[] = [];
  const placed = sorted.map((at) => {
    let track = ends.findIndex((end) => end <= at.window.start);
    if (track === -1) track = ends.push(at.window.end) - 1;
    else ends[track] = at.window.end;
    return { at, track };
  });
  return { placed, tracks: ends.length };
}

/**
 * Each row's windows placed on tracks (see `placeWindows`). A span seen twice in a row (another
 * key's window in a shared row, or a window made anew after a purge) is one bar: open while any
 * of them is, fired once any has.
 */
export function windowStrips(
  windows: readonly WindowAt[],
  rows: number,
  rowOf: (key: Key | null) => number,
): { placed: PlacedWindow[]; tracks: number }[] {
  const byRow = Array.from({ length: rows }, () => new Map<string, WindowAt>());
  for (const w of windows) {
    const spans = byRow[rowOf(w.window.key)];
    if (spans === undefined) continue;
    const id = `${w.window.start}|${w.window.end}`;
    const other = spans.get(id);
    if (other === undefined) spans.set(id, w);
    else if ((w.live && !other.live) || (w.panes.length > 0 && other.panes.length === 0)) {
      spans.set(id, {
        window: w.window,
        live: w.live || other.live,
        panes: w.panes.length > 0 ? w.panes : other.panes,
      });
    }
  }
  return byRow.map((spans) => placeWindows([...spans.values()]));
}

/** A pane's box, placed. */
export interface PlacedPane {
  readonly pane: PaneMark;
  readonly row: number;
  /** Panes the box stands for: in a row several keys share, one window's panes that fire together. */
  readonly count: number;
  /** Place in a stack of boxes that fired together over overlapping windows, from 0. */
  readonly lift: number;
  /** How many boxes that stack has. */
  readonly stack: number;
}

/**
 * Boxes for panes. In a row that several keys share (`perKey` false), the panes of one window
 * that fire together are one box that says how many; boxes that fire together over overlapping
 * windows (sliding, or sessions of different keys) are stacked, and the stack is centred on the
 * moment they fired, so none leaves its row.
 */
export function stackPanes(
  panes: readonly PaneMark[],
  rowOf: (key: Key | null) => number,
  perKey: boolean,
): PlacedPane[] {
  const counts = new Map<string, number>();
  const firsts: PaneMark[] = [];
  for (const p of panes) {
    const id = `${rowOf(p.key)}|${p.start}|${p.end}|${p.time}`;
    const n = counts.get(id) ?? 0;
    counts.set(id, n + 1);
    if (n === 0 || perKey) firsts.push(p);
  }
  const together = new Map<string, PaneMark[]>();
  const placed = firsts.map((pane) => {
    const row = rowOf(pane.key);
    const id = `${row}|${pane.time}`;
    let earlier = together.get(id);
    if (earlier === undefined) together.set(id, (earlier = []));
    const lift = earlier.filter((o) => o.start < pane.end && pane.start < o.end).length;
    earlier.push(pane);
    const count = perKey ? 1 : (counts.get(`${row}|${pane.start}|${pane.end}|${pane.time}`) ?? 1);
    return { pane, row, count, lift };
  });
  const stacks = new Map<string, number>();
  for (const p of placed) {
    const id = `${p.row}|${p.pane.time}`;
    stacks.set(id, Math.max(stacks.get(id) ?? 0, p.lift + 1));
  }
  return placed.map((p) => ({ ...p, stack: stacks.get(`${p.row}|${p.pane.time}`) ?? 1 }));
}

/**
 * Records split into those on time and those whose fate changed (late, dropped, sent aside),
 * which are drawn above the rest. `late` is the operator's list of the latter, in order.
 */
export function splitByFate(
  records: readonly RecordMark[],
  late: readonly RecordMark[],
): { onTime: readonly RecordMark[]; offTime: RecordMark[] } {
  const lastSeq = records.at(-1)?.seq ?? -1;
  const ids = new Set<number>();
  for (const r of late) if (r.seq <= lastSeq) ids.add(r.id);
  if (ids.size === 0) return { onTime: records, offTime: [] };
  return {
    onTime: records.filter((r) => !ids.has(r.id)),
    offTime: records.filter((r) => ids.has(r.id)),
  };
}
