/**
 * The logical graph that the DataStream API builds: one node per transformation, in the order they
 * were created (which is a topological order). `keyBy`, `union` and `getSideOutput` create no node:
 * they only change how a stream's records reach the next node (see {@link Port}).
 */
import { PipelineDefinitionError } from '../errors';
import type { IntervalJoinSpec } from '../operators/interval-join-operator';
import type { ProcessHandlers } from '../operators/process-operator';
import type { StatelessStep } from '../operators/chain-operator';
import type { WindowSpec } from '../operators/window/window-operator';
import type { ReduceFunction } from '../functions/window-functions';
import type { Key } from '../records';
import type { KeySelector } from '../runtime/operator';
import type { Source } from '../sources/source';
import type { WatermarkStrategy } from '../watermarks/strategy';

/** Where a sink sends its records. */
export type SinkSpec =
  | { readonly kind: 'collect'; readonly name: string }
  | { readonly kind: 'transactional'; readonly name: string }
  | { readonly kind: 'upsert'; readonly name: string; readonly key: (value: unknown) => Key }
  | { readonly kind: 'print'; readonly prefix: string | undefined };

/** What a node does. */
export type NodeSpec =
  | {
      readonly kind: 'source';
      readonly source: Source<unknown>;
      readonly strategy: WatermarkStrategy<unknown> | undefined;
    }
  | { readonly kind: 'step'; readonly step: StatelessStep }
  | { readonly kind: 'timestamps'; readonly strategy: WatermarkStrategy<unknown> }
  | { readonly kind: 'process'; readonly handlers: ProcessHandlers }
  | { readonly kind: 'rolling'; readonly reduce: ReduceFunction<unknown> }
  | { readonly kind: 'window'; readonly spec: WindowSpec }
  | { readonly kind: 'interval-join'; readonly spec: IntervalJoinSpec }
  | { readonly kind: 'sink'; readonly sink: SinkSpec };

/** One transformation. */
export interface LogicalNode {
  /** Creation order, from 1; the operator id derives from it unless a uid is set. */
  readonly index: number;
  name: string;
  uid: string | undefined;
  readonly spec: NodeSpec;
  /** Per logical input: the outputs feeding it (several after a `union`). */
  readonly inputs: readonly (readonly Port[])[];
  /** Per logical input: the key selector, when the input was keyed. */
  readonly keySelectors: readonly (KeySelector<unknown> | undefined)[];
  /** Set with `setParallelism`; otherwise the environment's. */
  parallelism: number | undefined;
  /** Set with `setMaxParallelism`: the number of key groups of a keyed operator. */
  maxParallelism: number | undefined;
  /** Set with `simulateNetworkDelay`: ms everything this node emits takes to arrive (0: none). */
  networkDelay: number;
}

/** An output of a node: the main output, or a side output named by `tag`. */
export interface Port {
  readonly node: LogicalNode;
  readonly tag: string | undefined;
  /**
   * How its records spread over the reading operator's subtasks when the stream asked for it
   * (`rebalance()`, `forward()`); otherwise the compiler decides (see `compile`).
   */
  readonly partitioning?: 'rebalance' | 'forward';
}

/**
 * What is known, while building, about a stream's time: whether its records carry timestamps and
 * whether watermarks flow ('unknown' when a source may carry its own), and whether it ends.
 */
export interface StreamTime {
  readonly timestamps: 'none' | 'present' | 'unknown';
  readonly watermarks: 'none' | 'present' | 'unknown';
  readonly bounded: boolean;
}

/** The union of streams' time properties: the weakest of each. */
export function combineTime(times: readonly StreamTime[]): StreamTime {
  const weakest = (values: ('none' | 'present' | 'unknown')[]): 'none' | 'present' | 'unknown' =>
    values.includes('none') ? 'none' : values.includes('unknown') ? 'unknown' : 'present';
  return {
    timestamps: weakest(times.map((t) => t.timestamps)),
    watermarks: weakest(times.map((t) => t.watermarks)),
    bounded: times.every((t) => t.bounded),
  };
}

export class PipelineGraph {
  readonly nodes: LogicalNode[] = [];
  private readonly sinkNames = new Set<string>();
  private readonly uids = new Set<string>();

  add(
    spec: NodeSpec,
    name: string,
    inputs: readonly (readonly Port[])[],
    keySelectors: readonly (KeySelector<unknown> | undefined)[],
  ): LogicalNode {
    if (spec.kind === 'sink' && spec.sink.kind !== 'print') {
      if (this.sinkNames.has(spec.sink.name)) {
        throw new PipelineDefinitionError(
          `There already is a sink named "${spec.sink.name}": give each collect or upsert sink its ` +
            'own name, or send the streams to one sink with union(...).',
        );
      }
      this.sinkNames.add(spec.sink.name);
    }
    const node: LogicalNode = {
      index: this.nodes.length + 1,
      name,
      uid: undefined,
      spec,
      inputs,
      keySelectors,
      parallelism: undefined,
      maxParallelism: undefined,
      networkDelay: 0,
    };
    this.nodes.push(node);
    return node;
  }

  /** Names a node, for the job graph and the trace. */
  setName(node: LogicalNode, name: string): void {
    if (typeof name !== 'string' || name === '') {
      throw new PipelineDefinitionError('name(...) needs a non-empty string.');
    }
    node.name = name;
  }

  /** Gives a node a stable id of the learner's choosing. */
  setUid(node: LogicalNode, uid: string): void {
    if (typeof uid !== 'string' || uid === '') {
      throw new PipelineDefinitionError('uid(...) needs a non-empty string.');
    }
    if (this.uids.has(uid)) {
      throw new PipelineDefinitionError(`The uid "${uid}" is used twice; uids must be unique.`);
    }
    if (node.uid !== undefined) this.uids.delete(node.uid);
    this.uids.add(uid);
    node.uid = uid;
  }
}
