import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import {
  focusEditor,
  LATE_SCRIPT,
  pipelineWith,
  runToEnd,
  setCode,
  visibleCode,
  waitForRunEnd,
} from './workbench';

/**
 * Issue 10, "a projector cannot show it": at 1280×720 a run with event time opens its chart at a
 * height a room can read, the editor one key or one click away; chart text can be made large.
 */
const FIRST_LESSON = '#/learn/what-is-a-stream';
const shots = process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

const selectedView = (page: Page) =>
  page.getByRole('tablist', { name: 'Run views' }).locator('[aria-selected="true"]').innerText();
/** From the top of the chart's first row to the bottom of its last: one row per key. */
const plotHeight = async (page: Page) => {
  const rows = page.locator('.chart rect.plot');
  const first = await rows.first().boundingBox();
  const last = await rows.last().boundingBox();
  return first && last ? last.y + last.height - first.y : 0;
};
const editorHeight = async (page: Page) =>
  (await page.locator('.editor-host').boundingBox())?.height ?? 0;
/** Lines only the late script has; the editor shows some of them wherever it is scrolled. */
const LATE_LINES = /TestStream|advanceWatermark|collect\('sums'\)/;
/** Lines only the first lesson's starter has, wherever the editor is scrolled. */
const STARTER_LINES = /boiler-|collect\('alerts'\)|fromElements|noWatermarks|interface Reading/;

/**
 * Runs the late-element script and waits for its chart and, in a lesson, for the check's verdict:
 * the banner takes its room above the run, and the heights measured after are the ones that stay.
 */
async function runWithEventTime(page: Page): Promise<void> {
  await setCode(page, LATE_SCRIPT);
  expect(await runToEnd(page)).toBe('finished');
  await page.locator('.chart [data-kind="record"]').first().waitFor();
  if (page.url().includes('#/learn/')) await page.locator('[data-check="fail"]').waitFor();
}

