// Grades a run of "Sliding windows" by the sums that reached 'takings, last 10 s': the store and
// window each belongs to, the orders behind it, and how many windows each order counted in.
import {
  pipelineProblem,
  groupByWindow,
  resultsByWindow,
  slidingWindowsOf,
  windowHolds,
  formatCount,
  formatRecord,
  hasFields,
  windowLabel,
} from 'streamlab';
import type { CheckInput, CheckResult, CollectedRecord, LessonPipeline } from 'streamlab';

interface Order {
  store: string;
  amount: number;
  ts: number;
}

// The orders the starter program sends, in the same order. They span 20 seconds, so windows of
// 10 s every 5 s, tumbling windows of 10 s or of 5 s, and other slides all give different sums;
// the orders at exactly 5000 and 15000 ms sit on window boundaries, and the orders arrive one a
// second, so windows of processing time hold different orders.
const ORDERS: Order[] = [
  { store: 'north', amount: 12, ts: 800 },
  { store: 'south', amount: 30, ts: 1500 },
  { store: 'north', amount: 8, ts: 2900 },
  { store: 'north', amount: 20, ts: 4600 },
  { store: 'south', amount: 15, ts: 5000 },
  { store: 'north', amount: 5, ts: 6200 },
  { store: 'south', amount: 25, ts: 7700 },
  { store: 'north', amount: 14, ts: 9400 },
  { store: 'south', amount: 10, ts: 8600 },
  { store: 'north', amount: 30, ts: 10500 },
  { store: 'south', amount: 40, ts: 12100 },
  { store: 'north', amount: 6, ts: 13800 },
  { store: 'south', amount: 20, ts: 15000 },
  { store: 'north', amount: 18, ts: 16700 },
  { store: 'south', amount: 5, ts: 18200 },
  { store: 'north', amount: 9, ts: 19600 },
];

const SINK = 'takings, last 10 s';
const SIZE = 10_000;
const SLIDE = 5_000;
const STORES = [...new Set(ORDERS.map((o) => o.store))];
const ASSIGNER = 'SlidingEventTimeWindows.of(Time.seconds(10), Time.seconds(5))';

// The expected sums: every store in every window of 10 s, starting every 5 s, that holds its
// orders.
const EXPECTED = groupByWindow(
  ORDERS,
  (o) => o.store,
  (o) => slidingWindowsOf(o.ts, SIZE, SLIDE),
);

const PIPELINE: LessonPipeline<Order> = {
  sink: SINK,
  madeFrom: 'records',
  unsourced: 'every sum must come from the orders of its store and window.',
  input: {
    records: ORDERS,
    noun: 'order',
    restore:
      'Put the orders back as the starter had them (Reset brings the starter back) and sum them in sliding windows.',
    readOnly:
      'The sums must be computed from the orders, not written into a source: read only the orders.',
  },
};

const fail = (message: string): CheckResult => ({ pass: false, message });

const describe = (o: Order) => `the order at ${o.store} at ${o.ts} ms (${o.amount})`;
const Describe = (o: Order) => `The order at ${o.store} at ${o.ts} ms (${o.amount})`;
const bounds = (row: CollectedRecord) => (row.window ? windowLabel(row.window) : 'no window');
const amountOf = (orders: readonly number[]) =>
  orders.reduce((sum, i) => sum + (ORDERS[i] as Order).amount, 0);

