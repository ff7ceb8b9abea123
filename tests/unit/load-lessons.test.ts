import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/content/load-lessons';
import type { Prose } from '../../src/content/types';

/** The HTML of a page's ordinary Markdown, its hints and quizzes left out. */
const htmlOf = (prose: Prose | undefined) =>
  (prose?.blocks ?? []).map((block) => (block.kind === 'html' ? block.html : '')).join('');

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
    expect(htmlOf(l)).toContain('<span class="hljs-keyword">const</span>');
    expect(htmlOf(l)).toContain(
      '<a href="https://flink.apache.org" target="_blank" rel="noopener noreferrer">Flink</a>',
    );
    expect(htmlOf(l)).toContain('<a href="#/learn/other">next</a>');
  });

  it('turns :::hints and :::quiz into blocks, and names the file and line of a malformed one', () => {
    const root = tree({
      '01-c/index.md': chapter('C', 1),
      '01-c/01-l/index.md':
        '---\ntitle: L\nminutes: 3\n---\n\nRead.\n\n:::hints\n- Look at the filter.\n:::\n',
    });
    const l = loadLessons(root).lessons.get('l');
    expect(l?.blocks).toEqual([
      { kind: 'html', html: '<p>Read.</p>\n' },
      { kind: 'hints', hints: ['Look at the filter.'] },
    ]);
    const broken = tree({
      '01-c/index.md': chapter('C', 1) + '\n:::quiz\nQ?\n- [ ] A\n  > No.\n- [ ] B\n  > No.\n:::\n',
    });
    expect(() => loadLessons(broken)).toThrow(
      'lessons/01-c/index.md:9: the quiz has no right answer: mark at least one with [x]',
    );
  });

  it('checks glossary links against lessons/glossary.md and carries the linked definitions', () => {
    const root = tree({
      'glossary.md': '## Pane\n\nOne firing.\n\n## Watermark\n\nA marker in the stream.\n',
      '01-c/index.md': chapter('C', 1) + '\nEach [pane](#/glossary/pane).\n',
      '01-c/01-l/index.md':
        '---\ntitle: L\nminutes: 3\n---\n\nA [watermark](#/glossary/watermark) and [all terms](#/glossary).\n',
    });
    const library = loadLessons(root);
    expect(library.glossary.terms.map((t) => t.id)).toEqual(['pane', 'watermark']);
    expect(library.lessons.get('l')?.terms).toEqual({
      watermark: { term: 'Watermark', html: '<p>A marker in the stream.</p>\n' },
    });
    expect(library.chapterPages.get('c')?.terms).toEqual({
      pane: { term: 'Pane', html: '<p>One firing.</p>\n' },
    });
  });

  it('stops the build at a link to a term the glossary does not define', () => {
    const lessonLink = tree({
      'glossary.md': '## Watermark\n\nA marker.\n',
      '01-c/index.md': chapter('C', 1),
      '01-c/01-l/index.md':
        '---\ntitle: L\nminutes: 3\n---\n\nFine: [w](#/glossary/watermark).\n\nNot: [late](#/glossary/late-event).\n',
    });
    expect(() => loadLessons(lessonLink)).toThrow(
      /^lessons\/01-c\/01-l\/index\.md:8: the link to #\/glossary\/late-event names no term/,
    );
    // Without a glossary file, every glossary link is one too many.
    const noGlossary = tree({
      '01-c/index.md': chapter('C', 1) + '\nA [pane](#/glossary/pane).\n',
    });
    expect(() => loadLessons(noGlossary)).toThrow(
      /^lessons\/01-c\/index\.md:9: the link to #\/glossary\/pane/,
    );
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
    expect(htmlOf(lesson).length).toBeGreaterThan(3000);
  });

  it('give the first lesson a quiz, hints for its exercise and previews of its key terms', () => {
    const lesson = library.lessons.get('what-is-a-stream');
    const kinds = lesson?.blocks.map((b) => b.kind) ?? [];
    expect(kinds.filter((k) => k === 'quiz')).toHaveLength(1);
    const hints = lesson?.blocks.find((b) => b.kind === 'hints');
    expect(hints?.kind === 'hints' && hints.hints).toHaveLength(3);
    for (const id of ['stream', 'event', 'source', 'operator', 'sink', 'watermark', 'late-event']) {
      expect(Object.keys(lesson?.terms ?? {})).toContain(id);
    }
  });

  it('give the sandbox a starting program', () => {
    expect(Object.keys(library.sandbox)).toEqual(['pipeline.ts']);
  });
});
