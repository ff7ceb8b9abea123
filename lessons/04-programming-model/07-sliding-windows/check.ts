// Grades a run of "Sliding windows" by the sums that reached 'takings, last 10 s': the store and
// window each belongs to, the orders behind it, and how many windows each order counted in.
import type { CheckInput, CheckResult, CollectedRecord } from 'streamlab';

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

/** The orders of one store in one window, by their positions in ORDERS. */
interface Sum {
  readonly store: string;
  readonly start: number;
  readonly orders: readonly number[];
}

// The expected sums: every store in every window of 10 s, starting every 5 s, that holds its
// orders. An order at ts is in the windows starting at the multiples of 5000 in (ts − 10000, ts].
const EXPECTED = new Map<string, Sum>();
for (const [i, order] of ORDERS.entries()) {
  const last = order.ts - (order.ts % SLIDE);
  for (let start = last; start > order.ts - SIZE; start -= SLIDE) {
    const id = sumId(order.store, start);
    const sum = EXPECTED.get(id) ?? { store: order.store, start, orders: [] };
    EXPECTED.set(id, { ...sum, orders: [...sum.orders, i].sort((a, b) => a - b) });
  }
}

function sumId(store: string, start: number): string {
  return `${store} in [${start}, ${start + SIZE})`;
}

const fail = (message: string): CheckResult => ({ pass: false, message });

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const sameOrder = (got: unknown, want: Order): boolean =>
  isRecord(got) &&
  got.store === want.store &&
  got.amount === want.amount &&
  got.ts === want.ts &&
  Object.keys(got).length === 3;

const describe = (o: Order) => `the order at ${o.store} at ${o.ts} ms (${o.amount})`;
const Describe = (o: Order) => `The order at ${o.store} at ${o.ts} ms (${o.amount})`;
const bounds = (row: CollectedRecord) => `[${row.window?.start}, ${row.window?.end})`;
const amountOf = (orders: readonly number[]) =>
  orders.reduce((sum, i) => sum + (ORDERS[i] as Order).amount, 0);

/** What is wrong with the source, or undefined when it read the lesson's orders unchanged. */
function sourceProblem(run: CheckInput): string | undefined {
  let next = 0;
  const others: unknown[] = [];
  for (const { value } of run.inputs) {
    const want = ORDERS[next];
    if (want !== undefined && sameOrder(value, want)) next++;
    else others.push(value);
  }
  if (next === ORDERS.length && others.length === 0) return undefined;
  if (next === ORDERS.length) {
    const n = others.length;
    return `Besides the ${ORDERS.length} orders, the pipeline read ${n} other ${n === 1 ? 'record' : 'records'}, such as ${show(others[0])}. The sums must be computed from the orders, not written into a source: read only the orders.`;
  }
  const what =
    run.inputs.length === 0
      ? 'it read nothing'
      : `order ${next + 1}, ${show(ORDERS[next])}, was not among what it read`;
  return `The pipeline must read the lesson's ${ORDERS.length} orders, unchanged and in order, from its source, but ${what}. Put the orders back as the starter had them (Reset brings the starter back) and sum them in sliding windows.`;
}

/** What is wrong with the windows: their time domain, size, and how often they start. */
function windowProblem(rows: readonly CollectedRecord[], origins: readonly number[][]): string {
  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) continue;
    const outside = (origins[i] ?? [])
      .map((o) => ORDERS[o] as Order)
      .find((o) => o.ts < window.start || o.ts >= window.end);
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
  const rows = run.outputs[SINK];
  if (rows === undefined) {
    const names = Object.keys(run.outputs);
    const found =
      names.length === 0 ? 'no sinks at all' : `only ${names.map((n) => `'${n}'`).join(', ')}`;
    return fail(
      `Expected a sink named '${SINK}', but the run had ${found}. Keep .sinkTo(env.collect('${SINK}')) at the end of the pipeline.`,
    );
  }

  const source = sourceProblem(run);
  if (source !== undefined) return fail(source);

  const origins = (run.origins[SINK] ?? []).map((o) => [...o]);
  for (const [i, row] of rows.entries()) {
    if ((origins[i] ?? []).length === 0) {
      return fail(
        `Result ${i + 1}, ${show(row.value)}, was not computed from the orders: every sum must come from the orders of its store and window.`,
      );
    }
  }
  if (rows.length > 0 && rows.every((r) => r.window === undefined)) {
    return fail(
      `The sink got ${rows.length} running totals, one per order, and none belongs to a window. Put .window(${ASSIGNER}) between .keyBy(...) and .sum('amount').`,
    );
  }

  const windows = windowProblem(rows, origins);
  if (windows !== '') return fail(windows);

  const seen = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const window = row.window;
    if (window === undefined) {
      return fail(
        `Result ${i + 1}, ${show(row.value)}, belongs to no window: send only the windowed sums to '${SINK}'.`,
      );
    }
    if (row.key === undefined || !STORES.includes(String(row.key))) {
      const keyed = row.key === undefined ? 'not keyed at all' : `keyed by ${show(row.key)}`;
      return fail(
        `The sum ${show(row.value)} for ${bounds(row)} is ${keyed}: sum per store, with .keyBy((order) => order.store) before .window(...).`,
      );
    }
    const store = String(row.key);
    const id = sumId(store, window.start);
    seen.set(id, (seen.get(id) ?? 0) + 1);
    const want = EXPECTED.get(id);
    const behind = origins[i] ?? [];
    if (want === undefined || behind.join() !== want.orders.join()) {
      return fail(
        `The sum for ${id} came from ${behind.length} ${behind.length === 1 ? 'order' : 'orders'}, but ${want?.orders.length ?? 0} orders of ${store} were placed in that window.`,
      );
    }
    const value = row.value;
    const total = amountOf(want.orders);
    if (!isRecord(value) || value.store !== store || value.amount !== total) {
      return fail(
        `The result for ${id} is ${show(value)}, but its amount should be ${total}, the sum of the amounts of its ${want.orders.length} ${want.orders.length === 1 ? 'order' : 'orders'}: sum the field 'amount'.`,
      );
    }
  }
  for (const [id, times] of seen) {
    if (times > 1) return fail(`${id} has ${times} results, but each window gives one sum.`);
  }
  const missing = [...EXPECTED.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0) {
    const id = missing[0] as string;
    const want = EXPECTED.get(id) as Sum;
    const early =
      want.start < 0
        ? ' Sliding windows are aligned to multiples of the slide, so the first orders are also in a window that starts before 0.'
        : '';
    return fail(`There is no sum for ${id}, which should be ${amountOf(want.orders)}.${early}`);
  }

  return {
    pass: true,
    message: `All ${EXPECTED.size} sums are right: each store over the last 10 seconds at 5, 10, 15, 20 and 25 s, with every order counted in two windows, from [-5000, 5000) to [15000, 25000).`,
  };
}
