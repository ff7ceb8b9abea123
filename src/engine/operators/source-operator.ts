/**
 * Reads a source: one reader per partition, each with its own timestamp assignment and watermark
 * generator, combined by minimum over the active partitions (Flink's per-split watermarks).
 *
 * The scheduler drives it: it asks for each partition's next arrival time and calls
 * {@link SourceOperator.arrive} when that time comes. A partition's watermark is the higher of what
 * the source asserts (scripted streams) and what the strategy's generator emits. When a partition
 * ends its watermark becomes the maximum; when all have ended, so does the source's.
 */
import { StreamOperator } from '../runtime/operator';
import { RecordBatch } from '../runtime/record-batch';
import type { RecordBuffer, Source, SourceEvent, SourceReader } from '../sources/source';
import { summarize } from '../summarize';
import { MAX_WATERMARK, MIN_WATERMARK, clampWatermark } from '../time';
import type { Millis } from '../time';
import type { WatermarkGenerator, WatermarkOutput } from '../watermarks/generator';
import type { WatermarkStrategy } from '../watermarks/strategy';

/** Records read at once from a reader that can (see `SourceReader.readRecords`). */
const BATCH = 512;

class Partition<T> implements WatermarkOutput {
  reader!: SourceReader<T>;
  /** The next event, when it was read with `next()`; `undefined` while records are buffered. */
  pending: SourceEvent<T> | undefined;
  /** Records read in one batch, without an event object each: `buffer[cursor]` is next. */
  readonly buffer: RecordBuffer<T> = { values: [], arrivalTimes: [] };
  /** The buffer's records with no timestamps, as a batch to hand on as they are. */
  readonly bufferBatch = new RecordBatch(
    this.buffer.values,
    new Array<undefined>(BATCH).fill(undefined),
    this.buffer.arrivalTimes,
  );
  cursor = 0;
  buffered = 0;
  /** Arrival time of the last event read, which the next one must not precede. */
  lastArrival: Millis = 0;
  generator: WatermarkGenerator<T> | undefined;
  finished = false;
  private watermark: Millis = MIN_WATERMARK;
  private idle = false;

  constructor(
    private readonly operator: SourceOperator<T>,
    readonly index: number,
  ) {}

  emitWatermark(watermark: Millis): void {
    const clamped = clampWatermark(watermark);
    if (clamped <= this.watermark) return;
    this.operator.flushBatch();
    this.watermark = clamped;
    this.markActive();
    this.operator.receiveWatermark({ channel: this.index }, clamped);
  }

  markIdle(): void {
    if (this.idle) return;
    this.operator.flushBatch();
    this.idle = true;
    this.operator.receiveStatus({ channel: this.index }, true);
  }

  markActive(): void {
    if (!this.idle) return;
    this.operator.flushBatch();
    this.idle = false;
    this.operator.receiveStatus({ channel: this.index }, false);
  }
}

export class SourceOperator<T> extends StreamOperator {
  private readonly partitions: Partition<T>[];
  private running = 0;
  /** Records read by {@link arriveBatch} and not yet handed on. */
  private readonly batch = new RecordBatch();
  /** Arrival time of the record {@link arriveBatch} read last. */
  private arrival: Millis = 0;
  /** Set when handing on a batch failed: the failure is not the source's. */
  private downstreamFailed = false;

  constructor(
    id: string,
    name: string,
    private readonly source: Source<T>,
    private readonly strategy: WatermarkStrategy<T> | undefined,
  ) {
    super(id, name, 'source', []);
    this.partitions = Array.from({ length: source.partitions }, (_, i) => new Partition(this, i));
  }

  /** Number of partitions (the operator's input channels). */
  get partitionCount(): number {
    return this.partitions.length;
  }

  /** True once every partition has ended. */
  get finished(): boolean {
    return this.running === 0;
  }

  /** True when the source never ends. */
  get unbounded(): boolean {
    return !this.source.bounded;
  }

  override get generatesWatermarks(): boolean {
    return this.strategy !== undefined;
  }

  /** Opens the readers and reads each partition's first event. */
  override open(): void {
    const clock = { currentProcessingTime: () => this.job.now() };
    for (const partition of this.partitions) {
      partition.reader = this.source.createReader(partition.index);
      partition.generator = this.strategy?.createGenerator(clock);
      partition.lastArrival = this.job.now();
      this.running++;
      this.fetch(partition);
    }
    // A source without partitions has nothing to wait for: its input is over before it began.
    if (this.partitions.length === 0) this.output.emitWatermark(MAX_WATERMARK);
  }

