// Grades a run of "Watermarks and out-of-order data" by the counts that reached 'counts': which
// readings each window counted, which were dropped as late, and when each window fired. From when
// the windows fired, it works out which out-of-orderness bounds would have fired them just then,
// so that it can say whether the learner's bound is too small, too large or right.
import {
  lateRecordsDropped,
  pipelineProblem,
  tumblingWindowOf,
  formatRecord,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, CollectedRecord, LessonPipeline } from 'streamlab';

interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}

// The readings the starter program sends, in the same order. Three arrive late: boiler-1's at
// 4000 ms (1000 ms behind the 5000 ms reading before it), boiler-2's at 4500 ms (2000 ms behind
// 6500 ms) and boiler-2's at 9500 ms (1000 ms behind 10500 ms). Readings arrive 100 ms apart and
// watermarks are emitted every 200 ms, so a window fires at the 200 ms tick after the reading that
// moves the watermark past its end. With that, no watermarks (forMonotonousTimestamps), a bound of
// a few milliseconds, a bound of one second, two seconds and three seconds all drop different
// readings or fire the windows at different times.
const READINGS: Reading[] = [
  { sensor: 'boiler-1', ts: 1000, celsius: 71.0 },
  { sensor: 'boiler-2', ts: 1500, celsius: 66.5 },
  { sensor: 'boiler-1', ts: 2000, celsius: 71.5 },
  { sensor: 'boiler-2', ts: 2500, celsius: 66.0 },
  { sensor: 'boiler-1', ts: 3000, celsius: 72.0 },
  { sensor: 'boiler-2', ts: 3500, celsius: 67.0 },
  { sensor: 'boiler-1', ts: 5000, celsius: 72.5 },
  { sensor: 'boiler-1', ts: 4000, celsius: 72.0 },
  { sensor: 'boiler-2', ts: 5500, celsius: 67.5 },
  { sensor: 'boiler-1', ts: 6000, celsius: 73.0 },
  { sensor: 'boiler-2', ts: 6500, celsius: 68.0 },
  { sensor: 'boiler-2', ts: 4500, celsius: 67.0 },
  { sensor: 'boiler-1', ts: 7000, celsius: 73.5 },
  { sensor: 'boiler-2', ts: 7500, celsius: 68.5 },
  { sensor: 'boiler-1', ts: 8000, celsius: 73.0 },
  { sensor: 'boiler-2', ts: 8500, celsius: 69.0 },
  { sensor: 'boiler-1', ts: 9000, celsius: 74.0 },
  { sensor: 'boiler-1', ts: 10000, celsius: 74.5 },
  { sensor: 'boiler-2', ts: 10500, celsius: 69.5 },
  { sensor: 'boiler-2', ts: 9500, celsius: 69.0 },
  { sensor: 'boiler-1', ts: 11000, celsius: 75.0 },
  { sensor: 'boiler-2', ts: 11500, celsius: 70.0 },
  { sensor: 'boiler-1', ts: 12000, celsius: 74.5 },
  { sensor: 'boiler-2', ts: 12500, celsius: 70.5 },
  { sensor: 'boiler-1', ts: 13000, celsius: 75.5 },
  { sensor: 'boiler-2', ts: 13500, celsius: 70.0 },
  { sensor: 'boiler-1', ts: 14000, celsius: 76.0 },
  { sensor: 'boiler-2', ts: 14500, celsius: 71.0 },
];

const SINK = 'counts';
const WINDOW = 5_000;
/** fromElements: one reading every 100 ms of processing time, the first at 0. */
const ARRIVAL_INTERVAL = 100;
/** The auto-watermark interval: periodic watermarks every 200 ms of processing time. */
const WATERMARK_INTERVAL = 200;
/** The bound the exercise asks for, in ms: the smallest whole number of seconds that drops nothing. */
const RIGHT_BOUND = 2_000;
/** Bounds tried when working out the learner's; beyond this every bound behaves the same here. */
const LARGEST_BOUND = 6_000;

/** A window of one boiler, as `boiler-1 [0, 5000)`. */
const windowName = (sensor: string, start: number) =>
  `${sensor} ${windowLabel(tumblingWindowOf(start, WINDOW))}`;
const windowOf = (r: Reading) => windowName(r.sensor, tumblingWindowOf(r.ts, WINDOW).start);

/** What a run does with the readings: those dropped as late, and when each window fired. */
interface Outcome {
  readonly dropped: ReadonlySet<number>;
  readonly fired: ReadonlyMap<string, number>;
}

/**
 * What the pipeline does with a given bound (`null` for no watermarks at all): the watermark,
 * emitted every 200 ms, is the highest timestamp seen minus the bound minus 1; a window fires at
 * the tick when the watermark reaches its last millisecond; a reading whose window has already
 * fired is dropped; when the input ends, every open window fires.
 */
