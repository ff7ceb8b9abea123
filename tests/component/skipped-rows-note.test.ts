import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { SentSkippedRow } from '../../src/runtime/worker/api';
import type { Place } from '../../src/ui/run/place';
import SkippedRowsNote from '../../src/ui/run/SkippedRowsNote.svelte';

const row = (line: number, file?: string): SentSkippedRow => ({
  ...(file === undefined ? {} : { file }),
  line,
  column: 2,
  reason: `bad field on line ${line}`,
  source: 'csv',
});

describe('SkippedRowsNote', () => {
  it('counts the skipped rows of each file and opens a row at its place', async () => {
    const revealed: Place[] = [];
    const screen = await render(SkippedRowsNote, {
      rows: [row(4, 'readings.csv'), row(7, 'readings.csv'), row(2, 'other.csv')],
      total: 3,
      onreveal: (place: Place) => revealed.push(place),
    });
    const note = screen.getByRole('region', { name: 'Skipped rows' });
    await expect
      .element(note)
      .toHaveTextContent("2 rows of readings.csv were skipped (onError: 'skip')");
    await expect
      .element(note)
      .toHaveTextContent("1 row of other.csv was skipped (onError: 'skip')");
    await expect.element(note).toHaveTextContent('line 7, column 2: bad field on line 7');
    await screen.getByRole('button', { name: 'line 7, column 2' }).click();
    expect(revealed).toEqual([{ file: 'readings.csv', line: 7, column: 2 }]);
  });

  it('says how many were not listed, and shows a long list on demand', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 2, 'readings.csv'));
    const screen = await render(SkippedRowsNote, { rows, total: 150, onreveal: () => {} });
    const note = screen.getByRole('region', { name: 'Skipped rows' });
    await expect.element(note).toHaveTextContent('12 rows of readings.csv were skipped');
    await expect
      .element(note)
      .toHaveTextContent(
        '…and 138 more rows were skipped (150 rows in all): the first 12 are listed.',
      );
    const items = () => note.element().querySelectorAll('li');
    expect(items()).toHaveLength(8);
    await screen.getByRole('button', { name: 'Show all 12' }).click();
    await expect.poll(() => items().length).toBe(12);
  });

  it('names the source, without a link, when the text was written in the program', async () => {
    const screen = await render(SkippedRowsNote, { rows: [row(3)], total: 1, onreveal: () => {} });
    const note = screen.getByRole('region', { name: 'Skipped rows' });
    await expect.element(note).toHaveTextContent('1 row of source "csv" was skipped');
    await expect
      .element(note)
      .toHaveTextContent('line 3, column 2 of its text: bad field on line 3');
    expect(note.element().querySelector('button')).toBeNull();
  });
});
