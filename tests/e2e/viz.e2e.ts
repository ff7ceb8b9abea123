import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser';
import { sensors } from '../../bench/browser/viz';
import { FATES } from '../../src/ui/viz/palette';
import { LATE_SCRIPT, runToEnd, setCode, waitForRunEnd } from './workbench';

const chart = (page: Page) => page.locator('.chart svg');
const records = (page: Page) => chart(page).locator('[data-kind="record"]');
const panes = (page: Page) => chart(page).locator('[data-kind="pane"]');

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function openChart(page: Page, open: (path?: string) => Promise<void>): Promise<void> {
  await open('#/sandbox');
  await setCode(page, LATE_SCRIPT);
  expect(await runToEnd(page)).toBe('finished');
  await page.getByRole('tab', { name: 'Event time' }).click();
  await records(page).first().waitFor();
}

/** Pane attributes, in firing order, as `key [start, end) timing @ processing time`. */
async function paneSummary(page: Page): Promise<string[]> {
  return panes(page).evaluateAll((marks) =>
    marks.map((m) => {
      const d = (m as SVGElement).dataset;
      return `${d.key} [${d.windowStart}, ${d.windowEnd}) ${d.timing} @ ${d.processingTime}`;
    }),
  );
}

describe('the event-time chart', () => {
  // One tab: each case runs the script afresh, as a learner pressing Run again would.
  const { start } = useBrowser({ shared: true });

  it('shows the late element as dropped, the watermark where it stood and the panes that fired', async () => {
    const { page, open } = await start();
    await openChart(page, open);

    const dropped = records(page).and(page.locator('[data-fate="dropped"]'));
    await expect.poll(() => dropped.count()).toBe(1);
    expect(await dropped.getAttribute('data-event-time')).toBe('2000');
    expect(await dropped.getAttribute('data-processing-time')).toBe('4000');
    expect(await dropped.getAttribute('data-key')).toBe('a');
    expect(await records(page).and(page.locator('[data-fate="on-time"]')).count()).toBe(3);

    // One row per key, a above b; the operator's one watermark is drawn in both.
    expect(await chart(page).locator('.row-label').allTextContents()).toEqual(['key a', 'key b']);
    // The watermark: one finite step, to 5 s at 2 s of processing time, then to the end.
    expect(await chart(page).locator('[data-kind="watermark-step"]').count()).toBe(2);
    const steps = chart(page).locator('[data-kind="watermark-step"][data-row="0"]');
    expect(await steps.count()).toBe(1);
    expect(await steps.getAttribute('data-watermark')).toBe('5000');
    expect(await steps.getAttribute('data-processing-time')).toBe('2000');
    // …drawn where the axes say: at x(5 s), level with the record that arrived at 2 s.
    const step = await steps.boundingBox();
    const sixSeconds = await records(page)
      .and(page.locator('[data-event-time="6000"]'))
      .boundingBox();
    const middle = (box: { y: number; height: number } | null) =>
      box ? box.y + box.height / 2 : NaN;
    expect(Math.abs(middle(step) - middle(sixSeconds))).toBeLessThan(1.5);
    expect(
      await chart(page).locator('[data-kind="watermark"]').getAttribute('data-watermark'),
    ).toBe(String(Number.MAX_SAFE_INTEGER));

    expect(await paneSummary(page)).toEqual([
      'a [0, 5000) ON_TIME @ 2000',
      'b [0, 5000) ON_TIME @ 2000',
      'a [5000, 10000) ON_TIME @ 4000',
    ]);
    expect(await panes(page).first().getAttribute('data-value')).toBe('["a", 1]');
    // Each pane's box reads its result, and sits in its own key's row.
    expect(await panes(page).allTextContents()).toEqual(['1', '2', '3']);
    expect(await panes(page).evaluateAll((marks) => marks.map((m) => m.dataset.row))).toEqual([
      '0',
      '1',
      '0',
    ]);

    // No pane or line covers a record: the mark at each record's centre is that record.
    const hits = await records(page).evaluateAll((marks) =>
      marks.map((mark) => {
        const box = mark.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return hit?.closest('[data-kind="record"]') === mark;
      }),
    );
    expect(hits).toEqual([true, true, true, true]);

    // The legend tells late and dropped apart by name, and the summary says it in words.
    // After the run the chart has the editor's height, and room for its legend.
    expect(await page.locator('[data-legend="dropped"]').isVisible()).toBe(true);
    expect(await page.locator('#run-view .event-time-summary').innerText()).toMatch(/1 dropped/);
    // With the editor back at 1280×720 the legend folds behind a button, leaving the chart its
    // height.
    await page.getByRole('button', { name: 'Show editor' }).click();
    const legend = page.getByRole('button', { name: 'Legend' });
    await legend.click();
    await page.locator('[data-legend="dropped"]').waitFor();
    await shot(page, 'viz-legend-open');
    await legend.click();
    await page.getByRole('button', { name: 'Hide editor' }).click();

    await page.locator('.chart [data-fate="dropped"]').hover();
    expect(await page.getByRole('tooltip').innerText()).toMatch(
      /late, dropped: behind the watermark 5 s/,
    );
    await shot(page, 'viz-event-time-1280');
  });

  it('highlights the records behind a pane, and behind a result row', async () => {
    const { page, open } = await start();
    await openChart(page, open);

    await panes(page).first().click();
    await expect
      .poll(() => page.locator('[data-lineage-sources]').getAttribute('data-lineage-sources'))
      .toBe('1');
    const traced = records(page).and(page.locator('.traced'));
    expect(await traced.count()).toBe(1);
    expect(await traced.getAttribute('data-event-time')).toBe('1000');
    expect(await records(page).and(page.locator('.dimmed')).count()).toBe(3);
    await shot(page, 'viz-lineage-pane');

    await page.getByRole('button', { name: 'Clear' }).click();
    expect(await records(page).and(page.locator('.dimmed')).count()).toBe(0);

    // From the results: the newest row (a's [5 s, 10 s) pane) back to a at 6 s.
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByRole('button', { name: 'Show the records behind row 3 of sums' }).click();
    expect(await page.getByRole('tab', { name: 'Event time' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await records(page).and(page.locator('.traced')).first().waitFor();
    expect(await records(page).and(page.locator('.traced')).getAttribute('data-event-time')).toBe(
      '6000',
    );
  });

  it('travels through the run with the scrubber, from the keyboard', async () => {
    const { page, open } = await start();
    await openChart(page, open);

    const slider = page.getByRole('slider', { name: 'Processing time shown' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => records(page).count()).toBe(2);
    expect(await panes(page).count()).toBe(0);
    expect(await chart(page).locator('[data-kind="watermark"]').count()).toBe(0);
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/processing time 0 ms/);
    await shot(page, 'viz-scrub-0');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => records(page).count()).toBe(3);
    expect(await paneSummary(page)).toEqual([
      'a [0, 5000) ON_TIME @ 2000',
      'b [0, 5000) ON_TIME @ 2000',
    ]);
    expect(
      await chart(page).locator('[data-kind="watermark"]').getAttribute('data-watermark'),
    ).toBe('5000');
    await shot(page, 'viz-scrub-2s');

    // The other views follow the scrubber: at 2 s the window operator holds a's [5 s, 10 s).
    await page.getByRole('tab', { name: 'State' }).click();
    const pending = page.locator('[data-kind="pending-window"]');
    expect(await pending.count()).toBe(1);
    expect(await pending.getAttribute('data-window-start')).toBe('5000');
    expect(await pending.getAttribute('data-elements')).toBe('1');
    expect(await page.locator('[data-kind="timer"]').getAttribute('data-timestamp')).toBe('9999');

    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await page.locator('section[data-sink="sums"] td.value').allInnerTexts()).toEqual([
      '["b",2]',
      '["a",1]',
    ]);

    await slider.focus();
    await page.keyboard.press('End');
    expect(await page.locator('section[data-sink="sums"] td.value').count()).toBe(3);
  });

  it('shows the graph with live counts and lanes with the dropped marble', async () => {
    const { page, open } = await start();
    await openChart(page, open);

    await page.getByRole('tab', { name: 'Graph' }).click();
    const window = page.locator('[data-kind="operator"][data-operator-kind="window"]');
    expect(await window.getAttribute('data-records-in')).toBe('4');
    expect(await window.getAttribute('data-records-out')).toBe('3');
    expect(await window.getAttribute('data-late-dropped')).toBe('1');
    await shot(page, 'viz-graph');

    await page.getByRole('tab', { name: 'Lanes' }).click();
    const marble = page.locator('[data-kind="arrival"][data-fate="dropped"]');
    expect(await marble.getAttribute('data-event-time')).toBe('2000');
    await shot(page, 'viz-lanes');

    // Choosing the source in the graph focuses the chart on it: no windows there.
    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.locator('[data-kind="operator"][data-operator-kind="source"]').click();
    expect(await page.getByRole('tab', { name: 'Event time' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await expect.poll(() => panes(page).count()).toBe(0);
    expect(await records(page).count()).toBe(4);
  });
});

describe('the event-time chart in the dark theme', () => {
  const { start } = useBrowser();

  it('reads in the dark theme and fills the window when expanded', async () => {
    const { page, open } = await start({ colorScheme: 'dark' });
    await openChart(page, open);
    await shot(page, 'viz-event-time-dark');
    await page.getByRole('button', { name: 'Expand' }).click();
    await shot(page, 'viz-expanded-dark');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Expand' }).waitFor();
  });
});

/** Pixels of each fate's colour on the chart's canvas (light theme). */
async function canvasFates(page: Page): Promise<Record<string, number>> {
  const colors = Object.fromEntries(
    Object.entries(FATES).map(([fate, style]) => [parseInt(style.color.light.slice(1), 16), fate]),
  );
  return page.locator('.chart canvas').evaluate((canvas, fateOf) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
    // Colours as 0xRRGGBB, looked up once per drawn pixel: a chart with the editor's height has
    // millions of pixels.
    const counts: Record<string, number> = {};
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i + 3] ?? 0) === 0) continue;
      const fate = fateOf[((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0)];
      if (fate) counts[fate] = (counts[fate] ?? 0) + 1;
    }
    return counts;
  }, colors);
}

