/**
 * Runs a program twice, for the snapshot tests: once without a break, and once cut in two — the
 * first job runs to the cut and takes a snapshot, a fresh job of the same program is restored from
 * it and runs on. What the sinks got is compared: the second run's is what the first job collected
 * before the cut followed by what the restored job collected.
 */
import { StreamExecutionEnvironment } from '../../../src/engine/index';
import type {
  CollectedRecord,
  EnvironmentOptions,
  JobController,
  JobResult,
  Millis,
  PipelineProgram,
} from '../../../src/engine/index';
import type { JobSnapshot } from '../../../src/engine/runtime/snapshot';

/** Where the first job stops: after a number of steps, or at a processing time. */
export type Cut = { readonly steps: number } | { readonly time: Millis };

/** What left the job: collected records, side outputs and printed lines. */
export interface Emitted {
  readonly outputs: Record<string, readonly CollectedRecord[]>;
  readonly sideOutputs: Record<string, readonly CollectedRecord[]>;
  readonly printed: string[];
}

/** Options of both runs; `until` bounds a run with an unbounded source. */
export interface RunOptions extends EnvironmentOptions {
  readonly until?: Millis;
}

export function stepwise(program: PipelineProgram, options: RunOptions = {}): JobController {
  const env = StreamExecutionEnvironment.create(options);
  program(env);
  return env.executeStepwise();
}

/** A fresh job of the program, restored from `snapshot`. */
export function restored(
  program: PipelineProgram,
  snapshot: JobSnapshot,
  options: RunOptions = {},
): JobController {
  const env = StreamExecutionEnvironment.create(options);
  program(env);
  return env.executeStepwiseFrom(snapshot);
}

/** Runs the job to the cut. */
export function runTo(job: JobController, cut: Cut): void {
  if ('time' in cut) job.advanceTo(cut.time);
  else for (let i = 0; i < cut.steps && job.step() !== undefined; i++);
}

export function emitted(result: JobResult): Emitted {
  return {
    outputs: { ...result.outputs },
    sideOutputs: { ...result.sideOutputs },
    printed: [...result.printed],
  };
}

/** The program's output, run without a break. */
export function uninterrupted(program: PipelineProgram, options: RunOptions = {}): Emitted {
  const job = stepwise(program, options);
  return emitted(job.runToEnd(options.until === undefined ? {} : { until: options.until }));
}

/** The program's output, cut at `cut` and restored into a fresh job from a snapshot. */
export function withRestart(
  program: PipelineProgram,
  cut: Cut,
  options: RunOptions = {},
): Emitted & { readonly snapshot: JobSnapshot } {
  const first = stepwise(program, options);
  runTo(first, cut);
  const snapshot = first.snapshot();
  const before = emitted(first.result());
  const second = restored(program, snapshot, options);
  const after = emitted(
    second.runToEnd(options.until === undefined ? {} : { until: options.until }),
  );
  return { ...concat(before, after), snapshot };
}

/** What two jobs emitted, one after the other. */
export function concat(first: Emitted, second: Emitted): Emitted {
  const join = (
    a: Record<string, readonly CollectedRecord[]>,
    b: Record<string, readonly CollectedRecord[]>,
  ) => {
    const all: Record<string, readonly CollectedRecord[]> = {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      all[name] = [...(a[name] ?? []), ...(b[name] ?? [])];
    }
    return all;
  };
  return {
    outputs: join(first.outputs, second.outputs),
    sideOutputs: join(first.sideOutputs, second.sideOutputs),
    printed: [...first.printed, ...second.printed],
  };
}
