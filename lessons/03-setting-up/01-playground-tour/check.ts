// Grades a run of "A tour of the playground" by the windows that reached 'hottest': which
// readings each one holds, what it reported, and when it fired.
import {
  pipelineProblem,
  resultsByWindow,
  windowHolds,
  formatRecord,
  formatSeconds,
  hasFields,
  sameRecord,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline, WindowBounds } from 'streamlab';

interface Reading {
  sensor: string;
  timestamp: number;
  celsius: number;
}

// The readings the starter program sends, in arrival order, one a second. Two pairs are 1 s out
// of order, which a 1 s bound already tolerates; boiler-2's 91.5 °C, taken at 9 s, arrives after
// the reading taken at 12 s, 3 s out of order. A bound under 3 s drops it, and with it the
// hottest reading of [5 s, 10 s); a bound over 3 s keeps it but makes every window fire later.
const READINGS: Reading[] = [
  { sensor: 'boiler-1', timestamp: 0, celsius: 71.0 },
  { sensor: 'boiler-2', timestamp: 1000, celsius: 72.5 },
  { sensor: 'boiler-1', timestamp: 3000, celsius: 74.0 },
  { sensor: 'boiler-3', timestamp: 2000, celsius: 73.0 },
  { sensor: 'boiler-2', timestamp: 4000, celsius: 76.5 },
  { sensor: 'boiler-3', timestamp: 5000, celsius: 78.0 },
  { sensor: 'boiler-1', timestamp: 6000, celsius: 80.5 },
  { sensor: 'boiler-3', timestamp: 7000, celsius: 83.0 },
  { sensor: 'boiler-1', timestamp: 8000, celsius: 84.5 },
  { sensor: 'boiler-3', timestamp: 10000, celsius: 82.0 },
  { sensor: 'boiler-1', timestamp: 11000, celsius: 81.0 },
  { sensor: 'boiler-3', timestamp: 12000, celsius: 79.5 },
  { sensor: 'boiler-2', timestamp: 9000, celsius: 91.5 },
  { sensor: 'boiler-1', timestamp: 13000, celsius: 78.0 },
  { sensor: 'boiler-2', timestamp: 15000, celsius: 77.5 },
  { sensor: 'boiler-3', timestamp: 14000, celsius: 76.0 },
  { sensor: 'boiler-1', timestamp: 16000, celsius: 75.5 },
  { sensor: 'boiler-2', timestamp: 17000, celsius: 75.0 },
  { sensor: 'boiler-3', timestamp: 18000, celsius: 74.0 },
  { sensor: 'boiler-1', timestamp: 19000, celsius: 73.5 },
];

const SINK = 'hottest';
const SIZE = 5000;
/** Reading i arrives at i × ARRIVAL ms of processing time. */
const ARRIVAL = 1000;
/** The smallest bound that keeps every reading: how far out of order the latest one arrives. */
const BOUND = 3000;
const LAST_ARRIVAL = (READINGS.length - 1) * ARRIVAL;

interface Expected {
  readonly start: number;
  readonly end: number;
  readonly hottest: Reading;
  /** When the window fires with BOUND: when a reading at end + BOUND or later arrives. */
  readonly firesAt: number;
}

const EXPECTED: Expected[] = [0, 5000, 10000, 15000].map((start) => {
  const end = start + SIZE;
  const inside = READINGS.filter((r) => windowHolds({ start, end }, r.timestamp));
  const hottest = inside.reduce((a, b) => (b.celsius > a.celsius ? b : a));
  const trigger = READINGS.findIndex((r) => r.timestamp >= end + BOUND);
  return { start, end, hottest, firesAt: trigger === -1 ? LAST_ARRIVAL : trigger * ARRIVAL };
});

const fail = (message: string): CheckResult => ({ pass: false, message });
const span = (w: WindowBounds) => windowLabel(w, { unit: 's' });
const describe = (r: Reading) => `${r.sensor} at ${formatSeconds(r.timestamp)} (${r.celsius} °C)`;

const PIPELINE: LessonPipeline<Reading> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'each result must come from the readings of its window.',
  input: {
    records: READINGS,
    noun: 'reading',
    counted: 'twenty readings',
    describe,
    restore:
      'The bug is not in the data: put the readings back as the starter had them (Reset to starter brings them back) and find the bug with the views.',
    readOnly:
      'The dashboard must be computed from the readings, not written into a source: read only the readings.',
  },
};

