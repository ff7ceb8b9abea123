/**
 * Compiles the logical graph into the physical plan: operators with stable ids, wired by edges.
 *
 * Consecutive stateless steps (`map`, `filter`, `flatMap`) are fused into one chain operator when
 * nothing else reads the intermediate streams, as Flink chains operators: the step inside a chain
 * costs a function call, not a record and a dispatch.
 */
import { PipelineDefinitionError } from '../errors';
import type { LogicalNode, Port, SinkSpec } from '../api/graph';
import { ChainOperator } from '../operators/chain-operator';
import type { StatelessStep } from '../operators/chain-operator';
import { IntervalJoinOperator } from '../operators/interval-join-operator';
import { ProcessOperator } from '../operators/process-operator';
import { RollingReduceOperator } from '../operators/rolling-reduce-operator';
import { SinkOperator } from '../operators/sink-operator';
import type { SinkWriter } from '../operators/sink-operator';
import { SourceOperator } from '../operators/source-operator';
import { TransactionalSinkOperator } from '../operators/transactional-sink-operator';
import { TimestampsAndWatermarksOperator } from '../operators/timestamps-operator';
import { WindowOperator } from '../operators/window/window-operator';
import type { GraphEdge, JobGraph, OperatorNode } from '../result';
import { isKey } from '../records';
import { isPromise, notSynchronous } from '../functions/synchronous';
import { summarize } from '../summarize';
import { InFlightChannel } from './in-flight-channel';
import type { Edge, KeySelector, StreamOperator } from './operator';
import { defaultMaxParallelism } from '../parallelism/key-groups';
import { nonParallel } from '../parallelism/parallelism';
import { KeyGroupPartitioner, RebalancePartitioner } from '../parallelism/partitioner';
import type { Partitioner, Partitioning } from '../parallelism/partitioner';
import { collected } from './sink-row';
import type { SinkStore } from './sink-store';

/** The compiled job. */
export interface PhysicalPlan {
  /** In topological order. */
  readonly operators: readonly StreamOperator[];
  readonly sources: readonly SourceOperator<unknown>[];
  readonly graph: JobGraph;
  /** Number of input channels of each operator. */
  readonly channels: ReadonlyMap<StreamOperator, number>;
}

/** What sinks write to. */
export interface SinkTargets {
  readonly store: SinkStore;
  /** Receives each printed line, if given. */
  readonly log: ((line: string) => void) | undefined;
}

/** The environment's parallelism settings, which operators without their own take. */
export interface ParallelismDefaults {
  readonly parallelism: number;
  /** The number of key groups; `undefined`: Flink's default for each operator's parallelism. */
  readonly maxParallelism: number | undefined;
}

const SERIAL: ParallelismDefaults = { parallelism: 1, maxParallelism: undefined };

