// A checkpoint saves every operator's state and where each source stands, every second of
// processing time. When the job fails, it restarts from the last completed checkpoint: state comes
// back, the sources rewind, and the records read since that checkpoint are processed again. What a
// sink already wrote of them is written twice, unless the sink writes in transactions that only
// commit when a checkpoint completes (a two-phase commit, as Flink's Kafka sink does).
import { DeliveryGuarantee, Failure, RestartStrategies, Time, WatermarkStrategy } from 'streamlab';
import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  env.enableCheckpointing(Time.seconds(1));
  // Up to 3 restarts, each half a second after the failure.
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Time.milliseconds(500)));
  // A crash at 7.5 s of processing time: half a second after checkpoint 7.
  env.injectFailure(Failure.atProcessingTime(7_500));

  const counts = env
    .fromSource(
      env.datasets.sensorReadings({ sensors: 3, durationMs: 20_000 }),
      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(
        Time.seconds(1),
      ).withTimestampAssigner((reading) => reading.ts),
      'sensors',
    )
    .map((reading) => ({ sensor: reading.sensor, readings: 1 }))
    .name('one reading')
    .keyBy((count) => count.sensor)
    // The count is keyed state: it is in every checkpoint, and restored from the last one.
    .reduce((a, b) => ({ sensor: a.sensor, readings: a.readings + b.readings }))
    .name('count per sensor');

  // At-least-once: rows are written as they come; after the restart, some come again.
  counts.sinkTo(env.collect('plain'));
  // Exactly-once: rows wait in a transaction until the checkpoint after them completes.
  counts.sinkTo(
    env.collect('transactional', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }),
  );
}
