// Mistake: sliding windows of processing time, when the orders arrive, where event time was asked.
// The check answers: /window \[-5000, 5000\) summed the order at south at 5000 ms \(15\), which was not placed in it: these windows were cut by processing time/
import { SlidingProcessingTimeWindows, Time, WatermarkStrategy } from 'streamlab';
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
    // The last 10 seconds, every 5 seconds.
    .window(SlidingProcessingTimeWindows.of(Time.seconds(10), Time.seconds(5)))
    .sum('amount')
    .sinkTo(env.collect('takings, last 10 s'));
}

/** One order: the store, what it was worth, and when it was placed (ms). */
interface Order {
  store: string;
  amount: number;
  ts: number;
}
