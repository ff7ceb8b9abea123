/**
 * `npm run bench`: runs every suite in bench/suites and prints medians, throughput, ratios to the
 * baseline and peak heap growth.
 *
 * Each contender is measured in a worker thread of its own, one worker at a time: interleaved in one
 * isolate, the contenders evicted each other's optimized code, and a fast contender's time could
 * vary twentyfold from run to run. Workers keep every figure within this one process and run, so
 * the ratios still compare like with like.
 *
 * One worker's figures still depend on how that worker's code happened to be optimized: the same
 * contender's median moved by half from one run to the next. So each contender is measured in
 * several trials, each in a fresh worker, the contenders taking turns (in reverse order every other
 * trial); a figure is the median over the trials, and the aim line gives the ratio of each trial
 * too, so that a reader sees how far a single measurement can be trusted.
 */
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { MeasureReport, MeasureRequest } from './measure';
import type { BenchSuite } from './suite';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARM_UPS = Math.max(1, Number(process.env.BENCH_WARM_UPS ?? 3));
const TRIALS = Math.max(1, Number(process.env.BENCH_TRIALS ?? 3));
const only = process.argv[2];

interface Measurement {
  readonly name: string;
  /** The median of the trials' medians. */
  readonly medianMs: number;
  /** Each trial's median, in trial order. */
  readonly trialMs: readonly number[];
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
  const names = Object.keys(suite.contenders);
  const trials = new Map<string, MeasureReport[]>(names.map((name) => [name, []]));
  for (let trial = 0; trial < TRIALS; trial++) {
    // Taking turns, so that neither contender always runs first on a machine that warms or tires.
    const order = trial % 2 === 0 ? names : [...names].reverse();
    for (const contender of order) {
      const request = { suiteUrl, contender, warmUps: WARM_UPS, rounds: ROUNDS };
      trials.get(contender)?.push(await measureInWorker(request));
    }
  }
  const expected = trials.get(suite.baseline)?.[0]?.result;
  for (const [name, reports] of trials) {
    if (reports.some((report) => !same(report.result, expected))) {
      throw new Error(`${suite.name}: ${name} computed a different result from ${suite.baseline}`);
    }
  }
  return [...trials].map(([name, reports]) => {
    const trialMs = reports.map((report) => median(report.times));
    return {
      name,
      medianMs: median(trialMs),
      trialMs,
      peakHeapMb: median(reports.map((report) => report.peakHeapMb)),
    };
  });
}

/** The speed of `m` against `base` in each trial: "0.73×, 0.46×, 0.58×". */
function speeds(base: Measurement, m: Measurement): string {
  return m.trialMs.map((ms, i) => `${((base.trialMs[i] ?? NaN) / ms).toFixed(2)}×`).join(', ');
}

function report(suite: BenchSuite, measurements: Measurement[]) {
  const base = measurements.find((m) => m.name === suite.baseline);
  console.log(
    `\n${suite.name}  (${suite.items.toLocaleString('en')} ${suite.itemName}; per trial, the median ` +
      `of ${ROUNDS} after ${WARM_UPS} warm-up${WARM_UPS === 1 ? '' : 's'} in a fresh worker; the ` +
      `median of ${TRIALS} trial${TRIALS === 1 ? '' : 's'}, the contenders taking turns)`,
  );
  console.table(
    measurements.map((m) => ({
      contender: m.name,
      'median ms': m.medianMs.toFixed(1),
      [`M ${suite.itemName}/s`]: (suite.items / m.medianMs / 1e3).toFixed(1),
      [`speed vs ${suite.baseline}`]: base ? (base.medianMs / m.medianMs).toFixed(2) + '×' : '–',
      'trial by trial': base ? speeds(base, m) : '–',
      'heap growth MB': m.peakHeapMb.toFixed(1),
    })),
  );
  const aim = suite.aim;
  const measured = measurements.find((m) => m.name === aim?.contender);
  if (aim !== undefined && base !== undefined && measured !== undefined) {
    const speed = base.medianMs / measured.medianMs;
    const perTrial = speeds(base, measured);
    console.log(
      `aim for ${aim.contender}: ${aim.text} (speed ≥ ${aim.minSpeed.toFixed(2)}×): ` +
        `${speed.toFixed(2)}×, ${speed >= aim.minSpeed ? 'met' : 'NOT met'} ` +
        `(trial by trial: ${perTrial})`,
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
