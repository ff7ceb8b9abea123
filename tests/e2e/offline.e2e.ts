import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { GOOD_PROGRAM, program, runToEnd, setCode, sinkValues } from './workbench';

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
          const response = await fetch(new URL(icon.src, url));
          const image = await createImageBitmap(await response.blob());
          return { ...icon, ok: response.ok, size: `${image.width}x${image.height}` };
        }),
      );
      return { ...manifest, icons };
    }, href ?? '');
    expect(found).toMatchObject({ name: 'Streamlab', short_name: 'Streamlab', display: 'standalone' });
    const png = found.icons.filter((icon) => icon.type === 'image/png');
    for (const icon of found.icons) expect(icon.ok, icon.src).toBe(true);
    for (const icon of png) expect(icon.size, icon.src).toBe(icon.sizes);
    // What Chromium asks of an installable app: a 192 and a 512 icon, and one for masks.
    expect(png.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(found.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  });

  it('after one visit, works with the network off: lessons, editor, Run and the reference', async () => {
    const { page, context, problems, open } = await start();
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
    await open('#/learn/what-is-a-stream');
    await page.locator('.prose h2').first().waitFor();
    expect(await runToEnd(page)).toBe('finished');

    await open('#/sandbox');
    await setCode(page, GOOD_PROGRAM);
    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);
    await setCode(page, program("env.fromElements(1, 2).map((n) => n * 7).sinkTo(env.collect('sevens'));"));
    expect(await runToEnd(page)).toBe('finished');
    expect(await sinkValues(page, 'sevens')).toEqual(['14', '7']);

    await open('#/reference');
    await page.getByRole('heading', { level: 1, name: 'API reference' }).waitFor();
  });
});
