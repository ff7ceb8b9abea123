import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LARGE_DARK, useBrowser } from './browser';
import { setCode, waitForRunEnd } from './workbench';

/**
 * The gallery's exactly-once example, ten seconds long, with its planned failure at 7.5 s: half a
 * second after checkpoint 7, so the restart goes back to it.
 */
const PROGRAM = readFileSync(
  new URL('../../lessons/sandbox/gallery/13-exactly-once/pipeline.ts', import.meta.url),
  'utf8',
).replace('durationMs: 20_000', 'durationMs: 10_000');

const shots = 'test-results/screenshots';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();

/**
 * Steps into the run, arms a failure on "count per sensor" from the graph, and plays the run to
 * its end: the armed failure comes on that operator's next record, the planned one at 7.5 s.
 */
async function failOnNextRecord(page: Page): Promise<void> {
  await setCode(page, PROGRAM);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.locator('p.step[data-step="1"]').waitFor();
  await tab(page, 'Graph');
  const pill = page.getByRole('button', {
    name: 'Fail count per sensor on the next record it receives',
  });
  // Sources receive no records: only the operators after them can be failed this way.
  expect(await page.locator('[data-kind="fail-next"]').count()).toBe(4);
  await pill.click();
  await page
    .getByRole('button', { name: 'count per sensor fails on the next record it receives' })
    .waitFor();
  expect(await page.locator('p.armed-note').innerText()).toBe(
    'count per sensor will fail on the next record it receives: Step or Play to see it happen',
  );
  await page.screenshot({ path: `${shots}/checkpoint-fail-next-1280x720-light.png` });
  await page.getByLabel('Speed').selectOption({ label: '100×' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  expect(await waitForRunEnd(page)).toBe('finished');
  // The failure came: nothing is armed any more.
  expect(await page.locator('p.armed-note').innerText()).toBe('');
}

/**
 * The timeline: checkpoints completed, both failures, each restart as a rewind. Returns the time
 * of the checkpoint the second restart went back to.
 */
async function checkTimeline(page: Page): Promise<number> {
  await tab(page, 'Checkpoints');
  const timeline = page.locator('.timeline');
  expect(Number(await timeline.getAttribute('data-completed'))).toBeGreaterThanOrEqual(9);
  expect(await page.locator('[data-kind="failure"]').count()).toBe(2);
  const restarts = page.locator('[data-kind="restart"]');
  expect(await restarts.count()).toBe(2);
  // count per sensor's next record came at 1.05 s, just after checkpoint 1.
  expect(await restarts.nth(0).getAttribute('data-checkpoint')).toBe('1');
  const failures = page.locator('[data-kind="failure"]');
  expect(await failures.nth(0).getAttribute('aria-label')).toBe(
    'Injected failure in count per sensor at 1.05 s',
  );
  // The planned failure at 7.5 s goes back to the latest checkpoint before it: the restart at
  // 1.55 s set the checkpoints' pace anew, so that one was taken at 6.55 s.
  const second = await restarts.nth(1).getAttribute('data-checkpoint');
  const from = Number(await restarts.nth(1).getAttribute('data-from'));
  expect(from).toBeGreaterThan(6_500);
  expect(from).toBeLessThan(7_500);
  expect(await restarts.nth(1).locator('text').textContent()).toBe(
    `restarted from checkpoint ${second}, at ${from / 1000} s`,
  );
  // Focus a checkpoint: the line under the chart gives its size per operator.
  await page.locator(`[data-kind="checkpoint"][data-checkpoint="${second}"]`).focus();
  expect(await page.locator('.detail-title').innerText()).toMatch(
    /^Checkpoint \d+: completed at [\d.]+ s, [\d.]+ k?B of state; \d+ rows committed to Sink: transactional$/,
  );
  expect(await page.locator('.detail .part').allInnerTexts()).toEqual(
    expect.arrayContaining([expect.stringMatching(/^count per sensor [\d.]+ k?B$/)]),
  );
  return from;
}

/** The event-time chart marks the failure at 7.5 s and the span replayed, from `from` to it. */
async function checkEventTime(page: Page, from: number): Promise<void> {
  await tab(page, 'Event time');
  const replayed = page.locator(`[data-kind="replayed-span"][data-from="${from}"]`);
  await replayed.waitFor();
  expect(await replayed.getAttribute('data-to')).toBe('7500');
  expect(await page.locator('.failed-label').allTextContents()).toContainEqual(
    expect.stringMatching(
      /^job failed at 7\.5 s · restarted from checkpoint \d+, at [\d.]+ s: the shaded span below was processed again$/,
    ),
  );
}

/** Choosing checkpoint 3 shows its barrier in the graph; Step moves it on an operator. */
async function followBarrier(page: Page): Promise<void> {
  await tab(page, 'Checkpoints');
  await page.locator('[data-kind="checkpoint"][data-checkpoint="3"] .bar').click();
  const view = page.locator('#run-view[data-view="Graph"]');
  await view.waitFor();
  const step = page.locator('p.step[data-step-kind="barrier"]');
  expect(await step.innerText()).toMatch(/Checkpoint 3 begins at Source: sensors/);
  expect(await page.locator('.barrier-summary').innerText()).toMatch(
    /^Checkpoint 3 in progress: its barrier has crossed 0 of 4 edges; 1 of 5 operators snapshotted$/,
  );
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.locator('.barrier-summary', { hasText: 'crossed 1 of 4 edges' }).waitFor();
  expect(await step.innerText()).toMatch(
    /Checkpoint 3’s barrier reaches one reading: it snapshots its state \([\d.]+ k?B\) and passes the barrier on/,
  );
  expect(await page.locator('[data-kind="barrier"]').count()).toBe(1);
  expect(await page.locator('[data-kind="operator"][data-barrier="snapshot"]').count()).toBe(2);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.locator('.barrier-summary', { hasText: 'crossed 2 of 4 edges' }).waitFor();
}

describe('the checkpoint views', () => {
  const { start } = useBrowser();

  it('show checkpoints, failures and rewinds, a barrier in the graph, and fail on a record', async () => {
    const { page, open, problems } = await start();
    await open('#/sandbox');
    page.setDefaultTimeout(8000);
    await failOnNextRecord(page);
    const from = await checkTimeline(page);
    await page.screenshot({ path: `${shots}/checkpoint-timeline-1280x720-light.png` });
    await checkEventTime(page, from);
    await page.screenshot({ path: `${shots}/checkpoint-event-time-1280x720-light.png` });
    await followBarrier(page);
    await page.screenshot({ path: `${shots}/checkpoint-barrier-1280x720-light.png` });
    expect(problems).toEqual([]);
  });

  it('read the same in the dark theme on a large screen', async () => {
    const { page, open, problems } = await start(LARGE_DARK);
    page.setDefaultTimeout(8000);
    await open('#/sandbox');
    await setCode(page, PROGRAM);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await waitForRunEnd(page)).toBe('finished');
    await tab(page, 'Checkpoints');
    await page.locator('[data-kind="checkpoint"][data-checkpoint="7"]').focus();
    await page.screenshot({ path: `${shots}/checkpoint-timeline-1920x1080-dark.png` });
    await checkEventTime(page, 7_000);
    await page.screenshot({ path: `${shots}/checkpoint-event-time-1920x1080-dark.png` });
    await followBarrier(page);
    await page.screenshot({ path: `${shots}/checkpoint-barrier-1920x1080-dark.png` });
    expect(problems).toEqual([]);
  });
});
