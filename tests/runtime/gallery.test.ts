/**
 * Every example of the sandbox gallery opens as a sandbox and runs: its program type-checks as the
 * editor checks it (data file imports included), and it runs to its end through the worker's own
 * session, with records in every sink and event time on them for the chart.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import type { GalleryExample } from '../../src/content/types';
import { MIN_WATERMARK } from '../../src/engine';
import { ROOT, runToEnd, typeErrors, withErrors } from './programs';

const { gallery } = loadLessons(join(ROOT, 'lessons'));

interface Run {
  readonly failure?: string;
  /** Rows per collect sink and side output. */
  readonly rows: Record<string, number>;
  /** Rows without an event time: the chart has no place for them. */
  readonly timeless: number;
  /** The highest watermark any operator reached before the end of the input. */
  readonly watermark: number;
}

/** Runs an example to its end as the sandbox does: its files, its seed, the full trace. */
function run(example: GalleryExample): Run {
  const rows: Record<string, number> = {};
  let timeless = 0;
  const transactional: Record<string, number> = {};
  let watermark = MIN_WATERMARK;
  const { failure } = runToEnd(example.files, {
    seed: example.seed,
    maxSlices: 5000,
    onUpdate(update) {
      for (const [sink, added] of [
        ...Object.entries(update.outputs),
        ...Object.entries(update.sideOutputs),
      ]) {
        rows[sink] = (rows[sink] ?? 0) + added.length;
        timeless += added.filter((row) => row.timestamp === undefined).length;
      }
      // A transactional sink comes whole whenever it changed: its latest rows are all it has.
      for (const [sink, whole] of Object.entries(update.transactional)) {
        rows[sink] = whole.length;
        transactional[sink] = whole.filter((row) => row.timestamp === undefined).length;
      }
      for (const event of update.trace) {
        // The end of the input sets every watermark to the end of time; the chart shows the rest.
        if (event.type === 'watermark' && Number.isSafeInteger(event.watermark)) {
          if (event.watermark < Number.MAX_SAFE_INTEGER) {
            watermark = Math.max(watermark, event.watermark);
          }
        }
      }
    },
  });
  for (const n of Object.values(transactional)) timeless += n;
  return { failure, rows, timeless, watermark };
}

describe('the sandbox gallery', () => {
  it('has at least twelve examples, each of an idea of its own', () => {
    expect(gallery.length).toBeGreaterThanOrEqual(12);
    const ideas = new Set(gallery.map((e) => e.idea.toLowerCase()));
    expect(ideas.size).toBe(gallery.length);
    for (const example of gallery) {
      expect(example.title.trim(), example.slug).not.toBe('');
      expect(example.summary.trim(), example.slug).not.toBe('');
      expect(Object.keys(example.files), example.slug).toContain('pipeline.ts');
    }
  });

  it('holds only programs that type-check', { timeout: 60_000 }, () => {
    const programs = new Map(gallery.map((e) => [e.slug, e.files['pipeline.ts'] ?? ''] as const));
    expect(withErrors(typeErrors(programs))).toEqual({});
  });

  it.each(gallery.map((e) => [e.slug, e] as const))(
    '%s runs to its end with records in every sink, on the event-time axis',
    (_slug, example) => {
      const result = run(example);
      expect(result.failure).toBeUndefined();
      const sinks = Object.entries(result.rows);
      expect(sinks.length).toBeGreaterThan(0);
      expect(sinks.filter(([, n]) => n === 0)).toEqual([]);
      expect(result.timeless).toBe(0);
      // Event time moved while the records flowed, not only at the end: the chart has a story.
      expect(result.watermark).toBeGreaterThan(0);
    },
  );
});
