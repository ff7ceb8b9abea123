/**
 * Every code block a lesson marks ` ```ts runnable ` is a whole program that type-checks against
 * the engine's API and runs to its end, putting something in a sink: a learner who presses its
 * Run button sees results, not an error the prose never mentioned.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import type { RunnableBlock } from '../../src/content/types';
import { ROOT, runToEnd, typeErrors, withErrors } from './programs';

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
  const rows: Record<string, number> = {};
  const { failure } = runToEnd(
    { 'pipeline.ts': source },
    {
      onUpdate(update) {
        for (const [sink, added] of Object.entries(update.outputs)) {
          rows[sink] = (rows[sink] ?? 0) + added.length;
        }
      },
    },
  );
  return { failure, rows };
}

describe('runnable examples in the prose', () => {
  it('exist, so the Run button is exercised by real content', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  // One TypeScript program over the engine takes about 2 s, and much longer on a busy machine.
  it('type-check against the engine as a lesson file does', { timeout: 60_000 }, () => {
    const programs = new Map(examples.map((e) => [e.name, e.block.source] as const));
    expect(withErrors(typeErrors(programs))).toEqual({});
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
