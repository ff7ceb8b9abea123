/**
 * The event-time chart with several keys and every window kind: one row per key, each pane over
 * its own window's span in its own key's row, merged sessions drawn and counted as the engine has
 * them, timers of a process function, and records never hidden under a pane.
 */
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import {
  EventTimeSessionWindows,
  KeyedProcessFunction,
  runPipeline,
  SlidingEventTimeWindows,
  TestStream,
  TimestampedValue,
  Time,
  TumblingEventTimeWindows,
  type Collector,
  type JobResult,
  type KeyedContext,
  type OnTimerContext,
  type StreamExecutionEnvironment,
  type WindowAssigner,
} from 'streamlab';
import EventTimeChart from '../../src/ui/viz/EventTimeChart.svelte';
import { momentAt } from '../../src/ui/viz/moment';
import { defaultFocus } from '../../src/ui/viz/event-time-view';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { VizState } from '../../src/ui/viz/viz-state.svelte';

type Visit = { who: string; n: number };

/**
 * ann and bob, out of order: ann at 1 s, 4 s and 7 s, bob at 3 s, 6.5 s and 9 s; the watermark
 * jumps to 5 s after the first four, then a reading of ann at 2 s arrives behind it.
 */
function twoKeys(assigner: WindowAssigner): JobResult {
  return runPipeline(
    (env: StreamExecutionEnvironment) => {
      const script = TestStream.create<Visit>()
        .addElements(
          TimestampedValue.of({ who: 'ann', n: 1.1 }, 1000),
          TimestampedValue.of({ who: 'bob', n: 2.2 }, 3000),
        )
        .advanceProcessingTime(1000)
        .addElements(
          TimestampedValue.of({ who: 'ann', n: 3.3 }, 4000),
          TimestampedValue.of({ who: 'bob', n: 0.1 }, 6500),
        )
        .advanceWatermarkTo(5000)
        .advanceProcessingTime(1000)
        .addElements(
          TimestampedValue.of({ who: 'ann', n: 4 }, 2000),
          TimestampedValue.of({ who: 'ann', n: 0.2 }, 7000),
          TimestampedValue.of({ who: 'bob', n: 5 }, 9000),
        )
        .advanceProcessingTime(1000)
        .advanceWatermarkToInfinity()
        .build('script');
      env
        .fromSource(script)
        .keyBy((r) => r.who)
        .window(assigner)
        .sum('n')
        .sinkTo(env.collect('out'));
    },
    { trace: { level: 'full' } },
  );
}

async function draw(result: JobResult, size = { width: 900, height: 520 }, rows = 2) {
  await page.viewport(1000, 700);
  const model = new TraceModel();
  model.sync(result.trace);
  const screen = await render(EventTimeChart, {
    model,
    revision: 1,
    viz: new VizState(),
    op: defaultFocus(result.graph, model),
    opName: 'Window',
    at: momentAt(Infinity),
  });
  screen.container.style.width = `${size.width}px`;
  screen.container.style.height = `${size.height}px`;
  // The chart lays out its rows once it knows its size.
  await expect
    .poll(() => screen.container.querySelector('.chart')?.getAttribute('data-rows'))
    .toBe(String(rows));
  return screen.container;
}

const boxOf = (el: Element | null) => {
  if (el === null) throw new Error('no such mark');
  return el.getBoundingClientRect();
};

/** Every pane lies over its own window's bar, within 2 px, and inside its own key's row. */
async function expectPanesOverTheirWindows(container: HTMLElement, panes: number) {
  await expect.poll(() => container.querySelectorAll('[data-kind="pane"]').length).toBe(panes);
  for (const pane of container.querySelectorAll<SVGGElement>('[data-kind="pane"]')) {
    const { key, windowStart, windowEnd } = pane.dataset;
    const bar = container.querySelector(
      `[data-kind="window"][data-key="${key}"][data-window-start="${windowStart}"][data-window-end="${windowEnd}"]`,
    );
    const row = container.querySelector(`[data-kind="row"][data-key="${key}"]`);
    const box = boxOf(pane.querySelector('rect'));
    const window = boxOf(bar);
    const rowBox = boxOf(row);
    expect(Math.abs(box.left - window.left), `${key} [${windowStart}, ${windowEnd})`).toBeLessThan(
      2,
    );
    expect(Math.abs(box.right - window.right)).toBeLessThan(2);
    const middle = (box.top + box.bottom) / 2;
    expect(middle).toBeGreaterThan(rowBox.top);
    expect(middle).toBeLessThan(rowBox.bottom);
  }
}

