/**
 * A failure armed on a running job's operator (the playground's "Fail on its next record"): it
 * fires on the next record that operator receives, as `Failure.onRecord(name, n)` with n that
 * record would have, and the job restarts or fails by the rules it was built with.
 */
import { describe, expect, it } from 'vitest';
import {
  Failure,
  JobExecutionError,
  RestartStrategies,
  StreamExecutionEnvironment,
} from '../../../src/engine/index';
import { eventsOf, numbered, rowsOf, runningSum } from './jobs';

const configure = (env: StreamExecutionEnvironment) => {
  env.enableCheckpointing(1_000);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 500));
};

const idOf = (
  env: { graph: { operators: readonly { id: string; name: string }[] } },
  name: string,
) => env.graph.operators.find((o) => o.name === name)?.id as string;

describe('failOnNextRecord on a running job', () => {
  it('fails on the operator’s next record, as Failure.onRecord with that record would', () => {
    const job = runningSum(40, configure).executeStepwise();
    job.advanceTo(2_450);
    const sum = idOf(job, 'Sum');
    // Sum has received 25 records (0 ms … 2 400 ms); nothing fails until the 26th comes.
    expect(job.failOnNextRecord(sum)).toBe(true);
    expect(eventsOf(job.result(), 'failure')).toEqual([]);
    const live = job.runToEnd();
    const [failure] = eventsOf(live, 'failure');
    expect(failure).toMatchObject({ time: 2_500, op: sum, injected: true, restarting: true });
    expect(failure?.cause).toMatch(/Failure\.onRecord\('Sum', 1\)/);
    expect(failure?.record).toMatch(/n: 25/);

    const planned = runningSum(40, (env) => {
      configure(env);
      env.injectFailure(Failure.onRecord('Sum', 26));
    }).execute();
    expect(eventsOf(live, 'restart')).toEqual(eventsOf(planned, 'restart'));
    expect(eventsOf(live, 'restart')).toMatchObject([{ attempt: 1, checkpoint: 2, from: 2_000 }]);
    for (const sink of ['plain', 'exactly'])
      expect(rowsOf(live, sink)).toEqual(rowsOf(planned, sink));
    // It fires once: the replayed records pass.
    expect(eventsOf(live, 'failure')).toHaveLength(1);
    expect(rowsOf(live, 'exactly')).toEqual(rowsOf(runningSum(40, configure).execute(), 'exactly'));
  });

  it('without failure handling, fails the job on that record with the engine’s message', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env
      .fromCollection(numbered(10))
      .map((r) => r.n)
      .name('Double')
      .sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    job.step();
    job.step();
    expect(job.failOnNextRecord(idOf(job, 'Double'))).toBe(true);
    let error: unknown;
    try {
      job.runToEnd();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobExecutionError);
    expect((error as Error).message).toMatch(
      /injected failure \(Failure\.onRecord\('Double', 1\)\)/,
    );
    expect(job.result().outputs.out).toHaveLength(2);
    expect(job.failOnNextRecord(idOf(job, 'Double'))).toBe(false);
  });

  it('names the operator by its id when another shares its name', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    // Two operators named 'Step', kept apart by the keyBy between them (no chaining across it).
    env
      .fromCollection(numbered(6))
      .map((r) => r.n)
      .name('Step')
      .keyBy((n) => n % 2)
      .map((n) => n * 2)
      .name('Step')
      .sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    const second = job.graph.operators.filter((o) => o.name === 'Step')[1]?.id as string;
    expect(second).toBeDefined();
    job.step();
    job.failOnNextRecord(second);
    expect(() => job.runToEnd()).toThrow(new RegExp(`Failure\\.onRecord\\('${second}', 1\\)`));
    expect(eventsOf(job.result(), 'failure')).toMatchObject([{ op: second, time: 100 }]);
  });

  it('stays armed through a restart that comes before the record', () => {
    const job = runningSum(30, configure).executeStepwise();
    job.advanceTo(1_550);
    job.failNow();
    job.failOnNextRecord(idOf(job, 'Enrich'));
    const result = job.runToEnd();
    const failures = eventsOf(result, 'failure');
    expect(failures).toHaveLength(2);
    // The restart at 2 050 ms replays from checkpoint 1 (1 000 ms); its first record fails.
    expect(failures[1]).toMatchObject({ time: 2_050, op: idOf(job, 'Enrich') });
    expect(eventsOf(result, 'restart')).toMatchObject([
      { attempt: 1, checkpoint: 1 },
      { attempt: 2, checkpoint: 1 },
    ]);
  });

  it('refuses a source or an unknown operator, and does nothing to a job that has ended', () => {
    const job = runningSum(3, configure).executeStepwise();
    const source = job.graph.operators.find((o) => o.kind === 'source')?.id as string;
    expect(() => job.failOnNextRecord(source)).toThrow(RangeError);
    expect(() => job.failOnNextRecord('no-such-operator')).toThrow(/No operator with id/);
    job.runToEnd();
    expect(job.failOnNextRecord(idOf(job, 'Sum'))).toBe(false);
  });
});
