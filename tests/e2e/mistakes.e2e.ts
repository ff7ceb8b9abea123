import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { program, runToEnd, setCode, visibleCode } from './workbench';

describe('errors that point the way', () => {
  const { start } = useBrowser();

  it("marks a run's error as from the last run once the code changes, and drops its marker", async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    // TypeScript is happy with this; only running it fails.
    await setCode(
      page,
      program("env.fromElements('{').map((s) => JSON.parse(s)).sinkTo(env.collect('x'));"),
    );
    expect(await runToEnd(page)).toBe('failed');
    const banner = page.locator('[data-failure-kind="runtime"]');
    expect(await banner.getAttribute('data-stale')).toBe('false');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();

    await page.locator('.monaco-editor .view-lines').click();
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
    const { page, open } = await start();
    await open('#/sandbox');
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
    const { page, open } = await start();
    await open('#/sandbox');
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
    const { page, open } = await start();
    await open('#/sandbox');
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
});
