import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  MAX_WATERMARK,
  MIN_WATERMARK,
  ProcessFunction,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from '../../../src/engine/index';
import type {
  Collector,
  Context,
  KeyedContext,
  OnTimerContext,
  SourceEvent,
} from '../../../src/engine/index';
import { rec, scriptedSource, values } from '../helpers';

/** Emits, for each record, the watermark its operator had when the record arrived. */
class WatermarkProbe extends ProcessFunction<number, string> {
  processElement(value: number, ctx: Context, out: Collector<string>): void {
    out.collect(`${value}@${ctx.timerService().currentWatermark()}`);
  }
}

const strategy = (bound: number): WatermarkStrategy<number> =>
  WatermarkStrategy.forBoundedOutOfOrderness<number>(bound).withTimestampAssigner((n) => n);

function sourceWatermark(job: ReturnType<StreamExecutionEnvironment['executeStepwise']>): number {
  return job.watermarks()[0]?.watermark as number;
}

describe('bounded out-of-orderness', () => {
  it('emits max timestamp − bound − 1, every 200 ms of processing time', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([[rec(1_000, 1_000, 0), rec(1_500, 1_500, 250), rec(0, 0, 5_000)]]),
        strategy(100),
      )
      .print();
    const job = env.executeStepwise();
    job.advanceTo(199);
    expect(sourceWatermark(job)).toBe(MIN_WATERMARK);
    job.advanceTo(200);
    expect(sourceWatermark(job)).toBe(1_000 - 100 - 1);
    job.advanceTo(399);
    expect(sourceWatermark(job)).toBe(899);
    job.advanceTo(400);
    expect(sourceWatermark(job)).toBe(1_399);
  });

  it('uses the configured auto-watermark interval', () => {
    const env = StreamExecutionEnvironment.create();
    env.getConfig().setAutoWatermarkInterval(1_000);
    env.fromSource(scriptedSource([[rec(50, 50, 0), rec(60, 60, 5_000)]]), strategy(0)).print();
    const job = env.executeStepwise();
    job.advanceTo(999);
    expect(sourceWatermark(job)).toBe(MIN_WATERMARK);
    job.advanceTo(1_000);
    expect(sourceWatermark(job)).toBe(49);
  });

  it('monotonous timestamps trail the highest timestamp by 1', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([[rec(10, 10, 0), rec(20, 20, 300)]]),
        WatermarkStrategy.forMonotonousTimestamps<number>().withTimestampAssigner((n) => n),
      )
      .print();
    const job = env.executeStepwise();
    job.advanceTo(200);
    expect(sourceWatermark(job)).toBe(9);
  });

  it('ends with the maximum watermark when the input ends', () => {
    const env = StreamExecutionEnvironment.create();
    env.fromSource(scriptedSource([[rec(10, 10, 0)]]), strategy(0)).print();
    const job = env.executeStepwise();
    job.runToEnd();
    expect(sourceWatermark(job)).toBe(MAX_WATERMARK);
  });
});

