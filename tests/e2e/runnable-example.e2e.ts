import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { visibleCode } from './workbench';

/** A ` ```ts runnable ` block: the prose's own program, run where it stands. */
describe('a runnable example in a lesson', () => {
  const { start } = useBrowser();

  it('runs on its own, shows its sink and chart, and leaves the editor alone', async () => {
    const { page, open } = await start();
    await open('#/learn/session-windows');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const before = await visibleCode(page);

    const example = page.getByRole('figure', { name: 'Example 1' });
    await example.scrollIntoViewIfNeeded();
    expect(await example.locator('pre code').innerText()).toContain('EventTimeSessionWindows');
    await example.getByRole('button', { name: 'Run this example' }).click();
    await page.locator('figure.runnable[data-runnable-status="finished"]').waitFor();

    // The late click merged ana's two sessions into one of five clicks.
    const rows = example.locator('section[data-sink="sessions"] td.value');
    expect(await rows.allInnerTexts()).toEqual(['{"user": "ana", "ts": 0, "clicks": 5}']);
    expect(await example.locator('.chart [data-kind="record"]').count()).toBe(5);
    await page.screenshot({ path: 'test-results/screenshots/runnable-example.png' });

    // The learner's code and results are not the example's.
    expect(await visibleCode(page)).toBe(before);
    expect(await page.locator('section[data-sink="sessions"]').count()).toBe(1);
    expect(await page.locator('[data-run-status="finished"]').count()).toBe(0);
    await example.getByRole('button', { name: 'Run again' }).waitFor();
  });

  it('shows only tables for a program without event time', async () => {
    const { page, open } = await start();
    await open('#/learn/map-filter-flatmap');
    const example = page.getByRole('figure', { name: 'Example 1' });
    await example.getByRole('button', { name: 'Run this example' }).click();
    await page.locator('figure.runnable[data-runnable-status="finished"]').waitFor();
    expect(await example.locator('section[data-sink="map"] td.value').count()).toBe(2);
    expect(await example.locator('section[data-sink="flatMap"] td.value').count()).toBe(9);
    expect(await example.locator('.chart').count()).toBe(0);
  });
});
