// Readings from two sensors reach the pipeline up to `delay` ms late. The watermark trails the
// newest timestamp by `bound` ms; each sensor's readings are added up in 2-second windows, which
// stay open for late readings `lateness` ms after the watermark passes their end.
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(
  env: StreamExecutionEnvironment,
  params: { delay: number; bound: number; lateness: number },
) {
  env
    .fromSource(
      env.datasets.sensorReadings({
        sensors: 2,
        ratePerSecond: 4,
        durationMs: 20_000,
        maxDelayMs: params.delay,
      }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(params.bound).withTimestampAssigner(
        (r) => r.ts,
      ),
      'sensors',
    )
    .keyBy((r) => r.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(2)))
    .allowedLateness(params.lateness)
    .sum('celsius')
    .sinkTo(env.collect('sums'));
}
