import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import Hints from '../../src/ui/lesson/Hints.svelte';

const hints = [
  '<p>Start with the <code>filter</code>.</p>',
  '<p>Compare <code>reading.celsius</code> with 80.</p>',
  '<p>Then <code>map</code> each reading to an alert.</p>',
];

/** A key no other test uses: what is revealed is remembered per key, across mounts. */
const freshKey = () => `test/${crypto.randomUUID()}#hints-1`;

describe('Hints', () => {
  it('reveals one hint at a time, moving the focus to each, until the last', async () => {
    const screen = await render(Hints, { hints, storageKey: freshKey() });
    const region = screen.getByRole('region', { name: 'Hints' });
    await expect.element(region).toBeVisible();
    expect(screen.getByRole('listitem').elements()).toHaveLength(0);

    await screen.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    await expect.element(screen.getByRole('listitem')).toHaveTextContent('Start with the filter.');
    await expect.element(screen.getByRole('listitem')).toHaveFocus();

    await screen.getByRole('button', { name: 'Show the next hint (2 of 3)' }).click();
    await screen.getByRole('button', { name: 'Show the next hint (3 of 3)' }).click();
    const items = screen.getByRole('listitem');
    expect(items.elements()).toHaveLength(3);
    await expect.element(items.nth(2)).toHaveFocus();
    await expect.element(items.nth(2)).toHaveTextContent('Hint 3 of 3: Then map each reading');
    await expect.element(screen.getByText('That was the last hint.')).toBeVisible();
    expect(screen.getByRole('button').elements()).toHaveLength(0);
  });

  it('shows what was revealed again when the block comes back, for the same key only', async () => {
    const key = freshKey();
    const first = await render(Hints, { hints, storageKey: key });
    await first.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    await first.getByRole('button', { name: 'Show the next hint (2 of 3)' }).click();
    first.unmount();

    const again = await render(Hints, { hints, storageKey: key });
    await expect
      .element(again.getByRole('button', { name: 'Show the next hint (3 of 3)' }))
      .toBeVisible();
    expect(again.getByRole('listitem').elements()).toHaveLength(2);
    again.unmount();

    const other = await render(Hints, { hints, storageKey: freshKey() });
    await expect.element(other.getByRole('button', { name: 'Show a hint (1 of 3)' })).toBeVisible();
  });

  it('shows the hints an earlier visit revealed, read from IndexedDB', async () => {
    const key = freshKey();
    const { createStore, set } = await import('idb-keyval');
    await set(key, 2, createStore('streamlab-hints', 'revealed'));
    const screen = await render(Hints, { hints, storageKey: key });
    await expect
      .element(screen.getByRole('button', { name: 'Show the next hint (3 of 3)' }))
      .toBeVisible();
    expect(screen.getByRole('listitem').elements()).toHaveLength(2);
  });

  it('keeps revealed hints in IndexedDB, so a new visit shows them', async () => {
    const key = freshKey();
    const screen = await render(Hints, { hints, storageKey: key });
    await screen.getByRole('button', { name: 'Show a hint (1 of 3)' }).click();
    await expect.element(screen.getByRole('listitem')).toBeVisible();
    // Read back what was stored, the way a fresh page would.
    const { createStore, get } = await import('idb-keyval');
    await expect.poll(() => get(key, createStore('streamlab-hints', 'revealed'))).toBe(1);
  });
});
