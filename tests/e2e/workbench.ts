import type { Page } from 'playwright-core';

/**
 * Clicks into the editor's visible text, as a learner would, and waits until it has the keyboard.
 * (Not on an element of its lines: the lines' container is as tall as the whole file, and Monaco
 * keeps lines above and below the visible part, so their centres may lie outside the editor.)
 */
export async function focusEditor(
  page: Page,
  within = page.locator('.monaco-editor'),
): Promise<void> {
  const editor = within.first();
  const box = await editor.boundingBox();
  if (!box) throw new Error('The editor is not on the screen');
  await editor.click({ position: { x: box.width / 2, y: Math.min(box.height / 2, 30) } });
  // The page's active element is what Ctrl+A and a paste act on.
  await page.waitForFunction(
    (element) => element?.contains(document.activeElement) === true,
    await editor.elementHandle(),
  );
}

/** Replaces the editor's text with `code`, as a learner selecting all and pasting would. */
export async function setCode(page: Page, code: string): Promise<void> {
  await page.locator('[data-editor-status="ready"]').waitFor();
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  // A paste event, like the learner's Ctrl+V, to what has the keyboard: typed text would be
  // auto-indented and auto-closed.
  const pasted = await page.evaluate((text) => {
    const target = document.activeElement;
    if (!target?.closest('.monaco-editor')) return false;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    target.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    return true;
  }, code);
  if (!pasted) throw new Error('The editor lost the keyboard before the paste');
}

/**
 * Pastes each file into the editor, choosing its tab first when there are several, as a learner
 * copying a whole solution would. `files` is in the editor's tab order.
 */
export async function setFiles(page: Page, files: Readonly<Record<string, string>>): Promise<void> {
  const names = Object.keys(files);
  const tabs = page.getByRole('tablist', { name: 'Files' });
  for (const name of names) {
    if (names.length > 1) {
      await tabs.getByRole('tab', { name, exact: true }).click();
      await tabs.getByRole('tab', { name, exact: true, selected: true }).waitFor();
    }
    await setCode(page, files[name] ?? '');
  }
}

/** The text the editor shows, spaces normalised (Monaco draws them as no-break spaces). */
export async function visibleCode(page: Page): Promise<string> {
  return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Presses Run and waits for the run to finish or fail; returns the status. */
export async function runToEnd(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  return waitForRunEnd(page);
}

export async function waitForRunEnd(page: Page): Promise<string> {
  const status = page.locator('[data-run-status="finished"], [data-run-status="failed"]');
  await status.waitFor({ timeout: 15_000 });
  return (await status.getAttribute('data-run-status')) ?? '';
}

/** Rows of a sink's table, newest first, as the text of their value cells. */
export async function sinkValues(page: Page, sink: string): Promise<string[]> {
  return page.locator(`section[data-sink="${sink}"] td.value`).allInnerTexts();
}

/**
 * Starts recording main-thread long tasks (PerformanceObserver 'longtask'); call before opening
 * the page. `longestTask` reads the longest since `resetLongTasks`.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
  });
}

export async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
  );
}

/** A program whose pipeline function has `body`, one line each, after the usual type import. */
export function program(...body: string[]): string {
  return [
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    ...body.map((line) => `  ${line}`),
    '}',
    '',
  ].join('\n');
}

/** A pipeline with a statement of the learner's own at line 4. */
export function pipelineWith(statement: string, imports = ''): string {
  return [
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    imports,
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    `  ${statement}`,
    "  env.fromElements(1, 2, 3).sinkTo(env.collect('out'));",
    '}',
    '',
  ].join('\n');
}

export const GOOD_PROGRAM = [
  "import type { StreamExecutionEnvironment } from 'streamlab';",
  'export default function pipeline(env: StreamExecutionEnvironment) {',
  "  env.fromElements(10, 20, 30).map((n) => n + 1).sinkTo(env.collect('good'));",
  '}',
  '',
].join('\n');

/**
 * A scripted pipeline with one known late element: keyed tumbling windows of 5 s; a at 1 s and b
 * at 3 s arrive at 0, a at 6 s at `gapMs`, when the watermark jumps to 5 s (firing both
 * [0 s, 5 s) panes); then a at 2 s arrives `lateMs` later, behind the watermark with no allowed
 * lateness: dropped.
 */
export function lateScript(gapMs: number, lateMs: number): string {
  return [
    "import { TestStream, Time, TimestampedValue, TumblingEventTimeWindows } from 'streamlab';",
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    '',
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    '  const script = TestStream.create<[string, number]>()',
    "    .addElements(TimestampedValue.of(['a', 1], 1000), TimestampedValue.of(['b', 2], 3000))",
    `    .advanceProcessingTime(${gapMs})`,
    "    .addElements(TimestampedValue.of(['a', 3], 6000))",
    '    .advanceWatermarkTo(5000)',
    `    .advanceProcessingTime(${lateMs})`,
    "    .addElements(TimestampedValue.of(['a', 4], 2000))",
    '    .advanceWatermarkToInfinity()',
    "    .build('script');",
    '  env',
    '    .fromSource(script)',
    '    .keyBy((r) => r[0])',
    '    .window(TumblingEventTimeWindows.of(Time.seconds(5)))',
    '    .sum(1)',
    "    .sinkTo(env.collect('sums'));",
    '}',
    '',
  ].join('\n');
}

/** The late script at a pace to watch: a at 6 s arrives at 2 s, the late a at 4 s. */
export const LATE_SCRIPT = lateScript(2000, 2000);
