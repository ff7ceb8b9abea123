// Grades a run of "Joining streams" by the pairs that reached 'paid orders': which order and which
// payment each one was made from, and what it says.
import {
  readInput,
  sinkProblem,
  formatCount,
  formatRecord,
  formatSeconds,
  sameRecord,
} from 'streamlab';
import type { CheckInput, CheckResult } from 'streamlab';

interface Order {
  orderId: string;
  customer: string;
  amount: number;
  ts: number;
}

interface Payment {
  paymentId: string;
  orderId: string;
  customer: string;
  ts: number;
}

// The orders and payments the starter program sends. Each order's payment comes 0 to 9 s after it
// (o-4's in the same millisecond), except o-6's and o-7's, 14 and 13 s late. o-3 is placed at
// 8000 and paid at 10500, across a boundary of 10-second windows; o-2 and o-5 are paid more than
// 5 s later; and kim's o-1 at 1000 is 9.5 s before kim's payment for o-3. So a window join, a
// shorter bound, bounds the wrong way round and a join on the customer all pair them differently.
const ORDERS: Order[] = [
  { orderId: 'o-1', customer: 'kim', amount: 40, ts: 1000 },
  { orderId: 'o-2', customer: 'lee', amount: 25, ts: 2500 },
  { orderId: 'o-3', customer: 'kim', amount: 60, ts: 8000 },
  { orderId: 'o-4', customer: 'max', amount: 15, ts: 12000 },
  { orderId: 'o-5', customer: 'lee', amount: 30, ts: 20500 },
  { orderId: 'o-6', customer: 'kim', amount: 35, ts: 24000 },
  { orderId: 'o-7', customer: 'max', amount: 80, ts: 31000 },
];

const PAYMENTS: Payment[] = [
  { paymentId: 'p-1', orderId: 'o-1', customer: 'kim', ts: 4000 },
  { paymentId: 'p-2', orderId: 'o-2', customer: 'lee', ts: 9000 },
  { paymentId: 'p-3', orderId: 'o-3', customer: 'kim', ts: 10500 },
  { paymentId: 'p-4', orderId: 'o-4', customer: 'max', ts: 12000 },
  { paymentId: 'p-5', orderId: 'o-5', customer: 'lee', ts: 29500 },
  { paymentId: 'p-6', orderId: 'o-6', customer: 'kim', ts: 38000 },
  { paymentId: 'p-7', orderId: 'o-7', customer: 'max', ts: 44000 },
];

const SINK = 'paid orders';
const BOUND = 10_000;
const JOIN = 'between(0, Time.seconds(10))';

/** An order and a payment, by their positions in ORDERS and PAYMENTS. */
interface Pair {
  readonly order: number;
  readonly payment: number;
}

// The pairs that should be found: each payment with its own order, made 0 to 10 s after it.
const EXPECTED: Pair[] = PAYMENTS.flatMap((payment, p) => {
  const o = ORDERS.findIndex((order) => order.orderId === payment.orderId);
  const lag = payment.ts - (ORDERS[o] as Order).ts;
  return lag >= 0 && lag <= BOUND ? [{ order: o, payment: p }] : [];
});

const fail = (message: string): CheckResult => ({ pass: false, message });

const orderOf = (pair: Pair) => ORDERS[pair.order] as Order;
const paymentOf = (pair: Pair) => PAYMENTS[pair.payment] as Payment;
const lagOf = (pair: Pair) => paymentOf(pair).ts - orderOf(pair).ts;
const describe = (pair: Pair) => {
  const order = orderOf(pair);
  const payment = paymentOf(pair);
  return `order ${order.orderId} (placed at ${order.ts} ms) and payment ${payment.paymentId} (paid at ${payment.ts} ms)`;
};

const Describe = (pair: Pair) => `O${describe(pair).slice(1)}`;

/**
 * Where each source record is among ORDERS and PAYMENTS, by its position in `run.inputs`; or what
 * is wrong with the sources. Each side is read in order; the two interleave.
 */
function readSources(
  run: CheckInput,
): Map<number, { order: number } | { payment: number }> | string {
  const orders = readInput(run.inputs, ORDERS);
  const payments = readInput(run.inputs, PAYMENTS);
  const missing =
    orders.missing !== undefined
      ? `order ${orders.missing + 1}, ${formatRecord(ORDERS[orders.missing])}`
      : payments.missing !== undefined
        ? `payment ${payments.missing + 1}, ${formatRecord(PAYMENTS[payments.missing])}`
        : undefined;
  if (missing !== undefined) {
    return `The pipeline must read the lesson's ${ORDERS.length} orders and ${PAYMENTS.length} payments, unchanged and in order, but ${missing}, was not among what it read. Put the two sources back as the starter had them (Reset brings the starter back) and join them.`;
  }
  const found = new Map<number, { order: number } | { payment: number }>();
  orders.positions.forEach((at, order) => found.set(at as number, { order }));
  payments.positions.forEach((at, payment) => found.set(at as number, { payment }));
  const others = run.inputs.filter((_, at) => !found.has(at));
  if (others.length > 0) {
    return `Besides the ${ORDERS.length} orders and ${PAYMENTS.length} payments, the pipeline read ${formatCount(others.length, 'other record')}, such as ${formatRecord(others[0]?.value)}. The paid orders must be joined from the orders and payments, not written into a source: read only those two streams.`;
  }
  return found;
}

