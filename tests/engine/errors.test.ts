import { describe, expect, it } from 'vitest';
import {
  JobExecutionError,
  PipelineDefinitionError,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  UserFunctionError,
  WatermarkStrategy,
} from '../../src/engine/index';
import { ev, rec, run, scriptedSource } from './helpers';

function failure(build: (env: StreamExecutionEnvironment) => void): unknown {
  try {
    run(build);
  } catch (error) {
    return error;
  }
  throw new Error('expected the run to fail');
}

describe('errors in learners’ functions', () => {
  it('name the operator, the record and its timestamp, and keep the original error', () => {
    const error = failure((env) => {
      env
        .fromSource(
          scriptedSource([[rec({ v: 1 }, 10), rec({ v: 0 }, 20)]]),
          WatermarkStrategy.forMonotonousTimestamps<{ v: number }>(),
        )
        .map((r) => {
          if (r.v === 0) throw new RangeError('division by zero');
          return 1 / r.v;
        })
        .name('invert')
        .print();
    });
    expect(error).toBeInstanceOf(UserFunctionError);
    const failure_ = error as UserFunctionError;
    expect(failure_.operatorName).toBe('invert');
    expect(failure_.record).toEqual({ value: { v: 0 }, timestamp: 20 });
    expect(failure_.message).toContain('invert');
    expect(failure_.message).toContain('{ v: 0 } @ 20');
    expect(failure_.message).toContain('RangeError: division by zero');
    expect(failure_.cause).toBeInstanceOf(RangeError);
    const report = failure_.toReport();
    expect(report).toMatchObject({
      name: 'UserFunctionError',
      operatorName: 'invert',
      value: '{ v: 0 }',
      timestamp: 20,
    });
    expect(report.cause?.stack).toContain('division by zero');
    expect(structuredClone(report)).toEqual(report);
  });

  it('report a failing key selector against the keyed operator', () => {
    const error = failure((env) => {
      env
        .fromElements<{ id?: string }>({ id: 'a' }, {})
        .keyBy((r) => (r.id as string).toUpperCase())
        .sum()
        .print();
    });
    expect(error).toBeInstanceOf(UserFunctionError);
    expect((error as UserFunctionError).record?.value).toEqual({});
  });

  it("name a window sum's field that is not a number, on a window's later element too", () => {
    for (const bad of ['2', undefined]) {
      const error = failure((env) => {
        env
          .fromSource(
            // A learner's data can break the types: the second record's field is not a number.
            scriptedSource([[rec({ key: 'a', n: 1 }, 1), rec({ key: 'a', n: bad as never }, 2)]]),
            WatermarkStrategy.forMonotonousTimestamps<{ key: string; n: number }>(),
          )
          .keyBy((r) => r.key)
          .window(TumblingEventTimeWindows.of(10))
          .sum('n')
          .print();
      });
      expect(error).toBeInstanceOf(UserFunctionError);
      expect(String(error)).toContain(
        `sum("n") needs field "n" to be a number, found ${typeof bad}.`,
      );
      expect((error as UserFunctionError).record?.value).toEqual({ key: 'a', n: bad });
    }
  });

  it('reject keys that cannot be keys, saying how to make one', () => {
    const error = failure((env) => {
      env
        .fromElements({ a: 1, b: 2 })
        .keyBy((r) => [r.a, r.b] as never)
        .sum('a')
        .print();
    });
    expect(error).toBeInstanceOf(JobExecutionError);
    expect(String(error)).toMatch(/join them/);
  });

  it('leave the job failed: later calls rethrow the same error', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromElements(1, 2)
      .map(() => {
        throw new Error('boom');
      })
      .print();
    const job = env.executeStepwise();
    const first = (() => {
      try {
        job.runToEnd();
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(first).toBeInstanceOf(UserFunctionError);
    expect(() => job.step()).toThrow(first as Error);
  });
});

describe('invalid pipelines fail while they are built', () => {
  it('an event-time window on records without timestamps', () => {
    const env = StreamExecutionEnvironment.create();
    expect(() =>
      env
        .fromElements(ev('a', 1))
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10)),
    ).toThrow(/assignTimestampsAndWatermarks/);
  });

  it('a negative allowed lateness, a missing function, a duplicate sink name', () => {
    const env = StreamExecutionEnvironment.create();
    const stream = env.fromSource(scriptedSource([[rec(ev('a', 1), 1)]]));
    expect(() =>
      stream
        .keyBy((e) => e.key)
        .window(TumblingEventTimeWindows.of(10))
        .allowedLateness(-1),
    ).toThrow(PipelineDefinitionError);
    expect(() => stream.map(undefined as never)).toThrow(/map needs a function/);
    stream.sinkTo(env.collect('out'));
    expect(() => stream.sinkTo(env.collect('out'))).toThrow(/already is a sink named "out"/);
  });

  it('an empty pipeline', () => {
    expect(() => StreamExecutionEnvironment.create().execute()).toThrow(/pipeline is empty/);
  });

  it('an unbounded source run without an end time', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource({
        name: 'forever',
        partitions: 1,
        bounded: false,
        createReader: () => {
          let i = 0;
          return {
            next: () => ({ kind: 'record', value: i, arrivalTime: i++ * 10 }),
            position: () => i,
          };
        },
      })
      .sinkTo(env.collect('out'));
    expect(() => env.execute()).toThrow(/pass \{ until/);
    expect(env.execute({ until: 95 }).outputs['out']).toHaveLength(10);
  });
});
