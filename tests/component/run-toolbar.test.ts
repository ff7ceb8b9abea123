import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import RunToolbar from '../../src/ui/run/RunToolbar.svelte';
import type { RunStore } from '../../src/ui/run/run-store.svelte';

/** What the toolbar reads of a run paused at 700 ms of processing time. */
const paused = {
  status: 'paused',
  speed: 1,
  processingTime: 700,
  busy: false,
  canFail: true,
} as RunStore;

async function toolbar(
  props: { canStepBack: boolean; shownTime: number | null },
  run: RunStore = paused,
) {
  const pressed: string[] = [];
  const screen = await render(RunToolbar, {
    run,
    onfailnow: () => pressed.push('fail'),
    onrun: () => pressed.push('run'),
    onplay: () => pressed.push('play'),
    onstep: () => pressed.push('step'),
    onstepback: () => pressed.push('back'),
    ...props,
  });
  return { screen, pressed };
}

describe('RunToolbar', () => {
  it('says the processing time of the step shown, not how far the run has gone', async () => {
    const { screen } = await toolbar({ canStepBack: true, shownTime: 600 });
    await expect.element(screen.getByRole('status')).toHaveTextContent('Paused at 600 ms');
  });

  it('steps back and on, and cannot step back from the first step', async () => {
    const { screen, pressed } = await toolbar({ canStepBack: true, shownTime: null });
    await expect.element(screen.getByRole('status')).toHaveTextContent('Paused at 700 ms');
    await screen.getByRole('button', { name: 'Step back' }).click();
    await screen.getByRole('button', { name: 'Step', exact: true }).click();
    expect(pressed).toEqual(['back', 'step']);
    screen.unmount();

    const first = await toolbar({ canStepBack: false, shownTime: 0 });
    await expect.element(first.screen.getByRole('button', { name: 'Step back' })).toBeDisabled();
    await expect
      .element(first.screen.getByRole('button', { name: 'Step', exact: true }))
      .toHaveAttribute('aria-keyshortcuts', '.');
  });

  it('makes a running job fail now, and only while there is one', async () => {
    const { screen, pressed } = await toolbar({ canStepBack: true, shownTime: null });
    await screen.getByRole('button', { name: 'Fail now' }).click();
    expect(pressed).toEqual(['fail']);
    screen.unmount();

    const finished = { ...paused, status: 'finished', canFail: false } as RunStore;
    const ended = await toolbar({ canStepBack: true, shownTime: null }, finished);
    await expect.element(ended.screen.getByRole('button', { name: 'Fail now' })).toBeDisabled();
  });
});
