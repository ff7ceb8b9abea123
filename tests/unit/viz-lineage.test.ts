import { describe, expect, it } from 'vitest';
import { lineageOf, recordOfRow } from '../../src/ui/viz/lineage';
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
