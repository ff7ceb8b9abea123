import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import CheckBanner from '../../src/ui/run/CheckBanner.svelte';
import FailureBanner from '../../src/ui/run/FailureBanner.svelte';

describe('CheckBanner', () => {
  it('says a passed check plainly', async () => {
    const screen = await render(CheckBanner, {
      outcome: { ok: true, pass: true, message: 'All four hot readings raised an alert.' },
    });
    const banner = screen.getByRole('status');
    await expect.element(banner).toHaveAttribute('data-check', 'pass');
    await expect.element(banner).toHaveTextContent('Check passed. All four hot readings');
  });

  it('tells a failed check from a check that could not run', async () => {
    const failed = await render(CheckBanner, {
      outcome: { ok: true, pass: false, message: 'Expected 4 alerts, got 10.' },
    });
    await expect.element(failed.getByRole('status')).toHaveTextContent('Not yet. Expected 4');
    failed.unmount();
    const broken = await render(CheckBanner, {
      outcome: { ok: false, message: 'No default export.' },
    });
    await expect.element(broken.getByRole('status')).toHaveAttribute('data-check', 'error');
    await expect.element(broken.getByRole('status')).toHaveTextContent('The check could not run.');
  });
});

describe('FailureBanner', () => {
  it('names the kind of failure and its place, with the operator and the record', async () => {
    const screen = await render(FailureBanner, {
      failure: {
        kind: 'runtime',
        message: 'Error: two is not allowed',
        file: 'pipeline.ts',
        line: 6,
        column: 28,
        operator: 'Map',
        record: { value: '{"n":2}', timestamp: 1500 },
        stack: 'Error: two is not allowed\n    at <anonymous> (pipeline.ts:6:28)',
      },
    });
    const alert = screen.getByRole('alert');
    await expect.element(alert).toHaveTextContent('Your code threw an error — line 6, column 28');
    await expect
      .element(alert)
      .toHaveTextContent('Operator Map on record {"n":2} at event time 1.5 s');
    await expect.element(screen.getByText('Stack')).toBeVisible();
  });

  it('names the data file a bad row is in', async () => {
    const screen = await render(FailureBanner, {
      failure: {
        kind: 'data',
        message: 'readings.csv, line 3, column 12: expected 3 fields, found 4',
        file: 'readings.csv',
        line: 3,
        column: 12,
      },
    });
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('Bad row in readings.csv — line 3, column 12');
  });
});

describe('CheckBanner and the learner’s progress', () => {
  const next = { title: 'Events and time', href: '#/learn/events-and-time' };
  const earlier = { at: new Date(2024, 0, 15, 10, 0).getTime(), message: 'Five alerts, all hot.' };

  it('recalls a pass from an earlier visit before any run, and offers the way on', async () => {
    const screen = await render(CheckBanner, { passedBefore: earlier, next });
    const banner = screen.getByRole('status');
    await expect.element(banner).toHaveAttribute('data-check', 'passed-before');
    await expect
      .element(banner)
      .toHaveTextContent(
        /You passed this check on .*2024\. Five alerts, all hot\. Run again to re-check\./,
      );
    await expect
      .element(screen.getByRole('link', { name: 'Next: Events and time →' }))
      .toHaveAttribute('href', '#/learn/events-and-time');
    // Recalled on arrival, it does not take the keyboard.
    await expect.element(screen.getByRole('link')).not.toHaveFocus();
  });

  it('moves the keyboard to Next when a run passes, only if that interrupts nothing', async () => {
    const outcome = { ok: true as const, pass: true, message: 'Five alerts.' };
    const polite = await render(CheckBanner, { outcome, next, mayTakeFocus: () => true });
    await expect
      .element(polite.getByRole('link', { name: 'Next: Events and time →' }))
      .toHaveFocus();
    polite.unmount();

    const typing = await render(CheckBanner, { outcome, next, mayTakeFocus: () => false });
    await expect
      .element(typing.getByRole('link', { name: 'Next: Events and time →' }))
      .not.toHaveFocus();
  });

  it('shows a later failing run’s verdict, and says the lesson stays done', async () => {
    const screen = await render(CheckBanner, {
      outcome: { ok: true, pass: false, message: 'Every reading reached the sink.' },
      passedBefore: earlier,
      next,
    });
    const banner = screen.getByRole('status');
    await expect.element(banner).toHaveAttribute('data-check', 'fail');
    await expect
      .element(banner)
      .toHaveTextContent(
        'Not yet. Every reading reached the sink. You passed it before, so the lesson stays done.',
      );
    expect(screen.container.querySelector('a')).toBeNull();
  });
});
