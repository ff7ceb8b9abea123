/**
 * One contender's rounds, run inside a worker of its own (see run.ts): the isolate holds no other
 * contender's code, so V8 cannot trade this contender's optimized code or heap for another's
 * between rounds, and the figures reflect only the contender itself.
 *
 * The worker warms up when it starts, then runs one timed round each time run.ts asks, so that
 * run.ts can alternate the contenders' rounds (see there), and last one round on a collected heap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BenchSuite } from './suite';

/** What run.ts asks a worker to measure. */
export interface MeasureRequest {
  readonly suiteUrl: string;
  readonly contender: string;
  /** Rounds run first and not timed, so the JIT has settled before timing starts. */
  readonly warmUps: number;
}

/** What the worker says once warm: the answer of its first run, for run.ts to compare. */
export interface Ready {
  readonly type: 'ready';
  readonly result: unknown;
}

/** One timed round. */
export interface Round {
  readonly type: 'round';
  readonly ms: number;
}

/** How much the heap grew during one round that began on a collected heap, in MB. */
export interface HeapGrowth {
  readonly type: 'heap';
  readonly peakHeapMb: number;
}

export type MeasureReply = Ready | Round | HeapGrowth;

/** What run.ts asks of a warm worker. */
export type MeasureAsk = 'round' | 'heap';

function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Warm-ups, then a timed round whenever asked, then, last, one round on a collected heap to measure
 * its growth. Timed rounds do not force a collection first: a forced full collection shrinks the
 * young generation, so a contender that allocates would pay to grow it again in every round, which
 * no real run does; each round instead pays for collecting its own garbage, as it would in a program.
 */
async function serve(request: MeasureRequest): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('measure.ts runs in a worker that run.ts starts');
  const suite = ((await import(request.suiteUrl)) as { default: BenchSuite }).default;
  const run = suite.contenders[request.contender];
  if (run === undefined) throw new Error(`${suite.name} has no contender "${request.contender}"`);
  const result = run();
  for (let i = 1; i < request.warmUps; i++) run();
  port.on('message', (ask: MeasureAsk) => {
    if (ask === 'round') {
      const start = process.hrtime.bigint();
      run();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      port.postMessage({ type: 'round', ms } satisfies Round);
      return;
    }
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    run();
    const peakHeapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    port.postMessage({ type: 'heap', peakHeapMb } satisfies HeapGrowth);
  });
  port.postMessage({ type: 'ready', result } satisfies Ready);
}

await serve(workerData as MeasureRequest);
