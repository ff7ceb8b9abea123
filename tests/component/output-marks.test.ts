import type { CollectedRecord } from 'streamlab';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import OutputTables from '../../src/ui/run/OutputTables.svelte';
import type { RunStore } from '../../src/ui/run/run-store.svelte';

/** A finished run with a plain sink, a transactional sink and a sink of unmarked rows. */
function runWith(outputs: Record<string, CollectedRecord[]>): RunStore {
  return {
    status: 'finished',
    version: 1,
    data: {
      outputs,
      sideOutputs: {},
      tables: {},
      sections: { outputs: Object.keys(outputs).length, sideOutputs: 0, tables: 0, operators: 3 },
      printed: [],
      console: [],
      skipped: { rows: [], total: 0 },
      restarts: [{ time: 3_000, checkpoint: 2 }],
    },
  } as unknown as RunStore;
}

const at = (value: number, processingTime: number) => ({ value, processingTime });

describe('OutputTables marks', () => {
  it('marks the rows a plain sink wrote again after a restart, and says why', async () => {
    const screen = await render(OutputTables, {
      run: runWith({ plain: [at(1, 2_100), at(2, 2_200), { ...at(1, 3_000), duplicate: true }] }),
    });
    const section = screen.getByRole('region', { name: 'sink plain' });
    await expect
      .element(section)
      .toHaveTextContent('duplicate: a row this sink had already written');
    const rows = section.element().querySelectorAll('tbody tr');
    // Newest first: the duplicate is on top.
    expect(rows[0]?.classList.contains('duplicate')).toBe(true);
    const badge = rows[0]?.querySelector('.mark');
    expect(badge?.getAttribute('title')).toBe(
      'Written again after the restart from checkpoint 2: at-least-once.',
    );
    expect(rows[1]?.querySelector('.mark')).toBeNull();
    expect(section.element().querySelector('th')?.textContent).toBe('delivery');
  });

  it('tells committed rows from rows not yet committed in a transactional sink', async () => {
    const screen = await render(OutputTables, {
      run: runWith({
        exactly: [
          { ...at(1, 100), committed: true, transaction: 1 },
          { ...at(2, 1_200), committed: false, transaction: 2 },
        ],
      }),
    });
    const section = screen.getByRole('region', { name: 'sink exactly' });
    await expect.element(section).toHaveTextContent('Transactional sink (exactly-once)');
    const marks = [...section.element().querySelectorAll('tbody .mark')].map((m) =>
      m.firstChild?.textContent?.trim(),
    );
    expect(marks).toEqual(['not yet committed', 'committed']);
    expect(section.element().querySelector('tbody tr')?.classList.contains('uncommitted')).toBe(
      true,
    );
  });

  it('leaves a table of unmarked rows as it was: no legend, no column', async () => {
    const screen = await render(OutputTables, { run: runWith({ sums: [at(1, 0), at(2, 100)] }) });
    const section = screen.getByRole('region', { name: 'sink sums' });
    await expect.element(section).toHaveTextContent('2 rows');
    expect(section.element().querySelector('.marks-legend')).toBeNull();
    expect([...section.element().querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'value',
      'event time',
      'arrived (processing time)',
    ]);
  });
});
