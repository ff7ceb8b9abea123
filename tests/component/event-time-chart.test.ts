import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import EventTimeChart from '../../src/ui/viz/EventTimeChart.svelte';
import { defaultFocus } from '../../src/ui/viz/event-time-view';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { VizState } from '../../src/ui/viz/viz-state.svelte';
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
    at,
  });
  return { screen, container: screen.container };
}

describe('EventTimeChart', () => {
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
    expect(container.querySelectorAll('[data-kind="pane"]')).toHaveLength(2);
  });

  // At 4 s the late record arrives, then the script moves the watermark to the end of time.
  it('has a text alternative that says what the chart shows', async () => {
    const { container } = await chart(4000);
    await expect
      .poll(() => container.querySelector('#event-time-summary')?.textContent ?? '')
      .toMatch(
        /^4 records reached Window by processing time 4 s: 3 on time, 0 late but accepted, 0 dropped, 1 sent to a side output\. The watermark is at \+∞\. 2 windows; 3 panes fired/,
      );
  });
});
