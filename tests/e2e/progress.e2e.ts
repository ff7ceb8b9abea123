import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { focusEditor, GOOD_PROGRAM, runToEnd, setCode, visibleCode } from './workbench';

const SLUG = 'what-is-a-stream';
const LESSON = `#/learn/${SLUG}`;

/** The lesson's link in the sidebar, named by its title and its status icon's label. */
const sidebarLesson = (page: Page, status: string) =>
  page.locator('#journey').getByRole('link', { name: `What is a stream? ${status}`, exact: true });

/** The link after the lesson's in the sidebar: the next lesson, or else the next chapter. */
async function followingInSidebar(page: Page): Promise<string | null> {
  const hrefs = await page
    .locator('#journey a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  return hrefs[hrefs.indexOf(LESSON) + 1] ?? null;
}

/** Opens the comparison and returns its two sides' text. */
async function compare(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Your code and the solution' });
  await dialog.waitFor();
  const diff = dialog.locator('.monaco-diff-editor');
  await diff.waitFor();
  const side = (which: 'original' | 'modified') =>
    dialog
      .locator(`.editor.${which} .view-lines`)
      .innerText()
      .then((text) => text.replace(/\u00a0/g, ' '));
  await expect.poll(() => side('modified')).toContain('const LIMIT = 80;');
  return { dialog, diff, mine: await side('original'), solution: await side('modified') };
}

/** Monaco's theme, as the class it gives its editors. */
async function themeOf(diff: Locator): Promise<string | undefined> {
  const classes = (await diff.locator('.monaco-editor').first().getAttribute('class')) ?? '';
  return classes.split(/\s+/).find((name) => name === 'vs' || name === 'vs-dark');
}

describe('progress through a lesson', () => {
  // Wide enough that the lesson page keeps its sidebar open.
  const { start } = useBrowser({ viewport: { width: 1920, height: 1080 } });

  it('goes from not started to done, remembers the pass, and compares code with the solution', async () => {
    const { page, open } = await start();
    await open(LESSON);
    await sidebarLesson(page, 'Not started').waitFor();

    // Editing starts the lesson.
    await setCode(page, GOOD_PROGRAM);
    await page.locator('[data-save-state="saved"]').waitFor();
    await sidebarLesson(page, 'In progress').waitFor();

    // Show solution asks first; comparing leaves the learner's code in the editor.
    await page.getByRole('button', { name: 'Show solution' }).click();
    const asking = page.getByRole('dialog', { name: 'Show the solution?' });
    expect(await asking.innerText()).toContain('Your code is kept and you can come back to it');
    await asking.getByRole('button', { name: 'Compare with my code' }).click();
    const first = await compare(page);
    expect(first.mine).toContain("env.collect('good')");
    expect(first.solution).not.toContain("env.collect('good')");
    expect(await themeOf(first.diff)).toBe('vs');
    await focusEditor(page, first.diff.locator('.editor.modified'));
    await page.keyboard.press('Escape');
    await first.dialog.waitFor({ state: 'detached' });
    expect(await visibleCode(page)).toContain("env.collect('good')");

    await page.getByRole('button', { name: 'Show solution' }).click();
    await asking.getByRole('button', { name: 'Show solution' }).click();
    await expect.poll(() => visibleCode(page)).toContain('const LIMIT = 80;');

    // The solution passes: the banner offers what comes next and, as Run was pressed (the
    // learner is not typing), the keyboard goes there.
    expect(await runToEnd(page)).toBe('finished');
    const banner = page.locator('[data-check="pass"]');
    await banner.waitFor();
    const next = banner.getByRole('link', { name: /^Next: .+ →$/ });
    expect(await next.getAttribute('href')).toBe(await followingInSidebar(page));
    await expect.poll(() => next.evaluate((link) => link === document.activeElement)).toBe(true);
    await sidebarLesson(page, 'Done').waitFor();

    // After a reload, before any run, the pass is remembered; the learner's own code is still
    // kept, and the comparison with it is one click away, in either theme.
    await page.reload();
    const remembered = page.locator('[data-check="passed-before"]');
    await remembered.waitFor();
    expect(await remembered.innerText()).toMatch(
      /You passed this check today at .+\.[\s\S]*Run again to re-check\./,
    );
    await sidebarLesson(page, 'Done').waitFor();

    // Run from the editor with Ctrl+Enter, the pass leaves the keyboard where the learner is.
    await focusEditor(page);
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-check="pass"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('[data-check]'))).toBeNull();
    await page.getByRole('button', { name: 'Show editor' }).click();

    await page.getByRole('button', { name: /^Switch to the dark theme/ }).click();
    await page.getByRole('button', { name: 'Compare with my code' }).click();
    const second = await compare(page);
    expect(second.mine).toContain("env.collect('good')");
    expect(await themeOf(second.diff)).toBe('vs-dark');
    await second.dialog.getByRole('button', { name: /^Close/ }).click();
    await second.dialog.waitFor({ state: 'detached' });

    // A later failing run shows its verdict but does not undo the pass.
    await page.getByRole('button', { name: 'Back to my code' }).click();
    await expect.poll(() => visibleCode(page)).toContain("env.collect('good')");
    await runToEnd(page);
    const failed = page.locator('[data-check="fail"]');
    await failed.waitFor();
    expect(await failed.innerText()).toContain('You passed it before, so the lesson stays done.');
    await sidebarLesson(page, 'Done').waitFor();

    // The chapter page and the home page count it.
    await page
      .locator('#journey')
      .getByRole('link', { name: /Stream processing basics/ })
      .click();
    const onChapter = page.locator(`li[data-lesson="${SLUG}"] span[data-status]`);
    expect(await onChapter.innerText()).toMatch(/Done$/);
    expect(await page.locator('p.tally').innerText()).toMatch(/^1 of \d+ lessons? done$/);
    await page.getByRole('link', { name: /^Step 2: .+ →$/ }).waitFor();
    await page.goto(new URL('#/', page.url()).href);
    const basics = page.locator('main').getByRole('link', { name: /Stream processing basics/ });
    expect(await basics.innerText()).toMatch(/1 of \d+ lessons? done/);
    for (const empty of await page.locator('.count[data-total="0"]').all()) {
      expect(await empty.innerText()).toBe('No lessons yet: an overview to read');
    }

    // Coming back to the lesson, its banner recalls the pass and leads on.
    await page
      .locator('#journey')
      .getByRole('link', { name: /^What is a stream\?/ })
      .click();
    const expected = await followingInSidebar(page);
    await remembered.getByRole('link', { name: /^Next: / }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(expected);
  }, 120_000);
});
