// Mistake: writes the expected readings into the program instead of reading Hall B's sensors.
// The check answers: /read 40 records from a list.*must come from its sensors, that is from the dataset/
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  const hallB: SensorReading[] = [
    { sensor: 'sensor-1', ts: 24, celsius: 20 },
    { sensor: 'sensor-1', ts: 1024, celsius: 20 },
    { sensor: 'sensor-2', ts: 526, celsius: 18.1 },
    { sensor: 'sensor-2', ts: 1526, celsius: 18.2 },
    { sensor: 'sensor-1', ts: 2024, celsius: 20 },
    { sensor: 'sensor-2', ts: 2526, celsius: 18.2 },
    { sensor: 'sensor-1', ts: 3024, celsius: 20.1 },
    { sensor: 'sensor-2', ts: 3526, celsius: 18.2 },
    { sensor: 'sensor-1', ts: 4024, celsius: 20.1 },
    { sensor: 'sensor-2', ts: 4526, celsius: 18.3 },
    { sensor: 'sensor-1', ts: 5024, celsius: 20.1 },
    { sensor: 'sensor-2', ts: 5526, celsius: 18.2 },
    { sensor: 'sensor-1', ts: 6024, celsius: 20.1 },
    { sensor: 'sensor-2', ts: 6526, celsius: 18.4 },
    { sensor: 'sensor-1', ts: 7024, celsius: 20.1 },
    { sensor: 'sensor-2', ts: 7526, celsius: 18.4 },
    { sensor: 'sensor-1', ts: 8024, celsius: 20.1 },
    { sensor: 'sensor-2', ts: 8526, celsius: 18.4 },
    { sensor: 'sensor-1', ts: 9024, celsius: 20.2 },
    { sensor: 'sensor-2', ts: 9526, celsius: 18.5 },
  ];
  env
    .fromCollection<SensorReading>([
      { sensor: 'hall-a-1', ts: 500, celsius: 19.5 },
      { sensor: 'hall-a-2', ts: 1500, celsius: 21.0 },
      { sensor: 'hall-a-1', ts: 3500, celsius: 19.8 },
      { sensor: 'hall-a-2', ts: 4500, celsius: 21.2 },
      { sensor: 'hall-a-1', ts: 6500, celsius: 20.1 },
      { sensor: 'hall-a-2', ts: 7500, celsius: 21.1 },
      { sensor: 'hall-a-1', ts: 9500, celsius: 20.4 },
      ...hallB,
    ])
    .sinkTo(env.collect('all-readings'));
  env.fromCollection(hallB).sinkTo(env.collect('hall-b'));
}