function simulate(bound: number | null): Outcome {
  const dropped = new Set<number>();
  const fired = new Map<string, number>();
  const open = new Map<string, number>(); // window name → its last millisecond
  let highest = -Infinity;
  let watermark = -Infinity;
  const tick = (time: number) => {
    if (bound === null || highest - bound - 1 <= watermark) return;
    watermark = highest - bound - 1;
    for (const [name, last] of open) {
      if (last <= watermark) {
        fired.set(name, time);
        open.delete(name);
      }
    }
  };
  let nextTick = WATERMARK_INTERVAL;
  for (const [i, reading] of READINGS.entries()) {
    const time = i * ARRIVAL_INTERVAL;
    // A tick at the same processing time as an arrival comes after it.
    for (; nextTick < time; nextTick += WATERMARK_INTERVAL) tick(nextTick);
    highest = Math.max(highest, reading.ts);
    const last = tumblingWindowOf(reading.ts, WINDOW).end - 1;
    if (last <= watermark) dropped.add(i);
    else open.set(windowOf(reading), last);
  }
  const end = (READINGS.length - 1) * ARRIVAL_INTERVAL;
  for (const name of open.keys()) fired.set(name, end);
  return { dropped, fired };
}

const sameOutcome = (a: Outcome, b: Outcome) =>
  a.dropped.size === b.dropped.size &&
  [...a.dropped].every((i) => b.dropped.has(i)) &&
  a.fired.size === b.fired.size &&
  [...a.fired].every(([name, time]) => b.fired.get(name) === time);

/**
 * The bounds (in ms, up to LARGEST_BOUND) under which the pipeline would have done what the run
 * did, and whether no watermarks at all would have. Every decision the pipeline makes compares
 * `bound` with a highest timestamp minus a window's end, so the outcome only changes where the
 * bound crosses one of those differences: trying one bound per stretch between them is enough.
 */
function boundsLike(outcome: Outcome): { readonly bounds: number[]; readonly none: boolean } {
  const highest = READINGS.map((_, i) => Math.max(...READINGS.slice(0, i + 1).map((r) => r.ts)));
  const ends = READINGS.map((r) => tumblingWindowOf(r.ts, WINDOW).end);
  const changes = new Set([0, ...highest.flatMap((h) => ends.map((end) => h - end + 1))]);
  const starts = [...changes].filter((b) => b >= 0 && b <= LARGEST_BOUND).sort((a, b) => a - b);
  const bounds: number[] = [];
  for (const [k, start] of starts.entries()) {
    if (!sameOutcome(simulate(start), outcome)) continue;
    const stop = (starts[k + 1] ?? LARGEST_BOUND + 1) - 1;
    bounds.push(start, stop);
  }
  bounds.sort((a, b) => a - b);
  return { bounds, none: sameOutcome(simulate(null), outcome) };
}

const RIGHT = simulate(RIGHT_BOUND);

const PIPELINE: LessonPipeline<Reading> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'each count must come from the readings in its window.',
  input: {
    records: READINGS,
    noun: 'reading',
    restore:
      'Put the readings back as the starter had them (Reset brings the starter back); this exercise only changes the WatermarkStrategy.',
    readOnly: 'The counts must come from the readings: read only the readings.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

/** How far behind the highest timestamp before it reading `i` arrived, and that reading. */
function lateness(i: number): { readonly by: number; readonly behind: Reading } {
  const before = READINGS.slice(0, i);
  const behind = before.reduce((a, b) => (b.ts > a.ts ? b : a), before[0] as Reading);
  return { by: behind.ts - (READINGS[i] as Reading).ts, behind };
}

const LARGEST_LATENESS = Math.max(...READINGS.map((_, i) => (i === 0 ? 0 : lateness(i).by)));

/** The run's outcome, read from the window results, or what is wrong with them. */
function outcomeOf(run: CheckInput, rows: readonly CollectedRecord[]): Outcome | string {
  const origins = run.origins[SINK] ?? [];
  const counted = new Set<number>();
  const fired = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const { window, key, value } = row;
    if (window === undefined || typeof key !== 'string') {
      return `Record ${i + 1} of '${SINK}', ${formatRecord(value)}, is not a window's count. Keep the starter's window: .keyBy(...).window(TumblingEventTimeWindows.of(Time.seconds(5))).sum('readings').`;
    }
    if (window.end - window.start !== WINDOW || window.start % WINDOW !== 0) {
      return `'${SINK}' got a count for the window ${windowLabel(window)}, but the exercise counts per 5 seconds: keep TumblingEventTimeWindows.of(Time.seconds(5)).`;
    }
    const behind = origins[i] ?? [];
    const v = value as { sensor?: unknown; readings?: unknown } | null;
    if (v === null || typeof v !== 'object' || v.sensor !== key || v.readings !== behind.length) {
      return `The count for ${windowName(key, window.start)} is ${formatRecord(value)}, but ${behind.length} readings went into that window. Keep the starter's counting: .map((r) => ({ sensor: r.sensor, readings: 1 })), then .sum('readings').`;
    }
    const name = windowName(key, window.start);
    if (fired.has(name)) {
      return `The window ${name} reported twice. Each window should report once, when the watermark passes its end: leave the window as the starter has it and choose the bound of the WatermarkStrategy.`;
    }
    fired.set(name, row.processingTime);
    for (const input of behind) counted.add(input);
  }
  const dropped = new Set([...READINGS.keys()].filter((i) => !counted.has(i)));
  return { dropped, fired };
}

