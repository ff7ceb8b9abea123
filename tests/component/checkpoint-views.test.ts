/**
 * The checkpoint timeline and the graph's checkpoint marks, mounted alone: keyboard moves between
 * checkpoints and failures and tells each in full, choosing a checkpoint asks to follow its
 * barrier, and the graph offers a failure on the next record of every operator but the sources.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { userEvent } from 'vitest/browser';
import {
  DeliveryGuarantee,
  Failure,
  RestartStrategies,
  StreamExecutionEnvironment,
  type JobResult,
} from 'streamlab';
import CheckpointTimeline from '../../src/ui/viz/CheckpointTimeline.svelte';
import OperatorGraph from '../../src/ui/viz/OperatorGraph.svelte';
import { momentAt } from '../../src/ui/viz/moment';
import { TraceModel } from '../../src/ui/viz/trace-model';

/** A record every 100 ms for 4 s, a checkpoint every second, a failure at 2.5 s. */
function run(): { result: JobResult; model: TraceModel } {
  const env = StreamExecutionEnvironment.create({ trace: { level: 'full' } });
  env.enableCheckpointing(1_000);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 300));
  env.injectFailure(Failure.atProcessingTime(2_500));
  env
    .fromCollection(Array.from({ length: 40 }, (_, n) => n))
    .name('numbers')
    .keyBy((n) => n % 2)
    .reduce((a, b) => a + b)
    .name('Sum')
    .sinkTo(env.collect('out', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  const result = env.execute();
  const model = new TraceModel();
  model.sync(result.trace);
  return { result, model };
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** Mounted with a height of its own, as the run panel gives its views. */
async function mount<P extends Record<string, unknown>>(
  component: Parameters<typeof render>[0],
  props: P,
) {
  const screen = await render(component, props);
  screen.container.style.height = '420px';
  unmount = screen.unmount;
  return screen;
}

describe('CheckpointTimeline', () => {
  it('moves between checkpoints and failures with the arrow keys and tells each in full', async () => {
    const { result, model } = run();
    const followed: number[] = [];
    const screen = await mount(CheckpointTimeline, {
      graph: result.graph,
      model,
      revision: 1,
      at: momentAt(Infinity),
      onfollow: (n: number) => followed.push(n),
    });
    const { container } = screen;
    const title = () => container.querySelector('.detail-title')?.textContent;
    expect(container.querySelectorAll('[data-kind="checkpoint"]').length).toBe(4);
    expect(container.querySelectorAll('[data-kind="failure"]').length).toBe(1);
    expect(container.querySelector('[data-kind="restart"]')?.getAttribute('data-checkpoint')).toBe(
      '2',
    );
    // One tab stop: the latest checkpoint or failure; the line under the chart tells it.
    const stops = container.querySelectorAll('[tabindex="0"]');
    expect(stops.length).toBe(1);
    (stops[0] as SVGGElement).focus();
    expect(title()).toMatch(/^Checkpoint 4: completed at/);
    await userEvent.keyboard('{Home}');
    expect(title()).toMatch(
      /^Checkpoint 1: completed at 1 s, .* of state; 11 rows committed to Sink: out$/,
    );
    // Checkpoints 1 and 2, then the failure (the restart set the next checkpoints' pace anew).
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(title()).toBe('Injected failure at 2.5 s');
    expect(container.querySelector('.parts')?.textContent).toMatch(
      /Restarted from checkpoint 2, at 2 s.*5 uncommitted rows thrown away/,
    );
    await userEvent.keyboard('{ArrowLeft}{Enter}');
    expect(followed).toEqual([2]);
  });

  it('dims what has not happened at the moment shown', async () => {
    const { result, model } = run();
    const screen = await mount(CheckpointTimeline, {
      graph: result.graph,
      model,
      revision: 1,
      at: momentAt(1_500),
    });
    const states = [...screen.container.querySelectorAll('[data-kind="checkpoint"]')].map((c) =>
      c.getAttribute('data-state'),
    );
    expect(states).toEqual(['completed', 'future', 'future', 'future']);
    expect(screen.container.querySelector('[data-kind="failure"]')?.classList).toContain('future');
    expect(screen.container.querySelector('.heading')?.textContent).toBe(
      '1 checkpoint completed (exactly-once) · 0 failures · 0 restarts · by 1.5 s',
    );
  });
});

describe('OperatorGraph', () => {
  it('offers a failure on the next record of every operator but the sources', async () => {
    const { result, model } = run();
    const failed: string[] = [];
    const props = {
      graph: result.graph,
      model,
      revision: 1,
      at: momentAt(500),
      focus: undefined,
      onfocus: () => {},
      onfailnext: (op: string) => failed.push(op),
      armed: undefined as string | undefined,
    };
    const screen = await mount(OperatorGraph, props);
    const buttons = screen.container.querySelectorAll('[data-kind="fail-next"]');
    const sum = result.graph.operators.find((o) => o.name === 'Sum')?.id as string;
    expect([...buttons].map((b) => b.getAttribute('data-operator'))).toEqual(
      result.graph.operators.filter((o) => o.kind !== 'source').map((o) => o.id),
    );
    const button = screen.container.querySelector(
      `[data-kind="fail-next"][data-operator="${sum}"]`,
    );
    (button as SVGGElement).focus();
    await userEvent.keyboard('{Enter}');
    expect(failed).toEqual([sum]);
    await screen.rerender({ ...props, armed: sum });
    expect(button?.getAttribute('aria-disabled')).toBe('true');
    expect(button?.getAttribute('aria-label')).toBe('Sum fails on the next record it receives');
    await userEvent.keyboard('{Enter}');
    expect(failed).toEqual([sum]);
  });

  it('shows where a checkpoint’s barrier stands at the moment shown', async () => {
    const { result, model } = run();
    const barrier = model.checkpoints.list[0]?.barriers[1];
    const screen = await mount(OperatorGraph, {
      graph: result.graph,
      model,
      revision: 1,
      at: { time: barrier?.time ?? 0, seq: barrier?.seq ?? 0 },
      focus: undefined,
      onfocus: () => {},
    });
    const { container } = screen;
    expect(container.querySelector('.barrier-summary')?.textContent).toBe(
      'Checkpoint 1 in progress: its barrier has crossed 1 of 2 edges; 1 of 3 operators snapshotted',
    );
    expect(container.querySelectorAll('[data-kind="barrier"]').length).toBe(1);
    const nodes = [...container.querySelectorAll('[data-kind="operator"]')];
    expect(nodes.map((n) => n.getAttribute('data-barrier'))).toEqual(['snapshot', 'barrier', null]);
    expect(nodes[0]?.getAttribute('aria-label')).toMatch(
      /; snapshotted its state for checkpoint 1 \(\d+ B\)$/,
    );
  });
});
