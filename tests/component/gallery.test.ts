import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { gallery } from 'virtual:streamlab/gallery';
import type { GalleryExample } from '../../src/content/types';
import Gallery from '../../src/ui/sandboxes/Gallery.svelte';

async function shown() {
  const opened: GalleryExample[] = [];
  const screen = await render(Gallery, {
    onopen: (example: GalleryExample) => opened.push(example),
  });
  await expect.element(screen.getByRole('list', { name: 'Examples' })).toBeVisible();
  return { screen, opened };
}

describe('Gallery', () => {
  it('shows a card for every example, with its idea, title and summary', async () => {
    const { screen } = await shown();
    expect(gallery.length).toBeGreaterThanOrEqual(12);
    const cards = screen.getByRole('listitem');
    expect(cards.elements()).toHaveLength(gallery.length);
    for (const example of gallery) {
      const card = screen.getByRole('listitem', { name: example.title, exact: true });
      await expect.element(card.getByRole('heading', { name: example.title })).toBeVisible();
      await expect.element(card).toHaveTextContent(example.idea);
      await expect.element(card).toHaveTextContent(example.summary);
    }
  });

  it('names the data files an example opens with', async () => {
    const { screen } = await shown();
    const withData = gallery.find((e) => Object.keys(e.files).some((f) => f.endsWith('.csv')));
    expect(withData).toBeDefined();
    if (!withData) return;
    const csv = Object.keys(withData.files).find((f) => f.endsWith('.csv')) ?? '';
    const card = screen.getByRole('listitem', { name: withData.title, exact: true });
    await expect.element(card).toHaveTextContent(`Data: ${csv}`);
    expect(card.element().textContent).not.toContain('pipeline.ts');
  });

  it('hands the example, files and seed, to onopen when its Open button is pressed', async () => {
    const { screen, opened } = await shown();
    const example = gallery[3] as GalleryExample;
    await screen.getByRole('button', { name: `Open ${example.title}` }).click();
    await expect.poll(() => opened.length).toBe(1);
    expect(opened[0]).toEqual(example);
    expect(opened[0]?.files['pipeline.ts']).toContain('export default function pipeline');
  });

  it('opens from the keyboard: Tab reaches each Open button in turn, Enter opens', async () => {
    const { screen, opened } = await shown();
    const first = gallery[0] as GalleryExample;
    const second = gallery[1] as GalleryExample;
    await userEvent.tab();
    await expect.element(screen.getByRole('button', { name: `Open ${first.title}` })).toHaveFocus();
    await userEvent.tab();
    await expect
      .element(screen.getByRole('button', { name: `Open ${second.title}` }))
      .toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => opened.map((e) => e.slug)).toEqual([second.slug]);
  });
});
