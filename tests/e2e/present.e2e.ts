import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';

const shots = 'test-results/screenshots';

describe('presenting a run', () => {
  const { start } = useBrowser();

  it('fills the screen in large type, steps with a clicker, and points with a laser', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    await page.getByRole('button', { name: 'Present' }).click();
    const panel = page.locator('section.output.presenting');
    await panel.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.fullscreenElement?.tagName))
      .toBe('SECTION');
    // The charts' type is the projector's size.
    expect(
      await panel.evaluate((el) => getComputedStyle(el).getPropertyValue('--chart-font').trim()),
    ).toBe('16px');

    // A clicker's Page Down steps the run one event at a time; Page Up steps back.
    const step = page.locator('p.step');
    await page.keyboard.press('PageDown');
    // The first step starts the run: its sandbox is made and the program compiled first.
    await expect.poll(() => step.getAttribute('data-step'), { timeout: 10_000 }).toBe('1');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => step.getAttribute('data-step')).toBe('3');
    await page.keyboard.press('PageUp');
    await expect.poll(() => step.getAttribute('data-step')).toBe('2');

    // The laser follows the pointer over the run.
    const box = await panel.boundingBox();
    if (!box) throw new Error('no panel');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 10, { steps: 4 });
    await page.locator('.laser .dot.head').waitFor();
    await page.screenshot({ path: `${shots}/present-1280x720-light.png` });

    // End runs to the end; Escape (or leaving full screen) stops presenting.
    await page.keyboard.press('End');
    await page.locator('[data-run-status="finished"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('section.output.presenting').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--chart-font').trim(),
      ),
    ).toBe('11px');
    await page.getByRole('button', { name: 'Present' }).waitFor();
  });

  it("shows a lesson's text beside the run, or the run alone", async () => {
    const { page, open } = await start();
    await open('#/learn/what-is-a-stream');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const title = await page.locator('#lesson-title').innerText();
    await page.getByRole('button', { name: 'Present' }).click();
    const panel = page.locator('section.output.presenting');
    await panel.waitFor();

    // Hidden at first: the run alone. T (or the button) puts the text beside it, scrolled on its own.
    const aside = panel.getByRole('complementary', { name: 'Lesson text' });
    expect(await aside.count()).toBe(0);
    await page.keyboard.press('t');
    await aside.getByRole('heading', { level: 1, name: title }).waitFor();
    const [asideBox, runBox] = await Promise.all([
      aside.boundingBox(),
      panel.locator('.run-column').boundingBox(),
    ]);
    if (!asideBox || !runBox) throw new Error('nothing laid out');
    expect(asideBox.x + asideBox.width).toBeLessThanOrEqual(runBox.x + 1);
    expect(runBox.width).toBeGreaterThan(asideBox.width);
    // The page's own text is still there, under the full screen: one element per id.
    expect(await page.locator('#lesson-title').count()).toBe(1);

    // The clicker still steps the run while the text is shown. The first step starts the run's
    // sandbox, which takes seconds on a loaded machine (as in the case above).
    await page.keyboard.press('PageDown');
    await expect
      .poll(() => page.locator('p.step').getAttribute('data-step'), { timeout: 15_000 })
      .toBe('1');
    await page.screenshot({ path: `${shots}/present-lesson-1280x720-light.png` });

    await page.getByRole('button', { name: 'Hide lesson text' }).click();
    await aside.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });
});
