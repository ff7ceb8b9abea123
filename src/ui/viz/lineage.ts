/**
 * Lineage: from any record back to the events behind it. Every `emit` in the trace lists the
 * records it came from, and a record keeps its id as it travels an edge (the downstream `arrival`
 * carries the upstream `emit`'s id), so walking `lineage` back ends at the source arrivals.
 */
import type { JobGraph } from 'streamlab';
import type { TraceModel } from './trace-model';

/** The record `id` and every record it was made from, transitively. */
export function lineageOf(model: TraceModel, id: number): Set<number> {
  const seen = new Set<number>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const emit = model.emitsById.get(stack.pop() as number);
    if (emit === undefined) continue;
    for (const parent of emit.lineage) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      stack.push(parent);
    }
  }
  return seen;
}

/** Where a row of the results came from: a collect sink or a side output, by name. */
export interface ResultRow {
  readonly kind: 'sink' | 'side output';
  readonly name: string;
  /** Position of the row in arrival order (the tables show the newest first). */
  readonly index: number;
}

/**
 * The trace id of a result row, or undefined when the trace does not hold it. A collect sink's
 * rows are the arrivals at its sink operator, in order (the compiler names it `Sink: <name>`); a
 * side output's rows are the records emitted with its tag, in order.
 */
export function recordOfRow(
  model: TraceModel,
  graph: JobGraph | undefined,
  row: ResultRow,
): number | undefined {
  if (row.kind === 'side output') return model.sideOutputs.get(row.name)?.[row.index]?.id;
  const sink = graph?.operators.find((op) => op.kind === 'sink' && op.name === `Sink: ${row.name}`);
  if (sink === undefined) return undefined;
  return model.operators.get(sink.id)?.arrivals[row.index]?.id;
}
