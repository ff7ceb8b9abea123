import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import {
  GOOD_PROGRAM,
  program,
  runToEnd,
  setCode,
  sinkValues,
  visibleCode,
  waitForRunEnd,
} from './workbench';

const LESSON = '#/learn/what-is-a-stream';

describe('running a pipeline', () => {
  // One tab for the whole describe, as a learner runs one program after another in it; the
  // lesson's starter runs first, before anything was edited.
  const { start } = useBrowser({ shared: true });

  it("runs the lesson's starter and shows what reached its sink", async () => {
    const { page, open } = await start();
    await open(LESSON);
    expect(await runToEnd(page)).toBe('finished');
    // The starter has event time, so its chart opens first.
    await page.getByRole('tab', { name: 'Results' }).click();
    const rows = await sinkValues(page, 'alerts');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toContain('"timestamp": 10000');
    expect(await page.locator('[data-run-status]').innerText()).toMatch(
      /Finished at 900 ms of processing time/,
    );
  });

  it('runs with Ctrl+Enter from the editor', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(page, GOOD_PROGRAM);
    await page.keyboard.press('Control+Enter');
    expect(await waitForRunEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);
  });

  it('shows a syntax error at its line and column, in the banner and in the editor', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      program('const limit: number = ;', "env.fromElements(1, 2).sinkTo(env.collect('x'));"),
    );
    expect(await runToEnd(page)).toBe('failed');
    const banner = page.locator('[data-failure-kind="syntax"]');
    expect(await banner.innerText()).toMatch(/Syntax error — line 3, column 25/);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
  });

  it("points a runtime error in the learner's function at its line, with the operator and record", async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      program(
        'env',
        '  .fromElements({ n: 1 }, { n: 2 }, { n: 3 })',
        '  .map((e) => {',
        "    if (e.n === 2) throw new Error('two is not allowed');",
        '    return e.n;',
        '  })',
        "  .sinkTo(env.collect('out'));",
      ),
    );
    expect(await runToEnd(page)).toBe('failed');
    const banner = await page.locator('[data-failure-kind="runtime"]').innerText();
    expect(banner).toMatch(/line 6, column 28/);
    expect(banner).toContain('two is not allowed');
    expect(banner).toMatch(/on record \{"n":2\}|on record \{ n: 2 \}|"n": ?2/);
    // What the pipeline produced before the failure is still shown.
    expect(await sinkValues(page, 'out')).toEqual(['1']);
  });

  it('shows console output with the line that logged it, and jumps there', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      program(
        'env',
        '  .fromElements(5, 6)',
        "  .map((n) => { console.log('saw', n); return n; })",
        "  .sinkTo(env.collect('out'));",
      ),
    );
    expect(await runToEnd(page)).toBe('finished');
    await page.getByRole('tab', { name: /Console/ }).click();
    const lines = page.locator('ol[aria-label="Console output"] li');
    expect(await lines.allInnerTexts()).toEqual([
      expect.stringMatching(/saw 5\s+@ 0 ms\s*line 5/),
      expect.stringMatching(/saw 6\s+@ 100 ms\s*line 5/),
    ]);
    await lines.first().getByRole('button', { name: 'line 5' }).click();
    expect(await page.locator('.monaco-editor .current-line').count()).toBeGreaterThan(0);
  });

  it('plays at a chosen speed, pauses, steps, and runs on to the end', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    const values = Array.from({ length: 40 }, (_, i) => i).join(', ');
    await setCode(page, program(`env.fromElements(${values}).sinkTo(env.collect('n'));`));
    await page.getByLabel('Speed').selectOption({ label: '2×' });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('[data-run-status="playing"]').waitFor();
    await page.waitForTimeout(600);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-run-status="paused"]').waitFor();
    const rowsAtPause = (await sinkValues(page, 'n')).length;
    // 2× for ~0.6 s of wall time is ~1.2 s of processing time: about a dozen of 40 arrivals.
    expect(rowsAtPause).toBeGreaterThan(2);
    expect(rowsAtPause).toBeLessThan(40);

    // Step moves one engine event: the next element reaches the source, then the sink.
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await step.click();
    await page.locator('p.step[data-step-kind="arrival"]').waitFor();
    await step.click();
    await expect.poll(async () => (await sinkValues(page, 'n')).length).toBe(rowsAtPause + 1);
    expect(await page.locator('p.step').innerText()).toMatch(/arrives at Sink: n$/);

    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'n')).toHaveLength(40);
  });
});

describe("a lesson's check", () => {
  const { start } = useBrowser();

  it('says what to change, passes the solution, and gives the learner their code back', async () => {
    const { page, open } = await start();
    await open(LESSON);
    expect(await runToEnd(page)).toBe('finished');
    const verdict = page.locator('[data-check]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-check')).toBe('fail');
    expect(await verdict.innerText()).toMatch(/Every reading reached the sink: add a \.filter/);

    // The run had event time: its chart took the editor's room, one click gives it back.
    await page.getByRole('button', { name: 'Show editor' }).click();
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page
      .getByRole('dialog', { name: 'Show the solution?' })
      .getByRole('button', { name: 'Show solution' })
      .click();
    expect(await runToEnd(page)).toBe('finished');
    await page.locator('[data-check="pass"]').waitFor();
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await sinkValues(page, 'alerts')).toHaveLength(5);

    // The learner's own code comes back, and runs as it did.
    await page.getByRole('button', { name: 'Show editor' }).click();
    await page.getByRole('button', { name: 'Back to my code' }).click();
    expect(await runToEnd(page)).toBe('finished');
    await page.locator('[data-check="fail"]').waitFor();
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await sinkValues(page, 'alerts')).toHaveLength(10);
  });
});

describe('saving work', () => {
  const { start } = useBrowser();

  it('keeps edits across a reload', async () => {
    const { page, open } = await start();
    await open(LESSON);
    await setCode(page, GOOD_PROGRAM);
    await page.locator('[data-save-state="saved"]').waitFor();
    await page.reload();
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(page)).toContain(".sinkTo(env.collect('good'))");
  });

  it('asks before resetting to the starter, and can undo the reset', async () => {
    const { page, open } = await start();
    await open(LESSON);
    await setCode(page, GOOD_PROGRAM);
    await page.locator('[data-save-state="saved"]').waitFor();

    await page.getByRole('button', { name: 'Reset to starter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset to the starter code?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep my code' }).click();
    expect(await visibleCode(page)).toContain("env.collect('good')");

    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => visibleCode(page)).toContain('fromElements<Reading>(');
    expect(await visibleCode(page)).not.toContain("env.collect('good')");

    await page.getByRole('button', { name: 'Undo reset' }).click();
    await expect.poll(() => visibleCode(page)).toContain("env.collect('good')");
    await page.reload();
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(page)).toContain("env.collect('good')");
  });
});

describe('the editor knows the engine', () => {
  const { start } = useBrowser();

  it("offers the engine's API as completions and flags type errors before running", async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      program("env.fromElements(1, 2).map((n) => n.toUpperCase()).sinkTo(env.collect('x'));"),
    );
    // A number has no toUpperCase: the TypeScript service underlines it, from the engine's types.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });

    await setCode(page, program('env.'));
    // The cursor ends after the pasted text; `env.` is two lines up.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.monaco-editor .suggest-widget .monaco-list-row');
    await suggestions.first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => suggestions.allInnerTexts())
      .toContainEqual(expect.stringContaining('fromElements'));
  });
});
