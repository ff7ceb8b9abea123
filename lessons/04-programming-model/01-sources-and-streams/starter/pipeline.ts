import { WatermarkStrategy } from 'streamlab';
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

// Gives each reading its event time, read from `ts`, so that the chart can place it. The lesson
// on event time explains this line; here it only needs to be there.
const eventTime = WatermarkStrategy.noWatermarks<SensorReading>().withTimestampAssigner(
  (reading) => reading.ts,
);

export default function pipeline(env: StreamExecutionEnvironment) {
  // Hall A: a stream made from the array.
  const hallA = env.fromCollection(HALL_A).assignTimestampsAndWatermarks(eventTime);

  // Hall B: its live sensors, read from the sensor-readings dataset. For now it has the
  // dataset's default options.
  const hallB = env.fromSource(env.datasets.sensorReadings(), eventTime, 'hall-b');

  // The control room's sink. It should get every reading from both halls; so far it gets only
  // Hall A's.
  hallA.sinkTo(env.collect('all-readings'));

  // Hall B's own dashboard: Hall B's readings only.
  hallB.sinkTo(env.collect('hall-b'));
}
