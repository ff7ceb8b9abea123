/**
 * Small programs and helpers for the checkpoint tests: a keyed running sum over numbered records,
 * one arriving every 100 ms from 0, written to a plain sink, a transactional sink and an upsert
 * table; and what a sink's rows say without their processing times (which a replay changes).
 */
import { DeliveryGuarantee, StreamExecutionEnvironment } from '../../../src/engine/index';
import type {
  CollectedRecord,
  EnvironmentOptions,
  JobResult,
  TraceEvent,
} from '../../../src/engine/index';

export interface Numbered {
  readonly key: string;
  readonly n: number;
}

/** `count` records, `{ key: 'a' | 'b' | 'c', n }`, arriving at 0, 100, 200, … ms. */
export function numbered(count: number): Numbered[] {
  return Array.from({ length: count }, (_, n) => ({ key: 'abc'[n % 3] as string, n }));
}

/**
 * An environment with the running sum per key built on it: `Enrich` (a map) then a rolling
 * reduce, into `plain` (at-least-once), `exactly` (transactional) and the upsert table `table`.
 */
export function runningSum(
  count: number,
  configure: (env: StreamExecutionEnvironment) => void = () => {},
  options: EnvironmentOptions = { trace: { level: 'full' } },
): StreamExecutionEnvironment {
  const env = StreamExecutionEnvironment.create(options);
  configure(env);
  const sums = env
    .fromCollection(numbered(count))
    .map((r) => ({ ...r, n: r.n }))
    .name('Enrich')
    .keyBy((r) => r.key)
    .reduce((a, b) => ({ key: a.key, n: a.n + b.n }))
    .name('Sum');
  sums.sinkTo(env.collect('plain'));
  sums.sinkTo(env.collect('exactly', { deliveryGuarantee: DeliveryGuarantee.EXACTLY_ONCE }));
  sums.sinkTo(env.upsertTable('table', (r) => r.key));
  return env;
}

/** A row as it compares across runs: without its processing time and the marks of restarts. */
export function content(row: CollectedRecord): unknown {
  const { value, timestamp, key, window, pane } = row;
  return { value, timestamp, key, window, pane };
}

/** The rows of a sink, as {@link content}. */
export function rowsOf(result: JobResult, sink: string): unknown[] {
  return (result.outputs[sink] ?? []).map(content);
}

/** The trace events of one type. */
export function eventsOf<T extends TraceEvent['type']>(
  result: JobResult,
  type: T,
): (TraceEvent & { type: T })[] {
  return result.trace.filter((e): e is TraceEvent & { type: T } => e.type === type);
}
