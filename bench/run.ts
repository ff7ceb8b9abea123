/**
 * `npm run bench`: runs every suite in bench/suites and prints medians, throughput, ratios to the
 * baseline and peak heap growth.
 *
 * Each contender is measured in a worker thread of its own: interleaved in one isolate, the
 * contenders evicted each other's optimized code, and a fast contender's time could vary twentyfold
 * from run to run. Workers keep every figure within this one process and run, so the ratios still
 * compare like with like.
 *
 * The contenders' timed rounds alternate, one round at a time, each worker waiting while another
 * runs: this machine has slow spells lasting seconds (the same round of the same warm worker taking
 * 170 ms, then 300 ms for several rounds, then 170 ms again, with no garbage collection to explain
 * it), and a contender measured all at once could fall in one while the baseline did not.
 * Alternating, both meet the same spells.
 *
 * One worker's figures still depend on how that worker's code happened to be optimized: the same
 * contender's median moved by half from one run to the next. So each contender is measured in
 * several trials, each with fresh workers, warmed up in turns (in reverse order every other
 * trial); a time is the median over the trials, and a speed the median of the trials' speeds: each
 * trial's contenders met the same spells, so a trial's ratio compares like with like, where the
 * ratio of two medians may pair one contender's good trial with another's bad one. The aim line
 * gives each trial's speed too, so that a reader sees how far a single measurement can be trusted.
 */
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { MeasureAsk, MeasureReply, MeasureRequest } from './measure';
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
 * A contender's worker, warm: it answers one ask at a time. The worker loads TypeScript through
 * tsx's API: the `--import tsx` hook of this thread does not reach workers.
 */
class ContenderWorker {
  /** The ask being answered, if any: asks go one at a time. */
  private pending:
    { resolve: (reply: MeasureReply) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly contender: string,
  ) {
    worker.on('message', (reply: MeasureReply) => this.settle()?.resolve(reply));
    worker.on('error', (error: Error) => this.fail(error));
    worker.on('exit', (code) => {
      this.fail(new Error(`the worker measuring ${contender} exited (${code}) mid-measure`));
    });
  }

  /** Starts a fresh worker for `request.contender` and waits until it has warmed up. */
  static async start(
    request: MeasureRequest,
  ): Promise<{ worker: ContenderWorker; result: unknown }> {
    const entry = new URL('./measure.ts', import.meta.url).href;
    const loader = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
    const worker = new ContenderWorker(
      new Worker(loader, { eval: true, workerData: request }),
      request.contender,
    );
    const ready = await worker.reply();
    if (ready.type !== 'ready') throw new Error(`${request.contender}: ${ready.type} before ready`);
    return { worker, result: ready.result };
  }

  async round(): Promise<number> {
    this.worker.postMessage('round' satisfies MeasureAsk);
    const reply = await this.reply();
    if (reply.type !== 'round') throw new Error(`${this.contender}: ${reply.type}, not a round`);
    return reply.ms;
  }

  async heapGrowth(): Promise<number> {
    this.worker.postMessage('heap' satisfies MeasureAsk);
    const reply = await this.reply();
    if (reply.type !== 'heap') throw new Error(`${this.contender}: ${reply.type}, not the heap`);
    return reply.peakHeapMb;
  }

  stop(): void {
    void this.worker.terminate();
  }

  private reply(): Promise<MeasureReply> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) reject(this.failure);
      else this.pending = { resolve, reject };
    });
  }

  /** The ask being answered, now answered. */
  private settle(): ContenderWorker['pending'] {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  /** Fails the ask being answered, if any (a worker stopped after its last answer fails none). */
  private fail(error: Error): void {
    const pending = this.settle();
    if (pending === undefined) return;
    this.failure = error;
    pending.reject(error);
  }
}

interface TrialReport {
  readonly times: number[];
  readonly peakHeapMb: number;
  readonly result: unknown;
}

/**
 * One trial: a fresh, warm worker per contender, then their timed rounds alternating, one round
 * at a time (in reverse order every other round), then each one's heap growth.
 */