describe('the event-time chart while a big run plays', () => {
  const { start } = useBrowser();

  it('stands ready before the first run, and draws thousands of records on a canvas as they come', async () => {
    const { page, open } = await start();
    await open('#/sandbox');
    await setCode(page, sensors(10, 5, 100));
    await page.getByRole('tab', { name: 'Event time' }).click();
    // Before any run: the axes and a note, so the first Run only adds marks.
    await page.getByText('Press Run (or Play, or Step) to draw this run').waitFor();
    expect(await chart(page).locator('.axis .tick').count()).toBeGreaterThan(2);

    await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: '25×' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('.chart[data-render="canvas"]').waitFor({ timeout: 10_000 });
    expect(await page.getByText('Press Run (or Play, or Step)').count()).toBe(0);
    // Mid-run, frames have stamped only their new records onto what was drawn: on-time and
    // dropped records are both there.
    await page.waitForTimeout(700);
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = await canvasFates(page);
    expect(paused['on-time'] ?? 0).toBeGreaterThan(1000);
    expect(paused.dropped ?? 0).toBeGreaterThan(0);
    await shot(page, 'viz-canvas-paused');

    await page.getByRole('button', { name: 'Play', exact: true }).click();
    expect(await waitForRunEnd(page)).toBe('finished');
    const finished = await canvasFates(page);
    expect(finished['on-time'] ?? 0).toBeGreaterThan(1000);
    expect(finished.dropped ?? 0).toBeGreaterThan(0);
    await shot(page, 'viz-canvas-finished');
  });
});

describe('the event-time chart on a large screen', () => {
  const { start } = useBrowser({ viewport: { width: 1920, height: 1080 } });

  it('lays out at 1920×1080', async () => {
    const { page, open } = await start();
    await openChart(page, open);
    await shot(page, 'viz-event-time-1920');
  });
});
