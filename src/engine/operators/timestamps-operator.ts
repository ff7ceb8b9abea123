/**
 * `assignTimestampsAndWatermarks` in the middle of a pipeline, as Flink's
 * `TimestampsAndWatermarksOperator`: it gives every record a new timestamp, runs one watermark
 * generator over the whole stream, and discards the watermarks from upstream, except the final
 * maximum one that ends a bounded input.
 */
import { isPromise, notSynchronous, requireSynchronous } from '../functions/synchronous';
import type { WindowOrigin } from '../records';
import { StreamOperator } from '../runtime/operator';
import { summarize } from '../summarize';
import { MAX_WATERMARK, MIN_WATERMARK, clampWatermark } from '../time';
import type { Millis } from '../time';
import { generatorState, restoreGenerator } from '../watermarks/generator';
import type { WatermarkGenerator, WatermarkOutput } from '../watermarks/generator';
import { STRATEGY_FUNCTIONS } from '../watermarks/strategy';
import type { WatermarkStrategy } from '../watermarks/strategy';

/** The watermark and idleness this operator emitted, and its generator's state. */
interface TimestampsState {
  readonly emitted: Millis;
  readonly idle: boolean;
  readonly generator: unknown;
}

export class TimestampsAndWatermarksOperator<T> extends StreamOperator implements WatermarkOutput {
  private generator!: WatermarkGenerator<T>;
  private emitted: Millis = MIN_WATERMARK;
  private idle = false;
  /** A restored generator state, given to the generator once `open` has made it. */
  private restoredGenerator: unknown;

  constructor(
    id: string,
    name: string,
    private readonly strategy: WatermarkStrategy<T>,
  ) {
    super(id, name, 'timestamps', [undefined]);
  }

  override get generatesWatermarks(): boolean {
    return true;
  }

  override open(): void {
    try {
      this.generator = this.strategy.createGenerator({
        currentProcessingTime: () => this.job.now(),
      });
    } catch (error) {
      throw this.userError(error, undefined, undefined);
    }
    restoreGenerator(this.generator as WatermarkGenerator<unknown>, this.restoredGenerator);
    this.restoredGenerator = undefined;
  }

  /** What this operator emitted, and its generator's state (the built-in generators keep one). */
  protected override snapshotOwnState(): TimestampsState {
    return {
      emitted: this.emitted,
      idle: this.idle,
      generator: generatorState(this.generator as WatermarkGenerator<unknown> | undefined),
    };
  }

  protected override restoreOwnState(state: TimestampsState): void {
    this.emitted = state.emitted;
    this.idle = state.idle;
    this.restoredGenerator = state.generator;
  }

  /** Its generator reads processing time but asks for no wake-ups: ticks call it. */
  override get batchSafe(): boolean {
    return true;
  }

  protected processElement(
    _gate: number,
    input: unknown,
    previousTimestamp: Millis | undefined,
    origin: WindowOrigin | undefined,
    id: number,
  ): void {
    const value = input as T;
    const timestamp = this.extractTimestamp(value, previousTimestamp);
    const lineage = this.job.trace === null ? undefined : [id];
    this.output.emit(value, timestamp, lineage, origin);
    try {
      requireSynchronous(
        this.generator.onEvent(value, timestamp, this),
        STRATEGY_FUNCTIONS.onEvent,
      );
    } catch (error) {
      throw this.userError(error, value, timestamp);
    }
  }

  /** Upstream watermarks are replaced by this operator's own, except the end of input. */
  protected override processWatermark(watermark: Millis): void {
    if (watermark === MAX_WATERMARK) this.emitWatermark(MAX_WATERMARK);
  }

  /** Idleness comes from this operator's own generator, not from upstream. */
  protected override processStatus(): void {}

  override emitPeriodicWatermarks(): void {
    try {
      requireSynchronous(this.generator.onPeriodicEmit(this), STRATEGY_FUNCTIONS.onPeriodicEmit);
    } catch (error) {
      throw this.userError(error, undefined, undefined);
    }
  }

  emitWatermark(watermark: Millis): void {
    const clamped = clampWatermark(watermark);
    if (clamped <= this.emitted) return;
    this.emitted = clamped;
    this.markActive();
    this.job.trace?.add({ type: 'watermark', op: this.id, input: -1, watermark: clamped });
    this.output.emitWatermark(clamped);
  }

  markIdle(): void {
    if (this.idle) return;
    this.idle = true;
    this.job.trace?.add({ type: 'idleness', op: this.id, input: -1, idle: true });
    this.output.emitStatus(true);
  }

  markActive(): void {
    if (!this.idle) return;
    this.idle = false;
    this.job.trace?.add({ type: 'idleness', op: this.id, input: -1, idle: false });
    this.output.emitStatus(false);
  }

  /** This operator's own watermark (what it emitted), not its input's. */
  override get watermark(): Millis {
    return this.emitted;
  }

  private extractTimestamp(value: T, previous: Millis | undefined): Millis {
    const assigner = this.strategy.timestampAssigner;
    let timestamp: unknown = previous;
    if (assigner !== undefined) {
      try {
        timestamp = assigner(value, previous);
      } catch (error) {
        throw this.userError(error, value, previous);
      }
    }
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      if (isPromise(timestamp)) {
        throw this.userError(notSynchronous(STRATEGY_FUNCTIONS.timestampAssigner), value, previous);
      }
      throw this.executionError(
        assigner === undefined
          ? 'this record has no timestamp for the WatermarkStrategy to use. Add ' +
              '.withTimestampAssigner((r) => r.timestamp) to the strategy.'
          : `the timestamp assigner returned ${summarize(timestamp, 40)}; event time must be a ` +
              'whole number of milliseconds.',
        { value, timestamp: previous },
      );
    }
    return timestamp;
  }
}
