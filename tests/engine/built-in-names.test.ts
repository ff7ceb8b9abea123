import { describe, expect, it } from 'vitest';
import { checkInputFrom, OutputTag, ProcessFunction } from '../../src/engine/index';
import type { Collector, Context } from '../../src/engine/index';
import { run } from './helpers';

/** Names every plain object already answers to: a learner may still choose them. */
const BUILT_IN_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

describe.each(BUILT_IN_NAMES)('the name %s', (name) => {
  it('names a collect sink like any other name', () => {
    const result = run((env) => {
      const numbers = env.fromElements(1, 2, 3);
      numbers.sinkTo(env.collect(name));
      numbers.map((n) => n * 10).sinkTo(env.collect('other'));
    });
    expect(Object.keys(result.outputs).sort()).toEqual([name, 'other'].sort());
    expect(Object.hasOwn(result.outputs, name)).toBe(true);
    expect(result.outputs[name]?.map((r) => r.value)).toEqual([1, 2, 3]);
    expect(checkInputFrom(result).sinks[name]).toEqual([1, 2, 3]);
  });

  it('names an upsert table like any other name', () => {
    const result = run((env) => {
      env.fromElements(1, 2, 3).sinkTo(env.upsertTable<number>(name, (n) => n % 2));
    });
    expect(Object.keys(result.tables)).toEqual([name]);
    expect(result.tables[name]?.map((r) => r.value).sort()).toEqual([2, 3]);
  });

  it('tags a side output like any other name', () => {
    const tag = new OutputTag<number>(name);
    const result = run((env) => {
      const big = env.fromElements(1, 50, 2).process(
        new (class extends ProcessFunction<number, number> {
          processElement(n: number, ctx: Context, out: Collector<number>): void {
            if (n < 10) ctx.output(tag, n);
            else out.collect(n);
          }
        })(),
      );
      big.sinkTo(env.collect('big'));
      big.getSideOutput(tag).sinkTo(env.collect('small'));
    });
    expect(Object.keys(result.sideOutputs)).toEqual([name]);
    expect(result.sideOutputs[name]?.map((r) => r.value)).toEqual([1, 2]);
    expect(result.outputs.small?.map((r) => r.value)).toEqual([1, 2]);
  });

  it('names an operator like any other name', () => {
    const result = run((env) => {
      env
        .fromElements(1, 2)
        .map((n) => n + 1)
        .name(name)
        .sinkTo(env.collect('out'));
    });
    expect(result.graph.operators.some((node) => node.name === name)).toBe(true);
    const counted = Object.values(result.metrics.operators).map((m) => m.recordsIn);
    expect(counted).toContain(2);
    expect(result.outputs.out?.map((r) => r.value)).toEqual([2, 3]);
  });
});
