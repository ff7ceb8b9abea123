import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  ListStateDescriptor,
  MapStateDescriptor,
  OutputTag,
  PipelineDefinitionError,
  ProcessFunction,
  StreamExecutionEnvironment,
  UserFunctionError,
  ValueStateDescriptor,
  WatermarkStrategy,
} from '../../../src/engine/index';
import type {
  Collector,
  Context,
  KeyedContext,
  KeyedRuntimeContext,
  ListState,
  MapState,
  OnTimerContext,
  ValueState,
} from '../../../src/engine/index';
import type { Event } from '../helpers';
import { ev, eventsStrategy, rec, run, scriptedSource, values } from '../helpers';

/** The Flink docs' CountWithTimeoutFunction: emit a key's count after a minute without updates. */
class CountWithTimeout extends KeyedProcessFunction<string, Event, string> {
  private state!: ValueState<{ count: number; lastModified: number }>;

  open(ctx: KeyedRuntimeContext): void {
    this.state = ctx.getState(new ValueStateDescriptor('myState'));
  }

  processElement(event: Event, ctx: KeyedContext<string>): void {
    const current = this.state.value() ?? { count: 0, lastModified: 0 };
    const lastModified = ctx.timestamp() as number;
    this.state.update({ count: current.count + 1, lastModified });
    ctx.timerService().registerEventTimeTimer(lastModified + 60_000);
  }

  onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
    const current = this.state.value();
    if (current !== undefined && timestamp === current.lastModified + 60_000) {
      out.collect(`${ctx.getCurrentKey()}=${current.count}@${ctx.timestamp()}`);
    }
  }
}

