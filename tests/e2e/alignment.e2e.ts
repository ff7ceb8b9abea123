import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LARGE_DARK, useBrowser } from './browser';
import { runToEnd, setCode, sinkValues } from './workbench';

/**
 * The gallery's barrier-alignment example: the watch's input 300 ms in flight, a crash at 5.6 s.
 * Aligned, the total is 160; switched to at-least-once as the example suggests, it is more.
 */
const PROGRAM = readFileSync(
  new URL('../../lessons/sandbox/gallery/15-barrier-alignment/pipeline.ts', import.meta.url),
  'utf8',
);
const UNALIGNED = PROGRAM.replace(
  'setCheckpointingMode(CheckpointingMode.EXACTLY_ONCE)',
  'setCheckpointingMode(CheckpointingMode.AT_LEAST_ONCE)',
);

const shots = 'test-results/screenshots';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();

/** The last total the transactional sink committed (the table lists the newest first). */
async function lastTotal(page: Page): Promise<string> {
  await tab(page, 'Results');
  await page.locator('section[data-sink="total"] td.value').first().waitFor();
  const values = await sinkValues(page, 'total');
  return values[0] ?? '';
}

/**
 * Runs `code`; checks the delayed edge in the graph, checkpoint 2's alignment on the timeline,
 * and its last barrier's step. Returns the last committed total.
 */
async function runAndFollow(page: Page, code: string, held: RegExp, name: string): Promise<string> {
  await setCode(page, code);
  expect(await runToEnd(page)).toBe('finished');
  const total = await lastTotal(page);

  await tab(page, 'Graph');
  await page.locator('.edge-label', { hasText: '300 ms in flight' }).waitFor();

  await tab(page, 'Checkpoints');
  const second = page.locator('[data-kind="checkpoint"][data-checkpoint="2"]');
  expect(await second.getAttribute('aria-label')).toMatch(
    /^Checkpoint 2: completed from 2 s to 2\.3 s, /,
  );
  await second.focus();
  expect(await page.locator('.detail .note').innerText()).toMatch(held);

  // Follow its barrier: Step until the count has it on both inputs.
  await second.locator('.bar').click();
  await page.locator('#run-view[data-view="Graph"]').waitFor();
  const step = page.locator('p.step[data-step-kind="barrier"]');
  await step.waitFor();
  // On the way, the watch's barrier is on the delayed edge while the count waits for it.
  let flying = false;
  for (let i = 0; i < 40; i++) {
    const text = await page.locator('p.step').innerText();
    if (/Checkpoint 2’s barrier reaches total steps on input 2 of 2/.test(text)) break;
    if (!flying && (await page.locator('[data-kind="barrier-in-flight"]').count()) === 1) {
      flying = true;
      expect(await page.locator('.barrier-summary').innerText()).toMatch(/\(1 in flight\)/);
      expect(await page.locator('[data-kind="operator"].aligning').count()).toBe(1);
      await page.screenshot({ path: `${shots}/alignment-in-flight-${name}.png` });
    }
    await page.getByRole('button', { name: 'Step', exact: true }).click();
  }
  expect(flying).toBe(true);
  expect(await step.innerText()).toMatch(
    /· Checkpoint 2’s barrier reaches total steps on input 2 of 2, the last of its inputs to get it: it snapshots its state/,
  );
  return total;
}

describe('barrier alignment', () => {
  const { start } = useBrowser();

  it('holds records back when aligned, and lets them into the snapshot when not', async () => {
    const { page, open, problems } = await start();
    await open('#/sandbox');
    page.setDefaultTimeout(8000);
    const aligned = await runAndFollow(
      page,
      PROGRAM,
      /^total steps waited 300 ms for its last barrier, holding back 3 records .*\(exactly-once\)$/,
      '1280x720-light',
    );
    expect(aligned).toMatch(/"steps": 160\b/);
    expect(await page.locator('p.step').innerText()).toMatch(
      /Then it processes the 3 records held back for 300 ms/,
    );
    await page.screenshot({ path: `${shots}/alignment-barrier-1280x720-light.png` });

    // Following a barrier puts the run in front of the editor: back to the sandbox to edit.
    await open('#/sandbox');
    const unaligned = await runAndFollow(
      page,
      UNALIGNED,
      /^total steps waited 300 ms for its last barrier, letting 3 records into its snapshot .*\(at-least-once\)$/,
      'unaligned-1280x720-light',
    );
    // Checkpoint 5's snapshot had counted 3 of the phone's records the restart read again.
    expect(unaligned).toMatch(/"steps": 163\b/);
    expect(problems).toEqual([]);
  });

  it('reads the same in the dark theme on a large screen', async () => {
    const { page, open, problems } = await start(LARGE_DARK);
    page.setDefaultTimeout(8000);
    await open('#/sandbox');
    await setCode(page, PROGRAM);
    expect(await runToEnd(page)).toBe('finished');
    await tab(page, 'Checkpoints');
    await page.locator('[data-kind="checkpoint"][data-checkpoint="2"]').focus();
    await page.screenshot({ path: `${shots}/alignment-timeline-1920x1080-dark.png` });
    expect(problems).toEqual([]);
  });
});
