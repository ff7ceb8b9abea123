/**
 * Each subtask's watermark at a moment, with the input channels it is the minimum of: which
 * upstream subtask (or source partition) each channel comes from, where it stands, whether it is
 * idle, and which one holds the subtask back. The operator's own (low) watermark is the lowest
 * subtask's. It answers "why has my window not fired?" when one partition or one subtask lags.
 */
import type { GraphEdge, JobGraph } from 'streamlab';
import { countBy } from './at-time';
import type { Moment } from './moment';
import type { IdlenessMark, OperatorTrace, WatermarkMark } from './trace-model';

export interface ChannelAt {
  /** Where the channel's records and watermarks come from ("Source: events (2/3)", "partition 1"). */
  readonly label: string;
  /** Its watermark, `null` before the first. */
  readonly watermark: number | null;
  readonly idle: boolean;
  /** True for the active channel (or channels) whose watermark is the subtask's. */
  readonly lowest: boolean;
}

export interface SubtaskAt {
  /** From 0. */
  readonly subtask: number;
  readonly channels: readonly ChannelAt[];
  /** The subtask's watermark, `null` before the first. */
  readonly watermark: number | null;
  /** True for the subtask (or subtasks) whose watermark is the operator's. */
  readonly lowest: boolean;
}

/**
 * The edge behind each input channel of subtask `subtask` of the operator, in the order the
 * engine numbers them: per incoming edge, one channel per sending subtask (or just the one of the
 * same index, on a forward edge). Empty for a source, whose channels are its partitions.
 */
export function channelEdges(
  graph: JobGraph,
  op: string,
  subtask: number,
): { readonly edge: GraphEdge; readonly sender: number; readonly senders: number }[] {
  const channels: { edge: GraphEdge; sender: number; senders: number }[] = [];
  for (const edge of graph.edges) {
    if (edge.to !== op) continue;
    const senders = graph.operators.find((o) => o.id === edge.from)?.parallelism ?? 1;
    if (senders === 1) channels.push({ edge, sender: 0, senders });
    else if (edge.partitioning === 'forward') channels.push({ edge, sender: subtask, senders });
    else for (let sender = 0; sender < senders; sender++) channels.push({ edge, sender, senders });
  }
  return channels;
}

/** Names each input channel after the upstream subtask it comes from ("Map (2/3)"). */
export function channelLabels(graph: JobGraph, op: string, subtask: number): string[] {
  return channelEdges(graph, op, subtask).map(({ edge, sender, senders }) => {
    const name = graph.operators.find((o) => o.id === edge.from)?.name ?? edge.from;
    return senders === 1 ? name : `${name} (${sender + 1}/${senders})`;
  });
}

/** The partitions source subtask `subtask` reads, as the engine deals them out. */
function sourceLabels(count: number, subtask: number, parallelism: number): string[] {
  return Array.from({ length: count }, (_, i) => `partition ${subtask + i * parallelism}`);
}

function lastBy<T extends WatermarkMark | IdlenessMark>(
  list: readonly T[],
  at: Moment,
): T | undefined {
  const n = countBy(list, at);
  return n === 0 ? undefined : list[n - 1];
}

/** The operator's subtasks and their channels at `at`; empty before any watermark moved. */
export function subtasksAt(
  graph: JobGraph,
  op: string,
  trace: OperatorTrace | undefined,
  at: Moment,
): SubtaskAt[] {
  if (trace === undefined) return [];
  const node = graph.operators.find((o) => o.id === op);
  const parallelism = node?.parallelism ?? 1;
  const rows: SubtaskAt[] = [];
  for (let subtask = 0; subtask < parallelism; subtask++) {
    const watermarks = trace.subtasks.get(subtask);
    const count = Math.max(0, ...[...(watermarks?.inputs.keys() ?? [])].map((i) => i + 1));
    const labels =
      node?.kind === 'source'
        ? sourceLabels(count, subtask, parallelism)
        : channelLabels(graph, op, subtask);
    const channels = labels.map((label, input) => {
      const channel = watermarks?.inputs.get(input);
      const watermark =
        channel === undefined ? null : (lastBy(channel.watermarks, at)?.watermark ?? null);
      const idle = channel === undefined ? false : (lastBy(channel.idleness, at)?.idle ?? false);
      return { label, watermark, idle };
    });
    const active = channels.filter((c) => !c.idle);
    const low =
      active.length === 0 ? null : Math.min(...active.map((c) => c.watermark ?? -Infinity));
    const combined = watermarks === undefined ? undefined : lastBy(watermarks.combined, at);
    rows.push({
      subtask,
      channels: channels.map((c) => ({
        ...c,
        lowest: channels.length > 1 && !c.idle && (c.watermark ?? -Infinity) === low,
      })),
      watermark: combined?.watermark ?? null,
      lowest: false,
    });
  }
  if (rows.length < 2) return rows;
  const low = Math.min(...rows.map((r) => r.watermark ?? -Infinity));
  return rows.map((r) => ({ ...r, lowest: (r.watermark ?? -Infinity) === low }));
}
