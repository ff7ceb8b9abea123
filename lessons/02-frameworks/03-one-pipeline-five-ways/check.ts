// Grades a run of "One pipeline, five ways": clicks per user per one-minute event-time window,
// waiting 5 s for out-of-order clicks. Judged by each window result's key, window and contents.
import type { CheckInput, CheckResult, CollectedRecord } from 'streamlab';

interface Click {
  user: string;
  ts: number;
}

// The clicks the starter reads, in arrival order. cy's 59 500 and 119 200 arrive under 5 s
// behind newer clicks: a 5 s bound keeps them, a bound of 0 (or 5 ms) drops them. ada's 59 200
// arrives after bo's 67 000: a 5 s bound has closed [0, 60000) by then and drops it, a 10 s bound
// (or no watermarks at all) would still count it.
const CLICKS: Click[] = [
  { user: 'ada', ts: 4000 },
  { user: 'bo', ts: 9000 },
  { user: 'cy', ts: 12000 },
  { user: 'ada', ts: 18000 },
  { user: 'bo', ts: 25000 },
  { user: 'ada', ts: 31000 },
  { user: 'cy', ts: 38000 },
  { user: 'bo', ts: 44000 },
  { user: 'ada', ts: 51000 },
  { user: 'cy', ts: 57000 },
  { user: 'bo', ts: 61000 },
  { user: 'ada', ts: 64000 },
  { user: 'cy', ts: 59500 },
  { user: 'bo', ts: 67000 },
  { user: 'cy', ts: 66000 },
  { user: 'ada', ts: 59200 },
  { user: 'ada', ts: 75000 },
  { user: 'bo', ts: 88000 },
  { user: 'cy', ts: 95000 },
  { user: 'ada', ts: 101000 },
  { user: 'bo', ts: 109000 },
  { user: 'cy', ts: 116000 },
  { user: 'ada', ts: 119500 },
  { user: 'bo', ts: 121000 },
  { user: 'ada', ts: 124000 },
  { user: 'cy', ts: 119200 },
  { user: 'bo', ts: 127000 },
  { user: 'ada', ts: 133000 },
  { user: 'cy', ts: 139000 },
  { user: 'bo', ts: 145000 },
];

const SINK = 'counts';
const MINUTE = 60_000;
const BOUND = 5_000;

const fail = (message: string): CheckResult => ({ pass: false, message });

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const describe = (c: Click) => `${c.user}'s click at ${c.ts} ms`;
const range = (start: number, end: number) => `[${start}, ${end})`;

/**
 * The clicks a 5 s bound drops: those whose window the watermark (highest ts so far − 5 s − 1)
 * has passed when they arrive. (The watermark moves a little after each click, on the periodic
 * tick; the data leaves room for that.)
 */
function lateClicks(): Set<Click> {
  const late = new Set<Click>();
  let highest = -Infinity;
  for (const click of CLICKS) {
    const watermark = highest - BOUND - 1;
    const windowEnd = click.ts - (click.ts % MINUTE) + MINUTE;
    if (watermark >= windowEnd - 1) late.add(click);
    highest = Math.max(highest, click.ts);
  }
  return late;
}

const LATE = lateClicks();

/** The expected results: user → window start → the clicks counted in it. */
function expected(): Map<string, Map<number, Click[]>> {
  const byUser = new Map<string, Map<number, Click[]>>();
  for (const click of CLICKS) {
    if (LATE.has(click)) continue;
    const start = click.ts - (click.ts % MINUTE);
    const windows = byUser.get(click.user) ?? new Map<number, Click[]>();
    windows.set(start, [...(windows.get(start) ?? []), click]);
    byUser.set(click.user, windows);
  }
  return byUser;
}

const sameClick = (value: unknown, want: Click): boolean =>
  isRecord(value) &&
  value.user === want.user &&
  value.ts === want.ts &&
  Object.keys(value).length === 2;

/** What is wrong with the source, or undefined when it read the lesson's clicks unchanged. */
function sourceProblem(run: CheckInput): string | undefined {
  let next = 0;
  const others: unknown[] = [];
  for (const { value } of run.inputs) {
    const want = CLICKS[next];
    if (want !== undefined && sameClick(value, want)) next++;
    else others.push(value);
  }
  if (next === CLICKS.length && others.length === 0) return undefined;
  if (next === CLICKS.length) {
    const n = others.length;
    return `Besides the ${CLICKS.length} clicks, the pipeline read ${n} other ${n === 1 ? 'record' : 'records'}, such as ${show(others[0])}. The counts must be computed from the clicks, not written into a source: read only the clicks.`;
  }
  const what =
    run.inputs.length === 0
      ? 'it read nothing'
      : `click ${next + 1}, ${show(CLICKS[next])}, was not among what it read`;
  return `The pipeline must read the lesson's ${CLICKS.length} clicks, unchanged and in order, but ${what}. Put the source back as the starter had it (Reset brings the starter back) and count the clicks in windows.`;
}

/** One window result with the clicks behind it. */
interface Result {
  readonly row: CollectedRecord;
  readonly clicks: Click[];
}

