/**
 * Restart strategies, as Flink's `RestartStrategies`: whether and when a failed job restarts.
 *
 * As in Flink, a job without checkpointing does not restart, and a job with checkpointing but no
 * strategy set restarts with a fixed delay. Flink's default then retries without end
 * (`Integer.MAX_VALUE` attempts, 1 s apart); a function that fails on every record would keep a
 * playground job restarting forever, so Streamlab's default stops after
 * {@link DEFAULT_RESTART_ATTEMPTS} attempts.
 */
import { PipelineDefinitionError } from '../errors';
import type { Millis } from '../time';

/** A restart strategy, made by one of `RestartStrategies`' functions. */
export type RestartStrategyConfiguration =
  | { readonly kind: 'no-restart' }
  | { readonly kind: 'fixed-delay'; readonly attempts: number; readonly delay: Millis }
  | {
      readonly kind: 'failure-rate';
      readonly maxFailures: number;
      readonly interval: Millis;
      readonly delay: Millis;
    };

/** Restart attempts of the default strategy when checkpointing is on (Flink: without end). */
export const DEFAULT_RESTART_ATTEMPTS = 10;
/** Delay of the default strategy when checkpointing is on, as Flink's (1 s). */
export const DEFAULT_RESTART_DELAY: Millis = 1_000;

/**
 * Restart strategies for `env.setRestartStrategy(...)`.
 *
 * @example
 * ```ts
 * env.enableCheckpointing(1_000);
 * // Up to 3 restarts, each 2 s of processing time after the failure.
 * env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Time.seconds(2)));
 * ```
 */
export const RestartStrategies = {
  /** The job fails at its first failure. */
  noRestart(): RestartStrategyConfiguration {
    return { kind: 'no-restart' };
  },

  /**
   * Restarts up to `restartAttempts` times, each `delayBetweenAttempts` ms of processing time after
   * the failure; the next failure after that fails the job.
   */
  fixedDelayRestart(
    restartAttempts: number,
    delayBetweenAttempts: Millis,
  ): RestartStrategyConfiguration {
    requireCount(restartAttempts, 'fixedDelayRestart(restartAttempts, delay)', 0);
    requireDelay(delayBetweenAttempts, 'fixedDelayRestart(restartAttempts, delay)');
    return { kind: 'fixed-delay', attempts: restartAttempts, delay: delayBetweenAttempts };
  },

  /**
   * Restarts, each `delay` ms after the failure, unless this failure is the `failureRate`-th
   * within `failureInterval` ms of processing time: that one fails the job.
   */
  failureRateRestart(
    failureRate: number,
    failureInterval: Millis,
    delay: Millis,
  ): RestartStrategyConfiguration {
    const call = 'failureRateRestart(failureRate, failureInterval, delay)';
    requireCount(failureRate, call, 1);
    requireDelay(failureInterval, call);
    requireDelay(delay, call);
    return { kind: 'failure-rate', maxFailures: failureRate, interval: failureInterval, delay };
  },
};

function requireCount(n: number, call: string, min: number): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new PipelineDefinitionError(`${call} needs a whole number of at least ${min}, got ${n}.`);
  }
}

function requireDelay(ms: Millis, call: string): void {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new PipelineDefinitionError(
      `${call} needs a non-negative whole number of ms, got ${ms}.`,
    );
  }
}

/** The strategy a job runs with: the one set, else Flink's default for its checkpointing. */
export function effectiveRestartStrategy(
  configured: RestartStrategyConfiguration | undefined,
  checkpointing: boolean,
): RestartStrategyConfiguration {
  if (configured !== undefined) return configured;
  if (!checkpointing) return { kind: 'no-restart' };
  return { kind: 'fixed-delay', attempts: DEFAULT_RESTART_ATTEMPTS, delay: DEFAULT_RESTART_DELAY };
}

/**
 * Decides, failure by failure, whether the job restarts and after what delay: Flink's
 * `RestartBackoffTimeStrategy` (`NoRestartBackoffTimeStrategy`,
 * `FixedDelayRestartBackoffTimeStrategy`, `FailureRateRestartBackoffTimeStrategy`).
 */
export class RestartBackoff {
  private restarts = 0;
  private readonly failures: Millis[] = [];

  constructor(readonly strategy: RestartStrategyConfiguration) {}

  /** Records a failure at processing time `now`; true when the job may restart. */
  notifyFailure(now: Millis): boolean {
    const strategy = this.strategy;
    switch (strategy.kind) {
      case 'no-restart':
        return false;
      case 'fixed-delay':
        if (this.restarts >= strategy.attempts) return false;
        this.restarts++;
        return true;
      case 'failure-rate': {
        // Flink keeps the last `maxFailuresPerInterval` failure times: the job may restart while
        // there are fewer, or while the oldest of them lies more than the interval back.
        const failures = this.failures;
        if (failures.length >= strategy.maxFailures) failures.shift();
        failures.push(now);
        if (failures.length < strategy.maxFailures) return true;
        return now - (failures[0] as Millis) > strategy.interval;
      }
    }
  }

  /** The delay before the restart. */
  get backoff(): Millis {
    return this.strategy.kind === 'no-restart' ? 0 : this.strategy.delay;
  }

  /** The strategy as Flink's would print itself, for the message of a job that failed for good. */
  describe(): string {
    const strategy = this.strategy;
    switch (strategy.kind) {
      case 'no-restart':
        return 'NoRestartBackoffTimeStrategy';
      case 'fixed-delay':
        return (
          `FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=${strategy.attempts}, ` +
          `backoffTimeMS=${strategy.delay})`
        );
      case 'failure-rate':
        return (
          `FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=${strategy.interval}, ` +
          `backoffTimeMS=${strategy.delay}, maxFailuresPerInterval=${strategy.maxFailures})`
        );
    }
  }
}
