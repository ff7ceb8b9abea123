/**
 * Every example of the sandbox gallery opens as a sandbox and runs: its program type-checks as the
 * editor checks it (data file imports included), and it runs to its end through the worker's own
 * session, with records in every sink and event time on them for the chart.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import type { GalleryExample } from '../../src/content/types';
import { DATA_FILE_DECLARATIONS } from '../../src/runtime/compile';
import type { RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';
import { MIN_WATERMARK } from '../../src/engine';

const ROOT = new URL('../..', import.meta.url).pathname;
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
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const loaded = session.load({
    files: example.files,
    entry: 'pipeline.ts',
    seed: example.seed,
    trace: 'full',
  });
  const rows: Record<string, number> = {};
  let timeless = 0;
  let watermark = MIN_WATERMARK;
  if (!loaded.ok) return { failure: loaded.failure.message, rows, timeless, watermark };
  const decoder = new TextDecoder();
  for (let i = 0; i < 5000; i++) {
    const step = session.advance({ kind: 'end' }, 1000);
    const update = JSON.parse(decoder.decode(step.update)) as RunUpdate;
    for (const [sink, added] of [
      ...Object.entries(update.outputs),
      ...Object.entries(update.sideOutputs),
    ]) {
      rows[sink] = (rows[sink] ?? 0) + added.length;
      timeless += added.filter((row) => row.timestamp === undefined).length;
    }
    for (const event of update.trace) {
      // The end of the input sets every watermark to the end of time; the chart shows the rest.
      if (event.type === 'watermark' && Number.isSafeInteger(event.watermark)) {
        if (event.watermark < Number.MAX_SAFE_INTEGER) {
          watermark = Math.max(watermark, event.watermark);
        }
      }
    }
    if (step.failure) return { failure: step.failure.message, rows, timeless, watermark };
    if (step.done) return { rows, timeless, watermark };
  }
  return { failure: 'did not end after 5000 slices', rows, timeless, watermark };
}

/** TypeScript's errors in each example's pipeline.ts, as the editor would show them. */
function typeErrors(): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  // Each program stands where a lesson's pipeline.ts would, so `streamlab` resolves as there; the
  // declarations are the editor's, which make `import rows from './rows.csv'` a string.
  const files = new Map(
    gallery.map((e) => [join(ROOT, 'lessons', `gallery-${e.slug}.ts`), e] as const),
  );
  const declarations = join(ROOT, 'lessons', 'gallery-data-files.d.ts');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) =>
    file === declarations
      ? DATA_FILE_DECLARATIONS
      : (files.get(file)?.files['pipeline.ts'] ?? readFile(file));
  host.fileExists = (file) => file === declarations || files.has(file) || fileExists(file);
  // No ambient `types`: Vite's client types declare `*.txt` (as an asset URL) for the app itself.
  const program = ts.createProgram(
    [...files.keys(), declarations],
    { ...config.options, types: [] },
    host,
  );
  const errors = new Map<string, string[]>();
  for (const [file, example] of files) {
    const found = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => {
      const line =
        d.file && d.start !== undefined
          ? d.file.getLineAndCharacterOfPosition(d.start).line + 1
          : 0;
      return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    errors.set(example.slug, found);
  }
  return errors;
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
    const errors = typeErrors();
    expect(Object.fromEntries([...errors].filter(([, found]) => found.length > 0))).toEqual({});
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