describe('combining watermarks', () => {
  it('a source takes the minimum over its partitions', () => {
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([
          [rec(5_000, 5_000, 0), rec(9_000, 9_000, 1_000)],
          [rec(1_000, 1_000, 0), rec(9_000, 9_000, 1_000)],
        ]),
        strategy(0),
      )
      .print();
    const job = env.executeStepwise();
    job.advanceTo(200);
    const [source] = job.watermarks();
    expect(source?.inputs.map((i) => i.watermark)).toEqual([4_999, 999]);
    expect(source?.watermark).toBe(999);
  });

  it('leaves idle partitions out (withIdleness, Flink’s idleness timer)', () => {
    const busy = Array.from({ length: 50 }, (_, i) => rec(i * 100, i * 100, i * 100));
    const quiet = [rec(0, 0, 0), rec(10_000, 10_000, 10_000)];
    const env = StreamExecutionEnvironment.create();
    env.fromSource(scriptedSource([busy, quiet]), strategy(0).withIdleness(1_000)).print();
    const job = env.executeStepwise();
    // Inactivity of the quiet partition starts at the first check without records (400 ms) and
    // must exceed the timeout: idle at the check at 1 600 ms, not at 1 400 ms.
    job.advanceTo(1_400);
    expect(sourceWatermark(job)).toBe(-1);
    expect(job.watermarks()[0]?.inputs[1]?.idle).toBe(false);
    job.advanceTo(1_600);
    expect(job.watermarks()[0]?.inputs[1]?.idle).toBe(true);
    expect(sourceWatermark(job)).toBe(1_599);
  });

  it('honours idleness a source declares', () => {
    const quiet: SourceEvent<number>[] = [rec(0, 0, 0), { kind: 'idle', arrivalTime: 10 }];
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(scriptedSource([[rec(500, 500, 0), rec(900, 900, 1_000)], quiet]), strategy(0))
      .print();
    const job = env.executeStepwise();
    job.advanceTo(200);
    expect(sourceWatermark(job)).toBe(499);
  });

  it('a union takes the minimum of its inputs', () => {
    const env = StreamExecutionEnvironment.create();
    const fast = env.fromSource(
      scriptedSource([[rec(1_000, 1_000, 0), rec(2_000, 2_000, 300)]]),
      strategy(0),
    );
    const slow = env.fromSource(
      scriptedSource([[rec(100, 100, 0), rec(150, 150, 350)]]),
      strategy(0),
    );
    fast.union(slow).process(new WatermarkProbe()).sinkTo(env.collect('probe'));
    const result = env.execute();
    expect(values(result, 'probe')).toEqual([
      `1000@${MIN_WATERMARK}`,
      `100@${MIN_WATERMARK}`,
      '2000@99',
      '150@99',
    ]);
  });

  it('never goes backwards, whatever a generator emits', () => {
    const emitted = [50, 10, 70, 60];
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([[rec(1, 1, 0), rec(2, 2, 900)]]),
        WatermarkStrategy.forGenerator<number>(() => ({
          onEvent: () => {},
          onPeriodicEmit: (out) => out.emitWatermark(emitted.shift() ?? 0),
        })).withTimestampAssigner((n) => n),
      )
      .print();
    const job = env.executeStepwise();
    const seen: number[] = [];
    for (const t of [200, 400, 600, 800]) {
      job.advanceTo(t);
      seen.push(sourceWatermark(job));
    }
    expect(seen).toEqual([50, 50, 70, 70]);
  });

  it('a punctuated generator emits on records', () => {
    const env = StreamExecutionEnvironment.create({ autoWatermarkInterval: 0 });
    env
      .fromSource(
        scriptedSource([[rec(5, 5, 0), rec(-1, 30, 10), rec(7, 7, 20)]]),
        WatermarkStrategy.forGenerator<number>(() => ({
          onEvent: (n, ts, out) => {
            if (n < 0) out.emitWatermark(ts);
          },
          onPeriodicEmit: () => {},
        })).withTimestampAssigner((n, ts) => ts ?? n),
      )
      .process(new WatermarkProbe())
      .sinkTo(env.collect('probe'));
    expect(values(env.execute(), 'probe')).toEqual([
      `5@${MIN_WATERMARK}`,
      `-1@${MIN_WATERMARK}`,
      '7@30',
    ]);
  });

  it('assignTimestampsAndWatermarks replaces upstream watermarks', () => {
    class TimerProbe extends KeyedProcessFunction<string, number, string> {
      processElement(value: number, ctx: KeyedContext<string>): void {
        ctx.timerService().registerEventTimeTimer(value);
      }
      onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
        out.collect(`${timestamp}@${ctx.timerService().currentWatermark()}`);
      }
    }
    const env = StreamExecutionEnvironment.create();
    env
      .fromSource(
        scriptedSource([[rec(100, 100, 0), rec(300, 300, 500), rec(0, 0, 5_000)]]),
        strategy(0),
      )
      .assignTimestampsAndWatermarks(strategy(50))
      .keyBy(() => 'k')
      .process(new TimerProbe())
      .sinkTo(env.collect('timers'));
    // The second operator's watermark is 100 − 50 − 1 = 49 at 200 ms, not the source's 99; the
    // timer at 100 waits for 300 − 50 − 1 = 249 at 600 ms, and the one at 300 for the end of input.
    // A timer set behind the watermark fires at the next advance, in timestamp order.
    expect(values(env.execute(), 'timers')).toEqual([
      '100@249',
      `0@${MAX_WATERMARK}`,
      `300@${MAX_WATERMARK}`,
    ]);
  });
});
