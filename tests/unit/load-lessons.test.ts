import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';

/** Writes a lessons tree into a fresh temp folder: `{ 'path/in/tree': 'content' }`. */
function tree(files: Record<string, string>): string {
  const root = join(mkdtempSync(join(tmpdir(), 'lessons-')), 'lessons');
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

const chapter = (title: string, step: number) =>
  `---\ntitle: ${title}\nstep: ${step}\nsummary: About ${title}.\n---\n\nOverview of ${title}.\n`;
const lesson = (title: string, extra = '') =>
  `---\ntitle: ${title}\nminutes: 10\n${extra}---\n\n# Heading\n\nSome *prose*.\n`;

describe('loadLessons', () => {
  it('orders chapters and lessons by their numbers and names them by slug', () => {
    const root = tree({
      '10-later/index.md': chapter('Later', 2),
      '02-first/index.md': chapter('First', 1),
      '02-first/02-beta/index.md': lesson('Beta'),
      '02-first/01-alpha/index.md': lesson('Alpha'),
      'README.md': 'not content',
    });
    const { chapters } = loadLessons(root);
    expect(chapters.map((c) => c.slug)).toEqual(['first', 'later']);
    expect(chapters[0]?.lessons.map((l) => l.slug)).toEqual(['alpha', 'beta']);
  });

  it('lets a lesson inherit front matter from its chapter and override it', () => {
    const root = tree({
      '01-c/index.md': chapter('C', 4),
      '01-c/01-inherits/index.md': lesson('Inherits'),
      '01-c/02-overrides/index.md': lesson('Overrides', 'step: 5\n'),
    });
    const { lessons } = loadLessons(root);
    expect(lessons.get('inherits')?.step).toBe(4);
    expect(lessons.get('overrides')?.step).toBe(5);
  });

  it('renders Markdown with highlighted code and safe external links', () => {
    const root = tree({
      '01-c/index.md': chapter('C', 1),
      '01-c/01-l/index.md':
        '---\ntitle: L\nminutes: 3\ngoals: [Read code]\n---\n\n```ts\nconst x = 1;\n```\n\n[Flink](https://flink.apache.org) and [next](#/learn/other)\n',
    });
    const l = loadLessons(root).lessons.get('l');
    expect(l?.goals).toEqual(['Read code']);
    expect(l?.html).toContain('<span class="hljs-keyword">const</span>');
    expect(l?.html).toContain(
      '<a href="https://flink.apache.org" target="_blank" rel="noopener noreferrer">Flink</a>',
    );
    expect(l?.html).toContain('<a href="#/learn/other">next</a>');
  });

  it('reads starter, solution and check files', () => {
    const root = tree({
      '01-c/index.md': chapter('C', 1),
      '01-c/01-l/index.md': lesson('L'),
      '01-c/01-l/starter/pipeline.ts': 'starter',
      '01-c/01-l/solution/pipeline.ts': 'solution',
      '01-c/01-l/check.ts': 'check',
    });
    const l = loadLessons(root).lessons.get('l');
    expect(l?.starter).toEqual({ 'pipeline.ts': 'starter' });
    expect(l?.solution).toEqual({ 'pipeline.ts': 'solution' });
    expect(l?.check).toBe('check');
  });

  it('names the file and line of a missing or mistyped field', () => {
    const missing = tree({
      '01-c/index.md': chapter('C', 1),
      '01-c/01-l/index.md': '---\ntitle: L\n---\nprose',
    });
    expect(() => loadLessons(missing)).toThrow(
      'lessons/01-c/01-l/index.md:1: "minutes" must be a positive number',
    );
    const mistyped = tree({ '01-c/index.md': '---\ntitle: C\nstep: nine\n---\n' });
    expect(() => loadLessons(mistyped)).toThrow(
      'lessons/01-c/index.md:3: "step" must be a journey step from 1 to 7',
    );
  });

  it('reports invalid YAML with its line', () => {
    const root = tree({ '01-c/index.md': '---\ntitle: C\nstep: [1\n---\n' });
    expect(() => loadLessons(root)).toThrow(
      /lessons\/01-c\/index\.md:\d+: front matter is not valid YAML/,
    );
  });

  it('refuses two lessons with one slug, and a solution lacking a starter file', () => {
    const clash = tree({
      '01-a/index.md': chapter('A', 1),
      '01-a/01-same/index.md': lesson('One'),
      '02-b/index.md': chapter('B', 2),
      '02-b/01-same/index.md': lesson('Two'),
    });
    expect(() => loadLessons(clash)).toThrow(/the slug "same" is already used by a\/same/);
    const lacking = tree({
      '01-a/index.md': chapter('A', 1),
      '01-a/01-l/index.md': lesson('L'),
      '01-a/01-l/starter/pipeline.ts': 'x',
    });
    expect(() => loadLessons(lacking)).toThrow(/solution\/ lacks pipeline\.ts/);
  });
});

describe('the lessons in this repository', () => {
  const library = loadLessons(join(import.meta.dirname, '../../lessons'));

  it('cover the seven steps of the learning journey, in order', () => {
    expect(library.chapters.map((c) => c.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const c of library.chapters) expect(c.summary).not.toBe('');
  });

  it('begin with "What is a stream?", which has starter and solution code', () => {
    const first = library.chapters[0]?.lessons[0];
    expect(first?.title).toBe('What is a stream?');
    const lesson = library.lessons.get(first?.slug ?? '');
    expect(Object.keys(lesson?.starter ?? {})).toContain('pipeline.ts');
    expect(lesson?.starter).not.toEqual(lesson?.solution);
    expect(lesson?.html.length).toBeGreaterThan(3000);
  });

  it('give the sandbox a starting program', () => {
    expect(Object.keys(library.sandbox)).toEqual(['pipeline.ts']);
  });
});
