import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useBrowser } from './browser';
import { setCode } from './workbench';

const shots = 'test-results/screenshots';
mkdirSync(shots, { recursive: true });

/** TypeScript's worker reads the engine's declarations before its first answer. */
const WORKER = { timeout: 15_000 };

/** True when the element is wholly inside the page's scrolled area (below the header). */
async function inView(page: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const main = await page.locator('main').boundingBox();
  return (
    box !== null &&
    main !== null &&
    box.y >= main.y - 1 &&
    box.y + box.height <= main.y + main.height + 1
  );
}

describe('the API reference', () => {
  const { start } = useBrowser();

  it('is fetched only when it opens', async () => {
    const { page, open } = await start();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await open('#/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(scripts.filter((s) => /Reference/.test(s))).toEqual([]);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reference' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'API reference' }).waitFor();
    expect(scripts.filter((s) => /Reference/.test(s)).length).toBeGreaterThan(0);
  });

  it('lists every export by section, filters by name, and opens a page', async () => {
    const { page, open } = await start();
    await open('#/reference');
    await page.getByRole('heading', { level: 1, name: 'API reference' }).waitFor();
    expect(await page.title()).toBe('API reference · Streamlab');
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .locator('[aria-current="page"]')
        .textContent(),
    ).toBe('Reference');
    for (const section of ['Environment and running', 'Streams', 'Watermarks', 'Testing']) {
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    }
    const total = Number(
      /(\d+) names/.exec(
        (await page.getByRole('status').filter({ hasText: /names/ }).textContent()) ?? '',
      )?.[1],
    );
    expect(total).toBeGreaterThan(150);
    await page.screenshot({ path: `${shots}/reference-index-1280x720-light.png` });

    const filter = page.getByLabel('Filter');
    await filter.fill('watermarkstr');
    const names = page.locator('.entries a.name');
    await expect.poll(() => names.allTextContents()).toEqual(['WatermarkStrategy']);
    expect(await page.getByRole('status').filter({ hasText: /names/ }).textContent()).toBe(
      `1 of ${total} names`,
    );

    // A member's name finds the exports that have it, with a link straight to the member.
    await filter.fill('forBoundedOutOf');
    await expect.poll(() => names.allTextContents()).toEqual(['WatermarkStrategy']);
    await page.getByRole('link', { name: '.forBoundedOutOfOrderness' }).waitFor();

    await filter.fill('WatermarkStr');
    await page.getByRole('link', { name: 'WatermarkStrategy', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /WatermarkStrategy/ }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/reference/WatermarkStrategy');
    expect(await page.title()).toBe('WatermarkStrategy · API reference · Streamlab');
    // Signature, summary, an example and the members, each with a link to its anchor.
    expect(await page.locator('.signature').first().innerText()).toContain(
      'class WatermarkStrategy<T>',
    );
    expect(await page.locator('article').innerText()).toContain('How a stream gets timestamps');
    expect(await page.locator('article pre code.language-ts').count()).toBeGreaterThan(1);
    await page.getByRole('heading', { level: 2, name: 'Static methods' }).waitFor();
  });

  it('scrolls to the member a link names, on the page and on a fresh load', async () => {
    const { page, open } = await start({ colorScheme: 'dark' });
    await open('#/reference/WatermarkStrategy');
    await page.getByRole('heading', { level: 1, name: /WatermarkStrategy/ }).waitFor();
    const member = page.locator('#member-forBoundedOutOfOrderness');
    await page
      .getByRole('navigation', { name: 'Members' })
      .getByRole('link', { name: 'WatermarkStrategy.forBoundedOutOfOrderness' })
      .click();
    expect(new URL(page.url()).hash).toBe('#/reference/WatermarkStrategy#forBoundedOutOfOrderness');
    await expect.poll(() => inView(page, member)).toBe(true);
    await expect.poll(() => member.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await member.innerText()).toContain('static forBoundedOutOfOrderness');

    // Far down the page, below the first screen, so reaching it takes a scroll.
    await open('#/reference/KeyedStream#print');
    const inherited = page.locator('#member-print');
    await inherited.waitFor();
    await expect.poll(() => inView(page, inherited)).toBe(true);
    expect(await inherited.innerText()).toContain('print');
    expect(await page.locator('main').evaluate((m) => m.scrollTop)).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/reference-entry-1280x720-dark.png` });

    // A name the reference does not have says so.
    await open('#/reference/NoSuchThing');
    await page.getByRole('heading', { name: 'No such name in the reference' }).waitFor();
  });

  it("links the hover of a 'streamlab' name in the editor to its reference page", async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(
      page,
      [
        "import { Time, WatermarkStrategy } from 'streamlab';",
        '',
        'export const strategy = WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(2));',
        '',
      ].join('\n'),
    );
    const name = page.locator('.view-line span', { hasText: /^\.forBoundedOutOfOrderness$/ });
    const link = page.locator('.monaco-hover').getByRole('link', { name: 'Open in the reference' });
    await expect
      .poll(async () => {
        await page.mouse.move(0, 0);
        await name.hover();
        return link
          .waitFor({ state: 'visible', timeout: 1_500 })
          .then(() => true)
          .catch(() => false);
      }, WORKER)
      .toBe(true);
    await link.click();
    await page.getByRole('heading', { level: 1, name: /WatermarkStrategy/ }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/reference/WatermarkStrategy#forBoundedOutOfOrderness');
    await expect
      .poll(() => inView(page, page.locator('#member-forBoundedOutOfOrderness')))
      .toBe(true);
  });
});
