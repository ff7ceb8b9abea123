import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { serveSite, type Site } from './static-site';
import { GOOD_PROGRAM, setCode, visibleCode } from './workbench';

/**
 * A new version of the site, deployed while a learner has the app open: it waits for them. The
 * site is served from a copy of the build, so the test can deploy a "new version" by changing the
 * service worker's script, which is what the browser compares to find an update.
 */
describe('a new version of the app', () => {
  const { start } = useBrowser();
  let site: string;
  let server: Site;
  let origin: string;

  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'streamlab-site-'));
    await cp('dist', site, { recursive: true });
    server = await serveSite(site);
    origin = server.url;
  });

  afterAll(async () => {
    await server?.close();
    await rm(site, { recursive: true, force: true });
  });

  // Three loads of the whole site through a service worker, the first fetching all of it to
  // precache: slow on a busy two-core machine, so each wait below has its own bound, shorter than
  // the test's, and a hang fails at the step that hung rather than as a bare test timeout.
  it(
    'waits for the learner to reload, and their work is there after',
    { timeout: 120_000 },
    async () => {
      const step = { timeout: 30_000 };
      const { page } = await start({ serviceWorkers: 'allow' });
      await page.goto(new URL('#/sandbox', origin).href);
      await page.getByRole('status').getByText('Ready to work offline.').waitFor(step);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, step);
      await setCode(page, GOOD_PROGRAM);
      await page.locator('[data-save-state="saved"]').waitFor(step);

      // Deploy: the service worker's script changes. The browser finds it on its next check (on a
      // navigation, or when asked, as here), installs it beside the running one, and it waits.
      await appendFile(join(site, 'sw.js'), '\n// the next version\n');
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await Promise.race([
          registration?.update(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('The update check did not finish in 30 s')), 30_000),
          ),
        ]);
      });
      const notice = page
        .getByRole('status')
        .filter({ hasText: 'A new version of Streamlab is ready.' });
      await notice.waitFor(step);
      // Nothing reloaded under the learner: the same page, their code in the editor.
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
      expect(await visibleCode(page)).toContain('fromElements(10, 20, 30)');

      // "Later" puts it off; the waiting version stays waiting.
      await notice.getByRole('button', { name: 'Later' }).click();
      await notice.waitFor({ state: 'detached', ...step });
      expect(
        await page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.waiting?.state;
        }),
      ).toBe('installed');

      // Asked again (the next visit finds the same waiting version), Reload takes it: the page
      // reloads into the new version, which now controls it, and the learner's code is there.
      await page.reload(step);
      await notice.waitFor(step);
      await Promise.all([
        page.waitForEvent('load', step),
        notice.getByRole('button', { name: 'Reload' }).click(step),
      ]);
      await page.locator('[data-editor-status="ready"]').waitFor(step);
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              return {
                waiting: registration?.waiting ?? null,
                active: registration?.active?.state,
              };
            }),
          step,
        )
        .toEqual({ waiting: null, active: 'activated' });
      expect(await notice.count()).toBe(0);
      expect(await visibleCode(page)).toContain('fromElements(10, 20, 30)');
    },
  );
});
