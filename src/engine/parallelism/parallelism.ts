/**
 * The rules for parallelism settings, shared by the environment and each operator.
 */
import type { LogicalNode } from '../api/graph';
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

/**
 * Why a node can only run as one subtask, as in Flink: a non-parallel source, or a window over the
 * whole stream (`windowAll`), which every record must reach. `undefined` when it can run in
 * parallel.
 */
export function nonParallel(node: LogicalNode): string | undefined {
  const { spec } = node;
  if (spec.kind === 'source' && spec.source.parallel !== true) {
    return (
      'is a non-parallel source, which runs as one subtask. To read in parallel, use a source ' +
      'with partitions (a topic, a dataset or a generator with { partitions: n })'
    );
  }
  if (spec.kind === 'window' && node.keySelectors[0] === undefined) {
    return (
      'windows the whole stream (windowAll), so every record must reach one subtask. To window ' +
      'in parallel, keyBy first and use window(...)'
    );
  }
  return undefined;
}
