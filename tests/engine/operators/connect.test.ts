import { describe, expect, it } from 'vitest';
import {
  KeyedCoProcessFunction,
  PipelineDefinitionError,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
} from '../../../src/engine/index';
import type {
  Collector,
  KeyedContext,
  KeyedRuntimeContext,
  ValueState,
} from '../../../src/engine/index';
import { rec, run, scriptedSource, values } from '../helpers';

/** The Flink docs' control stream: words on the control stream block the same words on the data stream. */
class ControlFunction extends KeyedCoProcessFunction<string, string, string, string> {
  private blocked!: ValueState<boolean>;
  open(ctx: KeyedRuntimeContext): void {
    this.blocked = ctx.getState(new ValueStateDescriptor<boolean>('blocked', false));
  }
  processElement1(control: string): void {
    void control;
    this.blocked.update(true);
  }
  processElement2(word: string, _ctx: KeyedContext<string>, out: Collector<string>): void {
    if (this.blocked.value() !== true) out.collect(word);
  }
}

describe('connected streams', () => {
  it('co-map handles each input with its own function', () => {
    const result = run((env) => {
      const numbers = env.fromElements(1, 2);
      const words = env.fromElements('x');
      numbers
        .connect(words)
        .map({ map1: (n) => `n${n}`, map2: (w) => `w${w}` })
        .sinkTo(env.collect('out'));
    });
    expect(values<string>(result, 'out').sort()).toEqual(['n1', 'n2', 'wx']);
  });

  it('keyed co-process shares state between the inputs per key', () => {
    const control = scriptedSource([[rec('DROP', 0, 0), rec('IGNORE', 0, 0)]], 'control');
    const words = scriptedSource(
      [[rec('Apache', 0, 10), rec('DROP', 0, 20), rec('Flink', 0, 30), rec('IGNORE', 0, 40)]],
      'words',
    );
    const result = run((env) => {
      env
        .fromSource(control)
        .connect(env.fromSource(words))
        .keyBy(
          (c) => c,
          (w) => w,
        )
        .process(new ControlFunction())
        .sinkTo(env.collect('out'));
    });
    expect(values(result, 'out')).toEqual(['Apache', 'Flink']);
  });

  it('co-flat-map can emit any number of records per input', () => {
    const result = run((env) => {
      env
        .fromElements('a b')
        .connect(env.fromElements(3))
        .flatMap({
          flatMap1: (s) => s.split(' '),
          flatMap2: (n) => Array.from({ length: n }, () => '*'),
        })
        .sinkTo(env.collect('out'));
    });
    expect(values<string>(result, 'out').sort()).toEqual(['*', '*', '*', 'a', 'b']);
  });

  it('rejects a co-function with onTimer on connected streams that are not keyed', () => {
    const env = StreamExecutionEnvironment.create();
    const withTimer = { processElement1: () => {}, processElement2: () => {}, onTimer: () => {} };
    const connected = env.fromElements('a').connect(env.fromElements(1));
    expect(() => connected.process(withTimer)).toThrow(PipelineDefinitionError);
    expect(() => connected.process(withTimer)).toThrow(
      'process(...) with onTimer(...) needs keyed connected streams, but these are not keyed: ' +
        'call .keyBy(key1, key2) first',
    );
    expect(() =>
      connected
        .keyBy(
          (s) => s,
          (n) => String(n),
        )
        .process(withTimer),
    ).not.toThrow();
  });
});
