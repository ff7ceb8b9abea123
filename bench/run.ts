/**
 * `npm run bench`: runs every suite in bench/suites and prints medians, throughput, ratios to the
 * baseline and peak heap growth.
 *
 * Each contender is measured in a worker thread of its own, one worker at a time: interleaved in one
 * isolate, the contenders evicted each other's optimized code, and a fast contender's time could
 * vary twentyfold from run to run. Workers keep every figure within this one process and run, so
 * the ratios still compare like with like.
 */
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { MeasureReport, MeasureRequest } from './measure';
import type { BenchSuite } from './suite';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARM_UPS = Math.max(1, Number(process.env.BENCH_WARM_UPS ?? 3));
const only = process.argv[2];

interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly peakHeapMb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Measures one contender in a fresh worker. The worker loads TypeScript through tsx's API: the
 * `--import tsx` hook of this thread does not reach workers.
 */
function measureInWorker(request: MeasureRequest): Promise<MeasureReport> {
  const entry = new URL('./measure.ts', import.meta.url).href;
  const loader = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(loader, { eval: true, workerData: request });
    worker.once('message', (report: MeasureReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(
        new Error(`the worker measuring ${request.contender} exited (${code}) without a report`),
      );
    });
  });
}

async function measure(suite: BenchSuite, suiteUrl: string): Promise<Measurement[]> {
  const same = suite.sameResult ?? isDeepStrictEqual;
  const reports = new Map<string, MeasureReport>();
  for (const contender of Object.keys(suite.contenders)) {
    const request = { suiteUrl, contender, warmUps: WARM_UPS, rounds: ROUNDS };
    reports.set(contender, await measureInWorker(request));
  }
  const expected = reports.get(suite.baseline)?.result;
  for (const [name, report] of reports) {
    if (!same(report.result, expected)) {
      throw new Error(`${suite.name}: ${name} computed a different result from ${suite.baseline}`);
    }
  }
  return [...reports].map(([name, report]) => ({
    name,
    medianMs: median(report.times),
    peakHeapMb: report.peakHeapMb,
  }));
}

function report(suite: BenchSuite, measurements: Measurement[]) {
  const base = measurements.find((m) => m.name === suite.baseline);
  console.log(
    `\n${suite.name}  (${suite.items.toLocaleString('en')} ${suite.itemName}, median of ${ROUNDS} ` +
      `after ${WARM_UPS} warm-up${WARM_UPS === 1 ? '' : 's'}, each contender in its own worker)`,
  );
  console.table(
    measurements.map((m) => ({
      contender: m.name,
      'median ms': m.medianMs.toFixed(1),
      [`M ${suite.itemName}/s`]: (suite.items / m.medianMs / 1e3).toFixed(1),
      [`speed vs ${suite.baseline}`]: base ? (base.medianMs / m.medianMs).toFixed(2) + '×' : '–',
      'heap growth MB': m.peakHeapMb.toFixed(1),
    })),
  );
  const aim = suite.aim;
  const measured = measurements.find((m) => m.name === aim?.contender);
  if (aim !== undefined && base !== undefined && measured !== undefined) {
    const speed = base.medianMs / measured.medianMs;
    console.log(
      `aim for ${aim.contender}: ${aim.text} (speed ≥ ${aim.minSpeed.toFixed(2)}×): ` +
        `${speed.toFixed(2)}×, ${speed >= aim.minSpeed ? 'met' : 'NOT met'}`,
    );
  }
}

const dir = new URL('./suites/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && (!only || f.includes(only)))
  .sort();
if (files.length === 0) {
  console.log('No benchmark suites in bench/suites yet.');
}
for (const file of files) {
  const suiteUrl = new URL(file, dir).href;
  const module = (await import(suiteUrl)) as { default: BenchSuite };
  report(module.default, await measure(module.default, suiteUrl));
}
if (!(globalThis as { gc?: unknown }).gc) {
  console.log('\n(heap figures are rougher without --expose-gc; `npm run bench` passes it)');
}
