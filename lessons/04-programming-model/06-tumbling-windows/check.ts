// Grades a run of "Tumbling windows" by the counts that reached 'views per window': the page and
// window each result belongs to, and the views behind it.
import {
  lateRecordsDropped,
  pipelineProblem,
  groupByWindow,
  resultsByWindow,
  tumblingWindowOf,
  windowHolds,
  formatCount,
  formatRecord,
  hasFields,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, CollectedRecord, LessonPipeline } from 'streamlab';

interface PageView {
  page: string;
  ts: number;
}

// The views the starter program sends, in the same order. The view of /search at exactly 5000 ms
// tells [0, 5000) from an end-inclusive window; the view of /home at 4800 ms arrives after the
// one at 5900 ms, so it is dropped as late without the watermark's one-second bound; and the
// views arrive one a second, so windows cut by processing time hold different views.
const VIEWS: PageView[] = [
  { page: '/home', ts: 400 },
  { page: '/search', ts: 1200 },
  { page: '/home', ts: 2100 },
  { page: '/cart', ts: 3000 },
  { page: '/home', ts: 4400 },
  { page: '/search', ts: 5000 },
  { page: '/home', ts: 5900 },
  { page: '/home', ts: 4800 },
  { page: '/cart', ts: 6500 },
  { page: '/search', ts: 7300 },
  { page: '/home', ts: 8200 },
  { page: '/search', ts: 9100 },
  { page: '/home', ts: 9900 },
  { page: '/cart', ts: 10000 },
  { page: '/home', ts: 11800 },
  { page: '/search', ts: 12600 },
  { page: '/home', ts: 13500 },
  { page: '/cart', ts: 14700 },
];

const SINK = 'views per window';
const SIZE = 5_000;
const PAGES = [...new Set(VIEWS.map((v) => v.page))];

// The expected counts: every page in every five-second window it has views in.
const EXPECTED = groupByWindow(
  VIEWS,
  (v) => v.page,
  (v) => [tumblingWindowOf(v.ts, SIZE)],
);

const PIPELINE: LessonPipeline<PageView> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'every count must come from the views of its page and window.',
  input: {
    records: VIEWS,
    noun: 'view',
    restore:
      'Put the views back as the starter had them (Reset brings the starter back) and count them with a window.',
    readOnly:
      'The counts must be computed from the views, not written into a source: read only the views.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

const describe = (v: PageView) => `the view of ${v.page} at ${v.ts} ms`;
const bounds = (row: CollectedRecord) => (row.window ? windowLabel(row.window) : 'no window');

/** What is wrong with the windows themselves: their time domain, size and alignment. */
function windowProblem(rows: readonly CollectedRecord[], origins: readonly number[][]): string {
  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) continue;
    const outside = (origins[i] ?? [])
      .map((o) => VIEWS[o] as PageView)
      .find((v) => !windowHolds(window, v.ts));
    if (outside !== undefined) {
      return `The window ${bounds(row)} counted ${describe(outside)}, which did not happen in it: these windows were cut by processing time, when the views arrived, not by when they happened. Use TumblingEventTimeWindows rather than TumblingProcessingTimeWindows.`;
    }
  }
  const sized = rows.find((r) => r.window !== undefined && r.window.end - r.window.start !== SIZE);
  if (sized?.window !== undefined) {
    const size = sized.window.end - sized.window.start;
    return `Your windows are ${size} ms long, such as ${bounds(sized)}, but the exercise asks for windows of 5 seconds. Sizes are in milliseconds: write TumblingEventTimeWindows.of(Time.seconds(5)), which is 5000 ms.`;
  }
  const shifted = rows.find((r) => r.window !== undefined && r.window.start % SIZE !== 0);
  if (shifted?.window !== undefined) {
    const boundary = VIEWS.find((v) => v.ts === SIZE) as PageView;
    return `Your windows start at ${shifted.window.start % SIZE} ms past each multiple of 5000, such as ${bounds(shifted)}, so ${describe(boundary)} was counted with the first five seconds. Tumbling windows of 5 s are [0, 5000), [5000, 10000), …: each includes its start and excludes its end, so a view at exactly 5000 ms belongs to the second. Leave out the offset: TumblingEventTimeWindows.of(Time.seconds(5)).`;
  }
  return '';
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];

  if (rows.length > 0 && rows.every((r) => r.window === undefined)) {
    return fail(
      `The sink got ${rows.length} running totals, one per view, and none of them belongs to a window: without a window, sum is a rolling aggregation. Add .window(TumblingEventTimeWindows.of(Time.seconds(5))) between .keyBy(...) and .sum('views').`,
    );
  }

  const origins = (run.origins[SINK] ?? []).map((o) => [...o]);
  const windows = windowProblem(rows, origins);
  if (windows !== '') return fail(windows);

  const counted = new Set(origins.flat());
  const lost = VIEWS.filter((_, i) => !counted.has(i));
  if (lateRecordsDropped(run) > 0 && lost.length > 0) {
    const first = lost[0] as PageView;
    const window = tumblingWindowOf(first.ts, SIZE);
    return fail(
      `The view of ${first.page} at ${first.ts} ms was dropped as late: by the time it arrived, a later view had moved the watermark to ${window.end - 1} or beyond, so its window ${windowLabel(window)} had already fired without it. Keep the starter's WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(1)): it holds the watermark back one second, long enough for this view.`,
    );
  }

  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) {
      return fail(
        `Result ${i + 1}, ${formatRecord(row.value)}, belongs to no window: send only the windowed counts to '${SINK}'.`,
      );
    }
    if (row.key === undefined || !PAGES.includes(String(row.key))) {
      const keyed =
        row.key === undefined ? 'not keyed at all' : `keyed by ${formatRecord(row.key)}`;
      return fail(
        `The result ${formatRecord(row.value)} for ${bounds(row)} is ${keyed}: count per page, with .keyBy((view) => view.page) before .window(...).`,
      );
    }
    const page = String(row.key);
    const id = windowLabel(window, { key: page });
    const want = EXPECTED.get(id);
    const behind = origins[i] ?? [];
    if (want === undefined || behind.join() !== want.positions.join()) {
      return fail(
        `The count for ${id} came from ${formatCount(behind.length, 'view')}, but ${want?.positions.length ?? 0} views of ${page} happened in that window.`,
      );
    }
    const value = row.value;
    const views = want.positions.length;
    if (!hasFields(value) || value.page !== page || value.views !== views) {
      return fail(
        `The result for ${id} is ${formatRecord(value)}, but it should be ${formatRecord({ page, views })}: count each view as 1 and sum the field 'views'.`,
      );
    }
  }
  const results = resultsByWindow(rows);
  for (const [id, at] of results) {
    if (at.length > 1) {
      return fail(`${id} has ${at.length} results, but each window gives one count.`);
    }
  }
  const missing = [...EXPECTED.keys()].find((id) => !results.has(id));
  if (missing !== undefined) {
    return fail(
      `There is no count for ${missing}, which should be ${EXPECTED.get(missing)?.positions.length}. Does every page reach the window?`,
    );
  }

  return {
    pass: true,
    message: `All ${EXPECTED.size} counts are right: three pages in [0, 5000), [5000, 10000) and [10000, 15000). The view of /search at exactly 5000 ms counts in [5000, 10000), and the view of /home at 4800 ms, which arrived late, still made it into [0, 5000).`,
  };
}
