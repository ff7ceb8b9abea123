/**
 * A source that cannot rewind, standing in for Flink's `env.socketTextStream(host, port)`: the
 * lines a program sends to a TCP socket, read as they come. Flink lists sockets as **at most once**
 * ("Fault Tolerance Guarantees of Data Sources and Sinks"): what the source read is gone from the
 * socket, so a job restarted from a checkpoint cannot read it again.
 */
import type { Millis, Source, SourceEvent, SourcePosition, SourceReader } from './source';
import { requireNonNegative, requirePartition } from './validate';

/** Options of {@link socketSource}. */
export interface SocketSourceOptions {
  /** Shown in the operator graph and the trace. Default `'socket'`. */
  readonly name?: string;
  /** Virtual time between two arrivals; the first value arrives at 0. Default 100 ms. */
  readonly arrivalIntervalMs?: Millis;
}

/**
 * A bounded, single-partition source that cannot rewind, like a socket: value `i` arrives at
 * processing time `i × arrivalIntervalMs`, and once the source has read it, it is gone (the socket
 * closes after the last value, which ends the input). A stand-in for Flink's
 * `env.socketTextStream(...)`, with values of any type rather than lines of text.
 *
 * **At most once.** With checkpoints, a job that fails restarts from its latest checkpoint: its
 * state goes back there, but this source does not. It goes on from where its input stands now: the
 * values it read before the failure, whether still on their way or counted only in state the
 * restore threw away, never come back, and the values that arrived while the job was down are
 * missed too. So no value is read twice, and some may never count. Compare `elementsSource` or
 * `topicSource`, which rewind to the checkpoint's position (at least once, or exactly once with a
 * transactional sink). A restored window may still fire again, so a plain sink can still get a
 * window's result twice; what the source read is never read again.
 *
 * Each `socketSource(...)` is one socket: values read by a job are gone for any other job reading
 * the same source, so create it inside the program.
 *
 * @example
 * ```ts
 * env.enableCheckpointing(1_000);
 * env.injectFailure(Failure.atProcessingTime(2_550)); // restarts 1 s later, at 3.55 s
 * env
 *   .fromSource(socketSource(['a', 'b', 'c', 'd'], { arrivalIntervalMs: 1_000 }))
 *   .sinkTo(env.collect('lines')); // a, b, c: d arrived at 3 s, while the job was down
 * ```
 */
export function socketSource<T>(
  values: readonly T[],
  options: SocketSourceOptions = {},
): Source<T> {
  const { name = 'socket', arrivalIntervalMs = 100 } = options;
  requireNonNegative(arrivalIntervalMs, 'arrivalIntervalMs');
  const arrivalTime = (index: number): Millis => index * arrivalIntervalMs;
  /** How far the socket has been read, by any reader: what is before it is gone. */
  let taken = 0;
  return {
    name,
    partitions: 1,
    bounded: true,
    rewindable: false,
    createReader(partition: number, _from?: SourcePosition, openedAt: Millis = 0): SourceReader<T> {
      requirePartition(name, partition, 1);
      // The engine reads one value ahead, to know when it arrives. If the last value read arrives
      // after this reader opens, no job had it yet: it is still in the socket, for this reader.
      if (taken > 0 && arrivalTime(taken - 1) > openedAt) taken--;
      // What arrived while no reader was there was sent to no one.
      while (taken < values.length && arrivalTime(taken) < openedAt) taken++;
      return {
        next(): SourceEvent<T> | undefined {
          if (taken >= values.length) return undefined;
          const value = values[taken] as T;
          return { kind: 'record', arrivalTime: arrivalTime(taken++), value };
        },
        position: () => taken,
      };
    },
  };
}
