import type { Millis, Source, SourceEvent, SourcePosition, SourceReader } from '../source';
import { numbersOf, requireNonNegative, requirePartition } from '../validate';
import type { Topic } from './topic';

/**
 * Where each partition starts reading:
 * - `'earliest'`: from offset 0, the whole log;
 * - `'latest'`: from the end of the log when the reader opens, so only records produced after it;
 * - `{ [partition]: offset }`: from the given offsets (a partition not listed starts at 0). This is
 *   how a job resumes from offsets it committed.
 */
export type StartingOffsets = 'earliest' | 'latest' | Readonly<Record<number, number>>;

/** Options of {@link topicSource}. */
export interface TopicSourceOptions {
  /** Shown in the operator graph and the trace. Default: the topic's name. */
  readonly name?: string;
  /** Default `'earliest'`. */
  readonly startingOffsets?: StartingOffsets;
  /** Virtual time between two records of a partition; the first arrives at 0. Default 100 ms. */
  readonly arrivalIntervalMs?: Millis;
}

/**
 * Reads a topic, one source partition per topic partition, each in offset order. Each record's
 * value is emitted with the timestamp it was produced with.
 *
 * The source is bounded: a partition ends when its reader has caught up with the end of the log.
 * A reader's position is the next offset to read, so resuming from it reads every record exactly
 * once more from there.
 *
 * @example
 * ```ts
 * topicSource(orders, { startingOffsets: { 0: 42, 1: 17 } });
 * ```
 */
export function topicSource<T>(topic: Topic<T>, options: TopicSourceOptions = {}): Source<T> {
  const { name = topic.name, startingOffsets = 'earliest', arrivalIntervalMs = 100 } = options;
  requireNonNegative(arrivalIntervalMs, 'arrivalIntervalMs');
  if (typeof startingOffsets === 'object') validateOffsets(topic, startingOffsets);
  return {
    name,
    partitions: topic.partitions,
    parallel: true,
    bounded: true,
    createReader(partition: number, from?: SourcePosition): SourceReader<T> {
      requirePartition(name, partition, topic.partitions);
      let [offset = 0, read = 0] =
        from === undefined
          ? [startOffset(topic, partition, startingOffsets), 0]
          : numbersOf(name, from, 2);
      if (!Number.isInteger(offset) || offset < 0 || offset > topic.endOffset(partition)) {
        throw new RangeError(
          `Topic "${topic.name}" partition ${partition} has no offset ${offset}.`,
        );
      }
      return {
        next(): SourceEvent<T> | undefined {
          const record = topic.recordAt(partition, offset);
          if (record === undefined) return undefined;
          offset++;
          const arrivalTime = read++ * arrivalIntervalMs;
          return record.timestamp === undefined
            ? { kind: 'record', arrivalTime, value: record.value }
            : { kind: 'record', arrivalTime, value: record.value, timestamp: record.timestamp };
        },
        // The next offset to read, and how many records this reader has read (for arrival times).
        position: () => [offset, read],
      };
    },
  };
}

function startOffset<T>(topic: Topic<T>, partition: number, starting: StartingOffsets): number {
  if (starting === 'earliest') return 0;
  if (starting === 'latest') return topic.endOffset(partition);
  return starting[partition] ?? 0;
}

function validateOffsets<T>(topic: Topic<T>, offsets: Readonly<Record<number, number>>): void {
  for (const [key, offset] of Object.entries(offsets)) {
    const partition = Number(key);
    if (!Number.isInteger(partition) || partition < 0 || partition >= topic.partitions) {
      throw new RangeError(
        `startingOffsets names partition ${key}, but topic "${topic.name}" has ${topic.partitions}.`,
      );
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new RangeError(`startingOffsets[${key}] must be an offset ≥ 0, got ${offset}.`);
    }
  }
}
