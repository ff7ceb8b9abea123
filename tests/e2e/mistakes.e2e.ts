import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import type { Page } from 'playwright-core';
import {
  focusEditor,
  GOOD_PROGRAM,
  longestTask,
  program,
  recordLongTasks,
  resetLongTasks,
  runToEnd,
  setCode,
  sinkValues,
  visibleCode,
} from './workbench';

/** Runs `code`, then checks the page stayed responsive, kept the code, and runs a plain program. */
async function runMistake(page: Page, code: string): Promise<string> {
  await setCode(page, code);
  await page.locator('[data-save-state="saved"]').waitFor();
  await resetLongTasks(page);
  const status = await runToEnd(page);
  expect(await longestTask(page)).toBeLessThan(200);
  return status;
}

async function thenAPlainProgramRuns(page: Page, mistake: string): Promise<void> {
  await page.reload();
  await page.locator('[data-editor-status="ready"]').waitFor();
  expect(await visibleCode(page)).toContain(mistake);
  await setCode(page, GOOD_PROGRAM);
  expect(await runToEnd(page)).toBe('finished');
  expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);
}

/**
 * The messages of the markers drawn on editor line `line` (1-based), read from the hover that
 * pointing at its squiggle opens: TypeScript may mark the same place, so a squiggle alone cannot
 * tell whose marker it is. A short program is drawn whole, so lines are the text lines by `top`.
 */
async function markerMessagesAt(page: Page, line: number): Promise<string> {
  await page.locator('.monaco-editor .view-overlays .squiggly-error').first().waitFor();
  const tops = await page
    .locator('.monaco-editor .view-lines .view-line')
    .evaluateAll((els) => els.map((el) => parseFloat((el as HTMLElement).style.top)));
  const top = [...tops].sort((a, b) => a - b)[line - 1];
  const squiggles = page.locator('.monaco-editor .view-overlays .squiggly-error');
  const onLine = await squiggles.evaluateAll(
    (els, want) =>
      els.findIndex((el) => parseFloat((el.parentElement as HTMLElement).style.top) === want),
    top,
  );
  if (onLine < 0) return '';
  const box = await squiggles.nth(onLine).boundingBox();
  if (!box) return '';
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)').last();
  await hover.waitFor();
  return hover.innerText();
}

