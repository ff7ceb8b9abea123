/**
 * The fused loop (src/engine/runtime/fusion.ts) must be invisible: it binds values, never text, so
 * what a learner names things cannot reach the generated code, and a pipeline run again reuses
 * its code without sharing any state with the run before.
 */
import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment } from '../../src/engine/index';
import { FusionBuilder } from '../../src/engine/runtime/fusion';
import type { JobContext } from '../../src/engine/runtime/job-context';

const job: JobContext = {
  now: () => 0,
  arriveAt: () => undefined,
  trace: null,
  provenance: null,
  nextRecordId: () => 0,
  wakeUpAt: () => undefined,
  deliverAt: () => undefined,
  recordSideOutput: () => undefined,
  recordSkippedRow: () => undefined,
};

describe('FusionBuilder', () => {
  it('binds a value once, however often it is asked for, and passes it in', () => {
    const code = new FusionBuilder(job);
    const double = (n: number) => n * 2;
    expect(code.bind(double)).toBe(code.bind(double));
    code.line(`return ${code.bind(double)}(n) + ${code.bind(1)};`);
    expect(code.compile<(n: number) => number>('n')(20)).toBe(41);
  });

  it('adds counted records to the metrics when the function returns or throws', () => {
    const metrics = { recordsIn: 0, recordsOut: 0 } as never;
    const code = new FusionBuilder(job);
    code.count(metrics, 'recordsIn');
    code.count(metrics, 'recordsIn');
    code.line('if (fail) throw new Error("stop");');
    const run = code.compile<(fail: boolean) => void>('fail');
    run(false);
    expect(() => run(true)).toThrow('stop');
    expect(metrics).toEqual({ recordsIn: 4, recordsOut: 0 });
  });
});

describe('a fused upsert table', () => {
  function upsert(level: 'counters' | 'full') {
    const env = StreamExecutionEnvironment.create({ trace: { level } });
    env
      .fromCollection([1, 2, 3, 4])
      .sinkTo(env.upsertTable('odd and even', (n: number) => (n === 4 ? ({} as string) : n % 2)));
    try {
      env.execute();
      return 'no failure';
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('fails on a key that cannot be a key as the table does one record at a time', () => {
    expect(upsert('counters')).toBe(upsert('full'));
    expect(upsert('counters')).toMatch(/key selector returned/);
  });

  it('keeps the latest value of each key, with its count of writes', () => {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'counters' } });
    env.fromCollection([1, 2, 3, 4, 5]).sinkTo(env.upsertTable('parity', (n: number) => n % 2));
    const rows = env.execute().tables['parity'] ?? [];
    expect(rows.map((r) => [r.key, r.value, r.updates, r.processingTime])).toEqual([
      [1, 5, 3, 400],
      [0, 4, 2, 300],
    ]);
  });
});

describe('a fused pipeline', () => {
  function run(name: string, values: number[]) {
    const env = StreamExecutionEnvironment.create({ trace: { level: 'counters' } });
    env
      .fromCollection(values)
      .map((n) => n * 10)
      .name(name)
      .keyBy((n) => n % 2)
      .sum()
      .sinkTo(env.collect('sums'));
    return env.execute();
  }

  it('never writes a name into the code it runs', () => {
    const result = run('"); throw new Error("injected"); ("', [1, 2, 3]);
    expect(result.outputs['sums']?.map((row) => row.value)).toEqual([10, 30, 60]);
  });

  it('runs again from a clean state, with the same code', () => {
    expect(run('tens', [1, 2, 3]).outputs['sums']?.map((row) => row.value)).toEqual([10, 30, 60]);
    const again = run('tens', [5, 6]);
    expect(again.outputs['sums']?.map((row) => row.value)).toEqual([50, 110]);
    const counts = Object.values(again.metrics.operators).map((m) => m.recordsIn);
    expect(Math.max(...counts)).toBe(2);
  });
});
