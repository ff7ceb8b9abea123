/**
 * Lineage: from any record back to the events behind it. Every `emit` in the trace lists the
 * records it came from, and a record keeps its id as it travels an edge (the downstream `arrival`
 * carries the upstream `emit`'s id), so walking `lineage` back ends at the source arrivals.
 */
import type { JobGraph } from 'streamlab';
import { countBy } from './at-time';
import type { Moment } from './moment';
import type { EmitMark, RecordMark, TraceModel } from './trace-model';

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
  return marksOf(model, graph, row)?.[row.index]?.id;
}

/** The trace marks of a sink's or side output's rows, one per row, in order. */
function marksOf(
  model: TraceModel,
  graph: JobGraph | undefined,
  { kind, name }: Pick<ResultRow, 'kind' | 'name'>,
): readonly (RecordMark | EmitMark)[] | undefined {
  if (kind === 'side output') return model.sideOutputs.get(name);
  const sink = graph?.operators.find((op) => op.kind === 'sink' && op.name === `Sink: ${name}`);
  return sink === undefined ? undefined : model.operators.get(sink.id)?.arrivals;
}

/**
 * How many of a sink's or side output's `rows` had arrived by `at`: the trace tells apart rows
 * that arrived at one processing time. Without a trace of every row, the rows' processing time
 * decides.
 */
export function rowsBy(
  model: TraceModel,
  graph: JobGraph | undefined,
  result: Pick<ResultRow, 'kind' | 'name'>,
  rows: readonly { readonly processingTime: number }[],
  at: Moment,
): number {
  const marks = marksOf(model, graph, result);
  if (marks !== undefined && marks.length === rows.length) return countBy(marks, at);
  let n = rows.length;
  while (n > 0 && (rows[n - 1] as { processingTime: number }).processingTime > at.time) n--;
  return n;
}
