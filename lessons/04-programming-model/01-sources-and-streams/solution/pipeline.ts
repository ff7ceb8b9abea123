import { Time, WatermarkStrategy } from 'streamlab';
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

// Hall A's old gateway cannot stream: once a shift it uploads its readings as one batch, which
// reaches the pipeline as this array. `ts` is when a reading was taken, in ms since the start of
// the shift.
const HALL_A: SensorReading[] = [
  { sensor: 'hall-a-1', ts: 500, celsius: 19.5 },
  { sensor: 'hall-a-2', ts: 1500, celsius: 21.0 },
  { sensor: 'hall-a-1', ts: 3500, celsius: 19.8 },
  { sensor: 'hall-a-2', ts: 4500, celsius: 21.2 },
  { sensor: 'hall-a-1', ts: 6500, celsius: 20.1 },
  { sensor: 'hall-a-2', ts: 7500, celsius: 21.1 },
  { sensor: 'hall-a-1', ts: 9500, celsius: 20.4 },
];

// Gives each reading its event time, read from `ts`, so that the chart can place it.
const eventTime = WatermarkStrategy.noWatermarks<SensorReading>().withTimestampAssigner(
  (reading) => reading.ts,
);

export default function pipeline(env: StreamExecutionEnvironment) {
  const hallA = env.fromCollection(HALL_A).assignTimestampsAndWatermarks(eventTime);

  // Hall B has two sensors, and the control room wants the first ten seconds of the shift.
  // durationMs counts milliseconds: Time.seconds(10) is 10_000.
  const hallB = env.fromSource(
    env.datasets.sensorReadings({ sensors: 2, durationMs: Time.seconds(10) }),
    eventTime,
    'hall-b',
  );

  // Both halls, merged into one stream, for the control room.
  hallA.union(hallB).sinkTo(env.collect('all-readings'));

  // The same Hall B stream feeds a second sink: each of its readings goes to both.
  hallB.sinkTo(env.collect('hall-b'));
}
