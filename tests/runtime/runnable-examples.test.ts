/**
 * Every code block a lesson marks ` ```ts runnable ` is a whole program that type-checks against
 * the engine's API and runs to its end, putting something in a sink: a learner who presses its
 * Run button sees results, not an error the prose never mentioned.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import type { RunnableBlock } from '../../src/content/types';
import type { RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';

const ROOT = new URL('../..', import.meta.url).pathname;
const library = loadLessons(join(ROOT, 'lessons'));

interface Example {
  /** `<page> example <n>`, as the test names it. */
  readonly name: string;
  readonly block: RunnableBlock;
}

const pages = [
  ...[...library.lessons.values()].map((l) => [`lesson ${l.slug}`, l.blocks] as const),
  ...[...library.chapterPages.values()].map((c) => [`chapter ${c.slug}`, c.blocks] as const),
];
const examples: Example[] = pages.flatMap(([page, blocks]) =>
  blocks
    .filter((b): b is RunnableBlock => b.kind === 'runnable')
    .map((block, i) => ({ name: `${page}, example ${i + 1}`, block })),
);

/** Runs `source` to its end, as the example's Run button does; rows collected per sink. */
function run(source: string): { failure?: string; rows: Record<string, number> } {
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const loaded = session.load({
    files: { 'pipeline.ts': source },
    entry: 'pipeline.ts',
    trace: 'full',
  });
  if (!loaded.ok) return { failure: loaded.failure.message, rows: {} };
  const rows: Record<string, number> = {};
  const decoder = new TextDecoder();
  for (let i = 0; i < 1000; i++) {
    const step = session.advance({ kind: 'end' }, 1000);
    const update = JSON.parse(decoder.decode(step.update)) as RunUpdate;
    for (const [sink, added] of Object.entries(update.outputs)) {
      rows[sink] = (rows[sink] ?? 0) + added.length;
    }
    if (step.failure) return { failure: step.failure.message, rows };
    if (step.done) return { rows };
  }
  return { failure: 'did not end after 1000 slices', rows };
}

/** Type errors of every example at once, by example: one program keeps the check quick. */
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
  // Each example stands where a lesson's pipeline.ts would, so `streamlab` resolves as there.
  const files = new Map(
    examples.map((e, i) => [join(ROOT, 'lessons', `example-${i}.ts`), e] as const),
  );
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => files.get(file)?.block.source ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  const program = ts.createProgram([...files.keys()], { ...config.options, types: [] }, host);
  const errors = new Map<string, string[]>();
  for (const [file, example] of files) {
    const source = program.getSourceFile(file);
    const found = ts.getPreEmitDiagnostics(program, source).map((d) => {
      const line =
        d.file && d.start !== undefined
          ? d.file.getLineAndCharacterOfPosition(d.start).line + 1
          : 0;
      return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    errors.set(example.name, found);
  }
  return errors;
}

describe('runnable examples in the prose', () => {
  it('exist, so the Run button is exercised by real content', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  // One TypeScript program over the engine takes about 2 s, and much longer on a busy machine.
  it('type-check against the engine as a lesson file does', { timeout: 60_000 }, () => {
    const errors = typeErrors();
    expect(Object.fromEntries([...errors].filter(([, found]) => found.length > 0))).toEqual({});
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s runs to its end into a sink',
    (_name, example) => {
      const result = run(example.block.source);
      expect(result.failure).toBeUndefined();
      expect(Object.values(result.rows).some((n) => n > 0)).toBe(true);
    },
  );
});
