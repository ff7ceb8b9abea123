/**
 * The rules for parallelism settings, shared by the environment and each operator.
 */
import { PipelineDefinitionError } from '../errors';
import { UPPER_BOUND_MAX_PARALLELISM } from './key-groups';

/**
 * The most subtasks one operator may run as here. Flink allows up to 32768; a simulation drawn on a
 * screen stops far sooner, and 128 is already more than any chart can show apart.
 */
export const MAX_SIMULATED_PARALLELISM = 128;

/** Throws unless `parallelism` is a whole number from 1 to {@link MAX_SIMULATED_PARALLELISM}. */
export function requireParallelism(
  parallelism: unknown,
  call: string,
): asserts parallelism is number {
  if (
    typeof parallelism !== 'number' ||
    !Number.isInteger(parallelism) ||
    parallelism < 1 ||
    parallelism > MAX_SIMULATED_PARALLELISM
  ) {
    throw new PipelineDefinitionError(
      `${call}(...) needs a whole number of subtasks from 1 to ${MAX_SIMULATED_PARALLELISM}, not ` +
        `${String(parallelism)}.`,
    );
  }
}

/** Throws unless `maxParallelism` is a whole number of key groups from 1 to 32768. */
export function requireMaxParallelism(
  maxParallelism: unknown,
  call: string,
): asserts maxParallelism is number {
  if (
    typeof maxParallelism !== 'number' ||
    !Number.isInteger(maxParallelism) ||
    maxParallelism < 1 ||
    maxParallelism > UPPER_BOUND_MAX_PARALLELISM
  ) {
    throw new PipelineDefinitionError(
      `${call}(...) needs a whole number of key groups from 1 to ${UPPER_BOUND_MAX_PARALLELISM}, ` +
        `not ${String(maxParallelism)}.`,
    );
  }
}
