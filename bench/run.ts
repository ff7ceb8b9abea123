/**
 * `npm run bench`: runs every suite in bench/suites, several rounds with the contenders
 * interleaved, and prints medians, throughput, ratios to the baseline and peak heap growth.
 */
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { BenchSuite } from './suite';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
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

function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(suite: BenchSuite): Measurement[] {
  const names = Object.keys(suite.contenders);
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  const peaks = new Map<string, number>(names.map((n) => [n, 0]));
  const results = new Map<string, unknown>();
  const same = suite.sameResult ?? isDeepStrictEqual;

  // A warm-up round lets the JIT settle and gives each contender's answer to compare.
  for (const name of names) results.set(name, suite.contenders[name]?.());
  const expected = results.get(suite.baseline);
  for (const [name, result] of results) {
    if (!same(result, expected)) {
      throw new Error(`${suite.name}: ${name} computed a different result from ${suite.baseline}`);
    }
  }

  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so no contender always runs on a warm or cold heap.
    const order = names.map((_, i) => names[(i + round) % names.length] ?? '');
    for (const name of order) {
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const start = process.hrtime.bigint();
      suite.contenders[name]?.();
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      const grown = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      times.get(name)?.push(elapsed);
      peaks.set(name, Math.max(peaks.get(name) ?? 0, grown));
    }
  }
  return names.map((name) => ({
    name,
    medianMs: median(times.get(name) ?? []),
    peakHeapMb: peaks.get(name) ?? 0,
  }));
}

function report(suite: BenchSuite, measurements: Measurement[]) {
  const base = measurements.find((m) => m.name === suite.baseline);
  console.log(
    `\n${suite.name}  (${suite.items.toLocaleString('en')} ${suite.itemName}, median of ${ROUNDS})`,
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
}

const dir = new URL('./suites/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && (!only || f.includes(only)))
  .sort();
if (files.length === 0) {
  console.log('No benchmark suites in bench/suites yet.');
}
for (const file of files) {
  const module = (await import(new URL(file, dir).href)) as { default: BenchSuite };
  report(module.default, measure(module.default));
}
if (!(globalThis as { gc?: unknown }).gc) {
  console.log('\n(heap figures are rougher without --expose-gc; `npm run bench` passes it)');
}
