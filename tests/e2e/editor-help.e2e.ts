import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './browser';
import { focusEditor, setCode, visibleCode } from './workbench';

const program = (imports: string[], ...body: string[]) =>
  [
    ...imports,
    '',
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    ...body.map((line) => `  ${line}`),
    '}',
    '',
  ].join('\n');

/** TypeScript's worker reads the engine's declarations before its first answer. */
const WORKER = { timeout: 15_000 };

const TYPE_IMPORT = "import type { StreamExecutionEnvironment } from 'streamlab';";

/** Puts the cursor on a new line below the first line holding `text`. */
async function newLineBelow(page: Page, text: string) {
  await page.locator('.view-line', { hasText: text }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
}

/** The suggestion rows' accessible names: "Label, description, kind". */
function suggestions(page: Page) {
  return page
    .locator('.suggest-widget .monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

describe('the editor helps with imports and the keyboard', () => {
  const { start } = useBrowser();

  it("completes a 'streamlab' name that is not imported yet, and imports it when chosen", async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      program(["import { Time } from 'streamlab';", TYPE_IMPORT], 'const size = Time.seconds(5);'),
    );

    // A name imported already is offered once, by TypeScript.
    await newLineBelow(page, 'const size');
    await page.keyboard.type('Tim');
    await expect
      .poll(() => suggestions(page), WORKER)
      .toContainEqual(expect.stringMatching(/^TimeWindow, streamlab/));
    expect((await suggestions(page)).filter((s) => s.startsWith('Time,'))).toHaveLength(1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Backspace');

    await page.keyboard.type('Tumb');
    const focused = page.locator('.suggest-widget .monaco-list-row.focused');
    await expect
      .poll(() => focused.getAttribute('aria-label'), WORKER)
      .toMatch(/^TumblingEventTimeWindows, streamlab/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => visibleCode(page))
      .toContain("import { Time, TumblingEventTimeWindows } from 'streamlab';");
    expect(await visibleCode(page)).toContain(TYPE_IMPORT);

    // Where only a type fits, types are offered too, and go to the `import type`.
    await page.keyboard.press('Enter');
    await page.keyboard.type('let out: Collecto');
    await expect
      .poll(() => focused.getAttribute('aria-label'), WORKER)
      .toMatch(/^Collector, streamlab/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => visibleCode(page))
      .toContain("import type { Collector, StreamExecutionEnvironment } from 'streamlab';");
  });

  it('offers adding a name used without its import as a quick fix, in place of TypeScript’s', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      program(
        ["import { Time } from 'streamlab';", TYPE_IMPORT],
        'const windows = TumblingEventTimeWindows.of(Time.seconds(5));',
      ),
    );
    await page.locator('.squiggly-error').first().waitFor(WORKER);
    await page.locator('.view-line span', { hasText: /^TumblingEventTimeWindows$/ }).click();
    await page.keyboard.press('Control+.');
    const actions = page.locator('.action-widget .monaco-list-row.action');
    const fix = actions.filter({
      hasText: "Add 'TumblingEventTimeWindows' to the import from 'streamlab'",
    });
    await fix.waitFor(WORKER);
    // TypeScript's own "Update import from "streamlab"" would do the same: it is not listed twice.
    expect(await actions.allTextContents()).toEqual([
      "Add 'TumblingEventTimeWindows' to the import from 'streamlab'",
    ]);
    await fix.click();
    await expect
      .poll(() => visibleCode(page))
      .toContain("import { Time, TumblingEventTimeWindows } from 'streamlab';");
    await expect.poll(() => page.locator('.squiggly-error').count()).toBe(0);
  });

  it('lets a keyboard user leave the editor with Ctrl+M then Tab, and says so', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    await focusEditor(page);
    const input = page.locator('.monaco-editor [aria-label^="Code editor for pipeline.ts"]');
    expect(await input.getAttribute('aria-label')).toContain(
      'Press Control+M to make Tab move focus out of the editor',
    );
    const hint = page.locator('.tab-focus-hint');
    await expect.poll(() => hint.isVisible()).toBe(true);
    expect(await hint.innerText()).toBe('Ctrl+M toggles whether Tab leaves the editor');

    const before = await visibleCode(page);
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Tab');
    const focusInEditor = () =>
      page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);
    expect(await focusInEditor()).toBe(false);
    expect(await visibleCode(page)).toBe(before);
    expect(await hint.isVisible()).toBe(false);

    // Back in, Ctrl+M again makes Tab indent.
    await page.keyboard.press('Shift+Tab');
    expect(await focusInEditor()).toBe(true);
    await page.keyboard.press('Control+M');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Tab');
    expect(await focusInEditor()).toBe(true);
    await expect.poll(() => visibleCode(page)).not.toBe(before);
  });
});