  /** The arrival time of a partition's next event, or `undefined` once it has ended. */
  nextArrival(index: number): Millis | undefined {
    const partition = this.partitions[index];
    if (partition === undefined) return undefined;
    if (partition.cursor < partition.buffered) {
      return partition.buffer.arrivalTimes[partition.cursor];
    }
    return partition.pending?.arrivalTime;
  }

  /** Processes a partition's next event (its arrival time has come) and reads the one after. */
  arrive(index: number): void {
    const partition = this.partitions[index];
    if (partition === undefined) return;
    if (partition.cursor < partition.buffered) {
      const value = partition.buffer.values[partition.cursor++] as T;
      this.emitRecord(partition, value, undefined);
      if (partition.cursor === partition.buffered) this.fetch(partition);
      else this.checkOrder(partition, partition.buffer.arrivalTimes[partition.cursor] as Millis);
      return;
    }
    const event = partition.pending;
    if (event === undefined) return;
    switch (event.kind) {
      case 'record':
        this.emitRecord(partition, event.value, event.timestamp);
        break;
      case 'watermark':
        partition.emitWatermark(event.watermark);
        break;
      case 'idle':
        partition.markIdle();
        break;
      case 'active':
        partition.markActive();
        break;
    }
    this.fetch(partition);
  }

  /**
   * Processes a partition's next event like {@link arrive}, then its next buffered records for as
   * long as each arrives before `limit` (or at it, when `atLimit`), handing the records on as a
   * batch (see `StreamOperator.receiveBatch`). A watermark or status the partition emits on the
   * way first hands on the records before it, so it follows them as it would one by one.
   */
  arriveBatch(index: number, limit: Millis, atLimit: boolean): void {
    const partition = this.partitions[index];
    if (partition === undefined) return;
    if (partition.cursor >= partition.buffered) {
      this.arrive(index);
      return;
    }
    this.downstreamFailed = false;
    try {
      this.readBatch(partition, limit, atLimit);
      this.flushBatch();
    } catch (error) {
      // A failure downstream already set the clock to the record it failed on.
      if (this.downstreamFailed) throw error;
      this.flushBatch();
      this.job.arriveAt(this.arrival);
      throw error;
    }
  }

  /** Hands on the records {@link arriveBatch} has read so far. */
  flushBatch(): void {
    if (this.batch.length > 0) this.handOnRead(this.batch);
  }

  private handOnRead(batch: RecordBatch): void {
    const length = batch.length;
    try {
      this.handOn(batch);
    } catch (error) {
      this.downstreamFailed = true;
      // One by one, the records after the one that failed would not have been read.
      this.metrics.recordsIn -= length - this.outputFailedAt - 1;
      throw error;
    }
    // The operators downstream moved the clock along the batch; it is the last record's time.
    this.job.arriveAt(this.arrival);
  }

  /** Reads the partition's records as far as they are due, one by one or a buffer at once. */
  private readBatch(partition: Partition<T>, limit: Millis, atLimit: boolean): void {
    // Records without timestamps, read from the start of a buffer, can go on as they lie.
    const inPlace = this.strategy === undefined;
    for (;;) {
      const more =
        inPlace && partition.cursor === 0 && this.batch.length === 0
          ? this.handOnBuffer(partition, limit, atLimit)
          : this.readRecord(partition);
      if (!more) return;
      const arrival = partition.buffer.arrivalTimes[partition.cursor] as Millis;
      if (arrival > limit || (arrival === limit && !atLimit)) return;
    }
  }

  /**
   * Adds the partition's next buffered record to the batch; returns whether the one after it is
   * buffered too. Without a strategy nothing here reads the clock, so it moves once, when the
   * batch has been handed on.
   */
  private readRecord(partition: Partition<T>): boolean {
    const { buffer } = partition;
    const arrival = buffer.arrivalTimes[partition.cursor] as Millis;
    this.arrival = arrival;
    const value = buffer.values[partition.cursor++] as T;
    if (this.strategy === undefined) {
      this.metrics.recordsIn++;
      this.batch.push(value, undefined, arrival);
    } else {
      this.job.arriveAt(arrival);
      this.batchRecord(partition, value, arrival);
    }
    return this.advance(partition);
  }

  /**
   * Hands on the buffered records due by `limit` (the first one is), from the first, as a view of
   * the buffer; returns whether a buffered record follows them.
   */
  private handOnBuffer(partition: Partition<T>, limit: Millis, atLimit: boolean): boolean {
    const arrivalTimes = partition.buffer.arrivalTimes;
    const buffered = partition.buffered;
    // Up to the first record not due, or the first that goes back in time (advance reports it).
    let count = 1;
    for (; count < buffered; count++) {
      const arrival = arrivalTimes[count] as Millis;
      if (arrival < (arrivalTimes[count - 1] as Millis)) break;
      if (arrival > limit || (arrival === limit && !atLimit)) break;
    }
    this.metrics.recordsIn += count;
    this.arrival = arrivalTimes[count - 1] as Millis;
    partition.lastArrival = this.arrival;
    partition.cursor = count;
    partition.bufferBatch.length = count;
    this.handOnRead(partition.bufferBatch);
    return this.advance(partition);
  }

