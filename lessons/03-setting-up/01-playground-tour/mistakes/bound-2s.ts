// Mistake: widens the bound, but not enough: 2 s, while the reading at 9 s arrives 3 s out of order.
// The check answers: /boiler-2 at 9 s \(91.5 °C\) was dropped as late, so the window \[5 s, 10 s\) reported boiler-1 at 8 s \(84.5 °C\) instead/
import { TumblingEventTimeWindows, Time, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

// The boiler room's dashboard: the hottest reading of each 5-second window.
export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: twenty readings, one arriving every second of processing time. Most arrive
    // about when they were taken; network delays put a few out of order.
    .fromCollection<Reading>(READINGS, { arrivalIntervalMs: 1000 })
    // Event time is each reading's `timestamp`; the watermark trails the highest timestamp
    // seen so far by the bound.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<Reading>(Time.seconds(2)).withTimestampAssigner(
        (r) => r.timestamp,
      ),
    )
    // One window per 5 seconds of event time, over all boilers: [0 s, 5 s), [5 s, 10 s), …
    .windowAll(TumblingEventTimeWindows.of(Time.seconds(5)))
    // When a window fires, its reading with the highest celsius, whole.
    .maxBy('celsius')
    .sinkTo(env.collect('hottest'));
}

/** One temperature reading: which sensor, when it was taken (ms), and the value. */
interface Reading {
  sensor: string;
  timestamp: number;
  celsius: number;
}

// In the order they arrive.
const READINGS: Reading[] = [
  { sensor: 'boiler-1', timestamp: 0, celsius: 71.0 },
  { sensor: 'boiler-2', timestamp: 1000, celsius: 72.5 },
  { sensor: 'boiler-1', timestamp: 3000, celsius: 74.0 },
  { sensor: 'boiler-3', timestamp: 2000, celsius: 73.0 },
  { sensor: 'boiler-2', timestamp: 4000, celsius: 76.5 },
  { sensor: 'boiler-3', timestamp: 5000, celsius: 78.0 },
  { sensor: 'boiler-1', timestamp: 6000, celsius: 80.5 },
  { sensor: 'boiler-3', timestamp: 7000, celsius: 83.0 },
  { sensor: 'boiler-1', timestamp: 8000, celsius: 84.5 },
  { sensor: 'boiler-3', timestamp: 10000, celsius: 82.0 },
  { sensor: 'boiler-1', timestamp: 11000, celsius: 81.0 },
  { sensor: 'boiler-3', timestamp: 12000, celsius: 79.5 },
  { sensor: 'boiler-2', timestamp: 9000, celsius: 91.5 },
  { sensor: 'boiler-1', timestamp: 13000, celsius: 78.0 },
  { sensor: 'boiler-2', timestamp: 15000, celsius: 77.5 },
  { sensor: 'boiler-3', timestamp: 14000, celsius: 76.0 },
  { sensor: 'boiler-1', timestamp: 16000, celsius: 75.5 },
  { sensor: 'boiler-2', timestamp: 17000, celsius: 75.0 },
  { sensor: 'boiler-3', timestamp: 18000, celsius: 74.0 },
  { sensor: 'boiler-1', timestamp: 19000, celsius: 73.5 },
];
