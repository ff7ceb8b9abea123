// Grades a run of "One pipeline, five ways": clicks per user per one-minute event-time window,
// waiting 5 s for out-of-order clicks. Judged by each window result's key, window and contents.
import {
  lateRecordsDropped,
  pipelineProblem,
  groupByWindow,
  tumblingWindowOf,
  windowHolds,
  formatRecord,
  hasFields,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, LessonPipeline } from 'streamlab';

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

const PIPELINE: LessonPipeline<Click> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'each count must come from the clicks in its window.',
  input: {
    records: CLICKS,
    noun: 'click',
    restore:
      'Put the source back as the starter had it (Reset brings the starter back) and count the clicks in windows.',
    readOnly:
      'The counts must be computed from the clicks, not written into a source: read only the clicks.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

const describe = (c: Click) => `${c.user}'s click at ${c.ts} ms`;

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
    if (watermark >= tumblingWindowOf(click.ts, MINUTE).end - 1) late.add(click);
    highest = Math.max(highest, click.ts);
  }
  return late;
}

const LATE = lateClicks();

/** The expected results: each user's clicks per minute, the late ones left out. */
const EXPECTED = groupByWindow(
  CLICKS,
  (c) => c.user,
  (c) => (LATE.has(c) ? [] : [tumblingWindowOf(c.ts, MINUTE)]),
);

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];
  if (rows.length === 0) {
    return fail(
      `Nothing reached '${SINK}': no window ever fired. Windows in processing time (TumblingProcessingTimeWindows) wait for a minute of the arrival clock, and all the clicks arrived within 3 seconds. Count in event time: .window(TumblingEventTimeWindows.of(Time.minutes(1))).`,
    );
  }

  const unwindowed = rows.find((row) => row.window === undefined);
  if (unwindowed !== undefined) {
    return fail(
      `The results carry no window, such as ${formatRecord(unwindowed.value)}: the counts run on forever instead of per minute. Add .window(TumblingEventTimeWindows.of(Time.minutes(1))) between .keyBy(...) and .sum('clicks').`,
    );
  }

  // Each window result with the clicks behind it (every result has a window, as seen above).
  const origins = run.origins[SINK] ?? [];
  const results = rows.flatMap((row, i) => {
    const clicks = (origins[i] ?? []).map((at) => CLICKS[at] as Click);
    return row.window === undefined ? [] : [{ row, window: row.window, clicks }];
  });

  for (const { row, window, clicks } of results) {
    const users = [...new Set(clicks.map((c) => c.user))];
    if (users.length > 1) {
      return fail(
        `The window ${windowLabel(window)} with key ${formatRecord(row.key)} counted clicks of ${users.join(' and ')} together. Key the counts by user: .keyBy((count) => count.user).`,
      );
    }
    const outside = clicks.find((c) => !windowHolds(window, c.ts));
    if (outside !== undefined) {
      return fail(
        `The window ${windowLabel(window)} for ${outside.user} counted ${describe(outside)}, which happened outside it: the windows follow the arrival clock, not the clicks' own time. Use event-time windows, TumblingEventTimeWindows, not TumblingProcessingTimeWindows.`,
      );
    }
    if (window.end - window.start !== MINUTE) {
      return fail(
        `The windows are ${window.end - window.start} ms long, such as ${windowLabel(window)}; a minute is ${MINUTE} ms: TumblingEventTimeWindows.of(Time.minutes(1)).`,
      );
    }
  }
  for (const { row, window, clicks } of results) {
    const value = row.value;
    const user = clicks[0]?.user;
    if (!hasFields(value) || value.clicks !== clicks.length || value.user !== user) {
      return fail(
        `The window ${windowLabel(window)} for ${user} held ${clicks.length} clicks, so its result should be { user: '${user}', clicks: ${clicks.length} }, but it is ${formatRecord(value)}. Map each click to { user, clicks: 1 } and .sum('clicks').`,
      );
    }
  }

  // A run whose windows all fired at the same moment, when the input ended, had no watermark.
  const firedAt = new Set(rows.map((row) => row.processingTime));
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
    const dropped = lateRecordsDropped(run);
    return fail(
      `${describe(missed)} was not counted${dropped > 0 ? ` (the run dropped ${dropped} late clicks)` : ''}. It arrived only ${behind - missed.ts} ms behind the newest click, ${behind} ms, within the 5 s the pipeline should wait: WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(5)). (A bare 5 would mean 5 ms.)`,
    );
  }

  // Each result's user and minute, named as EXPECTED names them.
  const labels = results.map((r) => windowLabel(r.window, { key: r.clicks[0]?.user ?? '' }));
  for (const [label, group] of EXPECTED) {
    const found = labels.filter((l) => l === label).length;
    if (found !== 1) {
      return fail(
        `Expected one result for ${label} (${group.positions.length} clicks), found ${found}: each window should fire once, when the watermark passes its end.`,
      );
    }
  }
  if (results.length !== EXPECTED.size) {
    return fail(
      `Expected ${EXPECTED.size} results, one per user and minute, but '${SINK}' has ${results.length}.`,
    );
  }

  return {
    pass: true,
    message: `All ${EXPECTED.size} counts are right, one per user and minute, and ${[...LATE].map(describe).join(', ')} was dropped as late: it arrived when the watermark had passed 59999.`,
  };
}
