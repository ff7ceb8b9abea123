/** The options that bound a run, shared by `run` and `check`, and how they are read. */
import { UsageError } from './io';

export const LIMIT_OPTIONS = {
  'time-limit': { type: 'string' },
  'max-memory': { type: 'string' },
} as const;

/** A whole run's wall-clock limit: generous, since the page's 2 s per call still applies. */
const DEFAULT_TIME_LIMIT_S = 60;
/** A run's heap: far more than any lesson needs, far less than a machine has. */
const DEFAULT_MEMORY_MB = 1024;

export interface Limits {
  readonly timeLimitMs: number;
  readonly memoryMb: number;
}

export function readLimits(values: {
  'time-limit'?: string | undefined;
  'max-memory'?: string | undefined;
}): Limits {
  const seconds = positive(values['time-limit'], '--time-limit', DEFAULT_TIME_LIMIT_S);
  return {
    timeLimitMs: seconds * 1000,
    memoryMb: positive(values['max-memory'], '--max-memory', DEFAULT_MEMORY_MB),
  };
}

/** A positive number option, or its default when absent. */
export function positive(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${option} takes a positive number, not "${text}".`);
  }
  return value;
}

/** A whole number option (zero and negative allowed), or undefined when absent. */
export function integer(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || text.trim() === '') {
    throw new UsageError(`${option} takes a whole number, not "${text}".`);
  }
  return value;
}
