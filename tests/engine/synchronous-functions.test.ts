import { describe, expect, it } from 'vitest';
import { UserFunctionError } from '../../src/engine/index';
import type { Collector, Context, StreamExecutionEnvironment } from '../../src/engine/index';
import { run } from './helpers';

function failureOf(build: (env: StreamExecutionEnvironment) => void, trace = false) {
  try {
    run(build, trace ? { trace: { level: 'full' } } : {});
  } catch (error) {
    return error;
  }
  throw new Error('expected the run to fail');
}

const pipelines: Record<string, (env: StreamExecutionEnvironment) => void> = {
  map: (env) =>
    env
      .fromElements(1, 2)
      .map(async (n) => n + 1)
      .sinkTo(env.collect('out')),
  filter: (env) =>
    env
      .fromElements(1, 2)
      // @ts-expect-error The types refuse it; a learner's run goes ahead despite type errors.
      .filter(async (n) => n > 1)
      .sinkTo(env.collect('out')),
  flatMap: (env) =>
    env
      .fromElements(1, 2)
      // @ts-expect-error As above.
      .flatMap(async (n) => [n])
      .sinkTo(env.collect('out')),
  reduce: (env) =>
    env
      .fromElements(1, 2)
      .keyBy(() => 'all')
      // @ts-expect-error As above.
      .reduce(async (a, b) => (await a) + b)
      .sinkTo(env.collect('out')),
  processElement: (env) =>
    env
      .fromElements(1, 2)
      .process({
        processElement: async (n: number, _ctx: Context, out: Collector<number>) => {
          await null;
          out.collect(n);
        },
      })
      .sinkTo(env.collect('out')),
};

describe('an async operator function', () => {
  for (const [method, build] of Object.entries(pipelines)) {
    for (const trace of [false, true]) {
      it(`fails the run at ${method}(...), naming the operator and the record${trace ? ' (traced)' : ''}`, () => {
        const error = failureOf(build, trace);
        expect(error).toBeInstanceOf(UserFunctionError);
        const report = (error as UserFunctionError).toReport();
        expect(report.message).toMatch(
          new RegExp(`${method}.* returned a Promise: operator functions must be synchronous`),
        );
        // reduce sees the key's second record first: the first one only starts its state.
        expect(report.value).toBe(method === 'reduce' ? '2' : '1');
      });
    }
  }

  it('leaves synchronous functions alone, also when a record is a Promise-like object', () => {
    const thenable = { then: 'not a function' };
    const result = run((env) =>
      env
        .fromElements(1, 2)
        .map(() => thenable)
        .sinkTo(env.collect('out')),
    );
    expect(result.outputs.out?.map((r) => r.value)).toEqual([thenable, thenable]);
  });
});
