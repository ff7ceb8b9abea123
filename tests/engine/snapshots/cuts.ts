/**
 * Checks that a program, cut anywhere, snapshotted and restored into a fresh job, emits exactly
 * what it emits without a break.
 */
import { expect } from 'vitest';
import type { PipelineProgram } from '../../../src/engine/index';
import type { JobSnapshot } from '../../../src/engine/runtime/snapshot';
import type { Cut, RunOptions } from './restart';
import { stepwise, uninterrupted, withRestart } from './restart';

/** How many steps the program's job takes to its end. */
export function stepsOf(program: PipelineProgram, options: RunOptions = {}): number {
  const job = stepwise(program, options);
  let steps = 0;
  while (job.step() !== undefined) steps++;
  return steps;
}

/**
 * Cuts the program after every `every`-th step (and at the given processing times), and expects
 * each run with a restart to emit what the run without one emits. Returns the snapshots taken, by
 * cut, for further checks.
 */
export function expectRestoresAtEveryCut(
  program: PipelineProgram,
  options: RunOptions & { readonly every?: number; readonly times?: readonly number[] } = {},
): Map<string, JobSnapshot> {
  const expected = uninterrupted(program, options);
  const total = options.until === undefined ? stepsOf(program, options) : 40;
  const every = options.every ?? Math.max(1, Math.floor(total / 25));
  const cuts: Cut[] = [];
  for (let steps = 0; steps <= total + 1; steps += every) cuts.push({ steps });
  for (const time of options.times ?? []) cuts.push({ time });
  const snapshots = new Map<string, JobSnapshot>();
  for (const cut of cuts) {
    const { snapshot, ...got } = withRestart(program, cut, options);
    expect(got, `cut at ${JSON.stringify(cut)}`).toEqual(expected);
    snapshots.set(JSON.stringify(cut), snapshot);
  }
  return snapshots;
}
