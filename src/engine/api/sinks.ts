/**
 * Sinks, created by the environment and attached with `stream.sinkTo(sink)`.
 */
import type { Key } from '../records';
import type { SinkSpec } from './graph';

/**
 * Where a stream's records end up. Create one with `env.collect(name)` (a table of every record) or
 * `env.upsertTable(name, key)` (the latest record per key); `stream.print()` prints instead.
 */
export interface Sink<T> {
  /** @internal */
  readonly spec: SinkSpec;
  /** Keeps `T` in the type. */
  readonly __type?: (value: T) => void;
}

export function collectSink<T>(name: string, transactional = false): Sink<T> {
  return { spec: { kind: transactional ? 'transactional' : 'collect', name } };
}

export function upsertSink<T>(name: string, key: (value: T) => Key): Sink<T> {
  return { spec: { kind: 'upsert', name, key: key as (value: unknown) => Key } };
}
