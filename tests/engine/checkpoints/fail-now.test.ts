/**
 * A failure injected into a job that is already running (the playground's Fail now): it happens at
 * the current processing time, as `Failure.atProcessingTime(now)` would have, and the job restarts
 * or fails by the rules it was built with.
 */
import { describe, expect, it } from 'vitest';
import {
  Failure,
  JobExecutionError,
  RestartStrategies,
  StreamExecutionEnvironment,
} from '../../../src/engine/index';
import { content, eventsOf, numbered, rowsOf, runningSum } from './jobs';

describe('failNow on a running job', () => {
  it('with checkpointing, restarts from the latest checkpoint, as the same failure in code would', () => {
    const configure = (env: StreamExecutionEnvironment) => {
      env.enableCheckpointing(1_000);
      env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 500));
    };
    const job = runningSum(40, configure).executeStepwise();
    job.advanceTo(2_500);
    expect(job.failNow()).toBe(true);
    expect(job.processingTime).toBe(2_500);
    const [failure] = eventsOf(job.result(), 'failure');
    expect(failure).toMatchObject({ time: 2_500, injected: true, restarting: true });
    const live = job.runToEnd();

    const planned = runningSum(40, (env) => {
      configure(env);
      env.injectFailure(Failure.atProcessingTime(2_500));
    }).execute();
    expect(eventsOf(live, 'restart')).toEqual(eventsOf(planned, 'restart'));
    expect(eventsOf(live, 'restart')).toMatchObject([{ time: 3_000, checkpoint: 2, from: 2_000 }]);
    for (const sink of ['plain', 'exactly'])
      expect(rowsOf(live, sink)).toEqual(rowsOf(planned, sink));
    expect(live.outputs.plain?.filter((row) => row.duplicate).map(content)).toHaveLength(5);
    expect(live.outputs.exactly?.every((row) => row.committed === true)).toBe(true);
    expect(rowsOf(live, 'exactly')).toEqual(rowsOf(runningSum(40, configure).execute(), 'exactly'));
  });

  it('without checkpointing or a restart strategy, fails the job with the engine’s message', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.fromCollection(numbered(30)).sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    job.step();
    job.step();
    let error: unknown;
    try {
      job.failNow();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobExecutionError);
    expect((error as Error).message).toMatch(
      /injected failure \(Failure.atProcessingTime\(100\)\)/,
    );
    // The job stays failed: nothing more to inject, and running it says why it stopped.
    expect(job.failNow()).toBe(false);
    expect(() => job.runToEnd()).toThrow(error as Error);
    expect(eventsOf(job.result(), 'failure')).toMatchObject([
      { time: 100, injected: true, restarting: false },
    ]);
    expect(job.result().outputs.out).toHaveLength(2);
  });

  it('does nothing to a job that has ended', () => {
    const env = StreamExecutionEnvironment.create();
    env.fromCollection(numbered(3)).sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    job.runToEnd();
    expect(job.failNow()).toBe(false);
    expect(job.result().outputs.out).toHaveLength(3);
  });

  it('fires after what is still due at the same processing time, before anything later', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.enableCheckpointing(1_000);
    // Two sources with a record at 0 ms each: a step stops after the first, the second is due.
    env.fromCollection(numbered(5)).sinkTo(env.collect('a'));
    env.fromCollection(numbered(5)).sinkTo(env.collect('b'));
    const job = env.executeStepwise();
    job.step();
    expect(job.result().outputs.b).toHaveLength(0);
    job.failNow();
    expect(job.result().outputs.a).toHaveLength(1);
    expect(job.result().outputs.b).toHaveLength(1);
    expect(eventsOf(job.result(), 'failure')).toMatchObject([{ time: 0 }]);
  });
});
