// An interval join pairs a record of one keyed stream with the records of the other whose
// timestamps fall in an interval around its own: here, a payment for the same order made between
// the order's time and 5 minutes after. Each side waits in state only as long as a partner could
// still come, which the watermarks tell.
import { csvSource, ProcessJoinFunction, Time, WatermarkStrategy } from 'streamlab';
import type { Collector, ProcessJoinContext, StreamExecutionEnvironment } from 'streamlab';
import orderRows from './orders.csv';
import paymentRows from './payments.csv';

export default function pipeline(env: StreamExecutionEnvironment) {
  // `ts` is when an order was placed or a payment made; `arrival` when its row reaches the pipeline.
  const orders = env.fromSource(
    csvSource<Order>(orderRows, {
      timestampField: 'ts',
      arrivalField: 'arrival',
      types: { amount: 'number' },
    }),
    WatermarkStrategy.forBoundedOutOfOrderness<Order>(Time.seconds(30)),
    'orders',
  );
  const payments = env.fromSource(
    csvSource<Payment>(paymentRows, { timestampField: 'ts', arrivalField: 'arrival' }),
    WatermarkStrategy.forBoundedOutOfOrderness<Payment>(Time.seconds(30)),
    'payments',
  );

  orders
    .keyBy((order) => order.orderId)
    .intervalJoin(payments.keyBy((payment) => payment.orderId))
    // order.ts + 0 ≤ payment.ts ≤ order.ts + 5 min. Try Time.minutes(10).
    .between(0, Time.minutes(5))
    .process(new PaidOrder())
    .sinkTo(env.collect('paid orders'));
}

/** An order and the payment that paid it, as one record. */
class PaidOrder extends ProcessJoinFunction<Order, Payment, Paid> {
  processElement(order: Order, payment: Payment, _ctx: ProcessJoinContext, out: Collector<Paid>) {
    out.collect({
      orderId: order.orderId,
      customer: order.customer,
      amount: order.amount,
      method: payment.method,
      paidAfterSeconds: (payment.ts - order.ts) / 1000,
    });
  }
}

/** One row of orders.csv. */
interface Order {
  orderId: string;
  customer: string;
  amount: number;
  ts: number;
  arrival: number;
}

/** One row of payments.csv: `orderId` says which order it pays. */
interface Payment {
  paymentId: string;
  orderId: string;
  method: string;
  ts: number;
  arrival: number;
}

/** A paid order, and how long after the order the payment came. */
interface Paid {
  orderId: string;
  customer: string;
  amount: number;
  method: string;
  paidAfterSeconds: number;
}