/** A reported value: in the words of a reading when it is one. */
const reading = (v: unknown) =>
  hasFields(v) &&
  typeof v.sensor === 'string' &&
  typeof v.timestamp === 'number' &&
  typeof v.celsius === 'number'
    ? describe(v as unknown as Reading)
    : formatRecord(v);

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];

  // The readings behind each result, and the windows they fell into.
  const origins = run.origins[SINK] ?? [];
  const behind = (i: number) =>
    (origins[i] ?? []).map((at) => READINGS[at]).filter((r): r is Reading => r !== undefined);
  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) {
      return fail(
        `The result ${formatRecord(row.value)} did not come from a window. Keep .windowAll(TumblingEventTimeWindows.of(Time.seconds(5))) before .maxBy('celsius').`,
      );
    }
    const outside = behind(i).find((r) => !windowHolds(window, r.timestamp));
    if (outside !== undefined) {
      return fail(
        `The reading ${describe(outside)} was put in the window ${span(window)}, which does not hold that time: the windows are cut by arrival (processing time). Keep TumblingEventTimeWindows, which cuts windows by each reading's timestamp.`,
      );
    }
    if (window.end - window.start !== SIZE || window.start % SIZE !== 0) {
      return fail(
        `A result came from the window ${span(window)}; the dashboard shows 5-second windows, [0 s, 5 s), [5 s, 10 s) and so on. Keep TumblingEventTimeWindows.of(Time.seconds(5)).`,
      );
    }
  }

  // The readings arrive one a second: the last window fires when the input ends, at 19 s.
  const end = Math.max(...rows.map((r) => r.processingTime));
  if (end !== LAST_ARRIVAL) {
    return fail(
      `The input ended at ${formatSeconds(end)} of processing time, not at ${formatSeconds(LAST_ARRIVAL)}: keep the readings arriving one a second, with { arrivalIntervalMs: 1000 }.`,
    );
  }

  // Every firing of each window, in order.
  const firings = resultsByWindow(rows);
  const firstFiring = (w: WindowBounds) => {
    const at = firings.get(windowLabel(w))?.[0];
    return at === undefined ? undefined : rows[at];
  };
  for (const at of firings.values()) {
    const panes = at.map((i) => rows[i]).filter((row) => row !== undefined);
    const window = panes[0]?.window as WindowBounds;
    if (panes.length > 1) {
      return fail(
        `The window ${span(window)} reported ${panes.length} times: ${panes.map((p) => reading(p.value)).join(', then ')}. A late reading made it fire again, so the dashboard showed a wrong value first. Leave allowed lateness out and make the watermark's bound wide enough for the window to wait for that reading.`,
      );
    }
  }

  // Readings that reached no window: late, after their window had fired.
  const counted = new Set(origins.flat());
  const lost = READINGS.filter((_, at) => !counted.has(at));
  if (lost.length > 0) {
    const first = lost[0] as Reading;
    const window = EXPECTED.find((w) => windowHolds(w, first.timestamp));
    const reported = window === undefined ? undefined : firstFiring(window)?.value;
    const wrong =
      window !== undefined && reported !== undefined && !sameRecord(reported, window.hottest)
        ? `, so the window ${span(window)} reported ${reading(reported)} instead`
        : '';
    const others = lost.length > 1 ? ` (and ${lost.length - 1} more)` : '';
    return fail(
      `The reading ${describe(first)}${others} was dropped as late${wrong}. Find it on the Event time chart (late, dropped) and see which readings, taken how much later, arrived before it: the watermark's bound must cover that much disorder.`,
    );
  }

  for (const want of EXPECTED) {
    const row = firstFiring(want);
    if (row === undefined) {
      return fail(
        `The window ${span(want)} reported nothing; it should report its hottest reading.`,
      );
    }
    if (!sameRecord(row.value, want.hottest)) {
      return fail(
        `The window ${span(want)} reported ${reading(row.value)}, but its hottest reading is ${describe(want.hottest)}. Keep .maxBy('celsius'), which reports the hottest reading whole.`,
      );
    }
  }

  const firedAt = (w: WindowBounds) => firstFiring(w)?.processingTime ?? 0;
  const slow = EXPECTED.filter((w) => firedAt(w) > w.firesAt);
  if (slow.length > 0) {
    const w = slow[0] as Expected;
    if (EXPECTED.every((e) => firedAt(e) === LAST_ARRIVAL)) {
      return fail(
        `Every window is right, but they all reported only when the input ended, at ${formatSeconds(LAST_ARRIVAL)}: the watermark never moved while readings arrived. Use forBoundedOutOfOrderness with a bound just wide enough to keep every reading.`,
      );
    }
    return fail(
      `Every reading was counted, but the window ${span(w)} reported at ${formatSeconds(firedAt(w))} of processing time; it could have reported at ${formatSeconds(w.firesAt)}. The bound is larger than it needs to be, and every window waits for it: use the smallest whole number of seconds that keeps every reading.`,
    );
  }

  return {
    pass: true,
    message: `Every reading counted: ${EXPECTED.map((w) => `${span(w)} ${w.hottest.celsius} °C`).join(', ')}, each reported as soon as the watermark allows.`,
  };
}