/** What is wrong with the pairs found, compared with the pairs that should be found. */
function pairProblem(found: readonly Pair[], windowed: boolean, windowSize: number): string {
  const has = (pair: Pair) =>
    found.some((f) => f.order === pair.order && f.payment === pair.payment);
  const extra = found.filter(
    (f) => !EXPECTED.some((e) => e.order === f.order && e.payment === f.payment),
  );
  const missing = EXPECTED.filter((e) => !has(e));

  const stranger = extra.find((pair) => orderOf(pair).orderId !== paymentOf(pair).orderId);
  if (stranger !== undefined) {
    const payment = paymentOf(stranger);
    return `Order ${orderOf(stranger).orderId} was matched with payment ${payment.paymentId}, which pays ${payment.orderId}: both were ${orderOf(stranger).customer}'s, so the streams were joined on something other than the order. Key both sides by the order they are about: orders by orderId, payments by orderId.`;
  }
  if (windowed) {
    const crossing = missing.find(
      (pair) =>
        Math.floor(orderOf(pair).ts / windowSize) !== Math.floor(paymentOf(pair).ts / windowSize),
    );
    if (crossing !== undefined) {
      const boundary = (Math.floor(orderOf(crossing).ts / windowSize) + 1) * windowSize;
      return `${Describe(crossing)}, ${formatSeconds(lagOf(crossing))} apart, were not matched: a window join only pairs records that fall in the same window, and the window boundary at ${boundary} lies between them. Replace the window join with an interval join: orders.keyBy(...).intervalJoin(payments.keyBy(...)).${JOIN}.process(...).`;
    }
    const late = extra[0];
    if (late !== undefined) {
      return `${Describe(late)} were matched, but the payment came ${formatSeconds(lagOf(late))} after the order, more than 10 s: a window join pairs anything in the same window, however far apart. Use an interval join, whose bounds say how far apart a pair may be: ${JOIN}.`;
    }
    return `These pairs come from a window join, which happens to find the right ones here, but only because of where the window boundaries fall. Use an interval join: orders.keyBy(...).intervalJoin(payments.keyBy(...)).${JOIN}.process(...).`;
  }
  const early = extra.find((pair) => lagOf(pair) < 0);
  const onlyAtOnce = found.length > 0 && found.every((pair) => lagOf(pair) <= 0);
  if (early !== undefined || (onlyAtOnce && missing.length > 0)) {
    const example = early ?? (found[0] as Pair);
    return `${Describe(example)} were matched, but no order was matched with a payment made after it: the bounds count the wrong way. between(lower, upper) is measured from each record of the left stream, the one intervalJoin is called on. Put the orders there and count forward, since payments come after their orders: orders.keyBy(...).intervalJoin(payments.keyBy(...)).${JOIN}.`;
  }
  if (found.length === 0) {
    return `No order was matched with a payment. Key both sides by the order id (orders by orderId, payments by orderId), put the orders on the left and count forward from them: .intervalJoin(...).${JOIN}.`;
  }
  const tooLate = extra.find((pair) => lagOf(pair) > BOUND);
  if (tooLate !== undefined) {
    return `${Describe(tooLate)} were matched, but the payment came ${formatSeconds(lagOf(tooLate))} after the order, more than 10 s. The upper bound is too large: ${JOIN}.`;
  }
  const unpaid = missing[0];
  if (unpaid !== undefined) {
    const lag = lagOf(unpaid);
    const why =
      lag === 0
        ? 'a payment made in the same millisecond counts: keep the lower bound 0 and inclusive'
        : `payments up to 10 s after the order count, so the upper bound must be Time.seconds(10)`;
    return `${Describe(unpaid)}, ${formatSeconds(lag)} apart, were not matched: ${why}. Use ${JOIN}.`;
  }
  return '';
}

export default function check(run: CheckInput): CheckResult {
  const problem = sinkProblem(run, SINK);
  if (problem !== undefined) return fail(problem);
  const rows = run.outputs[SINK] ?? [];

  const sources = readSources(run);
  if (typeof sources === 'string') return fail(sources);

  // Which order and which payment each result was made from.
  const found: Pair[] = [];
  for (const [i, row] of rows.entries()) {
    const behind = (run.origins[SINK]?.[i] ?? []).map((o) => sources.get(o));
    const order = behind.find((b) => b !== undefined && 'order' in b) as
      { order: number } | undefined;
    const payment = behind.find((b) => b !== undefined && 'payment' in b) as
      { payment: number } | undefined;
    if (behind.length !== 2 || order === undefined || payment === undefined) {
      return fail(
        `Result ${i + 1}, ${formatRecord(row.value)}, was not made from one order and one payment: each paid order must come from joining an order with its payment.`,
      );
    }
    found.push({ order: order.order, payment: payment.payment });
  }

  const windowed = rows.find((r) => r.window !== undefined)?.window;
  const size = windowed === undefined ? 0 : windowed.end - windowed.start;
  const pairs = pairProblem(found, windowed !== undefined, size);
  if (pairs !== '') return fail(pairs);

  const twice = found.find(
    (pair, i) => found.findIndex((f) => f.order === pair.order && f.payment === pair.payment) !== i,
  );
  if (twice !== undefined) {
    return fail(
      `${describe(twice)} were matched more than once: each pair should give one result.`,
    );
  }

  for (const [i, row] of rows.entries()) {
    const pair = found[i] as Pair;
    const order = orderOf(pair);
    const want = { orderId: order.orderId, amount: order.amount, paidAfter: lagOf(pair) };
    if (!sameRecord(row.value, want)) {
      return fail(
        `The result for ${order.orderId} is ${formatRecord(row.value)}, but it should be ${formatRecord(want)}: the order's id and amount, and paidAfter, the payment's ts minus the order's ts.`,
      );
    }
  }

  return {
    pass: true,
    message: `All ${EXPECTED.length} paid orders are right, each joined with its own payment made 0 to 10 s after it, including o-3, paid across a window boundary, and o-4, paid in the same millisecond. o-6 and o-7, paid 14 and 13 s later, stay unmatched.`,
  };
}
