import { describe, expect, it } from 'vitest';
import { lineageOf, recordOfRow, rowsBy } from '../../src/ui/viz/lineage';
import { TraceModel } from '../../src/ui/viz/trace-model';
import { lateScript } from './viz-fixture';

function sourceValues(model: TraceModel, ids: ReadonlySet<number>): string[] {
  return (model.operators.get('op-1')?.arrivals ?? [])
    .filter((a) => ids.has(a.id))
    .map((a) => a.value);
}

describe('lineage', () => {
  const result = lateScript(5000);
  const model = new TraceModel();
  model.sync(result.trace);

  it('traces each row of a sink back to the source records behind it', () => {
    const rows = result.outputs['sums'] ?? [];
    const behind = rows.map((_, index) => {
      const id = recordOfRow(model, result.graph, { kind: 'sink', name: 'sums', index });
      return id === undefined ? [] : sourceValues(model, lineageOf(model, id));
    });
    expect(rows.map((r) => r.pane?.timing)).toEqual(['ON_TIME', 'ON_TIME', 'LATE', 'ON_TIME']);
    expect(behind).toEqual([
      ['{ key: "a", n: 1 }'],
      ['{ key: "b", n: 2 }'],
      ['{ key: "a", n: 1 }', '{ key: "a", n: 4 }'],
      ['{ key: "a", n: 3 }'],
    ]);
  });

  it('traces a side-output row to the late record', () => {
    const dropped = lateScript(0);
    const m = new TraceModel();
    m.sync(dropped.trace);
    const id = recordOfRow(m, dropped.graph, { kind: 'side output', name: 'late', index: 0 });
    expect(id).toBeDefined();
    expect(sourceValues(m, lineageOf(m, id as number))).toEqual(['{ key: "a", n: 4 }']);
  });

  it('finds nothing for a sink or row the trace does not hold', () => {
    expect(recordOfRow(model, result.graph, { kind: 'sink', name: 'nope', index: 0 })).toBe(
      undefined,
    );
    expect(recordOfRow(model, result.graph, { kind: 'sink', name: 'sums', index: 99 })).toBe(
      undefined,
    );
  });
});

describe('rows as of a moment', () => {
  const result = lateScript();
  const model = new TraceModel();
  model.sync(result.trace);
  const sums = result.outputs['sums'] ?? [];
  const late = result.sideOutputs['late'] ?? [];
  const panes = model.operators.get('op-2')?.panes ?? [];

  it('counts a row once its record arrived, telling apart rows of one processing time', () => {
    // Both [0 s, 5 s) panes fire at 2 s: after the first, its row is there and the second's not.
    const [a, b] = panes;
    expect([a?.time, b?.time, sums[0]?.processingTime, sums[1]?.processingTime]).toEqual([
      2000, 2000, 2000, 2000,
    ]);
    const sink = { kind: 'sink', name: 'sums' } as const;
    expect(rowsBy(model, result.graph, sink, sums, { time: 2000, seq: a?.seq ?? 0 })).toBe(1);
    expect(rowsBy(model, result.graph, sink, sums, { time: 2000, seq: b?.seq ?? 0 })).toBe(2);
    expect(rowsBy(model, result.graph, sink, sums, { time: 1999, seq: Infinity })).toBe(0);
    const side = { kind: 'side output', name: 'late' } as const;
    expect(rowsBy(model, result.graph, side, late, { time: 4000, seq: Infinity })).toBe(1);
  });

  it('falls back on processing time when the trace does not hold every row', () => {
    const unknown = { kind: 'sink', name: 'elsewhere' } as const;
    expect(rowsBy(model, result.graph, unknown, sums, { time: 2000, seq: 0 })).toBe(2);
  });
});
