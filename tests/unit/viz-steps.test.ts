import { describe, expect, it } from 'vitest';
import {
  EventTimeSessionWindows,
  KeyedProcessFunction,
  runPipeline,
  TestStream,
  TimestampedValue,
  Time,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  type Collector,
  type JobResult,
  type KeyedContext,
  type KeyedRuntimeContext,
  type OnTimerContext,
  type StreamExecutionEnvironment,
  type ValueState,
} from 'streamlab';
import { countsAt, heldAt, pendingTimersAt, windowsAt } from '../../src/ui/viz/at-time';
import type { Moment } from '../../src/ui/viz/moment';
import { stepAfter, stepBefore, stepNumber, type Step } from '../../src/ui/viz/steps';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { lateScript, type Reading } from './viz-fixture';

const BEFORE_RUN: Moment = { time: -Infinity, seq: -Infinity };

function folded(result: JobResult): TraceModel {
  const model = new TraceModel();
  model.sync(result.trace);
  return model;
}

/** Every step of a run, from the first, pressing Step. */
function walk(result: JobResult, model = folded(result)): Step[] {
  const steps: Step[] = [];
  let at = BEFORE_RUN;
  for (
    let step = stepAfter(model, result.graph, at);
    step;
    step = stepAfter(model, result.graph, at)
  ) {
    steps.push(step);
    at = step.moment;
  }
  return steps;
}

/** As the learner reads it: `processing time · caption`. */
const said = (step: Step) => `${step.time} · ${step.caption}`;

/**
 * A window and a late record, at distinct processing times: a at 1 s and b at 3 s arrive at 0,
 * a at 6 s at 600 ms, when the watermark moves to 5 s and fires both [0 s, 5 s) panes; a at 2 s
 * arrives at 700 ms, behind the watermark, and is dropped.
 */
function droppedLate(): JobResult {
  return runPipeline(
    (env: StreamExecutionEnvironment) => {
      const source = TestStream.create<Reading>()
        .addElements(
          TimestampedValue.of({ key: 'a', n: 1 }, 1000),
          TimestampedValue.of({ key: 'b', n: 2 }, 3000),
        )
        .advanceProcessingTime(600)
        .addElements(TimestampedValue.of({ key: 'a', n: 3 }, 6000))
        .advanceWatermarkTo(5000)
        .advanceProcessingTime(100)
        .addElements(TimestampedValue.of({ key: 'a', n: 4 }, 2000))
        .advanceWatermarkToInfinity()
        .build('script');
      env
        .fromSource(source)
        .keyBy((r) => r.key)
        .window(TumblingEventTimeWindows.of(Time.seconds(5)))
        .sum('n')
        .sinkTo(env.collect('sums'));
    },
    { trace: { level: 'full' } },
  );
}

const WINDOW = 'Window(TumblingEventTimeWindows(5000), EventTimeTrigger(), sum(n))';

