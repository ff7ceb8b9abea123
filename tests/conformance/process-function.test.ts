/**
 * Conformance of process functions with Flink's `KeyedProcessOperator` / `ProcessOperator`,
 * `InternalTimerServiceImpl` and the "Process Function" docs page.
 */
import { describe, expect, it } from 'vitest';
import {
  KeyedProcessFunction,
  OutputTag,
  ProcessFunction,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
} from '../../src/engine/index';
import type {
  Collector,
  Context,
  KeyedContext,
  KeyedRuntimeContext,
  OnTimerContext,
  SourceEvent,
  ValueState,
} from '../../src/engine/index';
import type { Reading } from './support';
import { bare, r, rec, run, source, values, wm } from './support';

/** Registers the timers each element asks for (`v` = event time, `-v` = processing time). */
class Timers extends KeyedProcessFunction<string, Reading, string> {
  constructor(private readonly tag?: OutputTag<string>) {
    super();
  }

  processElement(e: Reading, ctx: KeyedContext<string>, out: Collector<string>): void {
    out.collect(`el ${e.k}@${ctx.timestamp()} wm=${ctx.timerService().currentWatermark()}`);
    if (e.v > 0) ctx.timerService().registerEventTimeTimer(e.v);
    else ctx.timerService().registerProcessingTimeTimer(-e.v);
  }

  onTimer(time: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
    const wm = ctx.timerService().currentWatermark();
    out.collect(
      `${ctx.timeDomain()} ${ctx.getCurrentKey()}@${time} ts=${ctx.timestamp()} wm=${wm}`,
    );
    if (this.tag !== undefined) ctx.output(this.tag, `side@${time}`);
  }
}

function timers(events: SourceEvent<Reading>[], tag?: OutputTag<string>): ReturnType<typeof run> {
  return run((env) => {
    const out = env
      .fromSource(source([events]))
      .keyBy((e) => e.k)
      .process(new Timers(tag));
    out.sinkTo(env.collect('out'));
    if (tag !== undefined) out.getSideOutput(tag).sinkTo(env.collect('side'));
  });
}

const fired = (result: ReturnType<typeof run>): string[] =>
  values<string>(result).filter((s) => !s.startsWith('el '));

