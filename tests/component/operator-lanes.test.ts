import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { textSize } from '../../src/ui/text-size.svelte';
import OperatorLanes from '../../src/ui/viz/OperatorLanes.svelte';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { momentAt } from '../../src/ui/viz/moment';
import { VizState } from '../../src/ui/viz/viz-state.svelte';
import { lateScript } from '../unit/viz-fixture';

/** The fixture's late script drawn as lanes, at the end of the run. */
async function lanes() {
  const result = lateScript();
  const model = new TraceModel();
  model.sync(result.trace);
  const screen = await render(OperatorLanes, {
    graph: result.graph,
    model,
    revision: 1,
    viz: new VizState(),
    at: momentAt(Infinity),
    focus: undefined,
  });
  const window = result.graph.operators.find((o) => o.kind === 'window');
  const lane = screen.container.querySelector(`[data-kind="lane"][data-operator="${window?.id}"]`);
  return { container: screen.container, name: window?.name ?? '', lane };
}

const lineTexts = (lane: Element | null) =>
  [...(lane?.querySelectorAll('[data-kind="lane-name"] tspan') ?? [])].map((t) => t.textContent);

describe('OperatorLanes', () => {
  afterEach(() => {
    if (textSize.current === 'large') textSize.toggle();
  });

  it('labels marbles with their values where there is room', async () => {
    const { container } = await lanes();
    await expect
      .poll(() => container.querySelectorAll('[data-kind="marble-value"]').length)
      .toBeGreaterThan(4);
    const values = [...container.querySelectorAll('[data-kind="marble-value"]')].map(
      (t) => t.textContent,
    );
    expect(values).toContain('{ key: "a", n: 1 }');
  });

  it('shows a long operator name whole, over lines beside the marbles', async () => {
    const { name, lane } = await lanes();
    // Once the view has its width (from a ResizeObserver), the column has the name's.
    await expect.poll(() => lineTexts(lane).join(' ').replace(/\( /g, '(')).toBe(name);
    expect(lineTexts(lane).length).toBeGreaterThan(1);
    expect(lane?.querySelector('title')?.textContent).toBe(name);
  });

  it('draws its names larger with the large-text setting', async () => {
    const { lane } = await lanes();
    const nameText = () => lane?.querySelector('[data-kind="lane-name"]') as SVGTextElement;
    await expect.poll(() => getComputedStyle(nameText()).fontSize).toBe('12px');
    textSize.toggle();
    flushSync();
    expect(getComputedStyle(nameText()).fontSize).toBe('17px');
  });
});
