/**
 * The three ways a pipeline can fail, each saying where and what to do about it.
 *
 * - {@link PipelineDefinitionError}: the pipeline is invalid; thrown while it is being built, before
 *   any record flows.
 * - {@link UserFunctionError}: a function the learner wrote threw while processing a record.
 * - {@link JobExecutionError}: the engine met a record it cannot process (no timestamp for an
 *   event-time window, a key that cannot be hashed, …).
 */
import { summarize } from './summarize';
import type { Millis } from './time';
import { formatTimestamp } from './time';

/** An invalid pipeline, reported while it is built. The message says how to fix it. */
export class PipelineDefinitionError extends Error {
  /** Always `'PipelineDefinitionError'`, so the kind survives being posted from a worker. */
  override readonly name = 'PipelineDefinitionError';
}

/** Where a runtime failure happened: the operator and the record it was processing. */
export interface FailureSite {
  /** Stable id of the operator in the job graph. */
  readonly operatorId: string;
  /** The operator's name as shown in the job graph. */
  readonly operatorName: string;
  /** The record being processed, if there was one (timers fire without a record). */
  readonly record?: { readonly value: unknown; readonly timestamp: Millis | undefined };
}

/** A plain, structured-clone-friendly account of a runtime failure, for a worker to post. */
export interface FailureReport {
  /** The error's kind: `UserFunctionError` or `JobExecutionError`. */
  readonly name: string;
  /** What happened, where, and what to do. */
  readonly message: string;
  /** Stable id of the operator in the job graph. */
  readonly operatorId: string;
  /** The operator's name as shown in the job graph. */
  readonly operatorName: string;
  /** A printable summary of the record's value, if there was a record. */
  readonly value?: string;
  /** The record's event time, if it had one. */
  readonly timestamp?: Millis;
  /** The learner's original error, if any. */
  readonly cause?: { readonly name: string; readonly message: string; readonly stack?: string };
}

abstract class OperatorFailure extends Error {
  /** Stable id of the operator in the job graph. */
  readonly operatorId: string;
  /** The operator's name as shown in the job graph. */
  readonly operatorName: string;
  /** The record being processed, if there was one (timers fire without a record). */
  readonly record: FailureSite['record'];

  protected constructor(site: FailureSite, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.operatorId = site.operatorId;
    this.operatorName = site.operatorName;
    this.record = site.record;
  }

  /** The failure as plain data. */
  toReport(): FailureReport {
    const cause = this.cause;
    return {
      name: this.name,
      message: this.message,
      operatorId: this.operatorId,
      operatorName: this.operatorName,
      ...(this.record === undefined
        ? {}
        : {
            value: summarize(this.record.value),
            ...(this.record.timestamp === undefined ? {} : { timestamp: this.record.timestamp }),
          }),
      ...(cause === undefined ? {} : { cause: describeCause(cause) }),
    };
  }
}

/**
 * A function written for the pipeline (a `map`, a `ProcessFunction`, a key selector, …) threw.
 * `cause` is the original error, with its stack.
 */
export class UserFunctionError extends OperatorFailure {
  /** Always `'UserFunctionError'`. */
  override readonly name = 'UserFunctionError';

  /** Made by the engine when a function throws; `cause` is what it threw. */
  constructor(site: FailureSite, cause: unknown) {
    super(site, `${where(site)} threw: ${causeMessage(cause)}`, cause);
  }
}

/** The engine cannot process a record or a request; the message says why and what to do. */
export class JobExecutionError extends OperatorFailure {
  /** Always `'JobExecutionError'`. */
  override readonly name = 'JobExecutionError';

  /** Made by the engine; `problem` says what went wrong and what to do. */
  constructor(site: FailureSite, problem: string) {
    super(site, `${where(site)}: ${problem}`);
  }
}

function where(site: FailureSite): string {
  const operator = `Operator "${site.operatorName}" (${site.operatorId})`;
  if (site.record === undefined) return operator;
  const { value, timestamp } = site.record;
  return `${operator}, on record ${summarize(value, 80)} @ ${formatTimestamp(timestamp)},`;
}

function causeMessage(cause: unknown): string {
  try {
    if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  } catch {
    // A Proxy's trap or an Error's getter threw: summarize says what it can.
  }
  return summarize(cause, 200);
}

function describeCause(cause: unknown): NonNullable<FailureReport['cause']> {
  try {
    if (cause instanceof Error) {
      const stack = cause.stack;
      return {
        name: cause.name,
        message: cause.message,
        ...(stack === undefined ? {} : { stack }),
      };
    }
  } catch {
    // As in causeMessage: learner code decides what reading its thrown value does.
  }
  return { name: 'thrown value', message: summarize(cause, 200) };
}

/** True for failures the engine already attributed to an operator: they pass through unchanged. */
export function isOperatorFailure(error: unknown): error is UserFunctionError | JobExecutionError {
  try {
    return error instanceof OperatorFailure;
  } catch {
    // `instanceof` asks a thrown Proxy's prototype trap, which may throw: not ours, then.
    return false;
  }
}
