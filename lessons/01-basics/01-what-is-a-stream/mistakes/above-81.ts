// Mistake: a limit a little too high: 81 instead of 80.
// The check answers: /boiler-3 at 5000 ms \(80.25 °C\) is hotter than 80 °C but raised no alert/
import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

// The limit above which a reading raises an alert, in degrees Celsius.
const LIMIT = 80;

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements<Reading>(
      { sensor: 'boiler-1', timestamp: 1000, celsius: 72.5 },
      { sensor: 'boiler-2', timestamp: 2000, celsius: 81.5 },
      { sensor: 'boiler-3', timestamp: 3000, celsius: 79.5 },
      { sensor: 'boiler-1', timestamp: 4000, celsius: 80.0 },
      { sensor: 'boiler-2', timestamp: 6000, celsius: 84.5 },
      { sensor: 'boiler-3', timestamp: 5000, celsius: 80.25 },
      { sensor: 'boiler-1', timestamp: 7000, celsius: 90.5 },
      { sensor: 'boiler-2', timestamp: 8000, celsius: 78.5 },
      { sensor: 'boiler-3', timestamp: 9000, celsius: 82.0 },
      { sensor: 'boiler-1', timestamp: 10000, celsius: 76.5 },
    )
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Reading>().withTimestampAssigner((r) => r.timestamp),
    )
    // Keep only readings strictly hotter than the limit: 80.0 °C itself is not an alert.
    .filter((reading) => reading.celsius > 81)
    // Turn each remaining reading into an alert that says how far over the limit it is.
    .map((reading) => ({
      sensor: reading.sensor,
      timestamp: reading.timestamp,
      over: reading.celsius - LIMIT,
    }))
    .sinkTo(env.collect('alerts'));
}

interface Reading {
  sensor: string;
  timestamp: number;
  celsius: number;
}
