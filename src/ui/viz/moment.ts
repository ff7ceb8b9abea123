/**
 * A moment of a run: the point every view shows. Processing time alone cannot tell apart what
 * happened at the same instant (a record arrives, the watermark moves, a window fires, all at
 * 600 ms), so a moment also names the last trace event it includes: `seq`. Something happened by
 * a moment when its trace event's `seq` is at most the moment's.
 */
export interface Moment {
  /** Processing time. */
  readonly time: number;
  /** The last trace event included; `Infinity` includes everything up to `time`. */
  readonly seq: number;
}

/** Everything up to processing time `time`. */
export function momentAt(time: number): Moment {
  return { time, seq: Infinity };
}

/** True when an event at (`time`, `seq`) had happened by `at`. */
export function happenedBy(at: Moment, time: number, seq: number): boolean {
  return time < at.time || (time === at.time && seq <= at.seq);
}
