/**
 * At most once: a source that cannot rewind (`socketSource`, Flink's socket source) goes on after a
 * restart from where its input stands, not from the checkpoint. Beside the same program reading a
 * rewindable source, these show what that costs (lost records) and what it never does (read a
 * record twice).
 */
import { describe, expect, it } from 'vitest';
import {
  DeliveryGuarantee,
  Failure,
  RestartStrategies,
  StreamExecutionEnvironment,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  elementsSource,
  socketSource,
} from '../../../src/engine/index';
import type { JobResult, Source } from '../../../src/engine/index';

const values = Array.from({ length: 10 }, (_, i) => i);

/** Each value, doubled by "Double", into a plain and a transactional sink. */
function doubling(
  source: () => Source<number>,
  configure: (env: StreamExecutionEnvironment) => void,
): JobResult {
  const env = StreamExecutionEnvironment.create();
  env.enableCheckpointing(1_000);
  configure(env);
  const doubled = env
    .fromSource(source())
    .map((n) => n * 2)
    .name('Double');
  doubled.sinkTo(env.collect('plain'));
  doubled.sinkTo(env.collect('exactly', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  return env.execute();
}

const socket = () => socketSource(values, { arrivalIntervalMs: 500 });
const elements = () => elementsSource(values, { arrivalIntervalMs: 500 });
const sinkValues = (result: JobResult, sink: string) =>
  (result.outputs[sink] ?? []).map((row) => row.value);

describe('a source that cannot rewind', () => {
  it('loses what arrived while the job was down, and reads nothing twice', () => {
    // Fails at 2.55 s, after the checkpoint at 2 s; restarts at 3.55 s (a 1 s delay).
    const failing = (env: StreamExecutionEnvironment) => {
      env.injectFailure(Failure.atProcessingTime(2_550));
    };
    const got = doubling(socket, failing);
    // 0–5 arrived before the failure (0–2.5 s), 6 and 7 while the job was down (3 s, 3.5 s).
    expect(sinkValues(got, 'plain')).toEqual([0, 2, 4, 6, 8, 10, 16, 18]);
    expect(got.outputs['plain']?.some((row) => row.duplicate === true)).toBe(false);
    // 5 was written after the checkpoint, in the transaction the failure aborted: never committed.
    expect(sinkValues(got, 'exactly')).toEqual([0, 2, 4, 6, 8, 16, 18]);

    // The same program over a rewindable source: 5 again (a duplicate), nothing lost.
    const rewound = doubling(elements, failing);
    expect(sinkValues(rewound, 'plain')).toEqual([0, 2, 4, 6, 8, 10, 10, 12, 14, 16, 18]);
    expect(sinkValues(rewound, 'exactly')).toEqual(values.map((n) => n * 2));
  });

  it('loses the record a failure hit, and goes on with the next one', () => {
    const got = doubling(socket, (env) => {
      env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
      env.injectFailure(Failure.onRecord('Double', 4));
    });
    // Record 3 (the 4th) failed in "Double": it was read, so it is gone; 4 comes next.
    expect(sinkValues(got, 'plain')).toEqual([0, 2, 4, 8, 10, 12, 14, 16, 18]);
    expect(sinkValues(got, 'exactly')).toEqual([0, 2, 4, 8, 10, 12, 14, 16, 18]);
  });

  it('starts again from where its input stands when there was no checkpoint yet', () => {
    const got = doubling(socket, (env) => {
      env.enableCheckpointing(60_000);
      env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
      env.injectFailure(Failure.atProcessingTime(1_200));
    });
    // The job restarts from the beginning, its source does not: 0–2 are not read again.
    expect(sinkValues(got, 'plain')).toEqual(values.map((n) => n * 2));
    expect(got.outputs['plain']?.some((row) => row.duplicate === true)).toBe(false);
  });

  it('loses what only the state the restore threw away had counted', () => {
    const sums = (source: () => Source<number>, fail: boolean) => {
      const env = StreamExecutionEnvironment.create();
      env.enableCheckpointing(1_000);
      env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
      if (fail) env.injectFailure(Failure.atProcessingTime(1_600));
      env
        .fromSource(
          source(),
          WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n * 500),
        )
        .windowAll(TumblingEventTimeWindows.of(Time.seconds(100)))
        .reduce((a, b) => a + b)
        .sinkTo(env.collect('sum', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
      return sinkValues(env.execute(), 'sum');
    };
    const all = values.reduce((a, b) => a + b, 0);
    expect(sums(elements, true)).toEqual([all]);
    // 3 (at 1.5 s) was added to the window after the checkpoint at 1 s: the restore dropped it.
    expect(sums(socket, true)).toEqual([all - 3]);
    expect(sums(socket, false)).toEqual([all]);
  });
});
