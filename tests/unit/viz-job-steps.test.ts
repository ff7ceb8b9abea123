/**
 * Checkpoints, failures and restarts as steps: the step line says what was saved, what crashed
 * and what came back, in the order they happened among the records' steps.
 */
import { describe, expect, it } from 'vitest';
import { Failure, RestartStrategies, StreamExecutionEnvironment, type JobResult } from 'streamlab';
import type { Moment } from '../../src/ui/viz/moment';
import { formatBytes } from '../../src/ui/viz/job-captions';
import { stepAfter, stepNumber, type Step } from '../../src/ui/viz/steps';
import { TraceModel } from '../../src/ui/viz/trace-model';

const BEFORE_RUN: Moment = { time: -Infinity, seq: -Infinity };

function run(configure: (env: StreamExecutionEnvironment) => void): JobResult {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
  configure(env);
  env
    .fromCollection(Array.from({ length: 20 }, (_, n) => ({ key: 'ab'[n % 2] as string, n })))
    .keyBy((r) => r.key)
    .reduce((a, b) => ({ key: a.key, n: a.n + b.n }))
    .name('Sum')
    .sinkTo(env.collect('sums'));
  return env.execute();
}

function steps(result: JobResult): Step[] {
  const model = new TraceModel();
  model.sync(result.trace);
  const all: Step[] = [];
  for (let s = stepAfter(model, result.graph, BEFORE_RUN); s;) {
    all.push(s);
    s = stepAfter(model, result.graph, s.moment);
  }
  expect(all.map((s) => stepNumber(model, result.graph, s))).toEqual(all.map((_, i) => i + 1));
  return all;
}

const jobSteps = (all: Step[]) =>
  all.filter((s) => s.kind === 'checkpoint' || s.kind === 'failure' || s.kind === 'restart');

describe('job steps', () => {
  it('tell a checkpoint, an injected failure and the restart from that checkpoint', () => {
    const result = run((env) => {
      env.enableCheckpointing(1_000);
      env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 500));
      env.injectFailure(Failure.atProcessingTime(1_500));
    });
    const told = jobSteps(steps(result));
    const bytes = result.trace.find((e) => e.type === 'checkpoint-completed');
    expect(told.slice(0, 3).map((s) => [s.kind, s.time, s.caption])).toEqual([
      [
        'checkpoint',
        1_000,
        `Checkpoint 1 completed (${formatBytes((bytes as { bytes: number }).bytes)} of state)`,
      ],
      ['failure', 1_500, 'Failure injected at 1.5 s: the job restarts from checkpoint 1 in 500 ms'],
      ['restart', 2_000, 'Restart 1: state restored from checkpoint 1; sources rewound'],
    ]);
  });

  it('tell a restart from the beginning, and a failure the job does not survive', () => {
    const restarted = jobSteps(
      steps(
        run((env) => {
          env.enableCheckpointing(5_000);
          env.injectFailure(Failure.atProcessingTime(700));
        }),
      ),
    );
    expect(restarted.map((s) => s.caption).slice(0, 2)).toEqual([
      'Failure injected at 700 ms: the job restarts from the beginning (no checkpoint has completed) in 1 s',
      'Restart 1: no checkpoint had completed, so the job starts over from the beginning; sources rewound',
    ]);

    const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
    env.injectFailure(Failure.atProcessingTime(300));
    env.fromCollection([1, 2, 3, 4, 5]).sinkTo(env.collect('out'));
    const job = env.executeStepwise();
    expect(() => job.runToEnd()).toThrow();
    const result = job.result();
    expect(jobSteps(steps(result)).map((s) => s.caption)).toEqual([
      'Failure injected at 300 ms: the job fails for good, as its restart strategy allows no restart',
    ]);
  });

  it('write sizes as a reader takes them in', () => {
    expect([640, 1_234, 3_400_000].map(formatBytes)).toEqual(['640 B', '1.2 kB', '3.4 MB']);
  });
});
