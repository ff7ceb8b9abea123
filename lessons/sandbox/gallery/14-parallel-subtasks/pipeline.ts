// Flink runs each operator as several subtasks, and so does this job: two of each. The topic's
// two partitions are read by one source subtask each; keyBy then hashes each sensor into one of
// 128 key groups, and each window subtask owns half of them, so every reading of a sensor reaches
// the same subtask. Each window subtask hears from both subtasks before it and takes the lower of
// their watermarks: pick the window operator in the Event time tab to see which one holds it back.
import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  // Set it to 1 and run again: the same counts, but one subtask does all the work.
  env.setParallelism(2);

  env
    .fromSource(
      env.datasets.sensorReadings({ sensors: 4, partitions: 2, durationMs: 30_000 }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(
        Time.seconds(2),
      ).withTimestampAssigner((reading) => reading.ts),
      'sensors',
    )
    .map((reading) => ({ sensor: reading.sensor, readings: 1 }))
    .name('one reading')
    .keyBy((count) => count.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .sum('readings')
    .name('readings per 10 s')
    .sinkTo(env.collect('readings per sensor and 10 s'));
}