describe('errors that point the way', () => {
  // One tab for every case, as a learner who makes one mistake after another: the page must not
  // carry one mistake's message or marker into the next run.
  const { start } = useBrowser({ shared: true });

  /** The sandbox, in the file's one tab, with its main-thread tasks recorded from the first load. */
  async function openSandbox(): Promise<Page> {
    const { page, open } = await start();
    if (page.url() === 'about:blank') await recordLongTasks(page);
    await open('#/sandbox');
    return page;
  }

  it("marks a run's error as from the last run once the code changes, and drops its marker", async () => {
    const page = await openSandbox();
    // TypeScript is happy with this; only running it fails.
    await setCode(
      page,
      program("env.fromElements('{').map((s) => JSON.parse(s)).sinkTo(env.collect('x'));"),
    );
    expect(await runToEnd(page)).toBe('failed');
    const banner = page.locator('[data-failure-kind="runtime"]');
    expect(await banner.getAttribute('data-stale')).toBe('false');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();

    await focusEditor(page);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('// edited');
    await expect.poll(() => banner.getAttribute('data-stale')).toBe('true');
    expect(await banner.innerText()).toMatch(/From the last run: the code has changed since/);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBe(0);

    // The next run is judged afresh.
    expect(await runToEnd(page)).toBe('failed');
    expect(await banner.getAttribute('data-stale')).toBe('false');
  });

  it('says the run failed and where, not that a sink is missing, when the code does not build', async () => {
    const page = await openSandbox();
    await setCode(
      page,
      program('const limit: number = ;', "env.fromElements(1).sinkTo(env.collect('x'));"),
    );
    expect(await runToEnd(page)).toBe('failed');
    const results = page.locator('section.output');
    expect(await results.innerText()).toMatch(
      /The run stopped before anything reached a sink: the code has a syntax error at line 3/,
    );
    expect(await results.innerText()).not.toMatch(/No sink yet/);
  });

  it('names the import a streamlab export needs when the code uses it without one', async () => {
    const page = await openSandbox();
    await setCode(
      page,
      program(
        'env.fromElements(1, 2, 3)',
        '  .keyBy((n) => n % 2)',
        '  .window(TumblingEventTimeWindows.of(Time.seconds(5)))',
        '  .reduce((a, b) => a + b)',
        "  .sinkTo(env.collect('sums'));",
      ),
    );
    expect(await runToEnd(page)).toBe('failed');
    const banner = page.locator('[data-failure-kind]');
    expect(await banner.innerText()).toMatch(
      /`TumblingEventTimeWindows` comes from 'streamlab': add it to the import/,
    );
    expect(await banner.innerText()).toMatch(/line 5/);
  });

  it('names the type errors the editor marks when a run ends, one click from the line', async () => {
    const page = await openSandbox();
    await setCode(
      page,
      program(
        'env.fromElements({ celsius: 81 }, { celsius: 79 })',
        '  .filter((r) => r.celcius > 80)',
        "  .sinkTo(env.collect('hot'));",
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '// the end',
      ),
    );
    expect(await runToEnd(page)).toBe('finished');
    // The note follows the editor's squiggles, which TypeScript draws in its own time.
    const note = page.locator('[data-type-errors]');
    await expect.poll(() => note.getAttribute('data-type-errors')).toBe('1');
    expect(await note.innerText()).toMatch(/a type error.*line 4.*celcius/s);
    expect(await visibleCode(page)).not.toContain('r.celcius');
    await note.getByRole('button', { name: 'line 4' }).click();
    await expect.poll(() => visibleCode(page)).toContain('r.celcius');
  });

  it('puts syntax only the loop-guard parser refuses at its line, with a marker', async () => {
    const page = await openSandbox();
    const mistake = 'const total = 2;';
    const status = await runMistake(
      page,
      program('const total = 1;', mistake, "env.fromElements(total).sinkTo(env.collect('x'));"),
    );
    expect(status).toBe('failed');
    const banner = page.locator('[data-failure-kind="syntax"]');
    expect(await banner.innerText()).toMatch(/line 4, column 9/);
    expect(await banner.innerText()).toMatch(/Identifier 'total' has already been declared/);
    await expect
      .poll(() => markerMessagesAt(page, 4), { timeout: 10_000 })
      .toMatch(/Identifier 'total' has already been declared/);
    await thenAPlainProgramRuns(page, mistake);
  });

  it('shows a cyclic record with [Circular] and finishes the run', async () => {
    const page = await openSandbox();
    const mistake = 'parent.children.push({ name: "child", parent });';
    const status = await runMistake(
      page,
      program(
        "const parent: any = { name: 'parent', children: [] };",
        mistake,
        "env.fromElements(1).map(() => parent).sinkTo(env.collect('tree'));",
      ),
    );
    expect(status).toBe('finished');
    expect((await sinkValues(page, 'tree')).join('')).toMatch(/child.*\[Circular\]/s);
    await thenAPlainProgramRuns(page, mistake);
  });

  it('says operator functions must be synchronous when a map is async', async () => {
    const page = await openSandbox();
    const mistake = '.map(async (n) => n + 1)';
    const status = await runMistake(
      page,
      program('env.fromElements(1, 2)', `  ${mistake}`, "  .sinkTo(env.collect('out'));"),
    );
    expect(status).toBe('failed');
    const banner = page.locator('[data-failure-kind="runtime"]');
    expect(await banner.innerText()).toMatch(
      /returned a Promise: operator functions must be synchronous/,
    );
    expect(await banner.innerText()).toMatch(/Operator Map/);
    await thenAPlainProgramRuns(page, mistake);
  });
});
