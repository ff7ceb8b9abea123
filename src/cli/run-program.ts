/**
 * Runs one learner's program to its end in a fresh sandbox thread, the way the page's Run button
 * does (src/ui/run/run-store.svelte.ts): load, then advance slice by slice with every call on a
 * deadline; at the end, what a lesson's check would see of the run.
 */
import type { JobGraph } from 'streamlab';
import {
  checkAdvanceResult,
  checkCheckInput,
  checkLoadResult,
  checkRunUpdate,
  MalformedReply,
} from '../runtime/replies';
import type {
  Advance,
  ConsoleEntry,
  RunFailure,
  RunUpdate,
  SentSkippedRow,
} from '../runtime/worker/api';
import { NodeSandbox, SandboxStopped } from './node-sandbox';
import { sandboxFailure } from './sandbox-failure';

/** How long one call to the thread works before it reports back (the page's slice). */
const SLICE_MS = 25;
/** With `until`: the first step of virtual time, grown while steps are quick. */
const FIRST_TIME_STEP_MS = 100;

export interface ProgramRequest {
  /** The learner's files by name; `entry` is the one whose default export builds the pipeline. */
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  readonly seed?: number;
  /** Stop at this processing time (for sources that never end). */
  readonly until?: number;
  /** Keep where each result came from: a lesson's check needs it, as on the page. */
  readonly provenance: boolean;
  readonly trace: 'full' | 'counters';
  /** The thread's heap limit, in MB. */
  readonly memoryMb: number;
  /** The whole run's wall-clock limit, in ms (each call also has the page's 2 s budget). */
  readonly timeLimitMs: number;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface RunProgress {
  readonly processingTime: number;
  /** Records the sources have read so far. */
  readonly recordsRead: number;
  readonly elapsedMs: number;
}

/** A failure as the page reports it, or the command line's own limit on a whole run. */
export type ProgramFailure = Omit<RunFailure, 'kind'> & {
  readonly kind: RunFailure['kind'] | 'time-limit';
};

/**
 * What the run printed along the way (print sinks and the learner's console) and the rows its text
 * sources skipped: the first hundred listed, all counted.
 */
export interface RunLog {
  readonly printed: string[];
  readonly console: ConsoleEntry[];
  readonly skipped: { readonly rows: SentSkippedRow[]; total: number };
  processingTime: number;
}

export type ProgramOutcome =
  /** `input`: the run's results as a lesson's check receives them (JSON of `CheckInput`). */
  | { readonly ok: true; readonly input: Uint8Array; readonly log: RunLog }
  | { readonly ok: false; readonly failure: ProgramFailure; readonly log: RunLog };

const decoder = new TextDecoder();

export async function runProgram(request: ProgramRequest): Promise<ProgramOutcome> {
  const started = performance.now();
  const log: RunLog = {
    printed: [],
    console: [],
    skipped: { rows: [], total: 0 },
    processingTime: 0,
  };
  let sandbox: NodeSandbox | undefined;
  try {
    sandbox = await NodeSandbox.start({ memoryMb: request.memoryMb });
    const loaded = await sandbox.call(
      (api) =>
        api.load({
          files: request.files,
          entry: request.entry,
          seed: request.seed ?? 1,
          trace: request.trace,
          provenance: request.provenance,
        }),
      checkLoadResult,
    );
    apply(log, loaded.update);
    if (!loaded.ok) return { ok: false, failure: loaded.failure, log };
    const sources = sourceIds(loaded.graph);
    let timeStep = FIRST_TIME_STEP_MS;
    for (;;) {
      const advance = nextAdvance(request.until, log.processingTime, timeStep);
      const sliceStarted = performance.now();
      const result = await sandbox.call(
        (api) => api.advance({ advance, sliceMs: SLICE_MS }),
        checkAdvanceResult,
      );
      const update = apply(log, result.update);
      if (result.failure) return { ok: false, failure: result.failure, log };
      timeStep = nextTimeStep(timeStep, performance.now() - sliceStarted);
      const elapsedMs = performance.now() - started;
      request.onProgress?.({
        processingTime: log.processingTime,
        recordsRead: recordsRead(update, sources),
        elapsedMs,
      });
      const reachedUntil = request.until !== undefined && log.processingTime >= request.until;
      if (result.done || reachedUntil) break;
      if (elapsedMs > request.timeLimitMs) {
        return { ok: false, failure: timeLimitFailure(request, log.processingTime), log };
      }
    }
    const input = await sandbox.call((api) => api.checkInput(), checkCheckInput);
    if (!(input instanceof Uint8Array)) {
      return { ok: false, failure: { kind: 'internal', message: input.error }, log };
    }
    return { ok: true, input, log };
  } catch (error) {
    if (error instanceof SandboxStopped || error instanceof MalformedReply) {
      return { ok: false, failure: sandboxFailure(error, request.entry), log };
    }
    throw error;
  } finally {
    await sandbox?.dispose();
  }
}

/** To the end, or with `until`, one step of virtual time further (never past `until`). */
function nextAdvance(until: number | undefined, now: number, step: number): Advance {
  if (until === undefined) return { kind: 'end' };
  return { kind: 'time', to: Math.min(until, now + step) };
}

/**
 * Steps of virtual time hold any number of records, so their size follows how long the last one
 * took: doubled while quick, cut when one came near the page's budget for a call.
 */
function nextTimeStep(step: number, tookMs: number): number {
  if (tookMs < SLICE_MS) return step * 2;
  if (tookMs > 8 * SLICE_MS) return Math.max(1, Math.floor(step / 4));
  return step;
}

/** Adds an update's printed lines, console entries and skipped rows to the log; returns it. */
function apply(log: RunLog, bytes: Uint8Array): RunUpdate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(bytes));
  } catch {
    throw new MalformedReply('an update that is not JSON');
  }
  const update = checkRunUpdate(parsed);
  // One at a time: a spread of a long list would overflow the call stack.
  for (const line of update.printed) log.printed.push(line);
  for (const entry of update.console) log.console.push(entry);
  for (const row of update.skipped.rows) log.skipped.rows.push(row);
  log.skipped.total = update.skipped.total;
  log.processingTime = update.processingTime;
  return update;
}

function sourceIds(graph: JobGraph): string[] {
  return graph.operators.filter((o) => o.kind === 'source').map((o) => o.id);
}

function recordsRead(update: RunUpdate, sources: readonly string[]): number {
  let read = 0;
  for (const id of sources) read += update.metrics.operators[id]?.recordsOut ?? 0;
  return read;
}

function timeLimitFailure(request: ProgramRequest, processingTime: number): ProgramFailure {
  const seconds = request.timeLimitMs / 1000;
  return {
    kind: 'time-limit',
    file: request.entry,
    message: `The run did not end within ${seconds} s (it reached processing time ${processingTime} ms), so it was stopped. A source that never ends needs a stop: run it with --until <ms>.`,
  };
}
