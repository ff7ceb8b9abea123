/**
 * Small helpers for the conformance tests: scripted sources, runners and compact views of results.
 * Kept separate from `tests/engine/helpers.ts` so these tests depend on the public API only.
 */
import { ProcessFunction, StreamExecutionEnvironment } from '../../src/engine/index';
import type {
  CollectedRecord,
  Collector,
  Context,
  EnvironmentOptions,
  JobResult,
  Millis,
  Source,
  SourceEvent,
} from '../../src/engine/index';

/** A keyed reading: key, event time, value. */
export interface Reading {
  readonly k: string;
  readonly ts: number;
  readonly v: number;
}

export const r = (k: string, ts: number, v = 1): Reading => ({ k, ts, v });

/** A record arriving at `arrival` (processing time) with event time `ts`. */
export function rec<T>(value: T, ts: Millis, arrival: Millis): SourceEvent<T> {
  return { kind: 'record', value, timestamp: ts, arrivalTime: arrival };
}

/** A record whose event time only a timestamp assigner can tell. */
export function bare<T>(value: T, arrival: Millis): SourceEvent<T> {
  return { kind: 'record', value, arrivalTime: arrival };
}

/** A watermark the source asserts at `arrival`. */
export function wm(watermark: Millis, arrival: Millis): SourceEvent<never> {
  return { kind: 'watermark', watermark, arrivalTime: arrival };
}

/** A bounded source playing the given events, one list per partition. */
export function source<T>(
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
      return { next: () => events[index++], position: () => index };
    },
  };
}

/** Builds a pipeline on a fresh environment and runs it to the end. */
export function run(
  build: (env: StreamExecutionEnvironment) => void,
  options: EnvironmentOptions = {},
): JobResult {
  const env = StreamExecutionEnvironment.create(options);
  build(env);
  return env.execute();
}

/** The values of a collect sink. */
export function values<T>(result: JobResult, sink = 'out'): T[] {
  return (result.outputs[sink] ?? []).map((row) => row.value as T);
}

/** `[start,end) value` per window result, with the value shown by `show`. */
export function panes(
  rows: readonly CollectedRecord[] | undefined,
  show: (value: unknown) => string = (value) => String((value as Reading).v),
): string[] {
  return (rows ?? []).map(
    (row) =>
      `${row.key === undefined ? '' : `${String(row.key)} `}[${row.window?.start},${row.window?.end}) ${show(row.value)}`,
  );
}

/** Emits, for each element, `value@watermark` as its operator saw it on arrival. */
export class WatermarkProbe<T> extends ProcessFunction<T, string> {
  constructor(private readonly show: (value: T) => string = String) {
    super();
  }

  processElement(value: T, ctx: Context, out: Collector<string>): void {
    out.collect(`${this.show(value)}@${ctx.timerService().currentWatermark()}`);
  }
}