describe('steps of a windowed run with a late record', () => {
  const result = droppedLate();
  const model = folded(result);
  const steps = walk(result, model);

  it('tells each engine event in order, with its own processing time', () => {
    expect(steps.map(said)).toEqual([
      '0 · { key: "a", n: 1 } (event time 1 s) arrives at Source: script',
      `0 · { key: "a", n: 1 } (event time 1 s) arrives at ${WINDOW}`,
      '0 · { key: "b", n: 2 } (event time 3 s) arrives at Source: script',
      `0 · { key: "b", n: 2 } (event time 3 s) arrives at ${WINDOW}`,
      '600 · { key: "a", n: 3 } (event time 6 s) arrives at Source: script',
      `600 · { key: "a", n: 3 } (event time 6 s) arrives at ${WINDOW}`,
      '600 · Watermark at Source: script reaches 5 s',
      `600 · Watermark at ${WINDOW} reaches 5 s`,
      '600 · Window [0 ms, 5 s) for key a fires with n = 1',
      '600 · Window [0 ms, 5 s) for key b fires with n = 2',
      '600 · Watermark at Sink: sums reaches 5 s',
      '700 · { key: "a", n: 4 } (event time 2 s) arrives at Source: script',
      `700 · { key: "a", n: 4 } (event time 2 s) arrives at ${WINDOW} 3 s behind the watermark 5 s: dropped`,
      '700 · Watermark at Source: script reaches +∞',
      `700 · Watermark at ${WINDOW} reaches +∞`,
      '700 · Window [5 s, 10 s) for key a fires with n = 3',
      '700 · Watermark at Sink: sums reaches +∞',
    ]);
  });

  it('numbers the steps from 1, counted from the trace', () => {
    expect(steps.map((step) => stepNumber(model, result.graph, step))).toEqual(
      steps.map((_, i) => i + 1),
    );
  });

  it('steps back to the previous step, and to nothing before the first', () => {
    let at = steps.at(-1)?.moment as Moment;
    const back: string[] = [];
    for (let step = stepBefore(model, result.graph, at); step;) {
      back.push(said(step));
      at = step.moment;
      step = stepBefore(model, result.graph, at);
    }
    expect(back).toEqual(steps.slice(0, -1).map(said).reverse());
  });

  it('steps back from a moment past a step to that step', () => {
    const firing = steps[8] as Step;
    // Between 600 ms and 700 ms: the last step shown is the sink's watermark at 600 ms.
    expect(stepBefore(model, result.graph, { time: 650, seq: Infinity })?.caption).toBe(
      'Watermark at Sink: sums reaches 5 s',
    );
    expect(stepBefore(model, result.graph, firing.moment)?.caption).toBe(
      `Watermark at ${WINDOW} reaches 5 s`,
    );
    expect(stepAfter(model, result.graph, firing.moment)?.caption).toBe(
      'Window [0 ms, 5 s) for key b fires with n = 2',
    );
  });

  it('shows each step with what followed from it, and nothing of the next', () => {
    const window = model.operators.get('op-2');
    const [, arrival, , , , , , watermark, firing] = steps as Step[];
    // The record reaching the window opened its window and set its end-of-window timer.
    expect(windowsAt(window, (arrival as Step).moment).map((w) => w.window.key)).toEqual(['a']);
    expect(pendingTimersAt(window, (arrival as Step).moment)).toHaveLength(1);
    // The watermark reached 5 s, and nothing has fired yet at that step.
    expect(countsAt(window, (watermark as Step).moment)).toMatchObject({
      watermark: 5000,
      panes: 0,
    });
    // a's pane fired (and its result reached the sink); b's window still waits.
    const held = heldAt(window, (firing as Step).moment);
    expect(held.rows.flatMap((row) => row.windows.map((w) => [row.key, w.window.start]))).toEqual([
      ['b', 0],
      ['a', 5000],
    ]);
    expect(model.operators.get('op-3')?.arrivals.length).toBe(3);
    expect(countsAt(model.operators.get('op-3'), (firing as Step).moment).recordsIn).toBe(1);
  });
});

describe('at-time answers within one processing time', () => {
  const result = droppedLate();
  const model = folded(result);
  const window = model.operators.get('op-2');
  const at600 = (seq: number): Moment => ({ time: 600, seq });
  const wm = window?.watermarks.find((w) => w.watermark === 5000);
  const pane = window?.panes[0];

  it('tells the watermark moving apart from the firing it causes, at the same 600 ms', () => {
    expect(wm?.time).toBe(600);
    expect(pane?.time).toBe(600);
    const before = at600((wm?.seq ?? 0) - 1);
    expect(countsAt(window, before)).toMatchObject({ watermark: null, panes: 0 });
    expect(countsAt(window, at600(wm?.seq ?? 0))).toMatchObject({ watermark: 5000, panes: 0 });
    expect(countsAt(window, at600(pane?.seq ?? 0))).toMatchObject({ watermark: 5000, panes: 1 });
    expect(countsAt(window, at600(Infinity))).toMatchObject({ panes: 2 });
  });

  it('keeps a window live until its purge and a timer pending until it fires, by seq', () => {
    const a = (moment: Moment) =>
      windowsAt(window, moment).find((w) => w.window.key === 'a' && w.window.start === 0);
    expect(a(at600(pane?.seq ?? 0))?.live).toBe(true);
    expect(a(at600((pane?.seq ?? 0) + 1))?.live).toBe(false);
    expect(pendingTimersAt(window, at600(pane?.fromSeq ?? 0))).toHaveLength(2);
    expect(pendingTimersAt(window, at600((pane?.fromSeq ?? 0) - 1))).toHaveLength(3);
  });
});

