/**
 * The page's main-thread tasks while something happens, read from a Chromium trace. The Long
 * Tasks API only reports tasks of 50 ms and more; the trace gives every task's length, so a
 * benchmark can say how far under (or over) an aim the longest one is.
 */
import type { Browser, Page } from 'playwright-core';

/** A task's event, by the name this category gives it (it varies with the categories traced). */
const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** Runs `action` while tracing and returns the longest task on the page's main thread, in ms. */
export async function longestMainThreadTask(
  browser: Browser,
  page: Page,
  action: () => Promise<void>,
): Promise<number> {
  // Only the top-level category: finer ones slow every task down and inflate what they measure.
  await browser.startTracing(page, { categories: ['toplevel'] });
  await action();
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, number[]>();
  for (const e of traceEvents) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASKS.has(e.name) || !mainThreads.has(thread)) continue;
    let tasks = byThread.get(thread);
    if (tasks === undefined) byThread.set(thread, (tasks = []));
    tasks.push((e.dur ?? 0) / 1000);
  }
  // The page's renderer is the main thread that did the most work.
  let busiest: number[] = [];
  for (const tasks of byThread.values()) {
    if (sum(tasks) > sum(busiest)) busiest = tasks;
  }
  return Math.max(0, ...busiest);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