  /**
   * After the record before the cursor: reads the next buffer if this one is done, else checks
   * the next record's arrival time; returns whether the next record is buffered.
   */
  private advance(partition: Partition<T>): boolean {
    if (partition.cursor === partition.buffered) {
      this.flushBatch();
      this.fetch(partition);
      return partition.cursor < partition.buffered;
    }
    this.checkOrder(partition, partition.buffer.arrivalTimes[partition.cursor] as Millis);
    return true;
  }

  override emitPeriodicWatermarks(): void {
    for (const partition of this.partitions) {
      if (!partition.finished) partition.generator?.onPeriodicEmit(partition);
    }
  }

  protected processElement(): void {
    throw new Error('A source has no inputs.');
  }

  private emitRecord(partition: Partition<T>, value: T, sourceTimestamp: Millis | undefined): void {
    this.metrics.recordsIn++;
    const timestamp = this.assignTimestamp(value, sourceTimestamp);
    const trace = this.job.trace;
    let lineage: number[] | undefined;
    if (trace !== null) {
      const id = this.job.nextRecordId();
      lineage = [id];
      trace.addRecordEvent({
        type: 'arrival',
        op: this.id,
        input: partition.index,
        record: id,
        eventTime: timestamp ?? null,
        key: null,
        value: summarize(value),
      });
    }
    // As in Flink, the record goes out before the generator sees it, so a punctuated watermark
    // derived from a record follows that record.
    this.output.emit(value, timestamp, lineage, undefined);
    this.observe(partition, value, timestamp);
  }

  /** {@link emitRecord} for a record of a batch: the record joins the batch instead of going on. */
  private batchRecord(partition: Partition<T>, value: T, arrival: Millis): void {
    this.metrics.recordsIn++;
    const timestamp = this.assignTimestamp(value, undefined);
    this.batch.push(value, timestamp, arrival);
    this.observe(partition, value, timestamp);
  }

  /** Shows a record that went on to the partition's watermark generator. */
  private observe(partition: Partition<T>, value: T, timestamp: Millis | undefined): void {
    const generator = partition.generator;
    if (generator === undefined) return;
    if (timestamp === undefined) {
      throw this.executionError(
        `the WatermarkStrategy needs an event time for every record, but this record has none. ` +
          'Add .withTimestampAssigner((r) => r.timestamp) to the strategy.',
        { value, timestamp },
      );
    }
    try {
      generator.onEvent(value, timestamp, partition);
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
  }

  private assignTimestamp(value: T, sourceTimestamp: Millis | undefined): Millis | undefined {
    const assigner = this.strategy?.timestampAssigner;
    if (assigner === undefined) return sourceTimestamp;
    let timestamp: unknown;
    try {
      timestamp = assigner(value, sourceTimestamp);
    } catch (error) {
      throw this.userError(error, value, sourceTimestamp);
    }
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      throw this.executionError(
        `the timestamp assigner returned ${summarize(timestamp, 40)}; event time must be a whole ` +
          'number of milliseconds (e.g. (r) => r.ts, or (r) => Date.parse(r.time)).',
        { value, timestamp: sourceTimestamp },
      );
    }
    return timestamp;
  }

  /** Reads the partition's next event: a batch of records if the reader can, else one event. */
  private fetch(partition: Partition<T>): void {
    const { reader, buffer } = partition;
    partition.cursor = 0;
    partition.buffered = reader.readRecords?.(buffer, BATCH) ?? 0;
    if (partition.buffered > 0) {
      partition.pending = undefined;
      this.checkOrder(partition, buffer.arrivalTimes[0] as Millis);
      return;
    }
    const next = reader.next();
    partition.pending = next;
    if (next === undefined) {
      partition.finished = true;
      this.running--;
      partition.emitWatermark(MAX_WATERMARK);
      return;
    }
    this.checkOrder(partition, next.arrivalTime);
  }

  /** Fails when the partition's next event would arrive before the one read before it. */
  private checkOrder(partition: Partition<T>, arrivalTime: Millis): void {
    const previous = partition.lastArrival;
    partition.lastArrival = arrivalTime;
    if (arrivalTime >= previous) return;
    throw this.executionError(
      `partition ${partition.index} of source "${this.source.name}" went back in time: an ` +
        `event arrives at ${arrivalTime} after one at ${previous}. Arrival times must not decrease.`,
    );
  }
}
