/**
 * Failures and restarts: injected failures and throwing functions, restart strategies with
 * Flink's defaults and semantics, and recovery from the latest completed checkpoint with the
 * sources rewound to its offsets.
 */
import { describe, expect, it } from 'vitest';
import {
  Failure,
  JobExecutionError,
  PipelineDefinitionError,
  RestartStrategies,
  StreamExecutionEnvironment,
  UserFunctionError,
} from '../../../src/engine/index';
import type { FailureEvent } from '../../../src/engine/index';
import { eventsOf, numbered, rowsOf, runningSum } from './jobs';

describe('a failure', () => {
  it('without checkpointing fails the job: no restart (Flink’s default)', () => {
    const env = runningSum(30, (e) => e.injectFailure(Failure.atProcessingTime(1_500)));
    let error: unknown;
    try {
      // The transactional sink needs checkpointing: build without it.
      env.execute();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineDefinitionError);

    const plain = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    plain.injectFailure(Failure.atProcessingTime(1_500));
    plain.fromCollection(numbered(30)).sinkTo(plain.collect('out'));
    const job = plain.executeStepwise();
    expect(() => job.runToEnd()).toThrow(JobExecutionError);
    expect(() => job.result()).not.toThrow();
    expect(job.result().outputs.out).toHaveLength(16);
    const [failure] = eventsOf(job.result(), 'failure');
    expect(failure).toMatchObject({ time: 1_500, injected: true, restarting: false });
    expect(() => job.runToEnd()).toThrow(/recovery is suppressed by NoRestartBackoffTimeStrategy/);
  });

  it('restarts the job from the latest completed checkpoint, rewinding the sources', () => {
    const result = runningSum(40, (env) => {
      env.enableCheckpointing(1_000);
      env.injectFailure(Failure.atProcessingTime(2_500));
    }).execute();
    const [restart] = eventsOf(result, 'restart');
    // Flink's default with checkpointing: a fixed delay of 1 s.
    expect(restart).toMatchObject({ time: 3_500, attempt: 1, checkpoint: 2, from: 2_000 });
    // Records 21..25 (arrived 2 100..2 500 ms) are read again, at the restart.
    const source = result.graph.operators[0]?.id;
    const read = result.trace.filter((e) => e.type === 'emit' && e.op === source);
    expect(read).toHaveLength(40 + 5);
    const again = read.slice(26, 31);
    expect(again.map((e) => [e.time, (e as { value: string }).value])).toEqual(
      [21, 22, 23, 24, 25].map((n) => [3_500, `{ key: "${'abc'[n % 3]}", n: ${n} }`]),
    );
  });

  it('with no completed checkpoint restarts from the beginning', () => {
    const result = runningSum(20, (env) => {
      env.enableCheckpointing(5_000);
      env.injectFailure(Failure.atProcessingTime(700));
    }).execute();
    expect(eventsOf(result, 'restart')).toMatchObject([{ checkpoint: null, from: 0 }]);
    expect(result.outputs.plain?.filter((row) => row.duplicate)).toHaveLength(8);
    expect(rowsOf(result, 'exactly')).toEqual(
      rowsOf(runningSum(20, (env) => env.enableCheckpointing(5_000)).execute(), 'exactly'),
    );
  });

  it('in an operator, on its n-th record, names the operator and the record', () => {
    const result = runningSum(20, (env) => {
      env.enableCheckpointing(1_000);
      env.injectFailure(Failure.onRecord('Enrich', 13));
    }).execute();
    const [failure] = eventsOf(result, 'failure') as FailureEvent[];
    const enrich = result.graph.operators.find((op) => op.name === 'Enrich')?.id;
    expect(failure).toMatchObject({
      op: enrich,
      time: 1_200,
      record: '{ key: "a", n: 12 }',
      injected: true,
      restarting: true,
    });
    expect(failure?.cause).toMatch(/injected failure \(Failure.onRecord\('Enrich', 13\)\)/);
    expect(() =>
      runningSum(5, (env) => {
        env.enableCheckpointing(1_000);
        env.injectFailure(Failure.onRecord('Nowhere', 1));
      }).execute(),
    ).toThrow(/names no operator that receives records. The operators are: "Enrich", "Sum"/);
  });

  it('of a learner’s function is one too: a transient one is recovered from', () => {
    let thrown = false;
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.enableCheckpointing(500);
    env
      .fromCollection(numbered(12))
      .map((r) => {
        if (r.n === 7 && !thrown) {
          thrown = true;
          throw new Error('the enrichment service timed out');
        }
        return r.n;
      })
      .sinkTo(env.collect('out'));
    const result = env.execute();
    expect(eventsOf(result, 'failure')).toMatchObject([
      { record: '{ key: "b", n: 7 }', injected: false, restarting: true },
    ]);
    const fresh = (result.outputs.out ?? []).filter((row) => row.duplicate !== true);
    expect(fresh.map((row) => row.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe('restart strategies', () => {
  /** A job whose map throws on record 5 every time: it can only fail for good. */
  function poisoned(configure: (env: StreamExecutionEnvironment) => void) {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.enableCheckpointing(300);
    configure(env);
    env
      .fromCollection(numbered(10))
      .map((r) => {
        if (r.n === 5) throw new Error('poison');
        return r.n;
      })
      .sinkTo(env.collect('out'));
    return env.executeStepwise();
  }

  it('fixed delay: restarts the given number of times, the delay after each failure', () => {
    const job = poisoned((env) =>
      env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 700)),
    );
    let error: unknown;
    try {
      job.runToEnd();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserFunctionError);
    expect((error as Error).message).toMatch(/threw: Error: poison/);
    expect((error as Error).message).toMatch(
      'recovery is suppressed by FixedDelayRestartBackoffTimeStrategy' +
        '(maxNumberRestartAttempts=2, backoffTimeMS=700) after 2 restarts',
    );
    const result = job.result();
    const failures = eventsOf(result, 'failure');
    const restarts = eventsOf(result, 'restart');
    expect(failures.map((e) => [e.time, e.restarting])).toEqual([
      [500, true],
      [1_200, true],
      [1_900, false],
    ]);
    expect(restarts.map((e) => [e.time, e.attempt, e.checkpoint])).toEqual([
      [1_200, 1, 1],
      // The replay met the poison before the next checkpoint: from checkpoint 1 again.
      [1_900, 2, 1],
    ]);
  });

  it('no restart: the first failure fails the job, checkpoints or not', () => {
    const job = poisoned((env) => env.setRestartStrategy(RestartStrategies.noRestart()));
    expect(() => job.runToEnd()).toThrow(/NoRestartBackoffTimeStrategy after 0 restarts/);
    expect(eventsOf(job.result(), 'restart')).toEqual([]);
  });

  it('the default with checkpointing: a fixed delay of 1 s, 10 attempts', () => {
    const job = poisoned(() => {});
    expect(() => job.runToEnd()).toThrow(
      /FixedDelayRestartBackoffTimeStrategy\(maxNumberRestartAttempts=10, backoffTimeMS=1000\) after 10 restarts/,
    );
    expect(eventsOf(job.result(), 'restart')).toHaveLength(10);
  });

  it('failure rate: as in Flink’s docs, the 3rd failure within the interval fails the job', () => {
    // failureRateRestart(3, 5 min, 10 s) in Flink's example; here scaled to 3 in 5 s, 1 s apart.
    const job = poisoned((env) =>
      env.setRestartStrategy(RestartStrategies.failureRateRestart(3, 5_000, 1_000)),
    );
    expect(() => job.runToEnd()).toThrow(/FailureRateRestartBackoffTimeStrategy/);
    expect(eventsOf(job.result(), 'failure').map((e) => [e.time, e.restarting])).toEqual([
      [500, true],
      [1_500, true],
      [2_500, false],
    ]);
    // Failures further apart than the interval allows go on restarting.
    const spaced = poisoned((env) =>
      env.setRestartStrategy(RestartStrategies.failureRateRestart(2, 900, 1_000)),
    );
    expect(() => spaced.runToEnd({ until: 6_000 })).not.toThrow();
    expect(eventsOf(spaced.result(), 'failure').every((e) => e.restarting)).toBe(true);
  });

  it('are checked when set', () => {
    expect(() => RestartStrategies.fixedDelayRestart(-1, 10)).toThrow(PipelineDefinitionError);
    expect(() => RestartStrategies.failureRateRestart(0, 10, 10)).toThrow(/at least 1/);
    expect(() => Failure.atProcessingTime(-5)).toThrow(PipelineDefinitionError);
    expect(() => Failure.onRecord('Enrich', 0)).toThrow(/at least 1/);
    const env = StreamExecutionEnvironment.create();
    expect(() => env.setRestartStrategy({ kind: 'sometimes' } as never)).toThrow(
      /RestartStrategies/,
    );
  });
});
