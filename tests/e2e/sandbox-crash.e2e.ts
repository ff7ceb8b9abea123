import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import {
  GOOD_PROGRAM,
  pipelineWith,
  runToEnd,
  setCode,
  sinkValues,
  visibleCode,
} from './workbench';

/**
 * A program that keeps about 1.6 MB per record (a map that never forgets) ends the sandbox's
 * renderer process when its memory runs out. The learner must be told so, not "ran too long",
 * and the next Run must start on a sandbox that is alive (the warm spare died with the first).
 */
describe('a sandbox that runs out of memory', () => {
  const { start } = useBrowser();

  it(
    'is reported as out of memory, and the next Run works in the same tab',
    { timeout: 120_000 },
    async () => {
      const { page, open } = await start();
      await open('#/sandbox');
      const statement =
        "const kept = new Map<number, number[]>(); env.fromCollection(Array.from({ length: 100_000 }, (_, i) => i)).map((n) => { kept.set(n, new Array(200_000).fill(n)); return n; }).sinkTo(env.collect('kept'));";
      await setCode(page, pipelineWith(statement));
      await page.locator('[data-save-state="saved"]').waitFor();

      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const failed = page.locator('[data-run-status="failed"]');
      await failed.waitFor({ timeout: 90_000 });
      const banner = page.locator('[data-failure-kind]');
      expect(await banner.getAttribute('data-failure-kind')).toBe('memory');
      expect(await banner.innerText()).toMatch(/Stopped: out of memory/);
      expect(await banner.innerText()).toMatch(/The sandbox ran out of memory/);
      expect(await banner.innerText()).not.toMatch(/endless loop/);
      // No check of the page's long tasks here yet: while the sandbox fills its heap, the page
      // shows one task of 0.3–0.9 s (measured on two cores), likely the page's own garbage
      // collection under the browser's memory pressure. A total memory cap per run, stopping the
      // program long before the heap is full, is the remedy and is not in place yet.

      // The next Run, in the same tab, on a sandbox known to be alive.
      await setCode(page, GOOD_PROGRAM);
      expect(await runToEnd(page)).toBe('finished');
      expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);

      // Saved work is intact after a reload.
      await page.reload();
      await page.locator('[data-editor-status="ready"]').waitFor();
      expect(await visibleCode(page)).toContain('fromElements(10, 20, 30)');
    },
  );
});
