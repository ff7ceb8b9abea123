import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';

/** A concept lesson's figure: sliders over a small pipeline's chart, run again as they move. */
describe('an interactive figure', () => {
  const { start } = useBrowser();

  it('runs its pipeline, and again with what a slider says', async () => {
    const { page, open } = await start();
    await open('#/learn/event-time-and-processing-time');
    const figure = page.locator('figure.interactive');
    await page.locator('figure.interactive[data-figure-status="finished"]').waitFor();
    const summary = figure.locator('[data-figure-summary]');
    // A delay of up to 1 s with no bound: readings overtaken by newer ones are dropped.
    await expect
      .poll(() => summary.innerText())
      .toMatch(/windows fired; late records: \d+ dropped/);
    expect(await figure.locator('.chart [data-kind="record"]').count()).toBeGreaterThan(0);
    // In prose the legend waits behind its button, leaving the chart room for a row per sensor.
    const legend = figure.getByRole('button', { name: 'Legend' });
    expect(await legend.getAttribute('aria-expanded')).toBe('false');
    expect(await figure.locator('.legend-box').isVisible()).toBe(false);
    await figure.getByText('key sensor-2').first().waitFor();
    await legend.click();
    expect(await figure.locator('.legend-box').isVisible()).toBe(true);
    await legend.click();

    // A bound as large as the delay drops nothing.
    await figure.locator('input[data-param="bound"]').fill('1000');
    await expect.poll(() => summary.innerText()).toMatch(/no record was late/);
    expect(await figure.locator('output').nth(1).innerText()).toBe('1000 ms');
    await page.screenshot({ path: 'test-results/screenshots/figure-1280x720.png' });
  });
});
