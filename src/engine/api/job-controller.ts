/**
 * Steps a job: the UI's play, pause, step and scrub are built on it. Between calls, every output,
 * watermark, piece of keyed state and pending window can be read.
 */
import type { PendingWindow } from '../operators/window/window-operator';
import { WindowOperator } from '../operators/window/window-operator';
import type { Key } from '../records';
import type { JobGraph, JobResult } from '../result';
import type { JobRuntime, StepResult } from '../runtime/job';
import type { JobSnapshot } from '../runtime/snapshot';
import type { ProvenanceView } from '../runtime/provenance';
import type { Millis } from '../time';
import type { TraceEvent } from '../trace';

export type { StepResult };

/** An operator's watermark and those of its input channels (edges, or source partitions). */
export interface OperatorWatermarks {
  /** Id of the operator. */
  readonly operator: string;
  /** Which of its parallel subtasks, from 0 (each has its own watermark). */
  readonly subtask: number;
  /** The operator's combined input watermark (for a source: over its partitions). */
  readonly watermark: Millis;
  /** Each input channel's watermark, and whether it is idle. */
  readonly inputs: readonly { readonly watermark: Millis; readonly idle: boolean }[];
}

/** One entry of an operator's keyed state. */
export interface KeyedStateView {
  /** Id of the operator holding the state. */
  readonly operator: string;
  /** The subtask holding it: the one that owns the key's key group. */
  readonly subtask: number;
  /** The state's name, from its descriptor. */
  readonly state: string;
  /** The key it belongs to. */
  readonly key: Key;
  /** The value held for that key. */
  readonly value: unknown;
}

/** A window an operator holds, with the operator's id. */
export interface PendingWindowView extends PendingWindow {
  /** Id of the window operator holding it. */
  readonly operator: string;
  /** The subtask holding it. */
  readonly subtask: number;
}

/**
 * Runs a pipeline step by step, made by `StreamExecutionEnvironment.executeStepwise()`: move
 * processing time forward, look at watermarks, keyed state and pending windows between steps, and
 * read what the sinks hold so far. The playground's step-through view is built on it.
 *
 * @example
 * ```ts
 * const job = env.executeStepwise();
 * job.advanceTo(10_000); // everything due in the first 10 s of processing time
 * console.log(job.watermarks(), job.pendingWindows());
 * const result = job.runToEnd();
 * ```
 */
export class JobController {
  /** @internal */
  constructor(private readonly job: JobRuntime) {}

  /** The operator graph. */
  get graph(): JobGraph {
    return this.job.plan.graph;
  }

  /** The virtual processing time reached. */
  get processingTime(): Millis {
    return this.job.now();
  }

  /** True once every source has ended. */
  get finished(): boolean {
    return this.job.finished;
  }

  /**
   * Processes everything up to and including the next arrival at a source (watermark ticks and
   * timers due before it included). Returns what arrived, or `undefined` once the job has ended.
   */
  step(): StepResult | undefined {
    return this.job.step();
  }

  /** Processes everything due up to processing time `time`, and moves the clock there. */
  advanceTo(time: Millis): void {
    this.job.advanceTo(time);
  }

  /** Runs until every source has ended (or until processing time `until`); returns the result. */
  runToEnd(options: { readonly until?: Millis } = {}): JobResult {
    this.job.runToEnd(options.until);
    return this.job.result();
  }

  /**
   * Makes the job fail now, at the current processing time, as `Failure.atProcessingTime(now)`
   * would have: the failure happens before anything due later, and the job restarts from its last
   * checkpoint or fails, by its restart strategy (without checkpointing: it fails). Then processes
   * what is due up to now, so the failure has happened when this returns (it throws when the job
   * fails for good, as `step()` would). False when the job had already ended.
   */
  failNow(): boolean {
    if (!this.job.injectFailureNow()) return false;
    this.job.advanceTo(this.job.now());
    return true;
  }

  /**
   * Makes operator `operatorId` (its id in {@link graph}) fail on the next record it receives, as
   * `Failure.onRecord(name, n)` with n its next record would have: nothing happens until that
   * record comes, then the job restarts or fails by its rules, as with {@link failNow}. False when
   * the job had already ended. Throws a `RangeError` for an unknown id or a source.
   */
  failOnNextRecord(operatorId: string): boolean {
    return this.job.injectFailureOnNextRecord(operatorId);
  }

  /** Everything produced so far. */
  result(): JobResult {
    return this.job.result();
  }

  /** Where each collected record came from, when the environment keeps it (`provenance`). */
  provenance(): ProvenanceView | undefined {
    return this.job.provenance?.view();
  }

  /** Every subtask's watermarks, in graph order. */
  watermarks(): OperatorWatermarks[] {
    return this.job.plan.operators.map((operator) => ({
      operator: operator.id,
      subtask: operator.subtask,
      watermark: operator.watermark,
      inputs: operator.inputWatermarks(),
    }));
  }

  /** The keyed state of one operator, or of all. */
  keyedState(operatorId?: string): KeyedStateView[] {
    return this.operators(operatorId).flatMap((operator) =>
      operator
        .keyedState()
        .map((entry) => ({ operator: operator.id, subtask: operator.subtask, ...entry })),
    );
  }

  /** The windows held by one window operator, or by all. */
  pendingWindows(operatorId?: string): PendingWindowView[] {
    return this.operators(operatorId).flatMap((operator) =>
      operator instanceof WindowOperator
        ? operator
            .pendingWindows()
            .map((window) => ({ operator: operator.id, subtask: operator.subtask, ...window }))
        : [],
    );
  }

  /**
   * A snapshot of the job's state between two steps, to restore a fresh job of the same program
   * from (`StreamExecutionEnvironment.executeStepwiseFrom`). It holds managed state only: what a
   * function keeps in its own fields is not in it (as in Flink), nor what the sinks collected.
   *
   * @internal Checkpoints come to the public API later; this is their foundation.
   */
  snapshot(): JobSnapshot {
    return this.job.snapshot();
  }

  /** Removes and returns the trace events recorded since the last call: one batch. */
  drainTrace(): TraceEvent[] {
    return this.job.drainTrace();
  }

  private operators(operatorId: string | undefined): JobRuntime['plan']['operators'] {
    if (operatorId === undefined) return this.job.plan.operators;
    const operator = this.job.plan.operators.find((op) => op.id === operatorId);
    if (operator === undefined) throw new RangeError(`No operator with id "${operatorId}".`);
    return [operator];
  }
}