describe('steps of other engine events', () => {
  it('sends a late record to its side output in the same step as its arrival', () => {
    const result = lateScript();
    const captions = walk(result).map((s) => s.caption);
    expect(captions).toContain(
      `{ key: "a", n: 4 } (event time 2 s) arrives at ${WINDOW} 3 s behind the watermark 5 s: sent to side output “late”`,
    );
    expect(captions.filter((c) => c.includes('goes to side output'))).toEqual([]);
    // The late record then reaches the side output's sink, as a step of its own.
    expect(captions).toContain('{ key: "a", n: 4 } (event time 2 s) arrives at Sink: late');
  });

  it('says a late record within the allowed lateness is accepted, and fires the window late', () => {
    const captions = walk(lateScript(5000)).map((s) => s.caption);
    const late = captions.findIndex((c) => c.endsWith('late, but within the allowed lateness'));
    expect(late).toBeGreaterThan(0);
    expect(captions[late + 1]).toBe('Window [0 ms, 5 s) for key a fires late with n = 5');
  });

  it("fires a process function's timers as steps, but not a window's own", () => {
    class Remind extends KeyedProcessFunction<string, Reading, string> {
      private count!: ValueState<number>;
      open(ctx: KeyedRuntimeContext): void {
        this.count = ctx.getState(new ValueStateDescriptor('count'));
      }
      processElement(reading: Reading, ctx: KeyedContext<string>): void {
        this.count.update((this.count.value() ?? 0) + 1);
        ctx.timerService().registerEventTimeTimer((ctx.timestamp() as number) + 6000);
      }
      onTimer(timestamp: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
        out.collect(`${ctx.getCurrentKey()} at ${timestamp}`);
      }
    }
    const result = runPipeline(
      (env: StreamExecutionEnvironment) => {
        const source = TestStream.create<Reading>()
          .addElements(TimestampedValue.of({ key: 'ann', n: 1 }, 1000))
          .advanceProcessingTime(500)
          .advanceWatermarkTo(8000)
          .build('script');
        env
          .fromSource(source)
          .keyBy((r) => r.key)
          .process(new Remind())
          .sinkTo(env.collect('out'));
      },
      { trace: { level: 'full' } },
    );
    const steps = walk(result).map(said);
    const timer = steps.indexOf('500 · Event-time timer at 7 s fires for key ann');
    expect(timer).toBeGreaterThan(0);
    expect(steps[timer + 1]).toBe('500 · ann at 7000 (event time 7 s) arrives at Sink: out');
    // The window runs of the other tests fire panes, never timers.
    expect(walk(droppedLate()).some((s) => s.kind === 'timer')).toBe(false);
  });

  it('tells session windows merging', () => {
    const result = runPipeline(
      (env: StreamExecutionEnvironment) => {
        const source = TestStream.create<Reading>()
          .addElements(
            TimestampedValue.of({ key: 'a', n: 1 }, 1000),
            TimestampedValue.of({ key: 'a', n: 1 }, 3000),
            TimestampedValue.of({ key: 'a', n: 1 }, 2000),
          )
          .advanceWatermarkToInfinity()
          .build('script');
        env
          .fromSource(source)
          .keyBy((r) => r.key)
          .window(EventTimeSessionWindows.withGap(Time.seconds(1)))
          .sum('n')
          .sinkTo(env.collect('sessions'));
      },
      { trace: { level: 'full' } },
    );
    const captions = walk(result).map((s) => s.caption);
    expect(captions).toContain(
      'Sessions [1 s, 2 s) and [3 s, 4 s) for key a merge into [1 s, 4 s)',
    );
    expect(captions).toContain('Window [1 s, 4 s) for key a fires with n = 3');
  });

  it('finds the same steps in a trace folded in batches, as Step brings them', () => {
    const result = droppedLate();
    const model = new TraceModel();
    const seen: string[] = [];
    let at = BEFORE_RUN;
    const take = (events: typeof result.trace) => {
      model.append(events);
      for (let s = stepAfter(model, result.graph, at); s; s = stepAfter(model, result.graph, at)) {
        at = s.moment;
        seen.push(said(s));
      }
    };
    // The worker's coarse step runs up to and including the next source arrival: a batch ends
    // when the source (op-1) acts again after an arrival went through the pipeline.
    let batch: (typeof result.trace)[number][] = [];
    for (const event of result.trace) {
      const previous = batch.at(-1);
      const arrived = batch.some((e) => e.op === 'op-1' && e.type === 'arrival');
      if (event.op === 'op-1' && previous !== undefined && previous.op !== 'op-1' && arrived) {
        take(batch);
        batch = [];
      }
      batch.push(event);
    }
    take(batch);
    expect(seen).toEqual(walk(result).map(said));
  });
});
