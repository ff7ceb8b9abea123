import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Response } from 'playwright-core';
import { useBrowser } from './browser';

const FIRST_LESSON = '#/learn/what-is-a-stream';
const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

describe('the app shell', () => {
  const { start } = useBrowser();

  it('lists the seven steps of the journey and their lessons in the sidebar', async () => {
    const { page, open } = await start();
    await open();
    const journey = page.getByRole('navigation', { name: 'Learning journey' });
    const chapters = journey.locator('.chapter');
    await expect.poll(() => chapters.count()).toBe(7);
    expect(await chapters.locator('.step').allTextContents()).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
    ]);
    await expect
      .poll(() => journey.getByRole('link', { name: 'What is a stream?' }).isVisible())
      .toBe(true);
    expect(await page.title()).toBe('Streamlab');
  });

  it('opens a lesson from the sidebar, gives it a URL, and comes back to it after a reload', async () => {
    const { page, open } = await start();
    await open();
    await page
      .getByRole('navigation', { name: 'Learning journey' })
      .getByRole('link', { name: 'What is a stream?' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'What is a stream?' }).waitFor();
    expect(new URL(page.url()).hash).toBe(FIRST_LESSON);
    expect(await page.title()).toBe('What is a stream? · Streamlab');
    // At 1280 px the lesson list folds away to make room for the workbench; one click brings it
    // back, with the open lesson marked.
    const journey = page.getByRole('navigation', { name: 'Learning journey' });
    expect(await journey.count()).toBe(0);
    await page.getByRole('button', { name: 'Lesson list' }).click();
    expect(await journey.locator('[aria-current="page"]').textContent()).toContain(
      'What is a stream?',
    );

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'What is a stream?' }).waitFor();
    expect(new URL(page.url()).hash).toBe(FIRST_LESSON);

    // Back returns to where the learner came from.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /Learn stream processing/ }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('shows the editor with the starter code', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    await page.locator('[data-editor-status="ready"]').waitFor();
    // Monaco draws spaces as no-break spaces.
    const code = (await page.locator('.monaco-editor .view-lines').innerText()).replace(
      /\u00a0/g,
      ' ',
    );
    expect(code).toContain('export default function pipeline');
    expect(code).toContain('fromElements');
    await page.screenshot({ path: `${shots}/lesson-1280x720-light.png` });
  });

  it('paints the lesson text before the workbench and editor code arrive, and keeps the first load small', async () => {
    const { page, context, open } = await start();
    // Scripts fetched by the time the prose shows: what a learner waits for before reading.
    const scripts: Promise<{ url: string; size: number }>[] = [];
    const onResponse = (response: Response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        response.body().then((body) => ({ url: response.url(), size: gzipSync(body).length })),
      );
    };
    page.on('response', onResponse);
    // Hold every script but the theme, the app's entry and this lesson's content until the prose has been
    // seen: if the prose needed anything else (the workbench, the editor, charts), this test
    // would time out.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let workbenchRequested = false;
    const needed = /\/(assets\/(index|what-is-a-stream)-[^/]*|theme-init)\.js$/;
    const deferred = /\/assets\/(Workbench|monaco|editor\.api|tsMode|ts\.worker|editor\.worker)-/;
    await context.route(/\/assets\/.*\.js$/, async (route) => {
      if (needed.test(route.request().url())) return route.continue();
      if (/Workbench-/.test(route.request().url())) workbenchRequested = true;
      await held;
      await route.continue();
    });

    await open(FIRST_LESSON);
    await page.locator('.prose h2').first().waitFor();
    page.off('response', onResponse);
    expect(await page.locator('.prose').innerText()).toMatch(/stream/i);
    expect(await page.locator('[data-editor-status="ready"]').count()).toBe(0);
    const beforeProse = await Promise.all(scripts);
    expect(beforeProse.filter((s) => deferred.test(s.url) || !needed.test(s.url))).toEqual([]);
    await expect.poll(() => workbenchRequested).toBe(true);
    release();
    await page.locator('[data-editor-status="ready"]').waitFor();
    // The JavaScript a learner waits for before reading: app shell, router and this lesson.
    const initialGzip = beforeProse.reduce((sum, s) => sum + s.size, 0);
    console.info(`initial JS before the prose shows: ${(initialGzip / 1024).toFixed(1)} KiB gzip`);
    expect(initialGzip).toBeLessThan(80 * 1024);
  });

  it('toggles between light and dark, remembers the choice, and follows the OS by default', async () => {
    const { page, open } = await start({ colorScheme: 'dark' });
    await open(FIRST_LESSON);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('dark');
    await page.locator('[data-editor-status="ready"]').waitFor();
    expect(await page.locator('.monaco-editor').getAttribute('class')).toContain('vs-dark');
    await page.screenshot({ path: `${shots}/lesson-1280x720-dark.png` });

    await page.getByRole('button', { name: 'Switch to the light theme' }).click();
    expect(await theme()).toBe('light');
    await expect
      .poll(() => page.locator('.monaco-editor').getAttribute('class'))
      .not.toContain('vs-dark');
    await page.reload();
    await page.locator('header .brand').waitFor();
    expect(await theme()).toBe('light');

    // Choosing the OS's own theme again returns to following the OS.
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    expect(await page.evaluate(() => localStorage.getItem('streamlab:theme'))).toBeNull();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
  });

  it('reaches every control with Tab, and shows where focus is', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    await page.locator('[data-editor-status="ready"]').waitFor();
    const reached = new Set<string>();
    // Every link and control of the lesson's prose comes before the resizer and the editor.
    const stops = await page
      .locator('main a[href], main button, main input, main select, main [tabindex="0"]')
      .count();
    for (let i = 0; i < stops + 20; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          name:
            el.getAttribute('aria-label') ??
            el.getAttribute('role') ??
            el.textContent?.trim().slice(0, 40) ??
            el.tagName,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          ring: style.boxShadow !== 'none' || style.backgroundColor !== 'rgba(0, 0, 0, 0)',
          inMonaco: el.closest('.monaco-editor') !== null,
        };
      });
      if (!focused) continue;
      // Monaco draws its own cursor and focus border; everything else uses the app's outline.
      if (!focused.inMonaco) expect(focused.outline || focused.ring, focused.name).toBe(true);
      reached.add(focused.name);
      if (focused.inMonaco) break;
    }
    for (const name of [
      'Skip to content',
      'Lesson list',
      'Switch to the dark theme',
      'Step 1 · Stream processing basics',
      'Resize the lesson text and the workbench',
    ]) {
      expect(
        [...reached].some((r) => r.includes(name)),
        `${name} reachable`,
      ).toBe(true);
    }
  });

  it('opens the sandbox and a chapter overview, and says so when a page does not exist', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    // A first visit makes a first sandbox, and the address names it.
    expect(await page.title()).toBe('Sandbox 1 · Sandbox · Streamlab');
    expect(page.url()).toMatch(/#\/sandbox\/[a-z0-9]{12}$/);

    await open('#/chapter/basics');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'What is a stream?' }).count()).toBeGreaterThan(0);

    await open('#/learn/no-such-lesson');
    await page.getByRole('heading', { name: 'No such lesson' }).waitFor();
  });
});

describe('on a 1920×1080 laptop', () => {
  const { start } = useBrowser({ viewport: { width: 1920, height: 1080 } });

  it('lays out the lesson with prose and workbench side by side', async () => {
    const { page, open } = await start();
    await open(FIRST_LESSON);
    await page.locator('[data-editor-status="ready"]').waitFor();
    const prose = await page.locator('article.lesson').boundingBox();
    const editor = await page.locator('.monaco-editor').boundingBox();
    expect(prose && editor && editor.x > prose.x + prose.width - 5).toBe(true);
    await page.screenshot({ path: `${shots}/lesson-1920x1080-light.png` });
  });
});