describe('KeyedProcessFunction', () => {
  it('keeps keyed state and fires event-time timers (the docs’ count with timeout)', () => {
    const source = scriptedSource([
      [
        rec(ev('a', 0), 0, 0),
        rec(ev('a', 30_000), 30_000, 10),
        rec(ev('b', 40_000), 40_000, 20),
        rec(ev('x', 200_000), 200_000, 30),
      ],
    ]);
    const result = run((env) => {
      env
        .fromSource(source, eventsStrategy())
        .keyBy((e) => e.key)
        .process(new CountWithTimeout())
        .sinkTo(env.collect('out'));
    });
    // a's first timer (60 000) is stale after the second update; its second fires at 90 000.
    expect(values(result, 'out')).toEqual(['a=2@90000', 'b=1@100000', 'x=1@260000']);
  });

  it('gives list and map state per key; processing-time timers see their time, their output carries none', () => {
    class Collect extends KeyedProcessFunction<string, Event, string> {
      private seen!: ListState<number>;
      private counts!: MapState<string, number>;
      open(ctx: KeyedRuntimeContext): void {
        this.seen = ctx.getListState(new ListStateDescriptor<number>('seen'));
        this.counts = ctx.getMapState(new MapStateDescriptor<string, number>('counts'));
      }
      processElement(event: Event, ctx: KeyedContext<string>): void {
        this.seen.add(event.ts);
        this.counts.put(event.key, (this.counts.get(event.key) ?? 0) + 1);
        ctx
          .timerService()
          .registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 50);
      }
      onTimer(_ts: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
        out.collect(
          `${ctx.timeDomain()} ${this.seen.get().join(',')} ${this.counts.get(ctx.getCurrentKey())} ${String(ctx.timestamp())}`,
        );
      }
    }
    const source = scriptedSource([
      [
        rec(ev('a', 1), 1, 0),
        rec(ev('a', 2), 2, 10),
        rec(ev('b', 3), 3, 100),
        rec(ev('z', 4), 4, 1_000),
      ],
    ]);
    const result = run((env) => {
      env
        .fromSource(source, eventsStrategy())
        .keyBy((e) => e.key)
        .process(new Collect())
        .sinkTo(env.collect('out'));
    });
    // a's timers at 50 and 60 both see both of a's records (the second arrived at 10). As in
    // Flink's OnTimerContextImpl, ctx.timestamp() is the timer's time, while what onTimer collects
    // has its timestamp erased.
    expect(values(result, 'out')).toEqual([
      'processing-time 1,2 2 50',
      'processing-time 1,2 2 60',
      'processing-time 3 1 150',
    ]);
    expect(result.outputs.out?.map((row) => row.timestamp)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('sends records to side outputs', () => {
    const small = new OutputTag<number>('small');
    const result = run((env) => {
      const big = env.fromElements(1, 50, 2, 70).process(
        new (class extends ProcessFunction<number, number> {
          processElement(n: number, ctx: Context, out: Collector<number>): void {
            if (n < 10) ctx.output(small, n);
            else out.collect(n);
          }
        })(),
      );
      big.sinkTo(env.collect('big'));
      big.getSideOutput(small).sinkTo(env.collect('small'));
    });
    expect(values(result, 'big')).toEqual([50, 70]);
    expect(values(result, 'small')).toEqual([1, 2]);
    expect(result.sideOutputs['small']?.map((r) => r.value)).toEqual([1, 2]);
  });

  it('accepts a plain object as a process function', () => {
    const result = run((env) => {
      env
        .fromElements('a', 'b')
        .process({
          processElement: (v: string, _ctx: Context, out: Collector<string>) =>
            out.collect(v.toUpperCase()),
        })
        .sinkTo(env.collect('out'));
    });
    expect(values(result, 'out')).toEqual(['A', 'B']);
  });
});

describe('keyed state and timers need a keyed stream', () => {
  it('rejects a KeyedProcessFunction on a stream that is not keyed, while building', () => {
    const env = StreamExecutionEnvironment.create();
    expect(() => env.fromElements(ev('a', 1)).process(new CountWithTimeout() as never)).toThrow(
      PipelineDefinitionError,
    );
    expect(() => env.fromElements(ev('a', 1)).process(new CountWithTimeout() as never)).toThrow(
      /call \.keyBy/,
    );
  });

  it('rejects a function with onTimer on a stream that is not keyed, while building', () => {
    const env = StreamExecutionEnvironment.create();
    const withTimer = {
      processElement: (n: number, _ctx: Context, out: Collector<number>) => out.collect(n),
      onTimer: () => {},
    };
    expect(() => env.fromElements(1).process(withTimer)).toThrow(PipelineDefinitionError);
    expect(() => env.fromElements(1).process(withTimer)).toThrow(
      'process(...) with onTimer(...) needs a keyed stream, but this stream is not keyed: call ' +
        '.keyBy(...) first',
    );
    // On a keyed stream the same function is fine.
    expect(() =>
      env
        .fromElements(1)
        .keyBy(() => 'k')
        .process(withTimer),
    ).not.toThrow();
  });

  it('rejects keyed state declared in a ProcessFunction before any record flows', () => {
    class Sneaky extends ProcessFunction<number, number> {
      open(ctx: KeyedRuntimeContext): void {
        ctx.getState(new ValueStateDescriptor<number>('n'));
      }
      processElement(): void {}
    }
    const env = StreamExecutionEnvironment.create();
    env.fromElements(1).process(new Sneaky()).print();
    expect(() => env.execute()).toThrow(/not keyed, so it has no keyed state/);
  });

  it('rejects timers on a stream that is not keyed', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromElements(1)
      .process({
        processElement: (_n: number, ctx: Context) => ctx.timerService().registerEventTimeTimer(5),
      })
      .print();
    expect(() => env.execute()).toThrow(UserFunctionError);
    expect(() => env.execute()).toThrow(/keyed stream/);
  });

  it('exposes the current watermark to the function', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([[rec(1, 1_000, 0), rec(2, 2_000, 300)]]),
        WatermarkStrategy.forMonotonousTimestamps<number>(),
      )
      .keyBy(() => 'k')
      .process({
        processElement: (n: number, ctx: KeyedContext<string>, out: Collector<string>) =>
          out.collect(`${n}:${ctx.timerService().currentWatermark()}`),
      })
      .sinkTo(env.collect('out'));
    expect(values(env.execute(), 'out')).toEqual([`1:${Number.MIN_SAFE_INTEGER}`, '2:999']);
  });
});
