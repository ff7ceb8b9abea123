import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { PastACrash } from './past-a-crash';
import { GOOD_PROGRAM, pipelineWith, recordLongTasks, resetLongTasks, setCode } from './workbench';

/**
 * A program that keeps about 1.6 MB per record (a map that never forgets) ends the sandbox's
 * renderer process when its memory runs out. The learner must be told so, not "endless loop?",
 * the app's page must stay responsive, and the next Run must start on a sandbox that is alive
 * (the warm spare shared the dead one's process).
 */
describe('a sandbox that runs out of memory', () => {
  const { start } = useBrowser();

  it(
    'is reported as out of memory, and the next Run works in the same tab',
    { timeout: 120_000 },
    async () => {
      const { page, open } = await start();
      await recordLongTasks(page);
      await open('#/sandbox');
      const statement =
        "const kept = new Map<number, number[]>(); env.fromCollection(Array.from({ length: 100_000 }, (_, i) => i)).map((n) => { kept.set(n, new Array(200_000).fill(n)); return n; }).sinkTo(env.collect('kept'));";
      await setCode(page, pipelineWith(statement));
      await page.locator('[data-save-state="saved"]').waitFor();
      await resetLongTasks(page);

      const app = await PastACrash.attach(page);
      expect(await app.runToEnd(90_000)).toBe('failed');
      // Whether the sandbox's process has ended by the time its deadline passes, or is still
      // collecting garbage on a full heap (it ends seconds later), memory is what is named.
      const kind = await app.evaluate<string>(
        'document.querySelector("[data-failure-kind]").dataset.failureKind',
      );
      const banner = await app.text('[data-failure-kind]');
      if (kind === 'memory') {
        expect(banner).toMatch(/Stopped: out of memory/);
        expect(banner).toMatch(/The sandbox ran out of memory/);
      } else {
        expect(kind).toBe('loop');
        expect(banner).toMatch(/Either memory was running out/);
      }
      expect(banner).not.toMatch(/endless loop/);
      // The sandbox is a frame in a process of its own: filling its memory leaves the page free.
      expect(await app.evaluate<number>('Math.max(0, ...window.__longTasks)')).toBeLessThan(200);

      // The next Run, in the same tab, on a sandbox known to be alive.
      await app.setCode(GOOD_PROGRAM);
      await app.waitFor(`document.querySelector('[data-save-state="saved"]')`);
      expect(await app.runToEnd()).toBe('finished');
      expect(await app.texts('section[data-sink="good"] td.value')).toEqual(['31', '21', '11']);

      // Saved work is intact after a reload.
      await app.reload();
      const code = (await app.text('.monaco-editor .view-lines')).replace(/\u00a0/g, ' ');
      expect(code).toContain('fromElements(10, 20, 30)');
    },
  );
});
