// Mistake: a reduce that replaces the kept reading on a tie, so it keeps the later one.
// The check answers: /boiler-1 first read 72 °C at 2000 ms. On a tie, keep the earlier reading/
import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    // Source: fifteen readings from three boilers in two halls, in the order they arrive.
    // `ts` is when each was taken, in ms since the start of the shift.
    .fromElements<Reading>(
      { sensor: 'boiler-1', hall: 'east', ts: 1000, celsius: 70.5 },
      { sensor: 'boiler-2', hall: 'east', ts: 1200, celsius: 66.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 1400, celsius: 61.0 },
      { sensor: 'boiler-1', hall: 'east', ts: 2000, celsius: 72.0 },
      { sensor: 'boiler-2', hall: 'east', ts: 2200, celsius: 71.5 },
      { sensor: 'boiler-3', hall: 'west', ts: 2400, celsius: 60.5 },
      { sensor: 'boiler-1', hall: 'east', ts: 3000, celsius: 71.0 },
      { sensor: 'boiler-2', hall: 'east', ts: 3200, celsius: 73.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 3400, celsius: 63.5 },
      { sensor: 'boiler-1', hall: 'east', ts: 4000, celsius: 72.0 },
      { sensor: 'boiler-2', hall: 'east', ts: 4200, celsius: 70.0 },
      { sensor: 'boiler-3', hall: 'west', ts: 4400, celsius: 62.0 },
      { sensor: 'boiler-1', hall: 'east', ts: 5000, celsius: 74.5 },
      { sensor: 'boiler-2', hall: 'east', ts: 5200, celsius: 72.5 },
      { sensor: 'boiler-3', hall: 'west', ts: 5400, celsius: 64.0 },
    )
    // Event time: each reading happened at its `ts`, so the chart can place it.
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Reading>().withTimestampAssigner((r) => r.ts),
    )
    .keyBy((r) => r.sensor)
    .reduce((kept, r) => (r.celsius >= kept.celsius ? r : kept))
    .sinkTo(env.collect('hottest'));
}

/** One reading: which boiler, the hall it stands in, when it was taken (ms), and the value. */
interface Reading {
  sensor: string;
  hall: string;
  ts: number;
  celsius: number;
}