describe('event-time timers', () => {
  // InternalTimerServiceImpl.advanceWatermark: currentWatermark = time; then poll timers with
  // timestamp <= time, in timestamp order. KeyedProcessOperator.onEventTime:
  // collector.setAbsoluteTimestamp(timer.getTimestamp()); OnTimerContext.timestamp() is the timer's.
  it('fire when the watermark reaches them, in timestamp order, with the new watermark visible', () => {
    const result = timers([
      rec(r('a', 1, 30), 1, 0),
      rec(r('b', 1, 20), 1, 0),
      wm(19, 10),
      wm(25, 20),
      wm(40, 30),
    ]);
    expect(fired(result)).toEqual(['event-time b@20 ts=20 wm=25', 'event-time a@30 ts=30 wm=40']);
    const rows = (result.outputs['out'] ?? []).filter((x) => !String(x.value).startsWith('el '));
    expect(rows.map((x) => [x.timestamp, x.processingTime])).toEqual([
      [20, 20],
      [30, 30],
    ]);
  });

  it('fire at a watermark exactly equal to their time', () => {
    const result = timers([rec(r('a', 1, 20), 1, 0), wm(20, 10), wm(30, 20)]);
    expect((result.outputs['out'] ?? []).at(-1)?.processingTime).toBe(10);
  });

  it('a timer behind the watermark fires at the next watermark, not at once', () => {
    // registerEventTimeTimer only queues the timer; it is polled on the next advanceWatermark.
    const result = timers([wm(100, 0), rec(r('a', 1, 50), 1, 10), wm(101, 20)]);
    const rows = (result.outputs['out'] ?? []).filter((x) => !String(x.value).startsWith('el '));
    expect(rows.map((x) => [x.value, x.processingTime])).toEqual([
      ['event-time a@50 ts=50 wm=101', 20],
    ]);
  });

  it('one timer per key and timestamp: registering twice fires once', () => {
    // InternalTimerServiceImpl keeps timers in a set keyed by (key, namespace, timestamp).
    const result = timers([rec(r('a', 1, 20), 1, 0), rec(r('a', 2, 20), 2, 0), wm(50, 10)]);
    expect(fired(result)).toEqual(['event-time a@20 ts=20 wm=50']);
  });

  it('a deleted timer does not fire', () => {
    class DeleteIt extends KeyedProcessFunction<string, Reading, string> {
      processElement(e: Reading, ctx: KeyedContext<string>): void {
        if (e.v > 0) ctx.timerService().registerEventTimeTimer(e.v);
        else ctx.timerService().deleteEventTimeTimer(-e.v);
      }
      onTimer(time: number, _ctx: OnTimerContext<string>, out: Collector<string>): void {
        out.collect(`fired ${time}`);
      }
    }
    const result = run((env) => {
      env
        .fromSource(
          source([[rec(r('a', 1, 20), 1, 0), rec(r('a', 1, 30), 1, 0), rec(r('a', 2, -20), 2, 0)]]),
        )
        .keyBy((e) => e.k)
        .process(new DeleteIt())
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual(['fired 30']);
  });

  it('ctx.timestamp() in processElement is the element timestamp; currentWatermark the operator’s', () => {
    const result = timers([wm(5, 0), rec(r('a', 7, 100), 7, 10)]);
    expect(values<string>(result)[0]).toBe('el a@7 wm=5');
  });
});

describe('processing-time timers', () => {
  it('fire when the virtual clock reaches them, with an output record without timestamp', () => {
    // KeyedProcessOperator.onProcessingTime: collector.eraseTimestamp().
    const result = timers([bare(r('a', 0, -250), 100), bare(r('z', 0, -10_000), 400)]);
    const rows = (result.outputs['out'] ?? []).filter((x) =>
      String(x.value).startsWith('processing-time'),
    );
    expect(rows.map((x) => [x.processingTime, x.timestamp])).toEqual([[250, undefined]]);
  });

  it('OnTimerContext.timestamp() is the timer time for processing-time timers too', () => {
    // KeyedProcessOperator.OnTimerContextImpl.timestamp(): checkState(timer != null); return
    // timer.getTimestamp(); — for both time domains.
    const result = timers([bare(r('a', 0, -250), 100), bare(r('z', 0, -10_000), 400)]);
    expect(fired(result)[0]).toMatch(/^processing-time a@250 ts=250 /);
  });

  it('a side output from onTimer of a processing-time timer carries the timer time', () => {
    // KeyedProcessOperator.OnTimerContextImpl.output: output.collect(outputTag, new
    // StreamRecord<>(value, timer.getTimestamp())).
    const tag = new OutputTag<string>('side');
    const result = timers([bare(r('a', 0, -250), 100), bare(r('z', 0, -10_000), 400)], tag);
    expect((result.outputs['side'] ?? []).map((x) => [x.value, x.timestamp])).toEqual([
      ['side@250', 250],
    ]);
  });

  it('a side output from onTimer of an event-time timer carries the timer time', () => {
    const tag = new OutputTag<string>('side');
    const result = timers([rec(r('a', 1, 20), 1, 0), wm(50, 10)], tag);
    expect((result.outputs['side'] ?? []).map((x) => [x.value, x.timestamp])).toEqual([
      ['side@20', 20],
    ]);
  });
});

describe('keyed state and side outputs', () => {
  it('keeps ValueState per key', () => {
    class Count extends KeyedProcessFunction<string, Reading, string> {
      private count!: ValueState<number>;
      open(ctx: KeyedRuntimeContext): void {
        this.count = ctx.getState(new ValueStateDescriptor<number>('count', 0));
      }
      processElement(e: Reading, ctx: KeyedContext<string>, out: Collector<string>): void {
        this.count.update((this.count.value() ?? 0) + 1);
        out.collect(`${ctx.getCurrentKey()}${this.count.value()}`);
      }
    }
    const result = run((env) => {
      env
        .fromElements(r('a', 0), r('b', 0), r('a', 0))
        .keyBy((e) => e.k)
        .process(new Count())
        .sinkTo(env.collect('out'));
    });
    expect(values(result)).toEqual(['a1', 'b1', 'a2']);
  });

  it('sends side outputs from processElement with the element timestamp', () => {
    // ProcessOperator.ContextImpl.output: output.collect(outputTag, new StreamRecord<>(value,
    // element.getTimestamp())).
    const odd = new OutputTag<number>('odd');
    class Split extends ProcessFunction<Reading, number> {
      processElement(e: Reading, ctx: Context, out: Collector<number>): void {
        if (e.v % 2 === 0) out.collect(e.v);
        else ctx.output(odd, e.v);
      }
    }
    const env = StreamExecutionEnvironment.create();
    const main = env
      .fromSource(source([[rec(r('a', 5, 1), 5, 0), rec(r('a', 6, 2), 6, 0)]]))
      .process(new Split());
    main.sinkTo(env.collect('out'));
    main.getSideOutput(odd).sinkTo(env.collect('odd'));
    const result = env.execute();
    expect((result.outputs['out'] ?? []).map((x) => [x.value, x.timestamp])).toEqual([[2, 6]]);
    expect((result.outputs['odd'] ?? []).map((x) => [x.value, x.timestamp])).toEqual([[1, 5]]);
  });

  it('refuses timers on a stream that is not keyed', () => {
    // ProcessOperator.ContextImpl.timerService().registerEventTimeTimer throws
    // UnsupportedOperationException("Setting timers is only supported on a keyed streams.").
    class NeedsTimer extends ProcessFunction<Reading, string> {
      processElement(_e: Reading, ctx: Context): void {
        ctx.timerService().registerEventTimeTimer(10);
      }
    }
    expect(() =>
      run((env) => {
        env
          .fromSource(source([[rec(r('a', 1), 1, 0)]]))
          .process(new NeedsTimer())
          .sinkTo(env.collect('out'));
      }),
    ).toThrow();
  });
});
