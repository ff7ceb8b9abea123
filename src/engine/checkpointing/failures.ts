/**
 * Injected failures: Streamlab's own teaching tool (Flink has no such API). A failure injected with
 * `env.injectFailure(...)` crashes the job once, as a lost machine would, so that what checkpoints,
 * restarts and delivery guarantees do about it can be watched.
 */
import { JobExecutionError, PipelineDefinitionError } from '../errors';
import type { Millis } from '../time';

/** Where and when a failure is injected; made by `Failure.atProcessingTime` or `Failure.onRecord`. */
export type Failure =
  | { readonly kind: 'processing-time'; readonly time: Millis }
  | { readonly kind: 'record'; readonly operator: string; readonly record: number };

/**
 * Failures to inject with `env.injectFailure(...)`. Each happens once: the restarted job does not
 * meet it again (a function that throws, by contrast, throws again on the replayed record).
 *
 * @example
 * ```ts
 * env.enableCheckpointing(1_000);
 * env.injectFailure(Failure.atProcessingTime(5_500)); // the job crashes at 5.5 s
 * env.injectFailure(Failure.onRecord('Enrich', 3)); // …and "Enrich" fails on its 3rd record
 * ```
 */
export const Failure = {
  /** The job fails when processing time reaches `time` (after what is due at that time). */
  atProcessingTime(time: Millis): Failure {
    if (!Number.isSafeInteger(time) || time < 0) {
      throw new PipelineDefinitionError(
        `Failure.atProcessingTime(time) needs a non-negative whole number of ms, got ${time}.`,
      );
    }
    return { kind: 'processing-time', time };
  },

  /**
   * The operator named `operator` (its `name(...)`, or its `uid(...)`) fails on the `record`-th
   * record it receives (1 for the first), counted over the whole run, replays included.
   */
  onRecord(operator: string, record: number): Failure {
    if (typeof operator !== 'string' || operator.trim() === '') {
      throw new PipelineDefinitionError(
        "Failure.onRecord(operator, n) needs an operator's name, e.g. Failure.onRecord('Enrich', 3).",
      );
    }
    if (!Number.isSafeInteger(record) || record < 1) {
      throw new PipelineDefinitionError(
        `Failure.onRecord(operator, n) needs n to be a whole number of at least 1, got ${record}.`,
      );
    }
    return { kind: 'record', operator, record };
  },
};

/** The error an injected failure throws: a `JobExecutionError` whose message says it was injected. */
export function injectedFailure(
  site: {
    readonly operatorId: string;
    readonly operatorName: string;
    readonly record?: { value: unknown; timestamp: Millis | undefined };
  },
  description: string,
): JobExecutionError {
  const error = new JobExecutionError(site, `injected failure (${description}).`);
  INJECTED.add(error);
  return error;
}

const INJECTED = new WeakSet<Error>();

/** True for the errors {@link injectedFailure} made. */
export function isInjectedFailure(error: unknown): boolean {
  return error instanceof Error && INJECTED.has(error);
}
