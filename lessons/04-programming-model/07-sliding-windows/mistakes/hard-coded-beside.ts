// Mistake: sums the orders into another sink and sends hard-coded sums to 'takings, last 10 s'.
// The check answers: /Besides the 16 orders, the pipeline read 10 other records/
import { SlidingEventTimeWindows, Time, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: sixteen orders at two stores, one arriving every second of virtual time. `amount`
    // is what the order was worth, `ts` when it was placed, in ms since the start.
    .fromCollection<Order>(
      [
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
      ],
      { arrivalIntervalMs: 1000 },
    )
    // Event time: each order was placed at its `ts`; orders may arrive up to 1 s out of order.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Order>(Time.seconds(1)).withTimestampAssigner(
        (order) => order.ts,
      ),
    )
    .keyBy((order) => order.store)
    // The last 10 seconds, every 5 seconds: windows of 10 s that start every 5 s, so that each
    // order counts in two of them.
    .window(SlidingEventTimeWindows.of(Time.seconds(10), Time.seconds(5)))
    .sum('amount')
    .sinkTo(env.collect('ignored'));
  env
    .fromElements(
      { store: 'north', amount: 40 },
      { store: 'south', amount: 30 },
      { store: 'north', amount: 59 },
      { store: 'south', amount: 80 },
      { store: 'south', amount: 90 },
      { store: 'north', amount: 55 },
      { store: 'north', amount: 63 },
      { store: 'south', amount: 65 },
      { store: 'south', amount: 25 },
      { store: 'north', amount: 27 },
    )
    .sinkTo(env.collect('takings, last 10 s'));
}

/** One order: the store, what it was worth, and when it was placed (ms). */
interface Order {
  store: string;
  amount: number;
  ts: number;
}
