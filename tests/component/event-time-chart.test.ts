import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import EventTimeChart from '../../src/ui/viz/EventTimeChart.svelte';
import { defaultFocus } from '../../src/ui/viz/event-time-view';
import { momentAt } from '../../src/ui/viz/moment';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { VizState } from '../../src/ui/viz/viz-state.svelte';
import {
  runPipeline,
  TestStream,
  TimestampedValue,
  Time,
  TumblingEventTimeWindows,
  type StreamExecutionEnvironment,
} from 'streamlab';
import { lateScript } from '../unit/viz-fixture';

/** The fixture's script: a record at event time 2 s arrives at 4 s, behind a 5 s watermark. */
async function chart(at = Infinity) {
  const result = lateScript();
  const model = new TraceModel();
  model.sync(result.trace);
  const op = defaultFocus(result.graph, model);
  const screen = await render(EventTimeChart, {
    model,
    revision: 1,
    viz: new VizState(),
    op,
    opName: 'Window',
    at: momentAt(at),
  });
  // Room for a row per key.
  screen.container.style.height = '480px';
  return { screen, container: screen.container };
}

/** Eight keys whose [0 s, 5 s) panes all fire when the watermark passes 5 s. */
function eightKeys() {
  return runPipeline(
    (env: StreamExecutionEnvironment) => {
      const [first, ...more] = Array.from({ length: 8 }, (_, i) =>
        TimestampedValue.of({ key: `k${i}`, n: i }, 1000 + i * 100),
      );
      const source = TestStream.create<{ key: string; n: number }>()
        .addElements(first as TimestampedValue<{ key: string; n: number }>, ...more)
        .advanceProcessingTime(1000)
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

describe('EventTimeChart', () => {
  it('draws panes of many keys that fire together as one box that says how many', async () => {
    const result = eightKeys();
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
    const container = screen.container;
    await expect.poll(() => container.querySelectorAll('[data-kind="pane"]').length).toBe(1);
    const box = container.querySelector('[data-kind="pane"]');
    expect(box?.getAttribute('data-panes')).toBe('8');
    expect(box?.textContent).toBe('8 panes');
    expect(box?.getAttribute('aria-label')).toMatch(/^8 panes of \[0 ms, 5 s\) fired at /);
  });

  it('draws the late record as dropped, by shape and data, and the on-time ones as on time', async () => {
    const { container } = await chart();
    await expect.poll(() => container.querySelectorAll('[data-kind="record"]').length).toBe(4);
    const dropped = container.querySelectorAll(
      '[data-kind="record"][data-fate="side-output"], [data-kind="record"][data-fate="dropped"]',
    );
    expect(dropped).toHaveLength(1);
    expect(dropped[0]?.getAttribute('data-event-time')).toBe('2000');
    expect(dropped[0]?.getAttribute('data-processing-time')).toBe('4000');
    expect(container.querySelectorAll('[data-kind="record"][data-fate="on-time"]')).toHaveLength(3);
  });

  it('draws each pane that fired, labelled with its timing', async () => {
    const { container } = await chart();
    await expect.poll(() => container.querySelectorAll('[data-kind="pane"]').length).toBe(3);
    const timings = [...container.querySelectorAll('[data-kind="pane"]')].map((p) =>
      p.getAttribute('data-timing'),
    );
    expect(timings).toEqual(['ON_TIME', 'ON_TIME', 'ON_TIME']);
  });

  it('shows only what had happened by the moment chosen', async () => {
    const { container } = await chart(2000);
    await expect.poll(() => container.querySelectorAll('[data-kind="record"]').length).toBe(3);
    await expect.poll(() => container.querySelectorAll('[data-kind="pane"]').length).toBe(2);
  });

  // At 4 s the late record arrives, then the script moves the watermark to the end of time.
  it('has a text alternative that says what the chart shows', async () => {
    const { container } = await chart(4000);
    await expect
      .poll(() => container.querySelector('.event-time-summary')?.textContent ?? '')
      .toMatch(
        /^4 records reached Window by processing time 4 s: 3 on time, 0 late but accepted, 0 dropped, 1 sent to a side output\. The watermark is at \+∞\. 3 windows; 3 panes fired/,
      );
  });
});
