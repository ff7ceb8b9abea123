import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LARGE_DARK, useBrowser } from './browser';
import { runToEnd, setCode } from './workbench';

/** The gallery's parallel example: two subtasks of each operator, keyed by sensor. */
const PROGRAM = readFileSync(
  new URL('../../lessons/sandbox/gallery/14-parallel-subtasks/pipeline.ts', import.meta.url),
  'utf8',
);

const shots = 'test-results/screenshots';

/** Runs the example; checks the graph's subtasks and the window's watermarks by subtask. */
async function runInParallel(page: Page): Promise<void> {
  await setCode(page, PROGRAM);
  expect(await runToEnd(page)).toBe('finished');

  await page.getByRole('tab', { name: 'Graph' }).click();
  const nodes = page.locator('[data-kind="operator"]');
  await nodes.first().waitFor();
  expect(await nodes.evaluateAll((els) => els.map((el) => el.dataset.parallelism))).toEqual([
    '2',
    '2',
    '2',
    '2',
  ]);
  expect(
    await page.locator('.edge-label').evaluateAll((els) => els.map((el) => el.textContent)),
  ).toEqual(['keyBy']);
  await page.getByRole('button', { name: /^readings per 10 s: .*, 2 parallel subtasks$/ }).click();

  await page.getByRole('tab', { name: 'Event time' }).click();
  const list = page.getByRole('list', { name: 'Watermarks of readings per 10 s by subtask' });
  await list.waitFor();
  const subtasks = list.locator('li');
  expect(await subtasks.count()).toBe(2);
  // At the end of the input every watermark has reached the end of time.
  expect(await subtasks.evaluateAll((els) => els.map((el) => el.dataset.watermark))).toEqual([
    String(Number.MAX_SAFE_INTEGER),
    String(Number.MAX_SAFE_INTEGER),
  ]);
  // Earlier, one subtask is the lowest, and each lists both subtasks before it as its inputs.
  const slider = page.getByRole('slider', { name: 'Processing time shown' });
  const last = Number(await slider.getAttribute('max'));
  await slider.fill(String(Math.round(last / 3)));
  await expect.poll(() => list.locator('li.lowest').count()).toBeGreaterThan(0);
  expect(await subtasks.first().locator('.channel').allInnerTexts()).toEqual([
    expect.stringMatching(/^one reading \(1\/2\): /),
    expect.stringMatching(/^one reading \(2\/2\): /),
  ]);

  // The State tab says which subtask holds each sensor: the one owning its key group, as in Flink.
  await page.getByRole('tab', { name: 'State' }).click();
  const keys = page.locator('tr[data-kind="key-state"] th');
  await keys.first().waitFor();
  const held = await keys.evaluateAll((els) =>
    els.map((el) => [el.closest('tr')?.dataset.key, el.dataset.subtask]),
  );
  const owner: Record<string, string> = {
    'sensor-1': '0',
    'sensor-2': '1',
    'sensor-3': '0',
    'sensor-4': '1',
  };
  expect(held.length).toBeGreaterThan(0);
  for (const [key, subtask] of held) expect(subtask).toBe(owner[key as string]);
  await page.getByRole('tab', { name: 'Event time' }).click();
}

describe('a job in parallel', () => {
  const { start } = useBrowser();

  it('shows its subtasks in the graph and each subtask’s watermark under the chart', async () => {
    const { page, open, problems } = await start();
    await open('#/sandbox');
    await runInParallel(page);
    await page.screenshot({ path: `${shots}/parallel-1280x720-light.png` });
    expect(problems).toEqual([]);
  });

  it('reads the same in the dark theme on a large screen', async () => {
    const { page, open, problems } = await start(LARGE_DARK);
    await open('#/sandbox');
    await runInParallel(page);
    await page.screenshot({ path: `${shots}/parallel-1920x1080-dark.png` });
    expect(problems).toEqual([]);
  });
});