export default function check(run: CheckInput): CheckResult {
  const rows = run.outputs[SINK];
  if (rows === undefined) {
    const names = Object.keys(run.sinks);
    const found =
      names.length === 0 ? 'no sinks at all' : `only ${names.map((n) => `'${n}'`).join(', ')}`;
    return fail(
      `Expected a sink named '${SINK}', but the run had ${found}. Keep .sinkTo(env.collect('${SINK}')) at the end of the pipeline.`,
    );
  }
  const source = sourceProblem(run);
  if (source !== undefined) return fail(source);
  if (rows.length === 0) {
    return fail(
      `Nothing reached '${SINK}': no window ever fired. Windows in processing time (TumblingProcessingTimeWindows) wait for a minute of the arrival clock, and all the clicks arrived within 3 seconds. Count in event time: .window(TumblingEventTimeWindows.of(Time.minutes(1))).`,
    );
  }

  const unwindowed = rows.find((row) => row.window === undefined);
  if (unwindowed !== undefined) {
    return fail(
      `The results carry no window, such as ${show(unwindowed.value)}: the counts run on forever instead of per minute. Add .window(TumblingEventTimeWindows.of(Time.minutes(1))) between .keyBy(...) and .sum('clicks').`,
    );
  }

  const origins = run.origins[SINK] ?? [];
  const results: Result[] = [];
  for (const [i, row] of rows.entries()) {
    const clicks = (origins[i] ?? []).map((p) => CLICKS[p]);
    if (clicks.length === 0 || clicks.some((c) => c === undefined)) {
      return fail(
        `Result ${i + 1}, ${show(row.value)}, was not counted from the clicks: each count must come from the clicks in its window.`,
      );
    }
    results.push({ row, clicks: clicks as Click[] });
  }

  for (const { row, clicks } of results) {
    const window = row.window as { start: number; end: number };
    const users = [...new Set(clicks.map((c) => c.user))];
    if (users.length > 1) {
      return fail(
        `The window ${range(window.start, window.end)} with key ${show(row.key)} counted clicks of ${users.join(' and ')} together. Key the counts by user: .keyBy((count) => count.user).`,
      );
    }
    const outside = clicks.find((c) => c.ts < window.start || c.ts >= window.end);
    if (outside !== undefined) {
      return fail(
        `The window ${range(window.start, window.end)} for ${outside.user} counted ${describe(outside)}, which happened outside it: the windows follow the arrival clock, not the clicks' own time. Use event-time windows, TumblingEventTimeWindows, not TumblingProcessingTimeWindows.`,
      );
    }
    if (window.end - window.start !== MINUTE) {
      return fail(
        `The windows are ${window.end - window.start} ms long, such as ${range(window.start, window.end)}; a minute is ${MINUTE} ms: TumblingEventTimeWindows.of(Time.minutes(1)).`,
      );
    }
  }
  for (const { row, clicks } of results) {
    const value = row.value;
    const window = row.window as { start: number; end: number };
    if (!isRecord(value) || value.clicks !== clicks.length || value.user !== clicks[0]?.user) {
      return fail(
        `The window ${range(window.start, window.end)} for ${clicks[0]?.user} held ${clicks.length} clicks, so its result should be { user: '${clicks[0]?.user}', clicks: ${clicks.length} }, but it is ${show(value)}. Map each click to { user, clicks: 1 } and .sum('clicks').`,
      );
    }
  }

  // A run whose windows all fired at the same moment, when the input ended, had no watermark.
  const firedAt = new Set(rows.map((row) => row.processingTime));
  const want = expected();
  const counted = new Set(results.flatMap((r) => r.clicks));
  const kept = [...LATE].find((c) => counted.has(c));
  if (kept !== undefined && firedAt.size === 1) {
    return fail(
      `Every window fired only when the input ended, so nothing was ever late, and ${describe(kept)} was counted although it arrived after bo's click at 67000 ms. The watermark never moved: noWatermarks() makes none. Use WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(5)).`,
    );
  }
  if (kept !== undefined) {
    return fail(
      `${describe(kept)} was counted, but it arrived after bo's click at 67000 ms: with a 5 s bound the watermark had reached 61999 and closed [0, 60000), so it should have been dropped as late. The out-of-orderness bound is larger than 5 s: use Time.seconds(5).`,
    );
  }
  const missed = CLICKS.find((c) => !LATE.has(c) && !counted.has(c));
  if (missed !== undefined) {
    const behind = CLICKS.slice(0, CLICKS.indexOf(missed)).reduce((m, c) => Math.max(m, c.ts), 0);
    const dropped = Object.values(run.metrics.operators).reduce(
      (n, m) => n + m.lateRecordsDropped,
      0,
    );
    return fail(
      `${describe(missed)} was not counted${dropped > 0 ? ` (the run dropped ${dropped} late clicks)` : ''}. It arrived only ${behind - missed.ts} ms behind the newest click, ${behind} ms, within the 5 s the pipeline should wait: WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(5)). (A bare 5 would mean 5 ms.)`,
    );
  }

  for (const [user, windows] of want) {
    for (const [start, clicks] of windows) {
      const found = results.filter(
        (r) => r.clicks[0]?.user === user && (r.row.window as { start: number }).start === start,
      );
      if (found.length !== 1) {
        return fail(
          `Expected one result for ${user} in ${range(start, start + MINUTE)} (${clicks.length} clicks), found ${found.length}: each window should fire once, when the watermark passes its end.`,
        );
      }
    }
  }
  const results9 = [...want.values()].reduce((n, w) => n + w.size, 0);
  if (results.length !== results9) {
    return fail(
      `Expected ${results9} results, one per user and minute, but '${SINK}' has ${results.length}.`,
    );
  }

  return {
    pass: true,
    message: `All ${results9} counts are right, one per user and minute, and ${[...LATE].map(describe).join(', ')} was dropped as late: it arrived when the watermark had passed 59999.`,
  };
}
