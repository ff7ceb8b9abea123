import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { runToEnd, setCode, sinkValues, visibleCode } from './workbench';

/** Four clicks; the third says "soon" where its event time should be. */
const CLICKS = [
  'user,page,ts,arrival',
  'ana,/home,1000,1000',
  'ben,/cart,2000,2000',
  'ana,/pay,soon,3000',
  'ben,/home,4000,4000',
  '',
].join('\n');

const PROGRAM = [
  "import { csvSource, WatermarkStrategy, type StreamExecutionEnvironment } from 'streamlab';",
  "import clicks from './clicks.csv';",
  '',
  'type Click = { user: string; page: string; ts: number };',
  '',
  'export default function pipeline(env: StreamExecutionEnvironment) {',
  '  env',
  '    .fromSource(',
  "      csvSource<Click>(clicks, { timestampField: 'ts', arrivalField: 'arrival', onError: 'skip' }),",
  '      WatermarkStrategy.forMonotonousTimestamps<Click>(),',
  "      'clicks',",
  '    )',
  '    .map((c) => `${c.user} ${c.page}`)',
  "    .sinkTo(env.collect('visits'));",
  '}',
  '',
].join('\n');

/**
 * A class in one pass, as a teacher meets it: a sandbox built from an uploaded CSV with a bad row,
 * shared with a link, opened by a student in a browser of their own, presented with a clicker's
 * keys, and opened again with the network off.
 */
describe('a classroom demo', () => {
  const { start } = useBrowser();

  it('goes from an uploaded CSV to a shared, presented sandbox that works offline', async () => {
    // The teacher uploads a CSV with a bad row: the dialog names it, and the file is kept whole.
    const teacher = await start({ permissions: ['clipboard-read', 'clipboard-write'] });
    await teacher.open('#/sandbox');
    const { page } = teacher;
    await page.locator('[data-editor-status="ready"]').waitFor();
    await page.getByRole('button', { name: 'Add data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add data' });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'clicks.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CLICKS),
    });
    await dialog.getByText(/line 4, column 10: /).waitFor();
    await dialog.getByText('3 rows read well').waitFor();
    await dialog.getByRole('button', { name: 'Add clicks.csv' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A program skips bad rows: the run says which it skipped, and keeps the rest.
    const tabs = page.getByRole('tablist', { name: 'Files' });
    await tabs.getByRole('tab', { name: 'pipeline.ts' }).click();
    await setCode(page, PROGRAM);
    expect(await runToEnd(page)).toBe('finished');
    await page.getByRole('tab', { name: 'Results' }).click();
    const note = page.getByRole('region', { name: 'Skipped rows' });
    await expect
      .poll(() => note.innerText())
      .toMatch(/1 row of clicks\.csv was skipped \(onError: 'skip'\)[\s\S]*line 4, column 10: /);
    expect(await sinkValues(teacher.page, 'visits')).toEqual([
      '"ben /home"',
      '"ben /cart"',
      '"ana /home"',
    ]);

    // Shared as a link.
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Copied.').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#\/sandbox\/shared\/1\./);

    // A student, in a browser profile of their own with their own sandbox, opens the link: it is
    // a new sandbox of theirs, with the teacher's code and data; their own work is untouched.
    const student = await start({ serviceWorkers: 'allow' });
    await student.open('#/sandbox');
    await setCode(student.page, '// my own notes\n');
    await student.page.locator('[data-save-state="saved"]').waitFor();
    const own = student.page.url();
    await student.page.goto(link);
    const s = student.page;
    await s.locator('[data-editor-status="ready"]').waitFor();
    expect(s.url()).toMatch(/#\/sandbox\/[a-z0-9]{12}$/);
    expect(s.url()).not.toBe(own);
    const shared = s.url();
    const studentTabs = s.getByRole('tablist', { name: 'Files' });
    await expect
      .poll(() => studentTabs.getByRole('tab').allInnerTexts())
      .toEqual(['pipeline.ts', 'clicks.csv']);
    expect(await visibleCode(s)).toContain("onError: 'skip'");

    // Presented: a clicker's Page Down steps the run, Page Up steps back, End runs it out.
    await s.getByRole('button', { name: 'Present' }).click();
    await s.locator('section.output.presenting').waitFor();
    const step = s.locator('p.step');
    await s.keyboard.press('PageDown');
    // The first step starts the run: its sandbox is made and the program compiled first.
    await expect.poll(() => step.getAttribute('data-step'), { timeout: 10_000 }).toBe('1');
    await s.keyboard.press('PageDown');
    await expect.poll(() => step.getAttribute('data-step')).toBe('2');
    await s.keyboard.press('PageUp');
    await expect.poll(() => step.getAttribute('data-step')).toBe('1');
    await s.keyboard.press('End');
    await s.locator('[data-run-status="finished"]').waitFor();
    await s.keyboard.press('Escape');
    await s.locator('section.output.presenting').waitFor({ state: 'detached' });

    // With the network off, the same sandbox opens again from the service worker's cache and runs.
    await s.getByRole('status').getByText('Ready to work offline.').waitFor({ timeout: 15_000 });
    await s.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await student.context.setOffline(true);
    await student.context.route('**/*', (route) => {
      student.problems.push(`went to the network offline: ${route.request().url()}`);
      return route.abort('internetdisconnected');
    });
    await s.reload();
    await s.locator('[data-editor-status="ready"]').waitFor();
    expect(s.url()).toBe(shared);
    expect(await runToEnd(s)).toBe('finished');
    await s.getByRole('tab', { name: 'Results' }).click();
    expect(await sinkValues(s, 'visits')).toEqual(['"ben /home"', '"ben /cart"', '"ana /home"']);

    // And the student's own sandbox is as they left it.
    await s.goto(own);
    await s.locator('[data-editor-status="ready"]').waitFor();
    expect(await visibleCode(s)).toContain('// my own notes');
  });
});
