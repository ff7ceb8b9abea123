import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { program, runToEnd, setCode, sinkValues } from './workbench';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

describe('offline and installable', () => {
  const { start } = useBrowser();

  it('links a valid manifest whose icons load, at the sizes it claims', async () => {
    const { page, open } = await start();
    await open('#/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const found = await page.evaluate(async (href) => {
      const url = new URL(href, document.baseURI);
      const manifest = (await (await fetch(url)).json()) as {
        name: string;
        short_name: string;
        start_url: string;
        display: string;
        icons: ManifestIcon[];
      };
      const icons = await Promise.all(
        manifest.icons.map(async (icon) => {
          const src = new URL(icon.src, url).href;
          const { ok } = await fetch(src);
          const image = new Image();
          image.src = src;
          await image.decode();
          return { ...icon, ok, size: `${image.naturalWidth}x${image.naturalHeight}` };
        }),
      );
      return { ...manifest, icons };
    }, href ?? '');
    expect(found).toMatchObject({
      name: 'Streamlab',
      short_name: 'Streamlab',
      display: 'standalone',
    });
    const png = found.icons.filter((icon) => icon.type === 'image/png');
    for (const icon of found.icons) expect(icon.ok, icon.src).toBe(true);
    for (const icon of png) expect(icon.size, icon.src).toBe(icon.sizes);
    // What Chromium asks of an installable app: a 192 and a 512 icon, and one for masks.
    expect(png.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(found.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  });

  it('after one visit, works with the network off: a lesson, the editor, Run, the reference', async () => {
    const { page, context, problems, open } = await start({ serviceWorkers: 'allow' });
    await open('#/');
    // The notice comes when the service worker has installed, that is when all is precached.
    await page.getByRole('status').getByText('Ready to work offline.').waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    // Anything that still reaches for the network (rather than the service worker's cache) fails.
    await context.route('**/*', (route) => {
      problems.push(`went to the network offline: ${route.request().url()}`);
      return route.abort('internetdisconnected');
    });

    await page.reload();
    await page.locator('header .brand').waitFor();
    // A lesson: its prose, and the editor with its language service (Monaco's workers).
    await open('#/learn/what-is-a-stream');
    await page.locator('.prose h2').first().waitFor();
    await page.locator('[data-editor-status="ready"]').waitFor();

    // The sandbox: an edit, a run in the sandboxed frame, its results.
    await open('#/sandbox');
    await setCode(
      page,
      program("env.fromElements(1, 2).map((n) => n * 7).sinkTo(env.collect('sevens'));"),
    );
    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'sevens')).toEqual(['14', '7']);
    // A type error underlined: TypeScript's own worker, the largest file, came from the cache.
    await setCode(page, program("const label: number = 'seven';"));
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();

    await open('#/reference');
    await page.getByRole('heading', { level: 1, name: 'API reference' }).waitFor();
  });
});
