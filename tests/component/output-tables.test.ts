import type { CollectedRecord } from 'streamlab';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import OutputTables from '../../src/ui/run/OutputTables.svelte';
import type { RunData, RunStore } from '../../src/ui/run/run-store.svelte';

/** What the tables read of a run: its status, a version and the rows it collected. */
function finishedRun(rows: number, skipped: RunData['skipped'] = { rows: [], total: 0 }): RunStore {
  const sums: CollectedRecord[] = Array.from({ length: rows }, (_, i) => ({
    value: i,
    timestamp: i * 1000,
    processingTime: i * 100,
  }));
  return {
    status: 'finished',
    version: 1,
    data: {
      outputs: { sums },
      sideOutputs: {},
      tables: {},
      sections: { outputs: 1, sideOutputs: 0, tables: 0, operators: 2 },
      printed: [],
      console: [],
      skipped,
    },
  } as unknown as RunStore;
}

describe('OutputTables', () => {
  it('shows the newest rows first, fifty at a time, and more when asked', async () => {
    const screen = await render(OutputTables, { run: finishedRun(120) });
    const section = screen.getByRole('region', { name: 'sink sums' });
    await expect.element(section).toHaveTextContent('120 rows');
    const rows = () => section.element().querySelectorAll('tbody tr');
    expect(rows()).toHaveLength(50);
    expect(rows()[0]?.querySelector('td')?.textContent).toBe('119');
    await expect.element(section).toHaveTextContent('Showing the newest 50 of 120.');

    await screen.getByRole('button', { name: 'Show 70 more' }).click();
    await expect.poll(() => rows().length).toBe(120);
    expect(rows()[119]?.querySelector('td')?.textContent).toBe('0');
    await expect.element(section).not.toHaveTextContent('Showing the newest');
  });

  it('says above the tables which rows the sources skipped, and opens one at its place', async () => {
    const places: unknown[] = [];
    const skipped = {
      rows: [
        { file: 'readings.csv', line: 4, column: 9, reason: 'expected a number', source: 'csv' },
      ],
      total: 1,
    };
    const screen = await render(OutputTables, {
      run: finishedRun(2, skipped),
      onreveal: (place: unknown) => places.push(place),
    });
    const note = screen.getByRole('region', { name: 'Skipped rows' });
    await expect
      .element(note)
      .toHaveTextContent("1 row of readings.csv was skipped (onError: 'skip')");
    // Above the tables, in reading order.
    const sink = screen.getByRole('region', { name: 'sink sums' }).element();
    expect(
      note.element().compareDocumentPosition(sink) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    await screen.getByRole('button', { name: 'line 4, column 9' }).click();
    expect(places).toEqual([{ file: 'readings.csv', line: 4, column: 9 }]);
  });

  it('has no note when no row was skipped', async () => {
    const screen = await render(OutputTables, { run: finishedRun(2) });
    await expect.element(screen.getByRole('region', { name: 'sink sums' })).toBeVisible();
    expect(screen.container.querySelector('[data-skipped-rows]')).toBeNull();
  });
});
