/**
 * Reads a source: one reader per partition, each with its own timestamp assignment and watermark
 * generator, combined by minimum over the active partitions (Flink's per-split watermarks).
 *
 * The scheduler drives it: it asks for each partition's next arrival time and calls
 * {@link SourceOperator.arrive} when that time comes. A partition's watermark is the higher of what
 * the source asserts (scripted streams) and what the strategy's generator emits. When a partition
 * ends its watermark becomes the maximum; when all have ended, so does the source's.
 */
import { isPromise, notSynchronous, requireSynchronous } from '../functions/synchronous';
import { StreamOperator } from '../runtime/operator';
import { FusionBuilder } from '../runtime/fusion';
import type { SourceSplitSnapshot } from '../runtime/snapshot';
import { copyState } from '../state/copy-state';
import type { CopiedState } from '../state/copy-state';
import { copySourceState } from './source-state-copy';
import type { SourceState } from './source-state-copy';
import type {
  RecordRun,
  Source,
  SourceEvent,
  SourcePosition,
  SourceReader,
} from '../sources/source';
import { summarize } from '../summarize';
import { MAX_WATERMARK, MIN_WATERMARK, clampWatermark } from '../time';
import type { Millis } from '../time';
import { generatorState, restoreGenerator } from '../watermarks/generator';
import type { ProcessingClock, WatermarkGenerator, WatermarkOutput } from '../watermarks/generator';
import { STRATEGY_FUNCTIONS } from '../watermarks/strategy';
import type { WatermarkStrategy } from '../watermarks/strategy';

/** See {@link SourceOperator.drainLoop}. */
type Drain<T> = (partition: Partition<T>, limit: Millis, atLimit: boolean, due: boolean) => boolean;

class Partition<T> implements WatermarkOutput {
  reader!: SourceReader<T>;
  /** The next event, when it was read with `next()`; `undefined` while a run is being read. */
  pending: SourceEvent<T> | undefined;
  /** Records the reader lent, read in place: `run.values[cursor]` is next, up to `end`. */
  run: RecordRun<T> | undefined;
  cursor = 0;
  end = 0;
  /**
   * For readers that lend runs: where the reader stood before the run (or the pending event) was
   * read, so that a snapshot can say where to resume without a `position()` call per record.
   */
  before: SourcePosition | undefined;
  /** Arrival time of the last event read, which the next one must not precede. */
  lastArrival: Millis = 0;
  generator: WatermarkGenerator<T> | undefined;
  finished = false;
  private watermark: Millis = MIN_WATERMARK;
  private idle = false;

  constructor(
    private readonly operator: SourceOperator<T>,
    /** The operator's input channel for this partition. */
    readonly index: number,
    /** The source's partition number (a subtask reads some of the source's partitions). */
    readonly split: number,
  ) {}

  emitWatermark(watermark: Millis): void {
    const clamped = clampWatermark(watermark);
    if (clamped <= this.watermark) return;
    this.watermark = clamped;
    this.markActive();
    this.operator.receiveWatermark({ channel: this.index }, clamped);
  }

  markIdle(): void {
    if (this.idle) return;
    this.idle = true;
    this.operator.receiveStatus({ channel: this.index }, true);
  }

  markActive(): void {
    if (!this.idle) return;
    this.idle = false;
    this.operator.receiveStatus({ channel: this.index }, false);
  }

  /**
   * Where the partition stands, for a snapshot (which copies it). The reader has read ahead of the
   * job: a lent run is resumed from where the reader stood before it, skipping the records already
   * processed; an event read with `next()` is resumed from there too if the reader said where that
   * was, and otherwise kept in the snapshot while the reader resumes after it.
   */
  snapshot(): SourceSplitSnapshot {
    let position: SourcePosition | undefined;
    let skip = 0;
    let pending: SourceEvent<T> | undefined;
    if (this.finished) {
      position = undefined;
    } else if (this.cursor < this.end) {
      position = this.before;
      skip = this.cursor - (this.run as RecordRun<T>).from;
    } else if (this.before !== undefined) {
      position = this.before;
    } else {
      position = this.reader.position();
      pending = this.pending;
    }
    // One literal, not a spread of a common part: taken at every checkpoint, and a spread there
    // cost several microseconds each.
    return {
      partition: this.split,
      finished: this.finished,
      lastArrival: this.lastArrival,
      watermark: this.watermark,
      idle: this.idle,
      generator: generatorState(this.generator as WatermarkGenerator<unknown> | undefined),
      position,
      skip,
      pending,
    };
  }

