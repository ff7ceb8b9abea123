/**
 * Sinks: where results leave the pipeline. A sink operator hands every record to a writer the job
 * provides (a named table of collected records, an upsert table, or the print log).
 */
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
import type { Edge } from '../runtime/operator';
import type { RecordBatch } from '../runtime/record-batch';
import type { Millis } from '../time';

/**
 * Receives the records reaching a sink, with the processing time at which each does. Errors it
 * throws are reported against the sink.
 */
export type SinkWriter = (
  value: unknown,
  timestamp: Millis | undefined,
  origin: WindowOrigin | undefined,
  now: Millis,
) => void;

export class SinkOperator extends StreamOperator {
  constructor(
    id: string,
    name: string,
    private readonly write: SinkWriter,
  ) {
    super(id, name, 'sink', [undefined]);
  }

  override get batchSafe(): boolean {
    return true;
  }

  /** Writes each record of the batch at the time it arrived, without moving the clock each time. */
  override receiveBatch(_edge: Edge, batch: RecordBatch): void {
    const { values, timestamps, arrivals } = batch;
    const write = this.write;
    for (let i = 0; i < batch.length; i++) {
      this.metrics.recordsIn++;
      const value = values[i];
      const arrival = arrivals[i] as Millis;
      try {
        write(value, timestamps[i], undefined, arrival);
      } catch (error) {
        this.job.arriveAt(arrival);
        this.batchFailedAt = i;
        throw this.userError(error, value, timestamps[i]);
      }
    }
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
  ): void {
    try {
      this.write(value, timestamp, origin, this.job.now());
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
  }
}
