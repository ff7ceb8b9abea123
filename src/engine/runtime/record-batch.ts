/**
 * Records handed from one operator to the next all at once (see `StreamOperator.receiveBatch`):
 * parallel arrays, filled from index 0, reused from batch to batch so that passing records on
 * allocates nothing. Batched records never carry a window origin or a trace id: batches only run
 * with the trace off, and only from sources and the stateless and rolling operators behind them.
 */
import type { Millis } from '../time';

export class RecordBatch {
  length = 0;

  /** Arrays of its own, or ones it is a view of, as a source's read buffer. */
  constructor(
    readonly values: unknown[] = [],
    readonly timestamps: (Millis | undefined)[] = [],
    /** Processing time at which each record arrived at its source. */
    readonly arrivals: Millis[] = [],
  ) {}

  push(value: unknown, timestamp: Millis | undefined, arrival: Millis): void {
    const i = this.length++;
    this.values[i] = value;
    this.timestamps[i] = timestamp;
    this.arrivals[i] = arrival;
  }

  clear(): void {
    this.length = 0;
  }
}
