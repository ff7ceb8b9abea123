import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { lateScript, setCode } from './workbench';

/**
 * Keyed tumbling windows of 5 s: a at 1 s and b at 3 s arrive at 0, a at 6 s at 600 ms, when the
 * watermark jumps to 5 s (firing both [0 s, 5 s) panes); then a at 2 s arrives at 700 ms, behind
 * the watermark with no allowed lateness: dropped. The worker's coarse step brings the watermark,
 * both firings and the late record's arrival at once; Step tells them one by one.
 */
const SCRIPT = lateScript(600, 100);

const WINDOW = 'Window(TumblingEventTimeWindows(5000), EventTimeTrigger(), sum(1))';

const caption = (page: Page) => page.locator('p.step[role="status"]');

/** Presses `button` and waits for step `n` to be shown; returns its caption. */
async function press(page: Page, button: 'Step' | 'Step back', n: number): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator(`p.step[data-step="${n}"]`).waitFor();
  return caption(page).innerText();
}

describe('stepping through a run', () => {
  const { start } = useBrowser();

  it('gives the watermark, each firing and the late record a step of their own', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(page, SCRIPT);

    const captions: string[] = [];
    for (let n = 1; n <= 13; n++) captions.push(await press(page, 'Step', n));
    expect(captions).toEqual([
      'Step 1 · 0 ms · ["a", 1] (event time 1 s) arrives at Source: script',
      `Step 2 · 0 ms · ["a", 1] (event time 1 s) arrives at ${WINDOW}`,
      'Step 3 · 0 ms · ["b", 2] (event time 3 s) arrives at Source: script',
      `Step 4 · 0 ms · ["b", 2] (event time 3 s) arrives at ${WINDOW}`,
      'Step 5 · 600 ms · ["a", 3] (event time 6 s) arrives at Source: script',
      `Step 6 · 600 ms · ["a", 3] (event time 6 s) arrives at ${WINDOW}`,
      'Step 7 · 600 ms · Watermark at Source: script reaches 5 s',
      `Step 8 · 600 ms · Watermark at ${WINDOW} reaches 5 s`,
      'Step 9 · 600 ms · Window [0 ms, 5 s) for key a fires with [1] = 1',
      'Step 10 · 600 ms · Window [0 ms, 5 s) for key b fires with [1] = 2',
      'Step 11 · 600 ms · Watermark at Sink: sums reaches 5 s',
      'Step 12 · 700 ms · ["a", 4] (event time 2 s) arrives at Source: script',
      `Step 13 · 700 ms · ["a", 4] (event time 2 s) arrives at ${WINDOW} 3 s behind the watermark 5 s: dropped`,
    ]);
    expect(await caption(page).getAttribute('aria-live')).toBe('polite');

    // Back to the first firing: the status says its own time, and the results hold its row only.
    for (let n = 12; n >= 9; n--) await press(page, 'Step back', n);
    expect(await page.locator('[data-run-status]').innerText()).toBe('Paused at 600 ms');
    await page.screenshot({ path: 'test-results/screenshots/step-firing.png' });
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await page.locator('section[data-sink="sums"] td.value').allInnerTexts()).toEqual([
      '["a",1]',
    ]);

    // Forward again through steps already known: the run is not asked for more.
    expect(await press(page, 'Step', 10)).toBe(
      'Step 10 · 600 ms · Window [0 ms, 5 s) for key b fires with [1] = 2',
    );

    // The keyboard steps too, while the run panel has the focus.
    await page.getByRole('button', { name: 'Step back', exact: true }).focus();
    await page.keyboard.press(',');
    await page.locator('p.step[data-step="9"]').waitFor();
    await page.keyboard.press('.');
    await page.locator('p.step[data-step="10"]').waitFor();

    // Step back is disabled at the first step.
    for (let n = 9; n >= 1; n--) await press(page, 'Step back', n);
    expect(await page.getByRole('button', { name: 'Step back', exact: true }).isDisabled()).toBe(
      true,
    );

    // Play goes on with the run, and the views follow it again.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('[data-run-status="finished"]').waitFor();
    expect(await caption(page).getAttribute('data-step')).toBeNull();
    expect(await page.locator('section[data-sink="sums"] td.value').count()).toBe(3);
  });
});
