/**
 * Sinks: where results leave the pipeline. A sink operator hands every record to a writer the job
 * provides (a named table of collected records, an upsert table, or the print log).
 */
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
import type { Millis } from '../time';

/** Receives the records reaching a sink. Errors it throws are reported against the sink. */
export type SinkWriter = (
  value: unknown,
  timestamp: Millis | undefined,
  origin: WindowOrigin | undefined,
) => void;

export class SinkOperator extends StreamOperator {
  constructor(
    id: string,
    name: string,
    private readonly write: SinkWriter,
  ) {
    super(id, name, 'sink', [undefined]);
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
  ): void {
    try {
      this.write(value, timestamp, origin);
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
  }
}