async function trial(
  suiteUrl: string,
  order: readonly string[],
): Promise<Map<string, TrialReport>> {
  const workers: ContenderWorker[] = [];
  const results = new Map<string, unknown>();
  try {
    for (const contender of order) {
      const started = await ContenderWorker.start({ suiteUrl, contender, warmUps: WARM_UPS });
      workers.push(started.worker);
      results.set(contender, started.result);
    }
    const times = new Map<string, number[]>(order.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const worker of round % 2 === 0 ? workers : [...workers].reverse()) {
        times.get(worker.contender)?.push(await worker.round());
      }
    }
    const reports = new Map<string, TrialReport>();
    for (const worker of workers) {
      reports.set(worker.contender, {
        times: times.get(worker.contender) ?? [],
        peakHeapMb: await worker.heapGrowth(),
        result: results.get(worker.contender),
      });
    }
    return reports;
  } finally {
    for (const worker of workers) worker.stop();
  }
}

async function measure(suite: BenchSuite, suiteUrl: string): Promise<Measurement[]> {
  const same = suite.sameResult ?? isDeepStrictEqual;
  const names = Object.keys(suite.contenders);
  const trials = new Map<string, TrialReport[]>(names.map((name) => [name, []]));
  for (let t = 0; t < TRIALS; t++) {
    // Taking turns, so that neither contender always warms up first.
    const reports = await trial(suiteUrl, t % 2 === 0 ? names : [...names].reverse());
    for (const [name, report] of reports) trials.get(name)?.push(report);
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

/** The speed of `m` against `base` in each trial. */
function trialSpeeds(base: Measurement, m: Measurement): number[] {
  return m.trialMs.map((ms, i) => (base.trialMs[i] ?? NaN) / ms);
}

/** The speed of `m` against `base`: the median of the trials' speeds. */
function speedOf(base: Measurement, m: Measurement): number {
  return median(trialSpeeds(base, m));
}

/** The speed of `m` against `base` in each trial: "0.73×, 0.46×, 0.58×". */
function speeds(base: Measurement, m: Measurement): string {
  return trialSpeeds(base, m)
    .map((speed) => `${speed.toFixed(2)}×`)
    .join(', ');
}

function report(suite: BenchSuite, measurements: Measurement[]) {
  const base = measurements.find((m) => m.name === suite.baseline);
  console.log(
    `\n${suite.name}  (${suite.items.toLocaleString('en')} ${suite.itemName}; per trial, the median ` +
      `of ${ROUNDS} after ${WARM_UPS} warm-up${WARM_UPS === 1 ? '' : 's'} in a fresh worker, the ` +
      `contenders' rounds alternating; the median of ${TRIALS} trial${TRIALS === 1 ? '' : 's'})`,
  );
  console.table(
    measurements.map((m) => ({
      contender: m.name,
      'median ms': m.medianMs.toFixed(1),
      [`M ${suite.itemName}/s`]: (suite.items / m.medianMs / 1e3).toFixed(1),
      [`speed vs ${suite.baseline}`]: base ? speedOf(base, m).toFixed(2) + '×' : '–',
      'trial by trial': base ? speeds(base, m) : '–',
      'heap growth MB': m.peakHeapMb.toFixed(1),
    })),
  );
  for (const aim of suite.aims ?? []) {
    const measured = measurements.find((m) => m.name === aim.contender);
    if (measured === undefined) continue;
    if ('minPerSecond' in aim) {
      const perSecond = (suite.items / measured.medianMs) * 1e3;
      const perTrial = measured.trialMs.map((ms) => millions((suite.items / ms) * 1e3)).join(', ');
      console.log(
        `aim for ${aim.contender}: ${aim.text} (≥ ${millions(aim.minPerSecond)} ${suite.itemName}/s): ` +
          `${millions(perSecond)}, ${perSecond >= aim.minPerSecond ? 'met' : 'NOT met'} ` +
          `(trial by trial: ${perTrial})`,
      );
      continue;
    }
    const against = measurements.find((m) => m.name === (aim.against ?? suite.baseline));
    if (against === undefined) continue;
    const speed = speedOf(against, measured);
    console.log(
      `aim for ${aim.contender}: ${aim.text} (speed vs ${against.name} ≥ ${aim.minSpeed.toFixed(2)}×): ` +
        `${speed.toFixed(2)}×, ${speed >= aim.minSpeed ? 'met' : 'NOT met'} ` +
        `(trial by trial: ${speeds(against, measured)})`,
    );
  }
}

/** A rate in millions: "0.34 M". */
function millions(perSecond: number): string {
  return `${(perSecond / 1e6).toFixed(2)} M`;
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
