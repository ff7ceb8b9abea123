import type {
  Millis,
  RecordRun,
  Source,
  SourceEvent,
  SourcePosition,
  SourceReader,
} from './source';
import { numbersOf, requireNonNegative, requirePartition } from './validate';

/** Options of {@link elementsSource}. */
export interface ElementsSourceOptions {
  /** Shown in the operator graph and the trace. Default `'elements'`. */
  readonly name?: string;
  /** Virtual time between two arrivals; the first element arrives at 0. Default 100 ms. */
  readonly arrivalIntervalMs?: Millis;
}

/**
 * A bounded, single-partition source of the given values, in order: element `i` arrives at
 * processing time `i × arrivalIntervalMs`. The records carry no timestamp of their own; a
 * `WatermarkStrategy`'s timestamp assigner gives them one.
 *
 * The source reads the array while the job runs, as RxJS's `from` does, so handing over a million
 * elements costs nothing: fill the array before building the pipeline and leave it alone after.
 *
 * @example
 * ```ts
 * elementsSource([3, 1, 4], { arrivalIntervalMs: 1_000 }); // arrivals at 0, 1000 and 2000 ms
 * ```
 */
export function elementsSource<T>(
  values: readonly T[],
  options: ElementsSourceOptions = {},
): Source<T> {
  const { name = 'elements', arrivalIntervalMs = 100 } = options;
  requireNonNegative(arrivalIntervalMs, 'arrivalIntervalMs');
  const elements = values;
  const arrivalTime = (index: number): Millis => index * arrivalIntervalMs;
  return {
    name,
    partitions: 1,
    bounded: true,
    createReader(partition: number, from?: SourcePosition): SourceReader<T> {
      requirePartition(name, partition, 1);
      let index = from === undefined ? 0 : startIndex(name, from, elements.length);
      return {
        next(): SourceEvent<T> | undefined {
          if (index >= elements.length) return undefined;
          const value = elements[index] as T;
          return { kind: 'record', arrivalTime: arrivalTime(index++), value };
        },
        readRecords(): RecordRun<T> | undefined {
          if (index >= elements.length) return undefined;
          const from = index;
          index = elements.length;
          return { values: elements, from, to: index, arrivalTime };
        },
        position: () => index,
      };
    },
  };
}

function startIndex(name: string, from: SourcePosition, length: number): number {
  const [index = 0] = numbersOf(name, from, 1);
  if (!Number.isInteger(index) || index < 0 || index > length) {
    throw new RangeError(`Source "${name}" has ${length} elements; cannot resume at ${index}.`);
  }
  return index;
}
