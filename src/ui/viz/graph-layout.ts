/**
 * A layered layout for the job graph, left to right: each operator sits one layer after the
 * furthest of its inputs (longest path from the sources), and operators within a layer keep the
 * graph's order. Job graphs are small (a handful to a few dozen operators) and already in
 * topological order, so this needs no layout library.
 */
import type { GraphEdge, JobGraph } from 'streamlab';

export interface NodePlace {
  readonly id: string;
  readonly layer: number;
  /** Position within its layer, from 0. */
  readonly row: number;
}

export interface GraphLayout {
  readonly nodes: readonly NodePlace[];
  readonly layers: number;
  /** How many operators each layer holds. */
  readonly sizes: readonly number[];
  /** The most operators any layer holds. */
  readonly rows: number;
}

export function layoutGraph(graph: JobGraph): GraphLayout {
  const layer = new Map<string, number>();
  for (const op of graph.operators) {
    const inputs = graph.edges.filter((e) => e.to === op.id);
    layer.set(op.id, Math.max(0, ...inputs.map((e) => (layer.get(e.from) ?? 0) + 1)));
  }
  const filled = new Map<number, number>();
  const nodes = graph.operators.map((op) => {
    const l = layer.get(op.id) ?? 0;
    const row = filled.get(l) ?? 0;
    filled.set(l, row + 1);
    return { id: op.id, layer: l, row };
  });
  const layers = Math.max(0, ...nodes.map((n) => n.layer)) + 1;
  const sizes = Array.from({ length: layers }, (_, l) => filled.get(l) ?? 0);
  return { nodes, layers, sizes, rows: Math.max(1, ...sizes) };
}

/**
 * What an edge says beside it, if anything: how records are spread when that is not one to one
 * (`keyBy`, `rebalance`), the side output it carries, and how long things spend in flight on it.
 */
export function edgeLabel(edge: GraphEdge): string | null {
  const spread = edge.tag
    ? `side output “${edge.tag}”`
    : edge.keyed
      ? 'keyBy'
      : edge.partitioning === 'rebalance'
        ? 'rebalance'
        : null;
  const delay = edge.delay === undefined ? null : `${edge.delay} ms in flight`;
  if (spread === null) return delay;
  return delay === null ? spread : `${spread} · ${delay}`;
}

/**
 * The point a fraction `t` (0 to 1) along an edge drawn from (x1, y1) to (x2, y2) as the graph
 * draws it: a cubic Bézier leaving and arriving level, with both control points halfway across.
 */
export function alongEdge(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  t: number,
): { x: number; y: number } {
  const xm = (x1 + x2) / 2;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * x1 + (b + c) * xm + d * x2, y: (a + b) * y1 + (c + d) * y2 };
}