export function compile(
  nodes: readonly LogicalNode[],
  sinks: SinkTargets,
  defaults: ParallelismDefaults = SERIAL,
): PhysicalPlan {
  if (nodes.length === 0) {
    throw new PipelineDefinitionError(
      'The pipeline is empty: read a source (env.fromSource(...), env.fromElements(...)) and send ' +
        'the results to a sink (.sinkTo(env.collect("results")) or .print()).',
    );
  }
  const parallelism = new Map(nodes.map((node) => [node, parallelismOf(node, defaults)]));
  const consumers = consumersOf(nodes);
  // Group stateless steps into chains: each member points to the chain's first step.
  const headOf = new Map<LogicalNode, LogicalNode>();
  const members = new Map<LogicalNode, LogicalNode[]>();
  for (const node of nodes) {
    const upstream = fusedInto(node, consumers, parallelism);
    const head = upstream === undefined ? node : (headOf.get(upstream) as LogicalNode);
    if (node.spec.kind !== 'step') continue;
    headOf.set(node, head);
    const list = members.get(head) ?? [];
    list.push(node);
    members.set(head, list);
  }

  // Each node's subtasks, in order; a chain's members share their head's.
  const physical = new Map<LogicalNode, StreamOperator[]>();
  const operators: StreamOperator[] = [];
  const ids = new Set<string>();
  for (const node of nodes) {
    const head = headOf.get(node);
    if (head !== undefined && head !== node) {
      physical.set(node, physical.get(head) as StreamOperator[]);
      continue;
    }
    const id = node.uid ?? `op-${node.index}`;
    if (ids.has(id)) {
      throw new PipelineDefinitionError(
        `Two operators would have the id "${id}": choose another uid.`,
      );
    }
    ids.add(id);
    const count = parallelism.get(node) as number;
    const subtasks: StreamOperator[] = [];
    for (let subtask = 0; subtask < count; subtask++) {
      const operator =
        head === undefined
          ? create(node, id, sinks, subtask, count)
          : chain(id, members.get(head) as LogicalNode[]);
      operator.subtask = subtask;
      operator.parallelism = count;
      subtasks.push(operator);
      operators.push(operator);
    }
    physical.set(node, subtasks);
  }

  const channels = new Map<StreamOperator, number>();
  const nextChannel = (target: StreamOperator): number => {
    const channel = channels.get(target) ?? 0;
    channels.set(target, channel + 1);
    return channel;
  };
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    const head = headOf.get(node);
    if (head !== undefined && head !== node) continue;
    const targets = physical.get(node) as StreamOperator[];
    node.inputs.forEach((ports, gate) => {
      const selector = node.keySelectors[gate];
      for (const port of ports) {
        const senders = physical.get(port.node) as StreamOperator[];
        const partitioning: Partitioning =
          selector !== undefined
            ? 'hash'
            : (port.partitioning ?? (senders.length === targets.length ? 'forward' : 'rebalance'));
        if (partitioning === 'forward' && senders.length !== targets.length) {
          throw new PipelineDefinitionError(
            `forward() does not allow a change of parallelism: "${port.node.name}" runs as ` +
              `${senders.length} subtasks and "${node.name}" as ${targets.length}. Use ` +
              'rebalance() instead, or give both the same parallelism.',
          );
        }
        const delay = port.node.networkDelay;
        senders.forEach((sender, index) => {
          const direct =
            partitioning === 'forward'
              ? forwardEdge(targets[index] as StreamOperator, gate, nextChannel)
              : spreadEdge(targets, gate, nextChannel, (receivers) =>
                  selector === undefined
                    ? new RebalancePartitioner(receivers, sender)
                    : new KeyGroupPartitioner(
                        receivers,
                        sender,
                        selector,
                        maxParallelismOf(node, parallelism.get(node) as number, defaults),
                      ),
                );
          const outgoing =
            delay === 0
              ? direct
              : { target: new InFlightChannel(sender, direct, delay), channel: -1, gate };
          if (port.tag === undefined) sender.output.edges.push(outgoing);
          else {
            const list = sender.output.sideEdges.get(port.tag) ?? [];
            list.push(outgoing);
            sender.output.sideEdges.set(port.tag, list);
          }
        });
        edges.push({
          from: (senders[0] as StreamOperator).id,
          to: (targets[0] as StreamOperator).id,
          input: gate,
          tag: port.tag ?? null,
          keyed: selector !== undefined,
          partitioning,
          ...(delay === 0 ? {} : { delay }),
        });
      }
    });
  }

  const sources = operators.filter(
    (op): op is SourceOperator<unknown> => op instanceof SourceOperator,
  );
  for (const source of sources) channels.set(source, source.partitionCount);
  const graph: JobGraph = {
    operators: operators
      .filter((op) => op.subtask === 0)
      .map((op): OperatorNode => {
        const steps = op instanceof ChainOperator ? op.steps : undefined;
        return {
          id: op.id,
          name: op.name,
          kind: op.kind,
          ...(steps === undefined ? {} : { steps }),
          parallelism: op.parallelism,
        };
      }),
    edges,
  };
  return { operators: operators, sources, graph, channels };
}

/** The edge from a subtask to the subtask of the same index of the next operator. */
function forwardEdge(
  target: StreamOperator,
  gate: number,
  nextChannel: (target: StreamOperator) => number,
): Edge {
  return { target, channel: nextChannel(target), gate };
}