/** What is wrong with the windows: their time domain, size, and how often they start. */
function windowProblem(rows: readonly CollectedRecord[], origins: readonly number[][]): string {
  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) continue;
    const outside = (origins[i] ?? [])
      .map((o) => ORDERS[o] as Order)
      .find((o) => !windowHolds(window, o.ts));
    if (outside !== undefined) {
      return `The window ${bounds(row)} summed ${describe(outside)}, which was not placed in it: these windows were cut by processing time, when the orders arrived. Use ${ASSIGNER}, whose windows follow the orders' own timestamps.`;
    }
  }
  // How many windows each order was counted in: size / slide of them, in sliding windows.
  const windowsPer = ORDERS.map((_, o) => origins.filter((behind) => behind.includes(o)).length);
  const once = windowsPer.every((n) => n === 1);
  const sized = rows.find((r) => r.window !== undefined && r.window.end - r.window.start !== SIZE);
  if (sized?.window !== undefined) {
    const size = sized.window.end - sized.window.start;
    const kind = once ? 'tumbling windows' : 'windows';
    return `Your ${kind} are ${size} ms long, such as ${bounds(sized)}, but each sum should cover the last 10 seconds: 10000 ms. Give the size first and the slide second: ${ASSIGNER}.`;
  }
  if (once) {
    return `Your windows are 10 s long but follow each other without overlapping, so each order counts in just one of them and a new sum comes only every 10 seconds: those are tumbling windows. For the last 10 seconds every 5 seconds, windows must start every 5 s and overlap: use ${ASSIGNER}.`;
  }
  const busiest = windowsPer.indexOf(Math.max(...windowsPer));
  const most = windowsPer[busiest] ?? 0;
  if (most !== SIZE / SLIDE) {
    // The slide is the smallest step between two window starts.
    const starts = [...new Set(rows.map((r) => r.window?.start ?? 0))].sort((a, b) => a - b);
    const slide = Math.min(...starts.slice(1).map((s, i) => s - (starts[i] as number)));
    return `${Describe(ORDERS[busiest] as Order)} was counted in ${most} windows, but with windows of 10 s starting every 5 s each order is in 10 / 5 = 2 of them. Your windows start every ${slide} ms: the slide, the second argument, should be Time.seconds(5).`;
  }
  const shifted = rows.find((r) => r.window !== undefined && r.window.start % SLIDE !== 0);
  if (shifted !== undefined) {
    return `Your windows start between the multiples of 5000, such as ${bounds(shifted)}: leave out the offset, ${ASSIGNER}.`;
  }
  return '';
}

export default function check(run: CheckInput): CheckResult {
  const problem = pipelineProblem(run, PIPELINE);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];

  if (rows.length > 0 && rows.every((r) => r.window === undefined)) {
    return fail(
      `The sink got ${rows.length} running totals, one per order, and none belongs to a window. Put .window(${ASSIGNER}) between .keyBy(...) and .sum('amount').`,
    );
  }

  const origins = (run.origins[SINK] ?? []).map((o) => [...o]);
  const windows = windowProblem(rows, origins);
  if (windows !== '') return fail(windows);

  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) {
      return fail(
        `Result ${i + 1}, ${formatRecord(row.value)}, belongs to no window: send only the windowed sums to '${SINK}'.`,
      );
    }
    if (row.key === undefined || !STORES.includes(String(row.key))) {
      const keyed =
        row.key === undefined ? 'not keyed at all' : `keyed by ${formatRecord(row.key)}`;
      return fail(
        `The sum ${formatRecord(row.value)} for ${bounds(row)} is ${keyed}: sum per store, with .keyBy((order) => order.store) before .window(...).`,
      );
    }
    const store = String(row.key);
    const id = windowLabel(window, { key: store });
    const want = EXPECTED.get(id);
    const behind = origins[i] ?? [];
    if (want === undefined || behind.join() !== want.positions.join()) {
      return fail(
        `The sum for ${id} came from ${formatCount(behind.length, 'order')}, but ${want?.positions.length ?? 0} orders of ${store} were placed in that window.`,
      );
    }
    const value = row.value;
    const total = amountOf(want.positions);
    if (!hasFields(value) || value.store !== store || value.amount !== total) {
      return fail(
        `The result for ${id} is ${formatRecord(value)}, but its amount should be ${total}, the sum of the amounts of its ${formatCount(want.positions.length, 'order')}: sum the field 'amount'.`,
      );
    }
  }
  const results = resultsByWindow(rows);
  for (const [id, at] of results) {
    if (at.length > 1) {
      return fail(`${id} has ${at.length} results, but each window gives one sum.`);
    }
  }
  const missing = [...EXPECTED].find(([id]) => !results.has(id));
  if (missing !== undefined) {
    const [id, want] = missing;
    const early =
      want.window.start < 0
        ? ' Sliding windows are aligned to multiples of the slide, so the first orders are also in a window that starts before 0.'
        : '';
    return fail(`There is no sum for ${id}, which should be ${amountOf(want.positions)}.${early}`);
  }

  return {
    pass: true,
    message: `All ${EXPECTED.size} sums are right: each store over the last 10 seconds at 5, 10, 15, 20 and 25 s, with every order counted in two windows, from [-5000, 5000) to [15000, 25000).`,
  };
}
