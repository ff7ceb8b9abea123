// A checkpoint's barrier is injected at every source at once, then travels behind the records.
// Here the watch's records take 300 ms to arrive (a slow network, or a busy task on the way), so
// at each checkpoint the count gets the phone's barrier 300 ms before the watch's. Step through a
// checkpoint (Step, or the . key) to watch it wait, then see what each mode does meanwhile.
import { CheckpointingMode, DeliveryGuarantee, Failure, RestartStrategies, Time } from 'streamlab';
import { WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

interface Steps {
  readonly device: string;
  readonly steps: number;
  readonly ts: number;
}

/** 80 records of one step each, one every 100 ms of event and processing time. */
function stepsFrom(device: string): Steps[] {
  return Array.from({ length: 80 }, (_, i) => ({ device, steps: 1, ts: i * 100 }));
}

export default function pipeline(env: StreamExecutionEnvironment) {
  env.enableCheckpointing(Time.seconds(1));
  // EXACTLY_ONCE aligns: while the count waits for the watch's barrier, the phone's input is
  // blocked and its records wait. Change it to AT_LEAST_ONCE: nothing waits, and the snapshot
  // already counts the phone's records that came after its barrier.
  env.getCheckpointConfig().setCheckpointingMode(CheckpointingMode.EXACTLY_ONCE);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Time.milliseconds(500)));
  // A crash at 5.6 s: the job restarts from checkpoint 5 (taken at 5 s, complete at 5.3 s), and
  // both sources read again what came after their barrier.
  env.injectFailure(Failure.atProcessingTime(5_600));

  const inOrder = WatermarkStrategy.forMonotonousTimestamps<Steps>().withTimestampAssigner(
    (r) => r.ts,
  );
  const phone = env
    .fromCollection(stepsFrom('phone'))
    .name('phone')
    .assignTimestampsAndWatermarks(inOrder);
  const watch = env
    .fromCollection(stepsFrom('watch'))
    .name('watch')
    .assignTimestampsAndWatermarks(inOrder)
    .simulateNetworkDelay(300);

  phone
    .union(watch)
    .keyBy(() => 'today')
    // Keyed state, in every checkpoint: 160 steps in all, if nothing is counted twice.
    .reduce((a, b) => ({ device: 'both', steps: a.steps + b.steps, ts: Math.max(a.ts, b.ts) }))
    .name('total steps')
    .sinkTo(env.collect('total', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
}
