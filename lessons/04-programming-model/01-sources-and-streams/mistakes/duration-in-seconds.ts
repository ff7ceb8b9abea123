// Mistake: gives durationMs in seconds (10), which is 10 ms: the dataset produces nothing.
// The check answers: /read no readings from Hall B.*durationMs: it counts milliseconds/
import { WatermarkStrategy } from 'streamlab';
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

const HALL_A: SensorReading[] = [
  { sensor: 'hall-a-1', ts: 500, celsius: 19.5 },
  { sensor: 'hall-a-2', ts: 1500, celsius: 21.0 },
  { sensor: 'hall-a-1', ts: 3500, celsius: 19.8 },
  { sensor: 'hall-a-2', ts: 4500, celsius: 21.2 },
  { sensor: 'hall-a-1', ts: 6500, celsius: 20.1 },
  { sensor: 'hall-a-2', ts: 7500, celsius: 21.1 },
  { sensor: 'hall-a-1', ts: 9500, celsius: 20.4 },
];

const eventTime = WatermarkStrategy.noWatermarks<SensorReading>().withTimestampAssigner(
  (reading) => reading.ts,
);

export default function pipeline(env: StreamExecutionEnvironment) {
  const hallA = env.fromCollection(HALL_A).assignTimestampsAndWatermarks(eventTime);
  const hallB = env.fromSource(
    env.datasets.sensorReadings({ sensors: 2, durationMs: 10 }),
    eventTime,
    'hall-b',
  );
  hallA.union(hallB).sinkTo(env.collect('all-readings'));
  hallB.sinkTo(env.collect('hall-b'));
}
