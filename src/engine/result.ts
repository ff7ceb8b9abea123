/**
 * What a run produces: the sinks' contents, side outputs, counters, the trace and the job graph.
 * Everything here is plain data: it can be posted from a worker or serialised as JSON.
 */
import type { Partitioning } from './parallelism/partitioner';
import type { OperatorMetrics } from './metrics';
import type { SourceProblem } from './sources/text/source-format-error';
import type { Key, WindowBounds } from './records';
import type { OperatorKind } from './runtime/operator';
import type { Millis } from './time';
import type { TraceEvent } from './trace';
import type { PaneInfo } from './windows/pane';

/** A record that reached a sink (or a side output). */
export interface CollectedRecord<T = unknown> {
  /** The record's value. */
  readonly value: T;
  /** Event time, absent when the record has none. */
  readonly timestamp?: Millis;
  /** Processing time at which it arrived. */
  readonly processingTime: Millis;
  /** For window results: the key (absent for `windowAll`). */
  readonly key?: Key;
  /** For window results: the window it was computed for. */
  readonly window?: WindowBounds;
  /** For window results: which firing of the window it is. */
  readonly pane?: PaneInfo;
  /**
   * Set on a plain (at-least-once) sink's row that repeats an earlier row: the job restarted from a
   * checkpoint taken before the earlier row was written, and wrote it again.
   */
  readonly duplicate?: true;
  /**
   * On a transactional (exactly-once) sink's rows: true once the transaction holding the row is
   * committed, false while it is open or pre-committed. Readers should only trust committed rows.
   */
  readonly committed?: boolean;
  /** On a transactional sink's rows: the id of the transaction that wrote it. */
  readonly transaction?: number;
}

/** The latest record of one key in an upsert table. */
export interface UpsertRow<T = unknown> extends CollectedRecord<T> {
  readonly key: Key;
  /** How many times the key was written. */
  readonly updates: number;
}

/** An operator of the compiled job. */
export interface OperatorNode {
  /** Stable id, as the trace and the metrics name the operator. */
  readonly id: string;
  /** The name shown in the job graph (set with `.name(...)`). */
  readonly name: string;
  /** What the operator does: a source, a step chain, a window, a sink, …. */
  readonly kind: OperatorKind;
  /** For fused chains: the names of the stateless steps, in order. */
  readonly steps?: readonly string[];
  /** How many parallel subtasks the operator runs as. */
  readonly parallelism: number;
}

/** A connection between two operators. */
export interface GraphEdge {
  /** Id of the operator sending the records. */
  readonly from: string;
  /** Id of the operator receiving them. */
  readonly to: string;
  /** Which input of `to` (0, or 1 for the second input of a two-input operator). */
  readonly input: number;
  /** The side output it carries, if not the main output. */
  readonly tag: string | null;
  /** True when the records are partitioned by key on the way (`keyBy`). */
  readonly keyed: boolean;
  /**
   * How records are spread over the receiving operator's subtasks: `'hash'` by key (`keyBy`),
   * `'forward'` from each subtask to the subtask of the same index (same parallelism, not keyed),
   * `'rebalance'` round robin (different parallelism, not keyed).
   */
  readonly partitioning: Partitioning;
  /** Ms everything takes on the way, set with `simulateNetworkDelay` (absent: none). */
  readonly delay?: number;
}

/** The operator graph, for drawing. Operators are in topological order. */
export interface JobGraph {
  /** The operators, sources first. */
  readonly operators: readonly OperatorNode[];
  /** The connections between them. */
  readonly edges: readonly GraphEdge[];
}

/** The counters of a run. */
export interface JobMetrics {
  /** Per operator id. */
  readonly operators: Readonly<Record<string, Readonly<OperatorMetrics>>>;
  /** Trace events dropped because the trace was full. */
  readonly traceEventsDropped: number;
}

/**
 * A row a text source left out (`onError: 'skip'`): where it is, what is wrong with it, and which
 * source operator met it when.
 */
export interface SkippedRow extends SourceProblem {
  /** Id of the source operator that read it. */
  readonly op: string;
  /** Processing time at which it was read. */
  readonly time: Millis;
  /**
   * The whole text the row is in, so whoever knows where that text came from (a sandbox's data
   * file) can name the file. Not enumerable, like `SourceFormatError.sourceText`: posting or
   * printing the row does not carry the text.
   */
  readonly sourceText?: string;
}

/** Everything a run produced so far. */
export interface JobResult {
  /** Collect sinks, by name. */
  readonly outputs: Readonly<Record<string, readonly CollectedRecord[]>>;
  /** Upsert tables, by name; rows in the order their keys first appeared. */
  readonly tables: Readonly<Record<string, readonly UpsertRow[]>>;
  /** Lines written by print sinks. */
  readonly printed: readonly string[];
  /** Every record sent to a side output, by tag id, whether or not a sink reads it. */
  readonly sideOutputs: Readonly<Record<string, readonly CollectedRecord[]>>;
  /**
   * Rows that text sources left out (`onError: 'skip'`), in the order they were read: by each
   * source in text order. Empty when no row was bad.
   */
  readonly skippedRows: readonly SkippedRow[];
  /** Counters per operator. */
  readonly metrics: JobMetrics;
  /** The trace events held (empty unless the trace level records events). */
  readonly trace: readonly TraceEvent[];
  /** The operator graph that ran. */
  readonly graph: JobGraph;
  /** The processing time reached. */
  readonly processingTime: Millis;
  /** True once every source has ended. */
  readonly finished: boolean;
}
