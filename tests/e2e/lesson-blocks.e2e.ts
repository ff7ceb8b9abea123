import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';

const FIRST_LESSON = '#/learn/what-is-a-stream';
const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

describe('hints, a quiz and glossary links in a lesson', () => {
  const { start } = useBrowser();

  it('checks a quiz answer, explains every choice, and starts over on "Try again"', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    const quiz = page.getByRole('group', { name: /chart of last month's temperatures/ });
    await quiz.waitFor();
    const verdict = page.locator('form.quiz [role="status"]');

    // A wrong choice: the verdict says so, and every choice shows whether it was right and why.
    await quiz.getByRole('radio', { name: /A streaming job, because the sensors/ }).check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => verdict.textContent()).toMatch(/^Not quite/);
    const marks = await quiz.locator('.mark').allInnerTexts();
    expect(marks.map((m) => m.replace(/^[✓✗]\s*/, ''))).toEqual([
      'Right answer',
      'Wrong answer · your choice',
      'Wrong answer',
    ]);
    expect(await quiz.locator('.why').nth(2).innerText()).toMatch(/Batch jobs compute averages/);
    expect(await quiz.getByRole('radio').first().isDisabled()).toBe(true);
    await page.screenshot({ path: `${shots}/quiz-answered-light.png` });

    // "Try again" clears the answer; the right choice, chosen with the keyboard, is judged right.
    await page.getByRole('button', { name: 'Try again' }).click();
    expect(await quiz.locator('.why').count()).toBe(0);
    expect(await verdict.textContent()).toBe('');
    await quiz.getByRole('radio').first().focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Check answer' }).press('Enter');
    await expect.poll(() => verdict.textContent()).toMatch(/^Right\./);
  });

  it('reveals hints one at a time and still shows them after a reload', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    const hints = page.getByRole('region', { name: 'Hints' });
    await hints.waitFor();
    expect(await hints.getByRole('listitem').count()).toBe(0);

    await hints.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    await expect.poll(() => hints.getByRole('listitem').count()).toBe(1);
    // The new hint has the focus, so a screen reader reads it straight away.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(
      /Work in the order the data flows/,
    );
    await hints.getByRole('button', { name: 'Show the next hint (2 of 3)' }).click();
    await expect.poll(() => hints.getByRole('listitem').count()).toBe(2);
    expect(await hints.getByRole('listitem').nth(1).innerText()).toMatch(/reading\.celsius/);

    await page.reload();
    await page.locator('header .brand').waitFor();
    await expect.poll(() => hints.getByRole('listitem').count()).toBe(2);
    await hints.getByRole('button', { name: 'Show the next hint (3 of 3)' }).click();
    await expect.poll(() => hints.getByText('That was the last hint.').isVisible()).toBe(true);
    expect(await hints.getByRole('button').count()).toBe(0);
  });

  it('previews a glossary term on hover and on focus, and opens the glossary on click', async () => {
    const { page, open } = await start({ colorScheme: 'dark' });
    await open(FIRST_LESSON);
    const link = page.locator('.prose a[href="#/glossary/watermark"]');
    await link.waitFor();
    const tooltip = page.getByRole('tooltip');

    await link.hover();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.innerText()).toMatch(/^Watermark\s+A marker that flows with the records/);
    expect(await link.getAttribute('aria-describedby')).toBe(await tooltip.getAttribute('id'));
    // The preview sits next to its link, inside the window.
    const [linkBox, tipBox] = [await link.boundingBox(), await tooltip.boundingBox()];
    expect(linkBox && tipBox && Math.abs(tipBox.y - (linkBox.y + linkBox.height)) < 12).toBe(true);
    expect(tipBox && tipBox.x >= 0 && tipBox.x + tipBox.width <= 1280).toBe(true);
    await page.screenshot({ path: `${shots}/glossary-preview-dark.png` });
    await page.mouse.move(5, 700);
    await expect.poll(() => tooltip.isVisible()).toBe(false);

    // Keyboard: the focus shows the preview, Escape hides it and keeps the focus on the link.
    const late = page.locator('.prose a[href="#/glossary/late-event"]');
    await late.focus();
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.innerText()).toMatch(/^Late event/);
    await page.keyboard.press('Escape');
    await expect.poll(() => tooltip.isVisible()).toBe(false);
    expect(await late.evaluate((a) => a === document.activeElement)).toBe(true);

    await late.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/glossary/late-event');
    const entry = page.locator('#glossary-late-event');
    await expect.poll(() => entry.evaluate((e) => e === document.activeElement)).toBe(true);
    const box = await entry.boundingBox();
    expect(box && box.y >= 0 && box.y < 720 / 2).toBe(true);
    expect(await entry.getAttribute('class')).toContain('current');
  });

  it('lists every term on the glossary page, each with its own address', async () => {
    const { page, open } = await start({ viewport: { width: 1920, height: 1080 } });
    await open('#/glossary');
    await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
    // The heading shows while the glossary is still loading: wait for its terms.
    await page.locator('section.term h2').first().waitFor();
    const names = await page.locator('section.term h2').allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(31);
    expect(names).toContain('Allowed lateness');
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
    expect(await page.title()).toBe('Glossary · Streamlab');

    await page
      .getByRole('navigation', { name: 'Terms' })
      .getByRole('link', { name: 'Pane' })
      .click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/glossary/pane');
    const pane = page.locator('#glossary-pane');
    await expect.poll(() => pane.evaluate((e) => e === document.activeElement)).toBe(true);
    await pane.getByRole('link', { name: 'Trigger' }).click();
    await expect
      .poll(() => page.locator('#glossary-trigger').evaluate((e) => e === document.activeElement))
      .toBe(true);
    await page.screenshot({ path: `${shots}/glossary-1920x1080-light.png` });

    await open('#/glossary/no-such-term');
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/no term no-such-term/);
  });
});
