// Mistake: puts the payments on the left of the interval join, so between(0, 10 s) looks for orders after each payment.
// The check answers: /Order o-4 \(placed at 12000 ms\) and payment p-4 \(paid at 12000 ms\) were matched, but no order was matched with a payment made after it.*measured from each record of the left stream/
import { ProcessJoinFunction, Time, WatermarkStrategy } from 'streamlab';
import type { Collector, ProcessJoinContext, StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  // Orders placed in a shop, one arriving every 5 seconds of virtual time. `ts` is when the order
  // was placed, in ms since the start.
  const orders = env
    .fromCollection<Order>(
      [
        { orderId: 'o-1', customer: 'kim', amount: 40, ts: 1000 },
        { orderId: 'o-2', customer: 'lee', amount: 25, ts: 2500 },
        { orderId: 'o-3', customer: 'kim', amount: 60, ts: 8000 },
        { orderId: 'o-4', customer: 'max', amount: 15, ts: 12000 },
        { orderId: 'o-5', customer: 'lee', amount: 30, ts: 20500 },
        { orderId: 'o-6', customer: 'kim', amount: 35, ts: 24000 },
        { orderId: 'o-7', customer: 'max', amount: 80, ts: 31000 },
      ],
      { name: 'orders', arrivalIntervalMs: 5000 },
    )
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Order>(Time.seconds(1)).withTimestampAssigner(
        (order) => order.ts,
      ),
    );

  // Payments from the payment service, one arriving every 5 seconds. `orderId` says which order
  // a payment pays, `ts` when it was made.
  const payments = env
    .fromCollection<Payment>(
      [
        { paymentId: 'p-1', orderId: 'o-1', customer: 'kim', ts: 4000 },
        { paymentId: 'p-2', orderId: 'o-2', customer: 'lee', ts: 9000 },
        { paymentId: 'p-3', orderId: 'o-3', customer: 'kim', ts: 10500 },
        { paymentId: 'p-4', orderId: 'o-4', customer: 'max', ts: 12000 },
        { paymentId: 'p-5', orderId: 'o-5', customer: 'lee', ts: 29500 },
        { paymentId: 'p-6', orderId: 'o-6', customer: 'kim', ts: 38000 },
        { paymentId: 'p-7', orderId: 'o-7', customer: 'max', ts: 44000 },
      ],
      { name: 'payments', arrivalIntervalMs: 5000 },
    )
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Payment>(Time.seconds(1)).withTimestampAssigner(
        (payment) => payment.ts,
      ),
    );

  payments
    .keyBy((payment) => payment.orderId)
    .intervalJoin(orders.keyBy((order) => order.orderId))
    // Orders up to 10 s from the payment.
    .between(0, Time.seconds(10))
    .process(new PaidOrder())
    .sinkTo(env.collect('paid orders'));
}

/** Turns an order and the payment that paid it into one record. */
class PaidOrder extends ProcessJoinFunction<Payment, Order, Paid> {
  processElement(payment: Payment, order: Order, _ctx: ProcessJoinContext, out: Collector<Paid>) {
    out.collect({ orderId: order.orderId, amount: order.amount, paidAfter: payment.ts - order.ts });
  }
}

/** An order: its id, who placed it, what it is worth and when it was placed (ms). */
interface Order {
  orderId: string;
  customer: string;
  amount: number;
  ts: number;
}

/** A payment: its id, the order it pays, who paid and when (ms). */
interface Payment {
  paymentId: string;
  orderId: string;
  customer: string;
  ts: number;
}

/** A paid order: which, what it was worth, and how long after the order it was paid (ms). */
interface Paid {
  orderId: string;
  amount: number;
  paidAfter: number;
}
