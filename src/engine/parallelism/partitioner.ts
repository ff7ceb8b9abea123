/**
 * How records leave one subtask for the subtasks of the next operator when it runs in parallel,
 * as Flink's `StreamPartitioner`s decide: by key (`keyBy`, the key's key group names the subtask)
 * or round robin (`rebalance`, between operators of different parallelism that are not keyed).
 *
 * A partitioner stands where an operator would on an edge: the sending subtask's output calls it
 * as if it were the reader, and it passes each record on to one subtask, over that subtask's own
 * input channel. Watermarks, barriers and idleness are not records: they go to every subtask, as
 * Flink broadcasts them on all of a task's output channels.
 */
import { isKey } from '../records';
import type { WindowOrigin } from '../records';
import type { Millis } from '../time';
import { UserFunctionError } from '../errors';
import type { Edge, EdgeTarget, KeySelector, Push, StreamOperator } from '../runtime/operator';
import type { FusedRecord, FusionBuilder } from '../runtime/fusion';
import { subtaskOfKey } from './key-groups';

/** How an edge spreads records over the subtasks reading it. */
export type Partitioning = 'forward' | 'hash' | 'rebalance';

export abstract class Partitioner implements EdgeTarget {
  constructor(
    /** One edge per subtask of the reading operator, in subtask order. */
    readonly edges: readonly Edge[],
    /** The sending subtask. */
    protected readonly sender: StreamOperator,
  ) {}

  /** The subtask (an index into {@link edges}) that gets this record. */
  protected abstract select(value: unknown, timestamp: Millis | undefined): number;

  receive(
    _edge: Edge,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    const edge = this.edges[this.select(value, timestamp)] as Edge;
    edge.target.receive(edge, value, timestamp, origin, id);
  }

  receiveWatermark(_edge: Pick<Edge, 'channel'>, watermark: Millis): void {
    for (const edge of this.edges) edge.target.receiveWatermark(edge, watermark);
  }

  receiveBarrier(_channel: number, checkpoint: number): void {
    for (const edge of this.edges) edge.target.receiveBarrier(edge.channel, checkpoint);
  }

  receiveStatus(_edge: Pick<Edge, 'channel'>, idle: boolean): void {
    for (const edge of this.edges) edge.target.receiveStatus(edge, idle);
  }

  pushInto(edge: Edge): Push {
    return (value, timestamp) => this.receive(edge, value, timestamp, undefined, 0);
  }

  get batchSafe(): boolean {
    return this.edges.every((edge) => edge.target.batchSafe);
  }

  /**
   * Writes, into a source's fused loop, what {@link receive} does: choose the subtask, then reach
   * it as the loop reaches any reader (its fused code, or its push).
   */
  fuse(code: FusionBuilder, _edge: Edge, record: FusedRecord): void {
    const select = code.bind((value: unknown, timestamp: Millis | undefined) =>
      this.select(value, timestamp),
    );
    const chosen = code.local('subtask');
    code.line(`const ${chosen} = ${select}(${record.value}, ${record.timestamp});`);
    code.block(`switch (${chosen})`, () => {
      this.edges.forEach((edge, index) => {
        code.block(`case ${index}:`, () => {
          code.reach(edge, record);
          code.line('break;');
        });
      });
    });
  }
}

/**
 * Flink's `KeyGroupStreamPartitioner`: the record goes to the subtask owning its key's key group.
 * It calls the key selector itself, and the receiving operator calls it again to set its current
 * key, as in Flink: a key selector must return the same key each time for the same record.
 */
export class KeyGroupPartitioner extends Partitioner {
  constructor(
    edges: readonly Edge[],
    sender: StreamOperator,
    private readonly selector: KeySelector<unknown>,
    private readonly maxParallelism: number,
  ) {
    super(edges, sender);
  }

  protected select(value: unknown, timestamp: Millis | undefined): number {
    let key: unknown;
    try {
      key = this.selector(value);
    } catch (error) {
      throw this.failure(error, value, timestamp);
    }
    // A key that cannot be one (or a Promise) fails at the reader, which says so in its own words.
    if (!isKey(key)) return 0;
    return subtaskOfKey(key, this.edges.length, this.maxParallelism);
  }

  /**
   * A key selector that threw fails naming the keyed operator, whose input the selector belongs
   * to, as it does at parallelism 1 (where the operator calls the selector itself).
   */
  private failure(error: unknown, value: unknown, timestamp: Millis | undefined): Error {
    const { id, name } = (this.edges[0] as Edge).target as StreamOperator;
    return new UserFunctionError(
      { operatorId: id, operatorName: name, record: { value, timestamp } },
      error,
    );
  }
}

/**
 * Flink's `RebalancePartitioner`: records go to the reading subtasks in turn. Flink starts each
 * sender at a random subtask; here sender i starts at subtask i, so that a run stays the same.
 */
export class RebalancePartitioner extends Partitioner {
  private next: number;

  constructor(edges: readonly Edge[], sender: StreamOperator) {
    super(edges, sender);
    this.next = sender.subtask % edges.length;
  }

  protected select(): number {
    const chosen = this.next;
    this.next = (chosen + 1) % this.edges.length;
    return chosen;
  }
}
