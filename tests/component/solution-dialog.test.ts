import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SolutionDialog from '../../src/ui/work/SolutionDialog.svelte';

async function dialog() {
  const chosen: string[] = [];
  const screen = await render(SolutionDialog, {
    onshow: () => chosen.push('show'),
    oncompare: () => chosen.push('compare'),
  });
  const ask = () => (screen.component as unknown as { ask(): void }).ask();
  return { screen, chosen, ask };
}

describe('SolutionDialog', () => {
  it('asks first, says the learner’s code is kept, and shows the solution only when told', async () => {
    const { screen, chosen, ask } = await dialog();
    ask();
    const asking = screen.getByRole('dialog', { name: 'Show the solution?' });
    await expect
      .element(asking)
      .toHaveAccessibleDescription(/Your code is kept and you can come back to it/);
    await screen.getByRole('button', { name: 'Keep working' }).click();
    await expect.element(asking).not.toBeInTheDocument();
    expect(chosen).toEqual([]);

    ask();
    await screen.getByRole('button', { name: 'Show solution' }).click();
    await expect.poll(() => chosen).toEqual(['show']);
  });

  it('offers to compare instead', async () => {
    const { screen, chosen, ask } = await dialog();
    ask();
    await screen.getByRole('button', { name: 'Compare with my code' }).click();
    await expect.poll(() => chosen).toEqual(['compare']);
  });

  it('closes on Escape, choosing nothing, and spends the key so the page does not act on it', async () => {
    const { screen, chosen, ask } = await dialog();
    let seenByPage: boolean | undefined;
    const listener = (event: KeyboardEvent) => (seenByPage = event.defaultPrevented);
    window.addEventListener('keydown', listener);
    ask();
    await expect.element(screen.getByRole('dialog')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(screen.getByRole('dialog')).not.toBeInTheDocument();
    window.removeEventListener('keydown', listener);
    expect(seenByPage).toBe(true);
    expect(chosen).toEqual([]);
  });
});
