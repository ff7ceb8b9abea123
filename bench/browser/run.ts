/**
 * `npm run bench:browser`: the app's speed as a learner feels it, in Chromium on the built site
 * (`npm run build` first). Prints medians next to the aims, and the editor's load time as a ratio
 * to a bare Vite + Monaco page measured in the same run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { setCode } from '../../tests/e2e/workbench';
import { longestMainThreadTask } from './tasks';
import { playWithChart, runToFirstChartFrameMs } from './viz';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/**
 * Time from navigation start to `[data-editor-status="ready"]`, measured in the page, in a fresh
 * context (nothing cached, as on a first visit).
 */
async function editorReadyMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __ready?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-editor-status="ready"]')) {
        w.__ready ??= performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(url);
  await page.locator('[data-editor-status="ready"]').waitFor({ timeout: 30_000 });
  const ms = await page.evaluate(() => (window as unknown as { __ready: number }).__ready);
  await context.close();
  return ms;
}

const windowedProgram = (
  events: number,
) => `import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';
import type { StreamExecutionEnvironment } from 'streamlab';

export default function pipeline(env: StreamExecutionEnvironment) {
  const readings = Array.from({ length: ${events} }, (_, i) => ({ sensor: 's' + (i % 5), ts: i * 100, v: i % 7 }));
  env
    .fromCollection(readings, { arrivalIntervalMs: 100 })
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forBoundedOutOfOrderness<{ sensor: string; ts: number; v: number }>(1000).withTimestampAssigner((r) => r.ts),
    )
    .keyBy((r) => r.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .sum('v')
    .sinkTo(env.collect('sums'));
}
`;

/**
 * From the Run click to the first result on screen, measured in the page: a sink's row, or (as a
 * run with event time opens the chart) the first record drawn on it.
 */
async function runToFirstResultMs(browser: Browser, base: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${base}#/sandbox`);
  await setCode(page, windowedProgram(1000));
  await page.waitForTimeout(500); // let the spare sandbox boot, as it does while a learner reads
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Run',
        );
        const start = performance.now();
        new MutationObserver((_, observer) => {
          if (document.querySelector('section[data-sink] td, .chart [data-kind="record"]')) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        }).observe(document, { subtree: true, childList: true });
        button?.click();
      }),
  );
  await page.close();
  return ms;
}

/** The longest main-thread task while a 100 000-event run plays as fast as possible. */
async function longestTaskWhilePlayingMs(browser: Browser, base: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${base}#/sandbox`);
  await setCode(page, windowedProgram(100_000));
  await page.waitForTimeout(500);
  await page.getByLabel('Speed').selectOption({ label: 'as fast as possible' });
  const longest = await longestMainThreadTask(browser, page, async () => {
    await page.getByRole('button', { name: 'Play' }).click();
    await page
      .locator('[data-run-status="finished"], [data-run-status="failed"]')
      .waitFor({ timeout: 120_000 });
  });
  const status = await page.locator('[data-run-status]').getAttribute('data-run-status');
  if (status !== 'finished') throw new Error(`the 100 000-event run ${status}`);
  await page.close();
  return longest;
}

async function serveBareMonaco(): Promise<PreviewServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'bare-monaco-'));
  const root = new URL('./bare-monaco/', import.meta.url).pathname;
  await build({
    root,
    configFile: false,
    logLevel: 'error',
    base: './',
    build: { outDir, target: 'es2022' },
  });
  return preview({
    root,
    configFile: false,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 4391, host: '127.0.0.1' },
  });
}

const app = await preview({ logLevel: 'error', preview: { port: 4390, host: '127.0.0.1' } });
const bare = await serveBareMonaco();
const appUrl = app.resolvedUrls?.local[0] ?? '';
const bareUrl = bare.resolvedUrls?.local[0] ?? '';
const browser = await chromium.launch({ executablePath, args, headless: true });
try {
  const readyApp: number[] = [];
  const readyBare: number[] = [];
  const firstResult: number[] = [];
  const firstChartFrame: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    readyApp.push(await editorReadyMs(browser, `${appUrl}#/learn/what-is-a-stream`));
    readyBare.push(await editorReadyMs(browser, bareUrl));
    firstResult.push(await runToFirstResultMs(browser, appUrl));
    firstChartFrame.push(await runToFirstChartFrameMs(browser, appUrl));
  }
  const longest: number[] = [];
  for (let i = 0; i < 3; i++) longest.push(await longestTaskWhilePlayingMs(browser, appUrl));
  const play10k = await playWithChart(browser, appUrl, 10, 10);
  const play100k = await playWithChart(browser, appUrl, 50, 20);
  const frames = (p: typeof play10k) =>
    `${p.frames.fps} fps, p95 ${p.frames.p95} ms, longest task ${p.longestTaskMs.toFixed(0)} ms`;
  const rows = [
    {
      measure: 'page load → editor ready (lesson)',
      'median ms': median(readyApp),
      aim: '< 800 ms',
      peer: `bare Vite + Monaco ${median(readyBare).toFixed(0)} ms (×${(median(readyApp) / median(readyBare)).toFixed(2)})`,
    },
    {
      measure: 'Run → first results (1 000 events)',
      'median ms': median(firstResult),
      aim: '< 100 ms',
      peer: '',
    },
    {
      measure: 'longest main-thread task, 100 000 events at full speed',
      'median ms': median(longest),
      aim: '< 50 ms',
      peer: '',
    },
    {
      measure: 'Run → first chart frame (1 000 events)',
      'median ms': median(firstChartFrame),
      aim: '< 100 ms',
      peer: '',
    },
    {
      measure: 'slowest frame, 10 000 records at 25× with the chart',
      'median ms': play10k.frames.max,
      aim: '60 fps',
      peer: frames(play10k),
    },
    {
      measure: 'slowest frame, 100 000 records at 25× with the chart',
      'median ms': play100k.frames.max,
      aim: '< 50 ms',
      peer: frames(play100k),
    },
  ].map((r) => ({ ...r, 'median ms': r['median ms'].toFixed(0) }));
  console.table(rows);
} finally {
  await browser.close();
  await app.close();
  await bare.close();
}
