// The sandbox: change anything and run it. This pipeline sums each sensor's readings per
// ten-second window of event time, tolerating readings up to two seconds out of order.
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      env.datasets.sensorReadings({ sensors: 3, maxDelayMs: 4_000 }),
      WatermarkStrategy.forBoundedOutOfOrderness<{ sensor: string; ts: number; celsius: number }>(
        Time.seconds(2),
      ).withTimestampAssigner((reading) => reading.ts),
      'sensors',
    )
    .keyBy((reading) => reading.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .sum('celsius')
    .sinkTo(env.collect('per-sensor sums'));
}
