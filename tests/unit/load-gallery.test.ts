import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';

/** Writes a lessons tree, gallery included, into a fresh temp folder. */
function tree(files: Record<string, string>): string {
  const root = join(mkdtempSync(join(tmpdir(), 'gallery-')), 'lessons');
  mkdirSync(root, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

const about = (title: string, idea: string, extra = '') =>
  `---\ntitle: ${title}\nidea: ${idea}\nsummary: >-\n  What to look at: the windows.\n${extra}---\n`;
const PROGRAM = 'export default function pipeline() {}\n';

describe('the gallery in the lessons build', () => {
  it('reads each example in folder order, with its files and a seed', () => {
    const root = tree({
      'sandbox/gallery/10-late/example.md': about('Late', 'Late data', 'seed: 7\n'),
      'sandbox/gallery/10-late/pipeline.ts': PROGRAM,
      'sandbox/gallery/10-late/readings.csv': 'ts\n1\n',
      'sandbox/gallery/02-sessions/example.md': about('Sessions', 'Session windows'),
      'sandbox/gallery/02-sessions/pipeline.ts': PROGRAM,
      'sandbox/gallery/notes.md': 'not an example',
    });
    const { gallery } = loadLessons(root);
    expect(gallery).toEqual([
      {
        slug: 'sessions',
        title: 'Sessions',
        idea: 'Session windows',
        summary: 'What to look at: the windows.',
        seed: 1,
        files: { 'pipeline.ts': PROGRAM },
      },
      {
        slug: 'late',
        title: 'Late',
        idea: 'Late data',
        summary: 'What to look at: the windows.',
        seed: 7,
        files: { 'pipeline.ts': PROGRAM, 'readings.csv': 'ts\n1\n' },
      },
    ]);
  });

  it('is empty without a gallery folder', () => {
    expect(loadLessons(tree({ 'sandbox/starter/pipeline.ts': PROGRAM })).gallery).toEqual([]);
  });

  it('refuses an example without its program, naming the file', () => {
    const root = tree({ 'sandbox/gallery/01-a/example.md': about('A', 'Idea A') });
    expect(() => loadLessons(root)).toThrow(
      /sandbox\/gallery\/01-a\/pipeline\.ts:1: every gallery example needs a pipeline\.ts/,
    );
  });

  it('refuses two examples of one idea', () => {
    const root = tree({
      'sandbox/gallery/01-a/example.md': about('A', 'Tumbling windows'),
      'sandbox/gallery/01-a/pipeline.ts': PROGRAM,
      'sandbox/gallery/02-b/example.md': about('B', 'tumbling windows'),
      'sandbox/gallery/02-b/pipeline.ts': PROGRAM,
    });
    expect(() => loadLessons(root)).toThrow(
      /02-b\/example\.md:1: the idea "tumbling windows" is already shown by .*01-a/,
    );
  });

  it('refuses a file a sandbox cannot hold, a missing field and prose', () => {
    const withHelper = tree({
      'sandbox/gallery/01-a/example.md': about('A', 'Idea A'),
      'sandbox/gallery/01-a/pipeline.ts': PROGRAM,
      'sandbox/gallery/01-a/helper.ts': PROGRAM,
    });
    expect(() => loadLessons(withHelper)).toThrow(
      /01-a\/helper\.ts:1: a sandbox holds pipeline\.ts and data files \(\.csv, \.jsonl, \.json, \.txt\) only/,
    );
    const noIdea = tree({
      'sandbox/gallery/01-a/example.md': '---\ntitle: A\nsummary: S.\n---\n',
      'sandbox/gallery/01-a/pipeline.ts': PROGRAM,
    });
    expect(() => loadLessons(noIdea)).toThrow(/example\.md:1: "idea" must be a non-empty string/);
    const withProse = tree({
      'sandbox/gallery/01-a/example.md': `${about('A', 'Idea A')}\nSome prose.\n`,
      'sandbox/gallery/01-a/pipeline.ts': PROGRAM,
    });
    expect(() => loadLessons(withProse)).toThrow(/holds only front matter/);
    const badSeed = tree({
      'sandbox/gallery/01-a/example.md': about('A', 'Idea A', 'seed: 1.5\n'),
      'sandbox/gallery/01-a/pipeline.ts': PROGRAM,
    });
    expect(() => loadLessons(badSeed)).toThrow(/example\.md:\d+: "seed" must be a whole number/);
  });
});
