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
import type { KeySelector, StreamOperator } from './operator';
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

export function compile(nodes: readonly LogicalNode[], sinks: SinkTargets): PhysicalPlan {
  if (nodes.length === 0) {
    throw new PipelineDefinitionError(
      'The pipeline is empty: read a source (env.fromSource(...), env.fromElements(...)) and send ' +
        'the results to a sink (.sinkTo(env.collect("results")) or .print()).',
    );
  }
  const consumers = consumersOf(nodes);
  // Group stateless steps into chains: each member points to the chain's first step.
  const headOf = new Map<LogicalNode, LogicalNode>();
  const members = new Map<LogicalNode, LogicalNode[]>();
  for (const node of nodes) {
    const upstream = fusedInto(node, consumers);
    const head = upstream === undefined ? node : (headOf.get(upstream) as LogicalNode);
    if (node.spec.kind !== 'step') continue;
    headOf.set(node, head);
    const list = members.get(head) ?? [];
    list.push(node);
    members.set(head, list);
  }

  const physical = new Map<LogicalNode, StreamOperator>();
  const operators: StreamOperator[] = [];
  const ids = new Set<string>();
  for (const node of nodes) {
    const head = headOf.get(node);
    if (head !== undefined && head !== node) {
      physical.set(node, physical.get(head) as StreamOperator);
      continue;
    }
    const id = node.uid ?? `op-${node.index}`;
    if (ids.has(id)) {
      throw new PipelineDefinitionError(
        `Two operators would have the id "${id}": choose another uid.`,
      );
    }
    ids.add(id);
    const operator =
      head === undefined ? create(node, id, sinks) : chain(id, members.get(head) as LogicalNode[]);
    physical.set(node, operator);
    operators.push(operator);
  }

  const channels = new Map<StreamOperator, number>();
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    const head = headOf.get(node);
    if (head !== undefined && head !== node) continue;
    const target = physical.get(node) as StreamOperator;
    node.inputs.forEach((ports, gate) => {
      for (const port of ports) {
        const source = physical.get(port.node) as StreamOperator;
        const channel = channels.get(target) ?? 0;
        channels.set(target, channel + 1);
        const edge = { target, channel, gate };
        if (port.tag === undefined) source.output.edges.push(edge);
        else {
          const list = source.output.sideEdges.get(port.tag) ?? [];
          list.push(edge);
          source.output.sideEdges.set(port.tag, list);
        }
        edges.push({
          from: source.id,
          to: target.id,
          input: gate,
          tag: port.tag ?? null,
          keyed: node.keySelectors[gate] !== undefined,
        });
      }
    });
  }

  const sources = operators.filter(
    (op): op is SourceOperator<unknown> => op instanceof SourceOperator,
  );
  for (const source of sources) channels.set(source, source.partitionCount);
  const graph: JobGraph = {
    operators: operators.map((op): OperatorNode => {
      const steps = op instanceof ChainOperator ? op.steps : undefined;
      return { id: op.id, name: op.name, kind: op.kind, ...(steps === undefined ? {} : { steps }) };
    }),
    edges,
  };
  return { operators: operators, sources, graph, channels };
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
 * step, which nothing else reads, over an edge that is not keyed (Flink never chains across a
 * keyBy, whose records may go to another subtask).
 */
function fusedInto(
  node: LogicalNode,
  consumers: Map<LogicalNode, { node: LogicalNode; port: Port }[]>,
): LogicalNode | undefined {
  if (node.spec.kind !== 'step' || node.inputs.length !== 1) return undefined;
  if (node.keySelectors[0] !== undefined) return undefined;
  const ports = node.inputs[0] as readonly Port[];
  const only = ports[0];
  if (ports.length !== 1 || only === undefined || only.tag !== undefined) return undefined;
  if (only.node.spec.kind !== 'step') return undefined;
  return consumers.get(only.node)?.length === 1 ? only.node : undefined;
}

function create(node: LogicalNode, id: string, sinks: SinkTargets): StreamOperator {
  const spec = node.spec;
  const keySelectors = node.keySelectors;
  switch (spec.kind) {
    case 'source':
      return new SourceOperator(id, node.name, spec.source, spec.strategy);
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
        writer(spec.sink, sinks),
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

function writer(
  sink: Exclude<SinkSpec, { kind: 'transactional' }>,
  targets: SinkTargets,
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
    case 'print':
      return {
        write: (value) => {
          const text = summarize(value, 1_000);
          const line = sink.prefix === undefined ? text : `${sink.prefix}> ${text}`;
          store.printed.push(line);
          targets.log?.(line);
        },
      };
  }
}
