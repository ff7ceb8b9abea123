/**
 * How a job checkpoints, as Flink's `CheckpointingMode` and `CheckpointConfig`.
 */
import { PipelineDefinitionError } from '../errors';
import type { Millis } from '../time';

/**
 * What checkpoints guarantee for the job's state, as Flink's `CheckpointingMode`.
 *
 * - `EXACTLY_ONCE` (the default): an operator with several inputs _aligns_ a checkpoint's
 *   barriers: once the barrier came on one input, that input is blocked until it came on all, so
 *   the snapshot holds the effect of exactly the records before the barrier on every input.
 * - `AT_LEAST_ONCE`: the operator does not block; it snapshots once the barrier came on all
 *   inputs, and records that overtook the barrier meanwhile may be in the snapshot and be
 *   processed again after a restore.
 *
 * In Streamlab records travel synchronously and depth first, so unless an input is delayed
 * (`simulateNetworkDelay`) all of a checkpoint's barriers reach an operator before any further
 * record does, and both modes take the same snapshot. Behind a delayed input they differ; the
 * trace shows each alignment, whether it blocked, and how many records came meanwhile.
 */
export const CheckpointingMode = {
  EXACTLY_ONCE: 'EXACTLY_ONCE',
  AT_LEAST_ONCE: 'AT_LEAST_ONCE',
} as const;
/** `CheckpointingMode.EXACTLY_ONCE` or `CheckpointingMode.AT_LEAST_ONCE`. */
export type CheckpointingMode = (typeof CheckpointingMode)[keyof typeof CheckpointingMode];

/**
 * A job's checkpoint settings, as Flink's `CheckpointConfig`: read and change them with
 * `env.getCheckpointConfig()`.
 *
 * @example
 * ```ts
 * env.enableCheckpointing(1_000);
 * env.getCheckpointConfig().setCheckpointingMode(CheckpointingMode.AT_LEAST_ONCE);
 * ```
 */
export class CheckpointConfig {
  private interval: Millis = -1;
  private mode: CheckpointingMode = CheckpointingMode.EXACTLY_ONCE;

  /** True once `env.enableCheckpointing(interval)` was called. */
  isCheckpointingEnabled(): boolean {
    return this.interval > 0;
  }

  /** The processing time between two checkpoints, in ms (-1 while checkpointing is off). */
  getCheckpointInterval(): Millis {
    return this.interval;
  }

  /** Checkpoints every `interval` ms of processing time (it must be at least 1). */
  setCheckpointInterval(interval: Millis): this {
    if (!Number.isSafeInteger(interval) || interval < 1) {
      throw new PipelineDefinitionError(
        `The checkpoint interval must be a whole number of ms, at least 1, got ${interval}.`,
      );
    }
    this.interval = interval;
    return this;
  }

  /** Exactly-once (aligned barriers, the default) or at-least-once. */
  getCheckpointingMode(): CheckpointingMode {
    return this.mode;
  }

  /** Sets the mode: `CheckpointingMode.EXACTLY_ONCE` or `CheckpointingMode.AT_LEAST_ONCE`. */
  setCheckpointingMode(mode: CheckpointingMode): this {
    if (mode !== CheckpointingMode.EXACTLY_ONCE && mode !== CheckpointingMode.AT_LEAST_ONCE) {
      throw new PipelineDefinitionError(
        `The checkpointing mode must be CheckpointingMode.EXACTLY_ONCE or ` +
          `CheckpointingMode.AT_LEAST_ONCE, got ${String(mode)}.`,
      );
    }
    this.mode = mode;
    return this;
  }
}
