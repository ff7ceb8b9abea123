/**
 * Where a checkpoint's barrier stands in the operator graph at a moment: the edges it has
 * crossed, the operators waiting for it on their other inputs (aligning), and those that have
 * snapshotted their state. The graph draws it; the steps tell each hop in words.
 *
 * Unless an edge is delayed (`simulateNetworkDelay`), a barrier crosses the whole graph within one
 * processing-time instant, so where it stands is told by trace order: a step's moment (`seq`)
 * lands between two hops.
 */
import { channelEdges } from './subtask-watermarks';
import type { GraphEdge, JobGraph } from 'streamlab';
import type { BarrierMark, CheckpointMark } from './checkpoint-trace';
import { happenedBy, type Moment } from './moment';
import type { TraceModel } from './trace-model';

export interface OperatorBarriers {
  /** The input channels the barrier has reached (a source: its partitions). */
  readonly inputs: ReadonlySet<number>;
  /** How many input channels it has (a source: 0, its barrier comes from the coordinator). */
  readonly channels: number;
  /** True while it waits for the barrier on its other inputs. */
  readonly aligning: boolean;
  /** True when the inputs whose barrier came are held back meanwhile (exactly-once). */
  readonly blocking: boolean;
  /** The size of its snapshot, once taken. */
  readonly snapshot: number | null;
}

export interface BarrierView {
  readonly checkpoint: number;
  readonly state: 'in-progress' | 'completed' | 'aborted';
  /** Per operator that the barrier has reached. */
  readonly operators: ReadonlyMap<string, OperatorBarriers>;
  /** The edges it has crossed, by {@link edgeKey}. */
  readonly crossed: ReadonlySet<string>;
  /**
   * The delayed edges (`simulateNetworkDelay`) it is on, sent and not yet arrived, by
   * {@link edgeKey}, each with how far along it is (0 just sent, 1 arriving). On any other edge a
   * barrier arrives the moment it is sent.
   */
  readonly inFlight: ReadonlyMap<string, number>;
}

export const edgeKey = (edge: GraphEdge): string =>
  `${edge.from}>${edge.to}:${edge.input}:${edge.tag}`;

/** How many input channels the operator has: the edges into it. */
export function channelCount(graph: JobGraph, op: string): number {
  const parallelism = graph.operators.find((o) => o.id === op)?.parallelism ?? 1;
  let count = 0;
  for (let subtask = 0; subtask < parallelism; subtask++) {
    count += channelEdges(graph, op, subtask).length;
  }
  return count;
}

/**
 * A barrier's channel counted over all the operator's subtasks (subtask 0's channels first), so
 * that "2 of 4 barriers" counts every subtask's inputs.
 */
function channelIndex(graph: JobGraph, barrier: BarrierMark): number {
  let offset = 0;
  for (let subtask = 0; subtask < barrier.subtask; subtask++) {
    offset += channelEdges(graph, barrier.op, subtask).length;
  }
  return offset + barrier.input;
}

/**
 * The checkpoint whose barrier is on its way at `at`, or that finished at that very processing
 * time (so stepping past its last hop still shows where it went); null when none is.
 */
export function barrierView(model: TraceModel, graph: JobGraph, at: Moment): BarrierView | null {
  const mark = model.checkpoints.list.findLast((m) => happenedBy(at, m.triggered, m.triggeredSeq));
  if (mark === undefined) return null;
  const endTime = mark.completed ?? mark.aborted;
  const endSeq = mark.completedSeq ?? mark.abortedSeq;
  const ended = endTime !== null && endSeq !== null && happenedBy(at, endTime, endSeq);
  if (ended && endTime < at.time) return null;
  const seen = (e: { time: number; seq: number }) => happenedBy(at, e.time, e.seq);
  const crossed = crossedEdges(mark.barriers.filter(seen), graph);
  // A sender passes the barrier on right after its snapshot.
  const sent = new Map<string, number>();
  for (const s of mark.snapshots) if (seen(s) && !sent.has(s.op)) sent.set(s.op, s.time);
  const inFlight = new Map<string, number>();
  for (const edge of graph.edges) {
    const since = sent.get(edge.from);
    if (edge.delay === undefined || since === undefined || crossed.has(edgeKey(edge))) continue;
    inFlight.set(edgeKey(edge), Math.min(1, Math.max(0, (at.time - since) / edge.delay)));
  }
  return {
    checkpoint: mark.checkpoint,
    state: !ended ? 'in-progress' : mark.completed !== null ? 'completed' : 'aborted',
    operators: operatorsReached(mark, graph, seen),
    crossed,
    inFlight: ended ? new Map() : inFlight,
  };
}

function operatorsReached(
  mark: CheckpointMark,
  graph: JobGraph,
  seen: (e: { time: number; seq: number }) => boolean,
): Map<string, OperatorBarriers> {
  const inputs = new Map<string, Set<number>>();
  for (const barrier of mark.barriers) {
    if (!seen(barrier)) break;
    let set = inputs.get(barrier.op);
    if (set === undefined) inputs.set(barrier.op, (set = new Set()));
    set.add(channelIndex(graph, barrier));
  }
  const operators = new Map<string, OperatorBarriers>();
  for (const [op, set] of inputs) {
    const alignment = mark.alignments.findLast((a) => a.op === op && seen(a));
    const aligning =
      alignment !== undefined &&
      (alignment.endSeq === null || !seen({ time: alignment.endTime ?? 0, seq: alignment.endSeq }));
    // In parallel, each subtask snapshots: the operator's size is theirs together so far.
    const taken = mark.snapshots.filter((s) => s.op === op && seen(s));
    const snapshot =
      taken.length === 0 ? undefined : { bytes: taken.reduce((n, s) => n + s.bytes, 0) };
    operators.set(op, {
      inputs: set,
      channels: channelCount(graph, op),
      aligning,
      blocking: alignment?.blocking ?? false,
      snapshot: snapshot?.bytes ?? null,
    });
  }
  return operators;
}

/** The edges the barriers came in on (see `channelEdges` for how channels map to edges). */
function crossedEdges(barriers: readonly BarrierMark[], graph: JobGraph): Set<string> {
  const crossed = new Set<string>();
  for (const barrier of barriers) {
    const channel = channelEdges(graph, barrier.op, barrier.subtask)[barrier.input];
    if (channel !== undefined) crossed.add(edgeKey(channel.edge));
  }
  return crossed;
}
