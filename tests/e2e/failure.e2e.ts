import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LARGE_DARK, useBrowser } from './browser';
import { setCode, waitForRunEnd } from './workbench';

/**
 * The gallery's exactly-once example without its planned failure, ten seconds long (30 rows per
 * sink, all on the tables' first page): the failure comes from Fail now.
 */
const PROGRAM = readFileSync(
  new URL('../../lessons/sandbox/gallery/13-exactly-once/pipeline.ts', import.meta.url),
  'utf8',
)
  .replace(/ *env\.injectFailure\(Failure\.atProcessingTime\(7_500\)\);\n/, '  void Failure;\n')
  .replace('durationMs: 20_000', 'durationMs: 10_000');

const shots = 'test-results/screenshots';

const rowCount = async (page: Page, sink: string) =>
  Number((await page.locator(`section[data-sink="${sink}"] h3 .count`).innerText()).split(' ')[0]);

/** Steps a few times, presses Fail now, plays to the end; checks what each sink shows. */
async function failAndRecover(page: Page): Promise<void> {
  await setCode(page, PROGRAM);
  for (let n = 1; n <= 4; n++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await page.locator(`p.step[data-step="${n}"]`).waitFor();
  }
  await page.getByRole('button', { name: 'Fail now' }).click();
  const step = page.locator('p.step[data-step-kind="failure"]');
  await step.waitFor();
  // The restart is still to come, so the step cannot yet say when.
  expect(await step.innerText()).toMatch(
    /Failure injected at \d+ ms: the job restarts from the beginning \(no checkpoint has completed\) after its restart delay$/,
  );

  await page.getByLabel('Speed').selectOption({ label: '100×' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  expect(await waitForRunEnd(page)).toBe('finished');

  await page.getByRole('tab', { name: 'Results' }).click();
  const plain = page.locator('section[data-sink="plain"]');
  const transactional = page.locator('section[data-sink="transactional"]');
  await plain.locator('.marks-legend').waitFor();
  const duplicates = await plain.locator('tbody tr.duplicate').count();
  expect(duplicates).toBeGreaterThan(0);
  expect(await plain.locator('tr.duplicate .mark').first().getAttribute('title')).toBe(
    'Written again after the restart from the beginning (no checkpoint had completed): at-least-once.',
  );
  // Every transactional row committed, each once: the rows of a run without the failure.
  const marks = await transactional
    .locator('tbody .mark')
    .evaluateAll((els) => els.map((el) => el.firstChild?.textContent?.trim()));
  expect(marks.length).toBe(30);
  expect(new Set(marks)).toEqual(new Set(['committed']));
  expect(await rowCount(page, 'plain')).toBe(30 + duplicates);
  const values = (sink: string, rows: string) =>
    page.locator(`section[data-sink="${sink}"] tbody ${rows} td.value`).allInnerTexts();
  expect((await values('transactional', 'tr')).sort()).toEqual(
    (await values('plain', 'tr:not(.duplicate)')).sort(),
  );
  // For the screenshot: the plain sink's duplicates and the transactional sink's marks in view.
  await plain.locator('tr.duplicate').last().scrollIntoViewIfNeeded();
}

describe('a failure from the run toolbar', () => {
  const { start } = useBrowser();

  it('restarts the job: duplicates in the plain sink, exactly-once in the transactional one', async () => {
    const { page, open, problems } = await start();
    await open('#/sandbox');
    await failAndRecover(page);
    await page.screenshot({ path: `${shots}/failure-1280x720-light.png` });
    expect(problems).toEqual([]);
  });

  it('reads the same in the dark theme on a large screen', async () => {
    const { page, open, problems } = await start(LARGE_DARK);
    await open('#/sandbox');
    await failAndRecover(page);
    await page.screenshot({ path: `${shots}/failure-1920x1080-dark.png` });
    expect(problems).toEqual([]);
  });
});
