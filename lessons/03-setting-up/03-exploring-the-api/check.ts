// Grades a run of "Exploring the API" by the visits that reached 'visits': whose clicks each one
// holds, what it counted, and the window it came from.
import {
  pipelineProblem,
  windowHolds,
  formatRecord,
  formatSeconds,
  hasFields,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, CollectedRecord, LessonPipeline } from 'streamlab';

interface Click {
  user: string;
  page: string;
  timestamp: number;
}

// The clicks the starter program sends, in arrival order. Within a visit the pauses are at most
// 25 s (ana 10 s → 35 s, ben 20 s → 45 s and 105 s → 130 s, chen 30 s → 55 s); between two
// visits of one user they are 40 s or more (ben 45 s → 85 s, ana 50 s → 90 s). So a gap under
// 25 s splits visits, one of 40 s or more merges them, and minute-long tumbling windows cut
// chen's visit at 60 s and ben's at 120 s.
const CLICKS: Click[] = [
  { user: 'ana', page: '/home', timestamp: 0 },
  { user: 'ben', page: '/home', timestamp: 5000 },
  { user: 'ana', page: '/search', timestamp: 10000 },
  { user: 'ben', page: '/pricing', timestamp: 20000 },
  { user: 'chen', page: '/home', timestamp: 30000 },
  { user: 'ana', page: '/product/7', timestamp: 35000 },
  { user: 'ben', page: '/signup', timestamp: 45000 },
  { user: 'ana', page: '/cart', timestamp: 50000 },
  { user: 'chen', page: '/search', timestamp: 55000 },
  { user: 'chen', page: '/product/3', timestamp: 61000 },
  { user: 'ben', page: '/home', timestamp: 85000 },
  { user: 'ana', page: '/home', timestamp: 90000 },
  { user: 'ana', page: '/orders', timestamp: 100000 },
  { user: 'ben', page: '/docs', timestamp: 105000 },
  { user: 'ben', page: '/docs/windows', timestamp: 130000 },
  { user: 'chen', page: '/home', timestamp: 150000 },
  { user: 'ana', page: '/home', timestamp: 170000 },
];

const SINK = 'visits';
/** A visit ends after this long without a click. */
const GAP = 30000;

interface Visit {
  readonly user: string;
  /** Positions in CLICKS, in time order. */
  readonly clicks: readonly number[];
}

/**
 * The visits, as Flink's session windows form them: a click opens [ts, ts + GAP), and windows
 * that overlap or touch merge, so a click at most GAP after the previous one continues the visit.
 */
const VISITS: Visit[] = (() => {
  const visits: { user: string; clicks: number[]; last: number }[] = [];
  for (const [at, click] of CLICKS.entries()) {
    const open = visits.findLast((v) => v.user === click.user);
    if (open !== undefined && click.timestamp - open.last <= GAP) {
      open.clicks.push(at);
      open.last = click.timestamp;
    } else {
      visits.push({ user: click.user, clicks: [at], last: click.timestamp });
    }
  }
  return visits.map(({ user, clicks }) => ({ user, clicks }));
})();

