/**
 * Sinks: where results leave the pipeline. A sink operator hands every record to a writer the job
 * provides (a named table of collected records, an upsert table, or the print log).
 */
import type { Key, StreamRecord } from '../records';
import { StreamOperator } from '../runtime/operator';

/** Receives the records reaching a sink. Errors it throws are reported against the sink. */
export type SinkWriter = (record: StreamRecord) => void;

export class SinkOperator extends StreamOperator {
  constructor(
    id: string,
    name: string,
    private readonly write: SinkWriter,
  ) {
    super(id, name, 'sink', [undefined]);
  }

  protected processElement(_gate: number, record: StreamRecord, _key: Key | undefined): void {
    try {
      this.write(record);
    } catch (error) {
      throw this.userError(error, record.value, record.timestamp);
    }
  }
}