/** After a run with event time: the chart, at least 300 px of plot, and its legend open. */
async function expectChartForARoom(page: Page): Promise<void> {
  expect(await selectedView(page)).toBe('Event time');
  await expect.poll(() => plotHeight(page)).toBeGreaterThanOrEqual(300);
  expect(await page.locator('[data-legend="dropped"]').isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Legend' }).isVisible()).toBe(false);
  expect(await editorHeight(page)).toBeLessThan(1);
}

describe('at 1280×720, on a projector', () => {
  const { start } = useBrowser({ viewport: { width: 1280, height: 720 } });

  it('a lesson run with event time gets the chart its height; Escape and a click bring the editor back as it was', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    await runWithEventTime(page);
    await expectChartForARoom(page);

    // Escape: the editor is back, focused, with the learner's code and its undo history.
    const show = page.getByRole('button', { name: 'Show editor' });
    expect(await show.getAttribute('title')).toMatch(/Escape/);
    await page.keyboard.press('Escape');
    await expect.poll(() => editorHeight(page)).toBeGreaterThan(150);
    expect(await visibleCode(page)).toMatch(LATE_LINES);
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => visibleCode(page)).toMatch(STARTER_LINES);
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect.poll(() => visibleCode(page)).toMatch(LATE_LINES);

    // Ctrl+Enter from the editor: the editor folds again and the keyboard goes to the chart's
    // tab, not to an editor nobody sees.
    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await waitForRunEnd(page)).toBe('finished');
    await expect.poll(() => editorHeight(page)).toBeLessThan(1);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-view')))
      .toBe('Event time');

    // One click.
    await show.click();
    await expect.poll(() => editorHeight(page)).toBeGreaterThan(150);
    expect(await page.getByRole('button', { name: 'Hide editor' }).isVisible()).toBe(true);

    // The fold is for this visit: after a reload the page opens with the editor.
    await page.getByRole('button', { name: 'Hide editor' }).click();
    await expect.poll(() => editorHeight(page)).toBeLessThan(1);
    await page.waitForTimeout(300);
    await page.reload();
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await editorHeight(page)).toBeGreaterThan(150);
  });

  it('the sandbox run opens the chart at its height', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await runToEnd(page)).toBe('finished');
    await expectChartForARoom(page);
  });

  it('a run without event time opens the results and leaves the editor', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    await page.locator('[data-editor-status="ready"]').waitFor();
    // The chart first, from a run with event time; then a program with none.
    await runWithEventTime(page);
    await page.getByRole('button', { name: 'Show editor' }).click();
    await setCode(page, pipelineWith(''));
    expect(await runToEnd(page)).toBe('finished');
    await expect.poll(() => selectedView(page)).toBe('Results');
    expect(await editorHeight(page)).toBeGreaterThan(150);
  });

  it('brings the editor back when a run stops at a line of the code', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(page, pipelineWith('const n: number = ;'));
    await page.getByRole('button', { name: 'Hide editor' }).click();
    await expect.poll(() => editorHeight(page)).toBeLessThan(1);
    expect(await runToEnd(page)).toBe('failed');
    await expect.poll(() => editorHeight(page)).toBeGreaterThan(150);
  });

  it('leaves the tab the learner picks while the run plays', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(page, LATE_SCRIPT);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('[data-run-status="playing"]').waitFor();
    await page.getByRole('tab', { name: 'Lanes' }).click();
    expect(await waitForRunEnd(page)).toBe('finished');
    expect(await selectedView(page)).toBe('Lanes');
    // A result row still leads to its records on the chart.
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByRole('button', { name: 'Show the records behind row 3 of sums' }).click();
    expect(await selectedView(page)).toBe('Event time');
  });

  it('makes chart text large for a room, and remembers it', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await runWithEventTime(page);
    const axisText = page.locator('.chart .axis .tick text').first();
    const fontSize = () => axisText.evaluate((t) => getComputedStyle(t).fontSize);
    expect(await fontSize()).toBe('11px');

    const toggle = page.getByRole('button', { name: 'Large text in the charts' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBe('16px');
    expect(
      await page.locator('[data-legend="dropped"]').evaluate((li) => getComputedStyle(li).fontSize),
    ).toBe('16px');
    await page.locator('.chart [data-fate="dropped"]').hover();
    expect(await page.getByRole('tooltip').evaluate((tip) => getComputedStyle(tip).fontSize)).toBe(
      '16px',
    );

    await page.reload();
    await runWithEventTime(page);
    expect(
      await page
        .getByRole('button', { name: 'Large text in the charts' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await fontSize()).toBe('16px');
    await page.screenshot({ path: `${shots}/layout-1280x720-large-text.png` });
  });

  it('shows marble values and whole operator names in the lanes', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    await runWithEventTime(page);
    await page.getByRole('tab', { name: 'Lanes' }).click();

    const values = await page.locator('[data-kind="marble-value"]').allTextContents();
    expect(values).toContain('["a", 1]');
    expect(values).toContain('["a", 3]');

    const window = page.locator('[data-kind="lane"]').nth(1);
    const name = (await window.locator('title').textContent()) ?? '';
    expect(name).toMatch(/^Window\(TumblingEventTimeWindows/);
    // Whole: the lines put together are the name, and none runs into the marbles.
    const lines = await window.locator('[data-kind="lane-name"] tspan').allTextContents();
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ').replace(/\( /g, '(').replace(/\s+/g, ' ')).toBe(name);
    const nameBox = await window.locator('[data-kind="lane-name"]').boundingBox();
    const track = await page.locator('.lanes .track .hit').boundingBox();
    expect((nameBox?.x ?? 0) + (nameBox?.width ?? 0)).toBeLessThanOrEqual(track?.x ?? 0);

    // A marble with no room for its value still tells it on hover.
    await page.locator('[data-kind="arrival"][data-fate="dropped"]').hover();
    expect(await page.getByRole('tooltip').innerText()).toMatch(/\["a", ?4\]/);
    await page.screenshot({ path: `${shots}/layout-1280x720-lanes.png` });
  });
});

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  describe(`a lesson after Run at ${width}×${height}`, () => {
    const { start } = useBrowser({ viewport: { width, height } });

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`reads in the ${colorScheme} theme`, async () => {
        const { page, open } = await start({ colorScheme });
        await open(FIRST_LESSON);
        await runWithEventTime(page);
        expect(await selectedView(page)).toBe('Event time');
        await expect.poll(() => plotHeight(page)).toBeGreaterThanOrEqual(300);
        expect(await page.locator('[data-legend="dropped"]').isVisible()).toBe(true);
        await page.screenshot({ path: `${shots}/layout-${width}x${height}-${colorScheme}.png` });
      });
    }
  });
}
