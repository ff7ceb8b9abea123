// Mistake: writes the readings out flat instead of taking them out of the packets.
// The check answers: /must read the gateway's five packets.*packet 1, the one sent at 3200 ms, was not among what it read/
import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromElements<Reading>(
      { sensor: 'boiler-1', takenAt: 1, celsius: 71.5 },
      { sensor: 'boiler-2', takenAt: 1, celsius: 68.0 },
      { sensor: 'boiler-1', takenAt: 3, celsius: 72.0 },
      { sensor: 'boiler-2', takenAt: 4, celsius: 68.5 },
      { sensor: 'boiler-1', takenAt: 5, celsius: 72.5 },
      { sensor: 'boiler-2', takenAt: 6, celsius: 69.0 },
      { sensor: 'boiler-1', takenAt: 7, celsius: 73.0 },
      { sensor: 'boiler-2', takenAt: 2, celsius: 68.3 },
      { sensor: 'boiler-1', takenAt: 9, celsius: 73.5 },
      { sensor: 'boiler-2', takenAt: 8, celsius: 69.5 },
      { sensor: 'boiler-2', takenAt: 10, celsius: 70.0 },
      { sensor: 'boiler-1', takenAt: 11, celsius: 74.0 },
      { sensor: 'boiler-2', takenAt: 12, celsius: 70.5 },
      { sensor: 'boiler-1', takenAt: 13, celsius: 74.5 },
      { sensor: 'boiler-2', takenAt: 14, celsius: 71.0 },
      { sensor: 'boiler-1', takenAt: 15, celsius: 75.0 },
    )
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.noWatermarks<Reading>().withTimestampAssigner(
        (reading) => reading.takenAt * 1000,
      ),
    )
    .sinkTo(env.collect('readings'));
}

interface Reading {
  sensor: string;
  takenAt: number;
  celsius: number;
}
