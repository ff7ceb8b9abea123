import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import {
  GOOD_PROGRAM,
  longestTask,
  program,
  recordLongTasks,
  resetLongTasks,
  runToEnd,
  setCode,
  sinkValues,
  visibleCode,
} from './workbench';

/**
 * Values too large for the page: the sandbox sends them cut or summarised, with a note saying so,
 * and the page stays responsive while it shows them.
 */
const cases: {
  name: string;
  code: string;
  status: 'finished' | 'failed';
  /** Where the note is shown, and what it says. */
  note: { selector: string; text: RegExp };
}[] = [
  {
    name: 'a 16 MB string sent to a sink',
    code: program(
      "const big = 'x'.repeat(16 * 1024 * 1024);",
      "env.fromElements(big).sinkTo(env.collect('big'));",
    ),
    status: 'finished',
    note: {
      selector: 'section[data-sink="big"] .cut',
      text: /value of 16 MB, shown cut to 10 kB/,
    },
  },
  {
    name: 'an Error with a 16 MB message thrown at top level',
    code: program("throw new Error('y'.repeat(16 * 1024 * 1024));"),
    status: 'failed',
    note: { selector: '[data-failure-kind]', text: /message of 16 MB, shown cut to 2 kB/ },
  },
];

describe('values too large for the page', () => {
  const { start } = useBrowser();

  for (const c of cases) {
    it(`stays responsive with ${c.name}`, async () => {
      const { page, open } = await start();
      await recordLongTasks(page);
      await open('#/sandbox');
      await setCode(page, c.code);
      await page.locator('[data-save-state="saved"]').waitFor();
      await resetLongTasks(page);

      const status = await runToEnd(page).catch(() => 'no answer');
      const longest = await longestTask(page);
      console.log(`longest main-thread task with ${c.name}: ${Math.round(longest)} ms (${status})`);
      expect(status).toBe(c.status);
      await expect
        .poll(() => page.locator(c.note.selector).first().innerText())
        .toMatch(c.note.text);
      expect(longest).toBeLessThanOrEqual(200);

      // The learner's code is still in the editor, saved.
      expect(await visibleCode(page)).toContain(c.code.split('\n')[2]!.trim().slice(0, 40));
      expect(await page.locator('[data-save-state]').getAttribute('data-save-state')).toBe('saved');

      // A plain program runs normally right after, in the same tab (no reload in between).
      await setCode(page, GOOD_PROGRAM);
      expect(await runToEnd(page)).toBe('finished');
      expect(await sinkValues(page, 'good')).toEqual(['31', '21', '11']);
    });
  }
});
