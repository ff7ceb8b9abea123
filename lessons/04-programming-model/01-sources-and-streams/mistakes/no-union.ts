// Mistake: reads Hall B right but sends only Hall A to the control room's sink.
// The check answers: /'all-readings' has Hall A's readings but none of Hall B's.*hallA\.union\(hallB\)/
import { Time, WatermarkStrategy } from 'streamlab';
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
    env.datasets.sensorReadings({ sensors: 2, durationMs: Time.seconds(10) }),
    eventTime,
    'hall-b',
  );
  hallA.sinkTo(env.collect('all-readings'));
  hallB.sinkTo(env.collect('hall-b'));
}