const PIPELINE: LessonPipeline<Click> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: "each visit's count must come from its clicks.",
  input: {
    records: CLICKS,
    noun: 'click',
    restore:
      'Put the clicks back as the starter had them (Reset to starter brings them back) and change only the window assigner.',
    readOnly:
      'The visits must be counted from the clicks, not written into a source: read only the clicks.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });
const span = (w: CollectedRecord['window']) => (w ? windowLabel(w, { unit: 's' }) : '');
const timeOf = (at: number) => (CLICKS[at] as Click).timestamp;
const list = (items: readonly string[]) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
/** "ana's visit with clicks at 0 s, 10 s, 35 s and 50 s" */
const describe = (v: Visit) =>
  `${v.user}'s visit with ${v.clicks.length === 1 ? 'a click' : 'clicks'} at ${list(v.clicks.map((at) => formatSeconds(timeOf(at))))}`;

/** One result with the clicks behind it. */
interface Result {
  readonly row: CollectedRecord;
  readonly clicks: readonly number[];
}

/** The visits a result's clicks come from. */
const visitsOf = (r: Result) => VISITS.filter((v) => v.clicks.some((at) => r.clicks.includes(at)));

/** What is wrong with the windows' shape, when they are not one session window per visit. */
function windowProblem(results: readonly Result[]): string | undefined {
  const windows = results.map((r) => r.row.window).filter((w) => w !== undefined);
  const size = (windows[0]?.end ?? 0) - (windows[0]?.start ?? 0);
  // A session window starts at its first click; windows of one length that start elsewhere are
  // fixed windows (tumbling or sliding), cut at times that have nothing to do with the clicks.
  const sameLength = windows.every((w) => w.end - w.start === size);
  const offClick = results.some(
    (r) => (r.row.window?.start ?? 0) < Math.min(...r.clicks.map(timeOf)),
  );
  const split = VISITS.find((v) => results.filter((r) => visitsOf(r).includes(v)).length > 1);
  if (sameLength && offClick) {
    const where = split === undefined ? '' : `, and ${describe(split)} was cut in two`;
    return `Every result comes from a window of ${formatSeconds(size)}, such as ${span(windows[0])}: fixed windows cut visits at fixed times${where}. A visit has no fixed length; it ends after 30 s without a click. Find the window assigner for that.`;
  }

  // Session windows end `gap` after their last click.
  const gaps = new Set(
    results.map((r) => (r.row.window?.end ?? 0) - Math.max(...r.clicks.map(timeOf))),
  );
  const gap = gaps.size === 1 ? [...gaps][0] : undefined;
  const merged = results.find((r) => visitsOf(r).length > 1);
  if (merged !== undefined) {
    const [first, second] = visitsOf(merged) as [Visit, Visit];
    const pause = timeOf(second.clicks[0] as number) - timeOf(first.clicks.at(-1) as number);
    const because =
      gap !== undefined && gap > GAP
        ? ` The session gap is ${formatSeconds(gap)}: a visit ends after 30 s without a click.`
        : '';
    return `${first.user}'s visit that ended at ${formatSeconds(timeOf(first.clicks.at(-1) as number))} and the one that started at ${formatSeconds(timeOf(second.clicks[0] as number))} were counted as one, across a pause of ${formatSeconds(pause)}.${because}`;
  }
  if (split !== undefined) {
    const because =
      gap !== undefined && gap < GAP
        ? ` The session gap is ${formatSeconds(gap)}, shorter than the visit's pauses: a visit ends only after 30 s without a click.`
        : ' Pauses shorter than 30 s do not end a visit.';
    return `${describe(split)} was split into ${results.filter((r) => visitsOf(r).includes(split)).length} results.${because}`;
  }
  if (gap !== undefined && gap !== GAP) {
    return `Every visit is counted, but each window ends ${formatSeconds(gap)} after its last click, as in ${span(results[0]?.row.window)}: the session gap is ${formatSeconds(gap)}. A visit ends after 30 s without a click, so the gap is 30 s.`;
  }
  return undefined;
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];
  if (rows.length === 0) {
    return fail(
      `Nothing reached '${SINK}': no window fired before the input ended. Event-time windows fire when the watermark passes their end, at the end of the input at the latest; windows in processing time fire by the clock, and this run is over before they do. Visits are about when the clicks happened: use an event-time assigner.`,
    );
  }

  const origins = run.origins[SINK] ?? [];
  const results: Result[] = rows.map((row, i) => ({ row, clicks: origins[i] ?? [] }));
  for (const { row, clicks } of results) {
    const window = row.window;
    if (window === undefined) {
      return fail(
        `The result ${formatRecord(row.value)} did not come from a window: keep .window(...) between .keyBy(...) and .sum('clicks').`,
      );
    }
    const users = [...new Set(clicks.map((at) => (CLICKS[at] as Click).user))];
    if (users.length > 1 || row.key === undefined) {
      return fail(
        `The result ${formatRecord(row.value)} holds clicks of ${list(users)}: a visit is one user's. Keep .keyBy((v) => v.user) before the window.`,
      );
    }
    const outside = clicks.find((at) => !windowHolds(window, timeOf(at)));
    if (outside !== undefined) {
      return fail(
        `${formatRecord(CLICKS[outside])} was put in the window ${span(window)}, which does not hold its time: the windows follow the clicks' arrival (processing time). Visits are about when the clicks happened: use the event-time version of the assigner.`,
      );
    }
  }

  const shape = windowProblem(results);
  if (shape !== undefined) return fail(shape);

  for (const visit of VISITS) {
    const result = results.find((r) => visitsOf(r).includes(visit));
    if (result === undefined) {
      return fail(`${describe(visit)} reached no result: every visit should be counted.`);
    }
    const want = { user: visit.user, clicks: visit.clicks.length };
    const got = result.row.value;
    if (!hasFields(got) || got.user !== want.user || got.clicks !== want.clicks) {
      return fail(
        `${describe(visit)} reported ${formatRecord(got)}; it should report ${formatRecord(want)}. Keep .sum('clicks') after the window.`,
      );
    }
  }
  if (results.length !== VISITS.length) {
    return fail(
      `There are ${VISITS.length} visits but ${results.length} results: some visit was reported more than once.`,
    );
  }

  return {
    pass: true,
    message: `All ${VISITS.length} visits counted: ${VISITS.map((v) => `${v.user} ${v.clicks.length}`).join(', ')}, each in a session window that closed 30 s after its last click.`,
  };
}
