import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { runToEnd, setCode, sinkValues, visibleCode } from './workbench';

/** Three readings, the second with a word where its temperature should be. */
const READINGS = [
  'sensor,ts,celsius,arrival',
  's1,1000,21.5,1000',
  's2,2000,abc,2100',
  's1,3000,22.5,3000',
  '',
].join('\n');

const PROGRAM = [
  "import { csvSource, WatermarkStrategy, type StreamExecutionEnvironment } from 'streamlab';",
  "import readings from './readings.csv';",
  '',
  'type Reading = { sensor: string; ts: number; celsius: number };',
  '',
  'export default function pipeline(env: StreamExecutionEnvironment) {',
  '  env',
  '    .fromSource(',
  "      csvSource<Reading>(readings, { timestampField: 'ts', arrivalField: 'arrival', types: { celsius: 'number' } }),",
  '      WatermarkStrategy.forMonotonousTimestamps<Reading>(),',
  "      'readings',",
  '    )',
  '    .map((r) => r.celsius)',
  "    .sinkTo(env.collect('celsius'));",
  '}',
  '',
].join('\n');

describe("a sandbox's data", () => {
  const { start } = useBrowser();

  it('is uploaded with its bad row named, run, fixed in the table, and kept over a reload', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const tabs = page.getByRole('tablist', { name: 'Files' });

    // Upload: the dialog names the bad row by line and column before anything is added.
    await page.getByRole('button', { name: 'Add data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add data' });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'readings.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(READINGS),
    });
    await dialog.getByText('line 3, column 9: expected a number in "celsius", got "abc"').waitFor();
    await dialog.getByText('2 rows read well').waitFor();
    await dialog.getByRole('button', { name: 'Add readings.csv' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The file is added whole, bad row included, and opens in its own tab.
    await tabs.getByRole('tab', { name: 'readings.csv', selected: true }).waitFor();
    await page.locator('[data-editor-status="ready"]').waitFor();
    await expect.poll(() => visibleCode(page)).toContain('s2,2000,abc,2100');

    // A program reading it stops at the bad row, marked in the data file's tab.
    await tabs.getByRole('tab', { name: 'pipeline.ts' }).click();
    await setCode(page, PROGRAM);
    expect(await runToEnd(page)).toBe('failed');
    await page.getByText('Bad row in readings.csv — line 3, column 9').waitFor();
    await tabs.getByRole('tab', { name: 'readings.csv' }).click();
    await page.locator('[data-editor-status="ready"]').waitFor();
    await page.locator('.squiggly-error').first().waitFor();

    // The table shows the bad row with its reason; fixing the cell fixes the file.
    await page.getByRole('button', { name: 'Table' }).click();
    const badRow = page.locator('tr[data-bad-row]');
    await expect.poll(() => badRow.innerText()).toContain('expected a number in "celsius"');
    const cell = page.getByRole('textbox', { name: 'celsius, row 2' });
    await cell.fill('20.5');
    await cell.press('Enter');
    await expect.poll(() => badRow.count()).toBe(0);
    await page.locator('[data-save-state="saved"]').waitFor();

    expect(await runToEnd(page)).toBe('finished');
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await sinkValues(page, 'celsius')).toEqual(['22.5', '20.5', '21.5']);

    // After a reload the data file and the fix are still there; the text view shows the same file.
    await page.reload();
    await page.locator('[data-editor-status="ready"]').waitFor();
    await tabs.getByRole('tab', { name: 'readings.csv' }).click();
    await page.locator('[data-editor-status="ready"]').waitFor();
    await expect.poll(() => visibleCode(page)).toContain('s2,2000,20.5,2100');

    // Removing it asks nothing but can be undone.
    await page.getByRole('button', { name: 'Remove readings.csv' }).click();
    await expect.poll(() => tabs.getByRole('tab').allInnerTexts()).toEqual(['pipeline.ts']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(() => tabs.getByRole('tab').allInnerTexts())
      .toEqual(['pipeline.ts', 'readings.csv']);
  });

  it('lists a row skipped with onError: skip at its place, and opens the file there', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const tabs = page.getByRole('tablist', { name: 'Files' });

    await page.getByRole('button', { name: 'Add data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add data' });
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'readings.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(READINGS),
    });
    await dialog.getByRole('button', { name: 'Add readings.csv' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tabs.getByRole('tab', { name: 'pipeline.ts' }).click();
    await setCode(
      page,
      PROGRAM.replace(
        "types: { celsius: 'number' }",
        "types: { celsius: 'number' }, onError: 'skip'",
      ),
    );

    // The run goes on past the bad row, and says so above the results.
    expect(await runToEnd(page)).toBe('finished');
    await page.getByRole('tab', { name: 'Results' }).click();
    const note = page.getByRole('region', { name: 'Skipped rows' });
    await expect
      .poll(() => note.innerText())
      .toMatch(
        /1 row of readings\.csv was skipped \(onError: 'skip'\)[\s\S]*line 3, column 9: expected a number in "celsius", got "abc"/,
      );
    expect(await sinkValues(page, 'celsius')).toEqual(['22.5', '21.5']);

    // Its place opens the data file, with the row marked as a warning.
    await note.getByRole('button', { name: 'line 3, column 9' }).click();
    await tabs.getByRole('tab', { name: 'readings.csv', selected: true }).waitFor();
    await page.locator('[data-editor-status="ready"]').waitFor();
    await page.locator('.squiggly-warning').first().waitFor();
    expect(await page.locator('.squiggly-error').count()).toBe(0);
    // The cursor is on the bad field: what is typed lands there.
    await page.keyboard.type('9');
    await expect.poll(() => visibleCode(page)).toContain('s2,2000,9abc,2100');
  });

  it('adds a bundled dataset made with the seed, and a table scripted by hand', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await page.locator('[data-editor-status="ready"]').waitFor();
    const tabs = page.getByRole('tablist', { name: 'Files' });

    await page.getByRole('button', { name: 'Add data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add data' });
    await dialog.getByRole('radio', { name: 'Bundled dataset' }).check();
    await dialog.getByText('180 rows read well').waitFor();
    await dialog.getByRole('button', { name: 'Add sensor-readings.csv' }).click();
    await tabs.getByRole('tab', { name: 'sensor-readings.csv', selected: true }).waitFor();
    await expect.poll(() => visibleCode(page)).toContain('sensor,ts,celsius,arrival');

    await page.getByRole('button', { name: 'Add data' }).click();
    await dialog.getByRole('radio', { name: 'Table' }).check();
    // A late event: arrives at 9 s with event time 1.5 s; rows stay in arrival order.
    await dialog.getByRole('button', { name: 'Add row' }).click();
    const ts = dialog.getByRole('textbox', { name: 'ts, row 3' });
    await ts.fill('1500');
    await ts.press('Tab');
    const arrival = dialog.getByRole('textbox', { name: 'arrival, row 3' });
    await arrival.fill('9000');
    await arrival.press('Tab');
    await dialog.getByRole('button', { name: 'Add arrivals.csv' }).click();
    await tabs.getByRole('tab', { name: 'arrivals.csv', selected: true }).waitFor();
    await expect
      .poll(() => visibleCode(page))
      .toContain(
        'key,value,ts,arrival a,1,1000,1000 a,2,2000,2000 a,2,1500,9000'.split(' ').join('\n'),
      );

    // Renaming a data file (double-click its tab) moves the program's import of it along; a name
    // a link could not carry is refused, with the field kept open.
    await tabs.getByRole('tab', { name: 'pipeline.ts' }).click();
    await setCode(page, "import rows from './arrivals.csv';\nexport const size = rows.length;\n");
    await tabs.getByRole('tab', { name: 'arrivals.csv' }).dblclick();
    const name = page.getByRole('textbox', { name: 'New name for arrivals.csv' });
    await name.fill('late/one');
    await name.press('Enter');
    await page.getByRole('alert').getByText('"late/one.csv" cannot name a file').waitFor();
    await name.fill('late-one');
    await name.press('Enter');
    await expect
      .poll(() => tabs.getByRole('tab').allInnerTexts())
      .toEqual(['pipeline.ts', 'sensor-readings.csv', 'late-one.csv']);
    await tabs.getByRole('tab', { name: 'pipeline.ts' }).click();
    await expect.poll(() => visibleCode(page)).toContain("import rows from './late-one.csv';");
  });
});
