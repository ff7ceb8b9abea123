/**
 * Sinks: where results leave the pipeline. A sink operator hands every record to a writer the job
 * provides (a named table of collected records, an upsert table, or the print log).
 */
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
import type { Edge } from '../runtime/operator';
import type { Failure, Fusible, FusedRecord, FusionBuilder } from '../runtime/fusion';
import type { Millis } from '../time';

/**
 * Receives the records reaching a sink, with the processing time at which each does. Errors it
 * throws are reported against the sink.
 */
export interface SinkWriter {
  write(
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    now: Millis,
  ): void;
  /**
   * Writes what {@link write} does for `record` inline into a fused loop, for writers that gain
   * from it (a record arriving from a fused loop has no window origin). What it throws is the
   * sink's failure, as from `write`.
   */
  fuse?(code: FusionBuilder, record: FusedRecord): void;
}

export class SinkOperator extends StreamOperator implements Fusible {
  constructor(
    id: string,
    name: string,
    private readonly writer: SinkWriter,
    /** The collect sink's name, for where its records came from (see `Provenance`). */
    readonly collects?: string,
  ) {
    super(id, name, 'sink', [undefined]);
  }

  override get batchSafe(): boolean {
    return true;
  }

  /** Writes the record's write into a fused loop, at its arrival time. */
  fuse(code: FusionBuilder, _edge: Edge, record: FusedRecord): void {
    const { value, timestamp, arrival } = record;
    code.count(this.metrics, 'recordsIn');
    const fail: Failure = (error, v, ts) => this.userError(error, v, ts);
    const writer = this.writer;
    code.attempt(
      () => {
        if (writer.fuse) writer.fuse(code, record);
        else
          code.line(`${code.bind(writer)}.write(${value}, ${timestamp}, undefined, ${arrival});`);
      },
      fail,
      value,
      record,
    );
  }

  protected processElement(
    _gate: number,
    value: unknown,
    timestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    try {
      this.writer.write(value, timestamp, origin, this.job.now());
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
    if (this.collects !== undefined) this.job.provenance?.collect(this.collects, id);
  }
}
