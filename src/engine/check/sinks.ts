/** Whether the run has the sink a check reads. */
import type { CheckInput } from './check-input';

/**
 * What is wrong when the run has no collect sink named `sink`, naming the sinks it did have; or
 * `undefined` when it has one (even an empty one).
 *
 * @example
 * ```ts
 * const problem = sinkProblem(run, 'alerts');
 * if (problem !== undefined) return { pass: false, message: problem };
 * ```
 */
export function sinkProblem(run: CheckInput, sink: string): string | undefined {
  if (run.sinks[sink] !== undefined) return undefined;
  const names = Object.keys(run.sinks);
  const found =
    names.length === 0 ? 'no sinks at all' : `only ${names.map((n) => `'${n}'`).join(', ')}`;
  return `Expected a sink named '${sink}', but the run had ${found}. Keep .sinkTo(env.collect('${sink}')) as the starter has it.`;
}
