/**
 * Small sources and runners for the engine's tests.
 */
import {
  StreamExecutionEnvironment,
  TimestampedValue,
  WatermarkStrategy,
} from '../../src/engine/index';
import type {
  CollectedRecord,
  EnvironmentOptions,
  JobResult,
  Millis,
  Source,
  SourceEvent,
} from '../../src/engine/index';

/** A bounded source playing the given events, one list per partition. */
export function scriptedSource<T>(
  partitions: readonly (readonly SourceEvent<T>[])[],
  name = 'script',
): Source<T> {
  return {
    name,
    partitions: partitions.length,
    bounded: true,
    createReader(partition, from) {
      const events = partitions[partition] ?? [];
      let index = typeof from === 'number' ? from : 0;
      return {
        next: () => events[index++],
        position: () => index,
      };
    },
  };
}

/** A record event: value, event time, arrival time (defaults to the event time). */
export function rec<T>(
  value: T,
  timestamp: Millis,
  arrivalTime: Millis = Math.max(0, timestamp),
): SourceEvent<T> {
  return { kind: 'record', value, timestamp, arrivalTime };
}

/** A watermark the source asserts at `arrivalTime`. */
export function wm(watermark: Millis, arrivalTime: Millis): SourceEvent<never> {
  return { kind: 'watermark', watermark, arrivalTime };
}

/** Keyed values with a timestamp, as most window tests use. */
export interface Event {
  readonly key: string;
  readonly ts: number;
  readonly n: number;
}

export const ev = (key: string, ts: number, n = 1): Event => ({ key, ts, n });

/** An event's `n`, as the string window results are compared by. */
export const n = (v: unknown): string => String((v as Event).n);

/** An event as a scripted element carrying its own timestamp. */
export const at = (value: Event): TimestampedValue<Event> => TimestampedValue.of(value, value.ts);

/** Reads events with their own `ts` as event time and a bounded out-of-orderness strategy. */
export function eventsStrategy(outOfOrderness: Millis = 0): WatermarkStrategy<Event> {
  return WatermarkStrategy.forBoundedOutOfOrderness<Event>(outOfOrderness).withTimestampAssigner(
    (e) => e.ts,
  );
}

/** Builds a pipeline on a fresh environment and runs it. */
export function run(
  build: (env: StreamExecutionEnvironment) => void,
  options: EnvironmentOptions = {},
): JobResult {
  const env = StreamExecutionEnvironment.create(options);
  build(env);
  return env.execute();
}

/** The values of a collect sink. */
export function values<T>(result: JobResult, sink: string): T[] {
  return (result.outputs[sink] ?? []).map((record) => record.value as T);
}

/** A compact view of window results: `key [start,end) timing#index value`. */
export function windows(
  records: readonly CollectedRecord[] | undefined,
  show: (value: unknown) => string = String,
): string[] {
  return (records ?? []).map(
    (r) =>
      `${String(r.key)} [${r.window?.start},${r.window?.end}) ${r.pane?.timing}#${r.pane?.index}${r.pane?.isLast ? '!' : ''} ${show(r.value)}`,
  );
}
