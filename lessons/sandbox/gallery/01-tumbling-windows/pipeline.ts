// Tumbling windows cut event time into fixed, back-to-back slices: [0, 10 s), [10 s, 20 s), …
// Every reading falls into exactly one of them, and each window fires once, when the watermark
// passes its end.
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env
    .fromSource(
      // Three sensors, one reading a second each for a minute, arriving up to 2 s late.
      env.datasets.sensorReadings({ sensors: 3, maxDelayMs: 2_000 }),
      // The watermark trails the newest reading by 2 s, so no reading is left behind.
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(
        Time.seconds(2),
      ).withTimestampAssigner((reading) => reading.ts),
      'sensors',
    )
    .keyBy((reading) => reading.sensor)
    // Try Time.seconds(5) or Time.seconds(30): more, shorter windows or fewer, longer ones.
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    // The whole reading with the highest temperature in each sensor's window.
    .maxBy('celsius')
    .sinkTo(env.collect('hottest per window'));
}
