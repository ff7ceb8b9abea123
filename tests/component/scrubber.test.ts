import { userEvent } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { momentAt, type Moment } from '../../src/ui/viz/moment';
import Scrubber from '../../src/ui/viz/Scrubber.svelte';

describe('Scrubber', () => {
  const moments = [0, 2000, 4000];

  async function scrubber(at: number, live = false) {
    const chosen: (number | null)[] = [];
    const screen = await render(Scrubber, {
      moments,
      revision: 1,
      at: momentAt(at),
      following: at === 4000,
      live,
      onscrub: (moment: Moment | null) => chosen.push(moment?.time ?? null),
    });
    return { screen, chosen };
  }

  it('steps through the moments something happened, with the keyboard', async () => {
    const { screen, chosen } = await scrubber(4000);
    const slider = screen.getByRole('slider', { name: 'Processing time shown' });
    await expect
      .element(slider)
      .toHaveAttribute('aria-valuetext', 'processing time 4 s, moment 3 of 3');
    (slider.element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(chosen.at(-1)).toBe(2000);
    await userEvent.keyboard('{Home}');
    expect(chosen.at(-1)).toBe(0);
  });

  it('follows a live run again when moved to its end', async () => {
    const { screen, chosen } = await scrubber(2000, true);
    (
      screen.getByRole('slider', { name: 'Processing time shown' }).element() as HTMLElement
    ).focus();
    await userEvent.keyboard('{End}');
    expect(chosen.at(-1)).toBeNull();
  });

  it('says where it stands, and steps with its buttons', async () => {
    const { screen, chosen } = await scrubber(2000);
    await expect.element(screen.getByRole('status')).toHaveTextContent('2 s of 4 s');
    await screen.getByRole('button', { name: 'Next moment' }).click();
    expect(chosen.at(-1)).toBe(4000);
    await screen.getByRole('button', { name: 'Previous moment' }).click();
    expect(chosen.at(-1)).toBe(0);
  });

  it('never reads past its end while the clock of a run runs ahead of its last event', async () => {
    const { screen } = await scrubber(4321, true);
    await expect.element(screen.getByRole('status')).toHaveTextContent('4 s of 4 s');
  });
});
