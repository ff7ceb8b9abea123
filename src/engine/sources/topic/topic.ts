/**
 * A partitioned, append-only log, like a Kafka topic. Producing appends a record to one partition
 * and gives it the next offset there; records never move or change, so reading a partition from an
 * offset always gives the same records in the same order. That is what makes replays exact.
 */
import { requireSynchronous } from '../../functions/synchronous';
import type { Millis } from '../source';
import { requireInteger, requireFinite } from '../validate';

/** A record's key: records with equal keys go to the same partition. */
export type TopicKey = string | number;

/** Chooses a partition for a record produced without an explicit one. */
export type Partitioner<T> = (record: {
  readonly key: TopicKey | undefined;
  readonly value: T;
  readonly partitions: number;
}) => number;

/** A record as stored in a topic. */
export interface TopicRecord<T> {
  /** The partition holding the record. */
  readonly partition: number;
  /** Position within the partition: 0 for the first record, then 1, 2, … */
  readonly offset: number;
  /** The key it was produced with, if any. */
  readonly key: TopicKey | undefined;
  /** The record's value. */
  readonly value: T;
  /** Event time given by the producer, if any. */
  readonly timestamp: Millis | undefined;
}

/** Options of {@link Topic.create}. */
export interface TopicOptions<T> {
  /** Names the topic (a source reading it shows the name). */
  readonly name: string;
  /** Default 1. */
  readonly partitions?: number;
  /**
   * Default: a record with a key goes to `hash(key) mod partitions` (so one key's records stay in
   * order in one partition); a record without a key goes to the partitions in turn.
   */
  readonly partitioner?: Partitioner<T>;
}

/** Options of {@link Topic.produce}. */
export interface ProduceOptions {
  /** Records with the same key go to the same partition, in order. */
  readonly key?: TopicKey;
  /** The record's event time. */
  readonly timestamp?: Millis;
  /** Write to this partition, bypassing the partitioner. */
  readonly partition?: number;
}

/** Where a produced record was stored. */
export interface RecordMetadata {
  /** The partition it went to. */
  readonly partition: number;
  /** Its position in that partition: 0 for the first record, then 1, 2, … */
  readonly offset: number;
}

/**
 * A topic: records kept in order, with offsets, in each of its partitions. Read it with
 * `topicSource(topic, { startingOffsets })`.
 *
 * @example
 * ```ts
 * const orders = Topic.create<Order>({ name: 'orders', partitions: 3 });
 * orders.produce({ id: 1, amount: 20 }, { key: 'ada', timestamp: 1_000 }); // { partition, offset }
 * ```
 */
export class Topic<T> {
  private readonly logs: TopicRecord<T>[][];
  private nextRoundRobin = 0;

  private constructor(
    /** The topic's name. */
    readonly name: string,
    /** The number of partitions. */
    readonly partitions: number,
    private readonly partitioner: Partitioner<T> | undefined,
  ) {
    this.logs = Array.from({ length: partitions }, () => []);
  }

  /** A new, empty topic. */
  static create<T>(options: TopicOptions<T>): Topic<T> {
    const { name, partitions = 1, partitioner } = options;
    requireInteger(partitions, 'partitions', 1);
    return new Topic<T>(name, partitions, partitioner);
  }

  /** Appends `value` to a partition and returns where it was stored. */
  produce(value: T, options: ProduceOptions = {}): RecordMetadata {
    const { key, timestamp } = options;
    if (timestamp !== undefined) requireFinite(timestamp, 'timestamp');
    const partition = options.partition ?? this.choosePartition(key, value);
    this.requirePartition(partition);
    const log = this.logs[partition] as TopicRecord<T>[];
    const offset = log.length;
    log.push({ partition, offset, key, value, timestamp });
    return { partition, offset };
  }

  /** The offset the next record produced to `partition` will get (its "log end offset"). */
  endOffset(partition: number): number {
    return this.log(partition).length;
  }

  /** The records of `partition` from offset `from` (default 0), in order. */
  records(partition: number, from = 0): readonly TopicRecord<T>[] {
    return this.log(partition).slice(from);
  }

  /** The record at `offset` of `partition`, or `undefined` past the end. */
  recordAt(partition: number, offset: number): TopicRecord<T> | undefined {
    return this.log(partition)[offset];
  }

  private log(partition: number): readonly TopicRecord<T>[] {
    this.requirePartition(partition);
    return this.logs[partition] as TopicRecord<T>[];
  }

  private choosePartition(key: TopicKey | undefined, value: T): number {
    if (this.partitioner) {
      const partition = this.partitioner({ key, value, partitions: this.partitions });
      return requireSynchronous(partition, 'The partitioner given to Topic.create(...)');
    }
    if (key !== undefined) return hashKey(key) % this.partitions;
    const partition = this.nextRoundRobin;
    this.nextRoundRobin = (partition + 1) % this.partitions;
    return partition;
  }

  private requirePartition(partition: number): void {
    if (!Number.isInteger(partition) || partition < 0 || partition >= this.partitions) {
      throw new RangeError(
        `Topic "${this.name}" has partitions 0 to ${this.partitions - 1}; there is no partition ${partition}.`,
      );
    }
  }
}

/** A stable, non-negative hash of a key (FNV-1a over its text), the same on every run. */
function hashKey(key: TopicKey): number {
  const text = typeof key === 'number' ? `#${key}` : key;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