/** "between 501 and 1500 ms", "0 ms", "at least 4501 ms". */
function range(bounds: readonly number[]): string {
  const lo = bounds[0] as number;
  const hi = bounds[bounds.length - 1] as number;
  if (hi === LARGEST_BOUND) return `at least ${lo} ms`;
  return lo === hi ? `${lo} ms` : `between ${lo} and ${hi} ms`;
}

function droppedProblem(outcome: Outcome, droppedByMetrics: number): string {
  const dropped = [...outcome.dropped].sort((a, b) => a - b);
  const listed = dropped.map((i) => {
    const reading = READINGS[i] as Reading;
    const { by, behind } = lateness(i);
    return `${reading.sensor}'s at ${reading.ts} ms, ${by} ms behind the reading at ${behind.ts} ms`;
  });
  const count = Math.max(dropped.length, droppedByMetrics);
  const list =
    listed.length > 1 ? `${listed.slice(0, -1).join('; ')}; and ${listed.at(-1)}` : listed.join('');
  const lead = `${count} ${count === 1 ? 'reading was' : 'readings were'} dropped as late, having arrived after ${count === 1 ? 'its window' : 'their windows'} reported: ${list}.`;
  const { bounds, none } = boundsLike(outcome);
  if (bounds.length === 0 || none) {
    return `${lead} Allow more out-of-orderness with WatermarkStrategy.forBoundedOutOfOrderness(...).`;
  }
  const hi = bounds[bounds.length - 1] as number;
  if (hi === 0) {
    return `${lead} Your watermark allows no out-of-orderness at all (the highest timestamp so far minus 1, as forMonotonousTimestamps makes it), but these readings arrive out of order: use forBoundedOutOfOrderness with a bound.`;
  }
  if (hi < 1_000) {
    return `${lead} Judging by when your windows fired, your bound is ${range(bounds)}. forBoundedOutOfOrderness takes milliseconds: if you meant seconds, write Time.seconds(n), or n * 1000.`;
  }
  return `${lead} Judging by when your windows fired, your bound is ${range(bounds)}, less than the ${LARGEST_LATENESS} ms of the most delayed reading: raise it.`;
}

function lateFiringProblem(outcome: Outcome, slower: string, at: number): string {
  const right = RIGHT.fired.get(slower) as number;
  const { bounds, none } = boundsLike(outcome);
  const end = (READINGS.length - 1) * ARRIVAL_INTERVAL;
  if (none || [...outcome.fired.values()].every((time) => time === end)) {
    return `Nothing was dropped, but every window waited for the end of the input, at ${end} ms, to report its count: the stream has no watermarks (noWatermarks), or a bound so large that the watermark never got past a window's end. A live stream never ends, so these counts would never come out. Use forBoundedOutOfOrderness with the smallest bound that drops nothing.`;
  }
  const judged =
    bounds.length === 0
      ? ''
      : ` Judging by when your windows fired, your bound is ${range(bounds)}.`;
  return `Nothing was dropped, but the counts came out later than they need to: the window ${slower} reported at ${at} ms of processing time, and a smaller bound, still dropping nothing, reports it at ${right} ms.${judged} Find the smallest whole number of seconds that drops nothing.`;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);

  const outcome = outcomeOf(run, run.outputs[SINK] ?? []);
  if (typeof outcome === 'string') return fail(outcome);

  const droppedByMetrics = lateRecordsDropped(run);
  if (outcome.dropped.size > 0 || droppedByMetrics > 0) {
    return fail(droppedProblem(outcome, droppedByMetrics));
  }

  for (const [name, right] of RIGHT.fired) {
    const at = outcome.fired.get(name);
    if (at === undefined) {
      return fail(`The window ${name} reported no count: every window should report once.`);
    }
    if (at > right) return fail(lateFiringProblem(outcome, name, at));
  }

  const counts = [...RIGHT.fired.keys()].map(
    (name) => `${name} ${READINGS.filter((r) => windowOf(r) === name).length}`,
  );
  return {
    pass: true,
    message: `Every reading was counted and every window reported as soon as it could: ${counts.join(', ')}. The most delayed reading arrived ${LARGEST_LATENESS} ms behind the highest timestamp before it, so ${LARGEST_LATENESS / 1000} s is the smallest whole number of seconds that covers every delay in this stream.`,
  };
}
