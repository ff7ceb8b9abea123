// Mistake: a bound of three seconds: nothing is dropped, but every window waits longer than it must.
// The check answers: /Nothing was dropped, but the counts came out later than they need to: the window boiler-1 \[0, 5000\) reported at 1400 ms.*at 1200 ms/
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: two boilers report every second, over a network that delays some readings, so
    // they arrive out of order. Each arrives 100 ms after the one before it. `ts` is when a
    // reading was taken, in ms since the start of the shift.
    .fromElements<Reading>(
      { sensor: 'boiler-1', ts: 1000, celsius: 71.0 },
      { sensor: 'boiler-2', ts: 1500, celsius: 66.5 },
      { sensor: 'boiler-1', ts: 2000, celsius: 71.5 },
      { sensor: 'boiler-2', ts: 2500, celsius: 66.0 },
      { sensor: 'boiler-1', ts: 3000, celsius: 72.0 },
      { sensor: 'boiler-2', ts: 3500, celsius: 67.0 },
      { sensor: 'boiler-1', ts: 5000, celsius: 72.5 },
      { sensor: 'boiler-1', ts: 4000, celsius: 72.0 },
      { sensor: 'boiler-2', ts: 5500, celsius: 67.5 },
      { sensor: 'boiler-1', ts: 6000, celsius: 73.0 },
      { sensor: 'boiler-2', ts: 6500, celsius: 68.0 },
      { sensor: 'boiler-2', ts: 4500, celsius: 67.0 },
      { sensor: 'boiler-1', ts: 7000, celsius: 73.5 },
      { sensor: 'boiler-2', ts: 7500, celsius: 68.5 },
      { sensor: 'boiler-1', ts: 8000, celsius: 73.0 },
      { sensor: 'boiler-2', ts: 8500, celsius: 69.0 },
      { sensor: 'boiler-1', ts: 9000, celsius: 74.0 },
      { sensor: 'boiler-1', ts: 10000, celsius: 74.5 },
      { sensor: 'boiler-2', ts: 10500, celsius: 69.5 },
      { sensor: 'boiler-2', ts: 9500, celsius: 69.0 },
      { sensor: 'boiler-1', ts: 11000, celsius: 75.0 },
      { sensor: 'boiler-2', ts: 11500, celsius: 70.0 },
      { sensor: 'boiler-1', ts: 12000, celsius: 74.5 },
      { sensor: 'boiler-2', ts: 12500, celsius: 70.5 },
      { sensor: 'boiler-1', ts: 13000, celsius: 75.5 },
      { sensor: 'boiler-2', ts: 13500, celsius: 70.0 },
      { sensor: 'boiler-1', ts: 14000, celsius: 76.0 },
      { sensor: 'boiler-2', ts: 14500, celsius: 71.0 },
    )
    // Event time from `ts`, and a watermark 3 s behind the highest timestamp so far, to be safe.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(3)).withTimestampAssigner(
        (r) => r.ts,
      ),
    )
    // Counts each boiler's readings per 5 seconds of event time: each window [start, end)
    // reports its count once the watermark reaches end - 1. (Windows are the next lesson's
    // subject; leave this part as it is.)
    .map((r) => ({ sensor: r.sensor, readings: 1 }))
    .keyBy((count) => count.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(5)))
    .sum('readings')
    .sinkTo(env.collect('counts'));
}

/** One reading: which boiler, when it was taken (ms), and the value. */
interface Reading {
  sensor: string;
  ts: number;
  celsius: number;
}
