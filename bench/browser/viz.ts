/**
 * How the views keep up with big runs, in Chromium on the built site: frame times while a run
 * plays with the event-time chart open, and the time from Run to the first chart frame.
 */
import type { Browser, Page } from 'playwright-core';
import { longestTask, recordLongTasks, resetLongTasks, setCode } from '../../tests/e2e/workbench';

/** A sensor pipeline of `count` sensors × `perSecond` readings/s for `seconds` of event time. */
export function sensors(count: number, perSecond: number, seconds: number): string {
  return [
    "import { Time, TumblingEventTimeWindows, WatermarkStrategy } from 'streamlab';",
    "import type { SensorReading, StreamExecutionEnvironment } from 'streamlab';",
    '',
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    '  env',
    '    .fromSource(',
    `      env.datasets.sensorReadings({ sensors: ${count}, ratePerSecond: ${perSecond}, durationMs: ${seconds * 1000}, maxDelayMs: 4000 }),`,
    '      WatermarkStrategy.forBoundedOutOfOrderness<SensorReading>(Time.seconds(2)).withTimestampAssigner((r) => r.ts),',
    "      'sensors',",
    '    )',
    '    .keyBy((r) => r.sensor)',
    '    .window(TumblingEventTimeWindows.of(Time.seconds(10)))',
    "    .sum('celsius')",
    "    .sinkTo(env.collect('sums'));",
    '}',
    '',
  ].join('\n');
}

export interface Frames {
  readonly frames: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly fps: number;
}

/**
 * Starts timing animation frames in the page. Given as source text: the benchmark's TypeScript
 * loader wraps named functions in a helper that does not exist in the page.
 */
export async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    requestAnimationFrame(function tick(now) {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    });
  })()`);
}

export async function stopFrames(page: Page): Promise<Frames> {
  const gaps = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = gaps.reduce((a, b) => a + b, 0);
  return {
    frames: gaps.length,
    p50: Math.round(at(0.5) * 10) / 10,
    p95: Math.round(at(0.95) * 10) / 10,
    max: Math.round(at(1) * 10) / 10,
    fps: Math.round((gaps.length / total) * 1000 * 10) / 10,
  };
}

/** From the Run click to the first record drawn on the event-time chart. */
export async function runToFirstChartFrameMs(browser: Browser, base: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${base}#/sandbox`);
  await setCode(page, sensors(10, 1, 100));
  await page.getByRole('tab', { name: 'Event time' }).click();
  await page.waitForTimeout(500); // the spare sandbox boots while a learner reads
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const run = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Run',
        );
        const started = performance.now();
        new MutationObserver((_, observer) => {
          if (!document.querySelector('.chart [data-kind="record"]')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        }).observe(document.body, { childList: true, subtree: true });
        run?.click();
      }),
  );
  await page.close();
  return ms;
}

/** Frame times and the longest main-thread task while a run plays at 25× with the chart open. */
export async function playWithChart(
  browser: Browser,
  base: string,
  sensorsCount: number,
  perSecond: number,
): Promise<{ frames: Frames; longestTaskMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await recordLongTasks(page);
  await page.goto(`${base}#/sandbox`);
  await setCode(page, sensors(sensorsCount, perSecond, 100));
  await page.getByRole('tab', { name: 'Event time' }).click();
  await page.waitForTimeout(500);
  await resetLongTasks(page);
  await startFrames(page);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '25×' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.locator('[data-run-status="finished"]').waitFor({ timeout: 170_000 });
  const frames = await stopFrames(page);
  const longestTaskMs = await longestTask(page);
  await page.close();
  return { frames, longestTaskMs };
}