/**
 * The edge from one subtask to every subtask of the next operator: a channel into each, and a
 * partitioner choosing among them per record (none when there is only one to choose).
 */
function spreadEdge(
  targets: readonly StreamOperator[],
  gate: number,
  nextChannel: (target: StreamOperator) => number,
  partitioner: (receivers: readonly Edge[]) => Partitioner,
): Edge {
  const receivers = targets.map((target) => ({ target, channel: nextChannel(target), gate }));
  if (receivers.length === 1) return receivers[0] as Edge;
  return { target: partitioner(receivers), channel: -1, gate };
}

/** How many subtasks a node runs as: its own setting, else the environment's. */
function parallelismOf(node: LogicalNode, defaults: ParallelismDefaults): number {
  if (node.parallelism !== undefined) return node.parallelism;
  // A non-parallel source (fromElements, a text file, a scripted stream) or an all-window runs as
  // one subtask whatever the environment says, as Flink's non-parallel operators do.
  if (nonParallel(node) !== undefined) return 1;
  return defaults.parallelism;
}

/** The number of key groups of a keyed node: its own, the environment's, or Flink's default. */
function maxParallelismOf(
  node: LogicalNode,
  parallelism: number,
  defaults: ParallelismDefaults,
): number {
  const max = node.maxParallelism ?? defaults.maxParallelism ?? defaultMaxParallelism(parallelism);
  if (max < parallelism) {
    throw new PipelineDefinitionError(
      `"${node.name}" runs as ${parallelism} subtasks but has only ${max} key groups ` +
        '(setMaxParallelism): each subtask needs at least one key group, so the maximum ' +
        'parallelism must be at least the parallelism.',
    );
  }
  return max;
}

/** For every node, the nodes reading each of its outputs. */
function consumersOf(
  nodes: readonly LogicalNode[],
): Map<LogicalNode, { node: LogicalNode; port: Port }[]> {
  const consumers = new Map<LogicalNode, { node: LogicalNode; port: Port }[]>();
  for (const node of nodes) {
    for (const ports of node.inputs) {
      for (const port of ports) {
        const list = consumers.get(port.node) ?? [];
        list.push({ node, port });
        consumers.set(port.node, list);
      }
    }
  }
  return consumers;
}

/**
 * The node a stateless step fuses into: its only input is the main output of another stateless
 * step with the same parallelism, which nothing else reads, over an edge that is not keyed (Flink
 * never chains across a keyBy, whose records may go to another subtask).
 */
function fusedInto(
  node: LogicalNode,
  consumers: Map<LogicalNode, { node: LogicalNode; port: Port }[]>,
  parallelism: ReadonlyMap<LogicalNode, number>,
): LogicalNode | undefined {
  if (node.spec.kind !== 'step' || node.inputs.length !== 1) return undefined;
  if (node.keySelectors[0] !== undefined) return undefined;
  const ports = node.inputs[0] as readonly Port[];
  const only = ports[0];
  if (ports.length !== 1 || only === undefined || only.tag !== undefined) return undefined;
  // rebalance() hands records over, as over a network: never chained.
  if (only.partitioning === 'rebalance') return undefined;
  if (only.node.spec.kind !== 'step') return undefined;
  // A delayed output is a channel between two tasks, as rebalance() is.
  if (only.node.networkDelay > 0) return undefined;
  // Only subtasks connected one to one chain: the same parallelism on both sides.
  if (parallelism.get(only.node) !== parallelism.get(node)) return undefined;
  return consumers.get(only.node)?.length === 1 ? only.node : undefined;
}