  /** Takes over a snapshot's watermark and idleness, without telling anyone: valves are restored. */
  restoreStatus(saved: SourceSplitSnapshot): void {
    this.watermark = saved.watermark;
    this.idle = saved.idle;
  }
}

export class SourceOperator<T> extends StreamOperator {
  private readonly partitions: Partition<T>[];
  private running = 0;
  /** Partitions restored from a snapshot, opened from it by {@link open}. */
  private restored: readonly SourceSplitSnapshot[] | undefined;
  /** The generated loop of {@link arriveBatch}, made on first use. */
  private drain: Drain<T> | undefined;

  /**
   * For a subtask reading no partition of an unbounded source: when it began waiting, to mark
   * itself idle after the strategy's idle timeout (see {@link emitPeriodicWatermarks}).
   */
  private waitingSince: Millis | undefined;

  constructor(
    id: string,
    name: string,
    private readonly source: Source<T>,
    private readonly strategy: WatermarkStrategy<T> | undefined,
    /** The source's partitions this subtask reads: all of them unless it runs in parallel. */
    splits: readonly number[] = Array.from({ length: source.partitions }, (_, i) => i),
  ) {
    super(id, name, 'source', []);
    this.partitions = splits.map((split, i) => new Partition(this, i, split));
  }

  /** The source's partition number behind input channel `index`. */
  splitOf(index: number): number {
    return this.partitions[index]?.split ?? index;
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

  /** Where each partition stands (see `Partition.snapshot`). */
  protected override snapshotOwnState(): SourceState {
    return { partitions: this.partitions.map((partition) => partition.snapshot()) };
  }

  protected override snapshotOwnStateCopied(): CopiedState<SourceState> {
    const state = this.snapshotOwnState();
    return copySourceState(state) ?? copyState(state);
  }

  protected override restoreOwnState(state: SourceState): void {
    if (state.partitions.length !== this.partitions.length) {
      throw this.executionError(
        `the snapshot has ${state.partitions.length} partitions of this source, which reads ` +
          `${this.partitions.length}: it was taken of another program.`,
      );
    }
    this.restored = state.partitions;
  }

  /**
   * Opens the readers and reads each partition's first event; after a restore, resumes each
   * partition where the snapshot says (as Flink's `SourceOperator` hands the reader its restored
   * splits).
   */
  override open(): void {
    const clock = { currentProcessingTime: () => this.job.now() };
    const restored = this.restored;
    this.restored = undefined;
    for (const partition of this.partitions) {
      const saved = restored?.[partition.index];
      if (saved !== undefined) {
        partition.generator = this.createGenerator(clock);
        this.resume(partition, saved);
        continue;
      }
      partition.reader = this.source.createReader(partition.split, undefined, this.job.now());
      partition.generator = this.createGenerator(clock);
      // A job restarted from the beginning reads its records again from the time they were due.
      partition.lastArrival = this.job.dueTime?.() ?? this.job.now();
      this.running++;
      this.fetch(partition);
    }
    if (this.partitions.length > 0) return;
    // A source without partitions, or a subtask of a bounded one left without any, has nothing to
    // wait for: its input is over before it began. A subtask of an unbounded source left without
    // any (more subtasks than a topic has partitions) may still get some, so it holds the
    // watermark back, unless the strategy declares idleness (as Flink's Kafka source documents).
    if (this.source.bounded || this.source.partitions === 0) {
      this.output.emitWatermark(MAX_WATERMARK);
    }
  }

  private createGenerator(clock: ProcessingClock): WatermarkGenerator<T> | undefined {
    try {
      return this.strategy?.createGenerator(clock);
    } catch (error) {
      throw this.userError(error, undefined, undefined);
    }
  }

  /** Opens a partition where a snapshot left it; an ended partition stays ended. */
  private resume(partition: Partition<T>, saved: SourceSplitSnapshot): void {
    partition.restoreStatus(saved);
    restoreGenerator(
      partition.generator as WatermarkGenerator<unknown> | undefined,
      saved.generator,
    );
    if (saved.finished) {
      partition.finished = true;
      partition.lastArrival = saved.lastArrival;
      return;
    }
    this.running++;
    if (this.source.rewindable === false) {
      // A source that cannot go back (a socket) goes on from where its input stands now: what it
      // read since the snapshot, and the event it had read ahead, are not read again.
      partition.reader = this.source.createReader(partition.split, undefined, this.job.now());
      this.fetch(partition);
      partition.lastArrival = saved.lastArrival;
      return;
    }
    partition.reader = this.source.createReader(partition.split, saved.position);
    if (saved.pending !== undefined) {
      partition.pending = saved.pending as SourceEvent<T>;
    } else {
      // The events read again were read before: their order was checked then.
      partition.lastArrival = Number.NEGATIVE_INFINITY;
      this.fetch(partition);
      if (saved.skip > partition.end - partition.cursor) {
        throw this.executionError(
          `partition ${partition.split} of source "${this.source.name}", resumed at its ` +
            `position, did not give the records it gave before: a source must read the same ` +
            'records again from the same position.',
        );
      }
      partition.cursor += saved.skip;
    }
    partition.lastArrival = saved.lastArrival;
  }

  /** The arrival time of a partition's next event, or `undefined` once it has ended. */
  nextArrival(index: number): Millis | undefined {
    const partition = this.partitions[index];
    if (partition === undefined) return undefined;
    if (partition.cursor < partition.end) {
      return (partition.run as RecordRun<T>).arrivalTime(partition.cursor);
    }
    return partition.pending?.arrivalTime;
  }

  /** Processes a partition's next event (its arrival time has come) and reads the one after. */
  arrive(index: number): void {
    const partition = this.partitions[index];
    if (partition === undefined) return;
    if (partition.cursor < partition.end) {
      const run = partition.run as RecordRun<T>;
      const value = run.values[partition.cursor++] as T;
      this.emitRecord(partition, value, undefined);
      if (partition.cursor === partition.end) this.fetch(partition);
      else this.checkOrder(partition, run.arrivalTime(partition.cursor));
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
   * Processes a partition's next event like {@link arrive}, then its next lent records for as
   * long as each arrives before `limit` (or at it, when `atLimit`), taking each through the
   * operators behind the source before reading the next (see {@link drainLoop}). A watermark or
   * status the partition emits on the way goes out between the records it follows and precedes,
   * as it would one by one.
   */
  arriveBatch(index: number, limit: Millis, atLimit: boolean): void {
    const partition = this.partitions[index];
    if (partition === undefined) return;
    if (partition.cursor >= partition.end) {
      this.arrive(index);
      return;
    }
    const drain = (this.drain ??= this.drainLoop());
    // The first record is due: the scheduler popped its arrival.
    let due = true;
    for (;;) {
      if (drain(partition, limit, atLimit, due)) return;
      due = false;
      this.fetch(partition);
      // Done when the input ended or the next event is not a lent record.
      if (partition.cursor >= partition.end) return;
    }
  }

  /**
   * The loop that takes a partition's lent records, as far as they are due, through the
   * operators behind the source, fused into one generated function (see `fusion.ts`). Per record
   * it does what {@link arrive} and {@link emitRecord} do with the trace off: check the arrival
   * order, set the clock, assign the timestamp, hand the record on, then show it to the watermark
   * generator. It returns true when it stopped at a record that is not due yet.
   */
  private drainLoop(): Drain<T> {
    const code = new FusionBuilder(this.job);
    const job = code.bind(this.job);
    const outOfOrder = code.bind((p: Partition<T>, previous: Millis, arrival: Millis) => {
      p.lastArrival = previous;
      this.checkOrder(p, arrival);
    });
    code.onEntry('const run = partition.run;');
    code.onEntry('const values = run.values;');
    code.onEntry('const end = partition.end;');
    // The partition's cursor and last arrival live in locals while the loop runs.
    code.onEntry('let next = partition.cursor;');
    code.onEntry('let previous = partition.lastArrival;');
    code.onEntry(`let clock = ${job}.now();`);
    code.onExit('partition.cursor = next;');
    code.onExit('partition.lastArrival = previous;');
    // The clock moves once, at the end, unless code that reads it runs (see FusionBuilder.setClock).
    code.onExit(`${job}.arriveAt(clock);`);
    code.block('for (let cursor = next; cursor < end; cursor++)', () => {
      code.line('const arrival = run.arrivalTime(cursor);');
      code.line(`if (arrival < previous) ${outOfOrder}(partition, previous, arrival);`);
      // One comparison for the usual record, well before the limit.
      code.line('if (arrival >= limit && !due && (arrival > limit || !atLimit)) return true;');
      code.line('due = false;');
      code.line('previous = arrival;');
      code.line('next = cursor + 1;');
      code.line('clock = arrival;');
      code.count(this.metrics, 'recordsIn');
      code.line('const value = values[cursor];');
      if (this.strategy === undefined) {
        code.emit(this, { value: 'value', timestamp: 'undefined', arrival: 'arrival' });
        return;
      }
      const assign = (value: T) => this.assignTimestamp(value, undefined);
      code.line(`const timestamp = ${code.bind(assign)}(value);`);
      // As in emitRecord, the record goes out before the generator sees it.
      const record = { value: 'value', timestamp: 'timestamp', arrival: 'arrival' };
      code.emit(this, record);
      // The generator may emit a watermark, and what it sets off reads the clock.
      code.setClock(record);
      const observe = (p: Partition<T>, value: T, timestamp: Millis | undefined) =>
        this.observe(p, value, timestamp);
      code.line(`${code.bind(observe)}(partition, value, timestamp);`);
    });
    code.line('return false;');
    return code.compile<Drain<T>>('partition, limit, atLimit, due');
  }

  override emitPeriodicWatermarks(): void {
    if (this.partitions.length === 0) this.idleWithoutSplits();
    for (const partition of this.partitions) {
      if (partition.finished || partition.generator === undefined) continue;
      try {
        requireSynchronous(
          partition.generator.onPeriodicEmit(partition),
          STRATEGY_FUNCTIONS.onPeriodicEmit,
        );
      } catch (error) {
        throw this.userError(error, undefined, undefined);
      }
    }
  }

  /**
   * A subtask reading no partition of an unbounded source declares itself idle once the
   * strategy's idle timeout has passed since its first periodic watermark, as a partition without
   * records would; without an idle timeout it never does, and holds back the watermark downstream.
   */
  private idleWithoutSplits(): void {
    const timeout = this.strategy?.idleTimeout;
    if (timeout === undefined || this.source.bounded || this.source.partitions === 0) return;
    const now = this.job.now();
    this.waitingSince ??= now;
    if (now - this.waitingSince <= timeout) return;
    this.waitingSince = Infinity;
    this.processStatus(true);
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
      trace.arrival(this.id, partition.split, id, timestamp ?? null, null, value);
      this.job.provenance?.input(id, this.source.name, value, timestamp);
    }
    // As in Flink, the record goes out before the generator sees it, so a punctuated watermark
    // derived from a record follows that record.
    this.output.emit(value, timestamp, lineage, undefined);
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
      requireSynchronous(
        generator.onEvent(value, timestamp, partition),
        STRATEGY_FUNCTIONS.onEvent,
      );
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
      if (isPromise(timestamp)) {
        throw this.userError(
          notSynchronous(STRATEGY_FUNCTIONS.timestampAssigner),
          value,
          sourceTimestamp,
        );
      }
      throw this.executionError(
        `the timestamp assigner returned ${summarize(timestamp, 40)}; event time must be a whole ` +
          'number of milliseconds (e.g. (r) => r.ts, or (r) => Date.parse(r.time)).',
        { value, timestamp: sourceTimestamp },
      );
    }
    return timestamp;
  }

  /** Reads the partition's next event: a run of records if the reader lends one, else one event. */
  private fetch(partition: Partition<T>): void {
    const { reader } = partition;
    // A position per read only for readers that lend runs, which read once per run: the records
    // of a run are not read one by one, so a snapshot needs where the run began.
    partition.before = reader.readRecords === undefined ? undefined : reader.position();
    const run = reader.readRecords?.();
    partition.run = run;
    partition.cursor = run?.from ?? 0;
    partition.end = run?.to ?? 0;
    if (partition.cursor < partition.end) {
      partition.pending = undefined;
      this.reportSkipped(reader);
      this.checkOrder(partition, (run as RecordRun<T>).arrivalTime(partition.cursor));
      return;
    }
    const next = reader.next();
    this.reportSkipped(reader);
    partition.pending = next;
    if (next === undefined) {
      partition.finished = true;
      this.running--;
      partition.emitWatermark(MAX_WATERMARK);
      return;
    }
    this.checkOrder(partition, next.arrivalTime);
  }

  /**
   * Hands the job the rows the reader left out while reading (a text source's bad rows under
   * `onError: 'skip'`), at the time they were read. One call that returns `undefined` when nothing
   * was skipped, and none for readers that never skip.
   */
  private reportSkipped(reader: SourceReader<T>): void {
    const skipped = reader.takeSkipped?.();
    if (skipped === undefined) return;
    for (const problem of skipped) this.job.recordSkippedRow(this, problem);
  }

  /** Fails when the partition's next event would arrive before the one read before it. */
  private checkOrder(partition: Partition<T>, arrivalTime: Millis): void {
    const previous = partition.lastArrival;
    partition.lastArrival = arrivalTime;
    if (arrivalTime >= previous) return;
    throw this.executionError(
      `partition ${partition.split} of source "${this.source.name}" went back in time: an ` +
        `event arrives at ${arrivalTime} after one at ${previous}. Arrival times must not decrease.`,
    );
  }
}
