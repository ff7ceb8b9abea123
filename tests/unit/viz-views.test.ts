import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/engine';
import { defaultFocus, eventTimeView, stepUp } from '../../src/ui/viz/event-time-view';
import { layoutGraph } from '../../src/ui/viz/graph-layout';
import { momentAt } from '../../src/ui/viz/moment';
import { bucketize, timeRange } from '../../src/ui/viz/lanes-view';
import { keyId, TraceModel } from '../../src/ui/viz/trace-model';
import { lateScript } from './viz-fixture';

describe('stepUp', () => {
  it('rounds a live axis up to the next round span, so it grows in steps', () => {
    expect([1, 7, 11, 13, 16, 21, 26, 31, 45, 55, 61, 79, 81, 100].map(stepUp)).toEqual([
      1, 8, 12, 15, 20, 25, 30, 40, 50, 60, 80, 80, 100, 100,
    ]);
    expect(stepUp(4_200)).toBe(5_000);
    expect(stepUp(0.13)).toBeCloseTo(0.15);
    expect(stepUp(0)).toBe(0);
  });

  it('changes about ten times while what it holds grows tenfold', () => {
    // A playing run's extent grows a little every frame; the axis follows in a dozen steps.
    const spans = Array.from({ length: 1000 }, (_, i) => 1000 + i * 9);
    expect(new Set(spans.map(stepUp)).size).toBe(11);
  });
});

describe('eventTimeView', () => {
  const result = lateScript();
  const model = new TraceModel();
  model.sync(result.trace);
  const op = defaultFocus(result.graph, model);

  it('focuses the window operator', () => {
    expect(op).toBe('op-2');
  });

  it('shows what had happened by the moment chosen, on axes that cover the whole run', () => {
    const early = eventTimeView(model, op, momentAt(2000), null);
    expect(early.records.map((r) => r.eventTime)).toEqual([1000, 3000, 6000]);
    expect(early.watermarks.map((w) => w.watermark)).toEqual([5000]);
    expect(early.panes.map((p) => [p.key, p.timing])).toEqual([
      ['a', 'ON_TIME'],
      ['b', 'ON_TIME'],
    ]);
    expect(early.eventExtent).toEqual([0, 10000]);
    expect(early.timeExtent).toEqual([0, 4000]);
    expect(early.keys).toEqual(['a', 'b']);

    const end = eventTimeView(model, op, momentAt(4000), null);
    expect(end.records.find((r) => r.eventTime === 2000)?.fate).toBe('side-output');
    expect(end.panes).toHaveLength(3);
  });

  it('counts the records that carry no event time, which have no place on the chart', () => {
    const plain = runPipeline(
      (env) => {
        env.fromElements(1, 2, 3).sinkTo(env.collect('out'));
      },
      { trace: { level: 'full' } },
    );
    const plainModel = new TraceModel();
    plainModel.sync(plain.trace);
    const view = eventTimeView(plainModel, plain.graph.operators[0]?.id, momentAt(Infinity), null);
    expect(view.records).toEqual([]);
    expect(view.timeless).toBe(3);
    expect(eventTimeView(model, op, momentAt(Infinity), null).timeless).toBe(0);
  });

  it('filters records, windows and panes by key', () => {
    const onlyB = eventTimeView(model, op, momentAt(Infinity), keyId('b'));
    expect(onlyB.records.map((r) => r.key)).toEqual(['b']);
    expect(onlyB.panes.map((p) => p.key)).toEqual(['b']);
    expect(onlyB.windows.map((w) => w.window.key)).toEqual(['b']);
  });
});

describe('layoutGraph', () => {
  it('puts each operator one layer after its furthest input', () => {
    const { graph } = lateScript();
    expect(layoutGraph(graph)).toEqual({
      nodes: [
        { id: 'op-1', layer: 0, row: 0 },
        { id: 'op-2', layer: 1, row: 0 },
        { id: 'op-3', layer: 2, row: 0 },
        { id: 'op-4', layer: 2, row: 1 },
      ],
      layers: 3,
      sizes: [1, 1, 2],
      rows: 2,
    });
  });
});

describe('bucketize', () => {
  it('gathers items a few pixels apart, shows the first few and counts the rest', () => {
    const items = [0, 1, 2, 3, 4, 50].map((time, id) => ({ time, id }));
    const buckets = bucketize(
      items,
      [0, items.length],
      (t) => t,
      10,
      3,
      100,
      (item) => item.id === 4,
    );
    expect(buckets.map((b) => [b.x, b.items.map((i) => i.id), b.more, b.hiddenMatch])).toEqual([
      [5, [0, 1, 2], 2, true],
      [55, [5], 0, false],
    ]);
  });
});

describe('timeRange', () => {
  it('finds the items in a closed time range, ties included', () => {
    const items = [0, 5, 5, 10, 20].map((time) => ({ time }));
    expect(timeRange(items, 5, 10)).toEqual([1, 4]);
    expect(timeRange(items, 6, 9)).toEqual([3, 3]);
    expect(timeRange(items, -Infinity, 0)).toEqual([0, 1]);
    expect(timeRange(items, 30, 40)).toEqual([5, 5]);
  });
});