describe('the event-time chart with two keys', () => {
  it('draws one row per key, and each tumbling pane over its window in its row', async () => {
    const container = await draw(twoKeys(TumblingEventTimeWindows.of(Time.seconds(5))));
    await expect.poll(() => container.querySelectorAll('[data-kind="row"]').length).toBe(2);
    expect([...container.querySelectorAll('.row-label')].map((label) => label.textContent)).toEqual(
      ['key ann', 'key bob'],
    );
    await expectPanesOverTheirWindows(container, 4);
    // The caption is the summed field, not the record: ann's [0 s, 5 s) holds 1.1 + 3.3.
    const ann = container.querySelector(
      '[data-kind="pane"][data-key="ann"][data-window-start="0"]',
    );
    expect(ann?.textContent).toBe('4.4');
  });

  it('draws sliding windows that overlap as overlapping bars and panes', async () => {
    const container = await draw(
      twoKeys(SlidingEventTimeWindows.of(Time.seconds(10), Time.seconds(5))),
    );
    await expectPanesOverTheirWindows(container, 6);
    const tracks = new Set(
      [...container.querySelectorAll('[data-kind="window"][data-key="ann"]')].map((w) =>
        w.getAttribute('data-track'),
      ),
    );
    expect(tracks.size).toBe(2);
    // [0 s, 10 s) and [5 s, 10 s) overlap on the event-time axis, as the windows do.
    const first = boxOf(
      container.querySelector('[data-kind="window"][data-key="ann"][data-window-start="0"]'),
    );
    const second = boxOf(
      container.querySelector('[data-kind="window"][data-key="ann"][data-window-start="5000"]'),
    );
    expect(second.left).toBeLessThan(first.right - 10);
  });

  it('draws merged sessions, and counts sessions as the engine does', async () => {
    const result = twoKeys(EventTimeSessionWindows.withGap(Time.seconds(3)));
    const container = await draw(result);
    // ann: 1 s, 4 s, 2 s and 7 s make one session [1 s, 10 s); bob's 3 s is a session alone,
    // and 6.5 s and 9 s make [6.5 s, 12 s). Each pane lies over its own merged session.
    await expectPanesOverTheirWindows(container, 3);
    const bars = [...container.querySelectorAll<SVGElement>('[data-kind="window"]')].map(
      (w) => `${w.dataset.key} [${w.dataset.windowStart}, ${w.dataset.windowEnd})`,
    );
    expect(bars).toEqual(['ann [1000, 10000)', 'bob [3000, 6000)', 'bob [6500, 12000)']);
    const merges = container.querySelectorAll('[data-kind="merge"]');
    expect(merges.length).toBe(result.trace.filter((e) => e.type === 'window-merged').length);
    expect(merges.length).toBeGreaterThan(0);
    expect(container.querySelector('.event-time-summary')?.textContent).toMatch(
      / 3 windows; 3 panes/,
    );
  });

  it('draws records above the panes: the centre of every record is the record', async () => {
    const container = await draw(twoKeys(TumblingEventTimeWindows.of(Time.seconds(5))));
    await expect.poll(() => container.querySelectorAll('[data-kind="record"]').length).toBe(7);
    const dropped = container.querySelector('[data-kind="record"][data-fate="dropped"]');
    expect(dropped?.getAttribute('data-event-time')).toBe('2000');
    for (const record of container.querySelectorAll('[data-kind="record"]')) {
      const box = boxOf(record);
      const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      expect(hit?.closest('[data-kind="record"]')).toBe(record);
    }
  });

  it('with the room for one row only, shares it and says so', async () => {
    const container = await draw(
      twoKeys(TumblingEventTimeWindows.of(Time.seconds(5))),
      { width: 900, height: 180 },
      1,
    );
    await expect.poll(() => container.querySelectorAll('[data-kind="row"]').length).toBe(1);
    expect(container.querySelector('.keys-note')?.textContent).toMatch(/2 keys share this picture/);
  });
});

class Reminder extends KeyedProcessFunction<string, Visit, string> {
  processElement(visit: Visit, ctx: KeyedContext<string>): void {
    ctx.timerService().registerEventTimeTimer((ctx.timestamp() ?? 0) + 2000);
  }

  onTimer(time: number, ctx: OnTimerContext<string>, out: Collector<string>): void {
    out.collect(`${ctx.getCurrentKey()} at ${time}`);
  }
}

describe('timers', () => {
  it('are drawn at their time, and marked fired once they fired', async () => {
    const result = runPipeline(
      (env: StreamExecutionEnvironment) => {
        const script = TestStream.create<Visit>()
          .addElements(TimestampedValue.of({ who: 'ann', n: 1 }, 1000))
          .advanceProcessingTime(1000)
          .advanceWatermarkTo(4000)
          .addElements(TimestampedValue.of({ who: 'ann', n: 2 }, 5000))
          .advanceProcessingTime(1000)
          .addElements(TimestampedValue.of({ who: 'bob', n: 3 }, 6000))
          .build('script');
        env
          .fromSource(script)
          .keyBy((r) => r.who)
          .process(new Reminder())
          .sinkTo(env.collect('reminders'));
      },
      { trace: { level: 'full' } },
    );
    const model = new TraceModel();
    model.sync(result.trace);
    const process = result.graph.operators.find((o) => o.kind === 'keyed-process')?.id;
    const screen = await render(EventTimeChart, {
      model,
      revision: 1,
      viz: new VizState(),
      op: process,
      opName: 'Process',
      // Before the end of the input, where the last watermark fires the second timer.
      at: momentAt(1500),
    });
    screen.container.style.height = '400px';
    const container = screen.container;
    await expect.poll(() => container.querySelectorAll('[data-kind="timer-mark"]').length).toBe(2);
    const marks = [...container.querySelectorAll<SVGElement>('[data-kind="timer-mark"]')];
    expect(marks.map((m) => [m.dataset.timestamp, m.dataset.fired])).toEqual([
      ['3000', '1000'],
      ['7000', ''],
    ]);
  });
});
