/**
 * One contender's rounds, run inside a worker of its own (see run.ts): the isolate holds no other
 * contender's code, so V8 cannot trade this contender's optimized code or heap for another's
 * between rounds, and the figures reflect only the contender itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BenchSuite } from './suite';

/** What run.ts asks a worker to measure. */
export interface MeasureRequest {
  readonly suiteUrl: string;
  readonly contender: string;
  /** Rounds run first and not timed, so the JIT has settled before timing starts. */
  readonly warmUps: number;
  readonly rounds: number;
}

/** What a worker sends back. */
export interface MeasureReport {
  readonly times: number[];
  /** How much the heap grew during one round that began on a collected heap, in MB. */
  readonly peakHeapMb: number;
  /** The answer of the first run, for run.ts to compare across contenders. */
  readonly result: unknown;
}

function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Warm-ups, then timed rounds back to back, then one more round on a collected heap to measure its
 * growth. Timed rounds do not force a collection first: a forced full collection shrinks the young
 * generation, so a contender that allocates would pay to grow it again in every round, which no
 * real run does; each round instead pays for collecting its own garbage, as it would in a program.
 */
async function measure(request: MeasureRequest): Promise<MeasureReport> {
  const suite = ((await import(request.suiteUrl)) as { default: BenchSuite }).default;
  const run = suite.contenders[request.contender];
  if (run === undefined) throw new Error(`${suite.name} has no contender "${request.contender}"`);
  const result = run();
  for (let i = 1; i < request.warmUps; i++) run();
  const times: number[] = [];
  for (let round = 0; round < request.rounds; round++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  run();
  const peakHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  return { times, peakHeapMb, result };
}

parentPort?.postMessage(await measure(workerData as MeasureRequest));