function create(
  node: LogicalNode,
  id: string,
  sinks: SinkTargets,
  subtask: number,
  parallelism: number,
): StreamOperator {
  const spec = node.spec;
  const keySelectors = node.keySelectors;
  switch (spec.kind) {
    case 'source':
      return new SourceOperator(
        id,
        node.name,
        spec.source,
        spec.strategy,
        splitsOf(spec.source.partitions, subtask, parallelism),
      );
    case 'step':
      return chain(id, [node]);
    case 'timestamps':
      return new TimestampsAndWatermarksOperator(id, node.name, spec.strategy);
    case 'process':
      return new ProcessOperator(id, node.name, keySelectors, spec.handlers);
    case 'rolling':
      return new RollingReduceOperator(
        id,
        node.name,
        keySelectors[0] as KeySelector<unknown>,
        spec.reduce,
      );
    case 'window':
      return new WindowOperator(id, node.name, keySelectors, spec.spec);
    case 'interval-join':
      return new IntervalJoinOperator(
        id,
        node.name,
        [keySelectors[0] as KeySelector<unknown>, keySelectors[1] as KeySelector<unknown>],
        spec.spec,
      );
    case 'sink':
      if (spec.sink.kind === 'transactional') {
        return new TransactionalSinkOperator(
          id,
          node.name,
          sinks.store.transactionLog(spec.sink.name),
        );
      }
      return new SinkOperator(
        id,
        node.name,
        writer(spec.sink, sinks, subtask, parallelism),
        spec.sink.kind === 'collect' ? spec.sink.name : undefined,
      );
  }
}

/** One operator for a chain of stateless steps, named after them. */
function chain(id: string, members: readonly LogicalNode[]): ChainOperator {
  const steps = members.map((member) => {
    const { step } = member.spec as { step: StatelessStep };
    return { ...step, name: member.name } as StatelessStep;
  });
  return new ChainOperator(id, members.map((m) => m.name).join(' → '), steps);
}

/** Kept out of the writer, which runs per record, so that it stays small enough to inline. */
function notAKey(key: unknown): TypeError {
  // Asked only here, off the per-record path: a Promise is never a key, so it lands here.
  if (isPromise(key)) return notSynchronous('The key selector given to upsertTable(...)');
  return new TypeError(
    `the upsert table's key selector returned ${summarize(key, 40)}; a key must be a string, a number or a boolean.`,
  );
}

/**
 * The partitions source subtask `subtask` reads: every `parallelism`-th one, from its own index
 * (Flink's Kafka source deals a topic's partitions to its readers in turn the same way).
 */
function splitsOf(partitions: number, subtask: number, parallelism: number): number[] {
  const splits: number[] = [];
  for (let partition = subtask; partition < partitions; partition += parallelism) {
    splits.push(partition);
  }
  return splits;
}

function writer(
  sink: Exclude<SinkSpec, { kind: 'transactional' }>,
  targets: SinkTargets,
  subtask: number,
  parallelism: number,
): SinkWriter {
  const { store } = targets;
  switch (sink.kind) {
    case 'collect': {
      const rows = store.collectRows(sink.name);
      return {
        write: (value, timestamp, origin, now) => {
          rows.push(collected(value, timestamp, origin, now));
        },
      };
    }
    case 'upsert': {
      const table = store.table(sink.name);
      const selectKey = sink.key;
      return {
        write: (value, timestamp, origin, now) => {
          const key = selectKey(value);
          if (!isKey(key)) throw notAKey(key);
          table.write(key, value, timestamp, origin, now);
        },
        fuse: (code, record) => {
          const key = code.local('key');
          code.line(`const ${key} = ${code.bind(selectKey)}(${record.value});`);
          code.line(`if (!${code.bind(isKey)}(${key})) throw ${code.bind(notAKey)}(${key});`);
          table.fuseWrite(code, key, record);
        },
      };
    }
    case 'print': {
      const prefix = printPrefix(sink.prefix, subtask, parallelism);
      return {
        write: (value) => {
          const text = summarize(value, 1_000);
          const line = prefix === '' ? text : `${prefix}> ${text}`;
          store.printed.push(line);
          targets.log?.(line);
        },
      };
    }
  }
}

/**
 * What print() puts before each line, as Flink's `PrintSinkOutputWriter`: the prefix given, and
 * when the sink runs in parallel the subtask that printed it, counted from 1 ("2> …", "hot:2> …").
 */
function printPrefix(prefix: string | undefined, subtask: number, parallelism: number): string {
  const given = prefix ?? '';
  if (parallelism === 1) return given;
  return `${given === '' ? '' : `${given}:`}${subtask + 1}`;
}
