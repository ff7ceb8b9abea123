import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { GOOD_PROGRAM, runToEnd, setCode, sinkValues, visibleCode } from './workbench';

describe("the learner's sandboxes", () => {
  const { start } = useBrowser();

  it('are named, renamed, duplicated, deleted with undo, and keep their code', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const first = page.url();

    // Rename in place, from the bar above the editor.
    await page.getByRole('button', { name: 'Sandbox 1' }).click();
    await page.getByRole('textbox', { name: 'Sandbox name' }).fill('Late data');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Late data' }).waitFor();
    expect(await page.title()).toBe('Late data · Sandbox · Streamlab');

    await setCode(page, GOOD_PROGRAM);
    await page.locator('[data-save-state="saved"]').waitFor();
    expect(await runToEnd(page)).toBe('finished');

    // A duplicate opens as a sandbox of its own, with the code as it is now.
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('button', { name: 'Late data (copy)' }).waitFor();
    expect(page.url()).not.toBe(first);
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(page)).toContain('fromElements(10, 20, 30)');

    // The list: both, the newest first; delete one, then undo.
    await page.getByRole('link', { name: 'All sandboxes' }).click();
    const items = page.getByRole('list', { name: 'Your sandboxes' }).locator('li a.name');
    await expect.poll(() => items.allInnerTexts()).toEqual(['Late data (copy)', 'Late data']);
    await page.getByRole('button', { name: 'Delete Late data', exact: true }).click();
    await page.getByText('Deleted “Late data”.').waitFor();
    // The row leaves the list with its outro, so wait for it to be gone.
    await expect.poll(() => items.allInnerTexts()).toEqual(['Late data (copy)']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => items.allInnerTexts()).toEqual(['Late data (copy)', 'Late data']);

    // Rename from the list, then open the restored one: its code and its run are back.
    await page.getByRole('button', { name: 'Rename Late data (copy)' }).click();
    await page.getByRole('textbox', { name: 'New name for Late data (copy)' }).fill('Experiment');
    await page.keyboard.press('Enter');
    await expect.poll(() => items.allInnerTexts()).toEqual(['Experiment', 'Late data']);
    await page.getByRole('link', { name: 'Late data', exact: true }).click();
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(page)).toContain('fromElements(10, 20, 30)');
    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);

    // A new blank one starts from the sandbox's starter, and #/sandbox reopens the last one.
    await page.getByRole('link', { name: 'All sandboxes' }).click();
    await page.getByRole('button', { name: 'New blank sandbox' }).click();
    await page.getByRole('button', { name: 'Sandbox 1' }).waitFor();
    await page.locator('[data-editor-status="ready"]').waitFor();
    await expect.poll(() => visibleCode(page)).toContain('sensorReadings');
    const blank = page.url();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(page.url()).toBe(blank);
  });

  it('runs with the seed the sandbox shows, the same run for the same seed', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const seed = page.getByRole('textbox', { name: 'Seed' });
    expect(await seed.inputValue()).toBe('1');
    expect(await runToEnd(page)).toBe('finished');
    // A run with event time opens on its chart: the sums are under Results.
    const results = page.getByRole('tab', { name: 'Results' });
    await results.click();
    const withOne = await sinkValues(page, 'per-sensor sums');
    expect(withOne.length).toBeGreaterThan(0);

    await seed.fill('42');
    await seed.press('Enter');
    expect(await runToEnd(page)).toBe('finished');
    await results.click();
    const withFortyTwo = await sinkValues(page, 'per-sensor sums');
    expect(withFortyTwo).not.toEqual(withOne);

    // The seed is the sandbox's: kept over a reload, and the run is the same run again.
    await page.reload();
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await page.getByRole('textbox', { name: 'Seed' }).inputValue()).toBe('42');
    expect(await runToEnd(page)).toBe('finished');
    await results.click();
    expect(await sinkValues(page, 'per-sensor sums')).toEqual(withFortyTwo);

    await seed.fill('one');
    await page.getByText('The seed is a whole number.').waitFor();
  });

  it('opens a gallery example as a sandbox of its own, with its data', async () => {
    const { page, open } = await start();
    await open('#/sandboxes');
    await page.getByRole('button', { name: 'Open What if this event comes late?' }).click();
    await page.getByRole('button', { name: 'What if this event comes late?' }).waitFor();
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(page.url()).toMatch(/#\/sandbox\/[a-z0-9]{12}$/);
    await page.getByRole('tab', { name: /readings\.csv/ }).waitFor();
    expect(await runToEnd(page)).toBe('finished');
    await page.getByRole('tab', { name: 'Results' }).click();
    expect((await sinkValues(page, 'readings per 5 s')).length).toBeGreaterThan(0);

    await open('#/sandboxes');
    const items = page.getByRole('list', { name: 'Your sandboxes' }).locator('li a.name');
    await expect.poll(() => items.allInnerTexts()).toContain('What if this event comes late?');
  });
});
