import { describe, expect, it } from 'vitest';
import { formatErrorOf, md } from './fixtures/markdown';
import { buildProse } from '../../src/content/blocks';
import type { HintsBlock, QuizBlock } from '../../src/content/types';

/** Builds `source` as if it started on line 10 of `lesson.md` (after its front matter). */
const build = (source: string) => buildProse(source, 'lesson.md', 10);

const errorOf = (source: string) => formatErrorOf(() => build(source));

const QUIZ = md(
  ':::quiz',
  'Which time does a **window** use?',
  '- [ ] The time the record reached the operator.',
  '  > No: that is *processing* time.',
  '- [x] The timestamp the record carries.',
  '  > Yes: event time.',
  ':::',
);

describe('buildProse', () => {
  it('keeps plain Markdown as one HTML block, code highlighted', () => {
    const { blocks } = build(
      md('## Events', '', 'An *event*.', '', '```ts', 'const x = 1;', '```'),
    );
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.kind).toBe('html');
    const html = blocks[0]?.kind === 'html' ? blocks[0].html : '';
    expect(html).toContain('<h2>Events</h2>');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it('splits the prose around hints and quizzes, in reading order', () => {
    const { blocks } = build(
      md('Before.', '', ':::hints', '- One.', '- Two.', ':::', 'Between.', '', QUIZ, 'After.'),
    );
    expect(blocks.map((b) => b.kind)).toEqual(['html', 'hints', 'html', 'quiz', 'html']);
    expect(blocks[2]).toEqual({ kind: 'html', html: '<p>Between.</p>\n' });
  });

  it('renders each hint as Markdown, code blocks and links included', () => {
    const { blocks, hrefs } = build(
      md(
        ':::hints',
        '- Start with `filter`.',
        '- Then a [map](#/glossary/operator):',
        '',
        '  ```ts',
        '  .map((r) => r.celsius)',
        '  ```',
        '- Compare the first alert.',
        ':::',
      ),
    );
    const hints = blocks[0] as HintsBlock;
    expect(hints.kind).toBe('hints');
    expect(hints.hints).toHaveLength(3);
    expect(hints.hints[0]).toContain('Start with <code>filter</code>.');
    expect(hints.hints[1]).toContain('<a href="#/glossary/operator">map</a>');
    expect(hints.hints[1]).toContain('<span class="hljs-title function_">map</span>');
    expect(hrefs).toEqual(['#/glossary/operator']);
  });

  it('reads a quiz: the question, each answer with whether it is right and why', () => {
    const quiz = build(QUIZ).blocks[0] as QuizBlock;
    expect(quiz).toEqual({
      kind: 'quiz',
      question: 'Which time does a <strong>window</strong> use?',
      detail: '',
      choices: [
        {
          html: 'The time the record reached the operator.',
          correct: false,
          explanation: '<p>No: that is <em>processing</em> time.</p>\n',
        },
        {
          html: 'The timestamp the record carries.',
          correct: true,
          explanation: '<p>Yes: event time.</p>\n',
        },
      ],
    });
  });

  it('reads a quiz with code under its question, several right answers and loose items', () => {
    const quiz = build(
      md(
        ':::quiz',
        'Which of these are operators?',
        '',
        '```ts',
        'env.fromElements(1).map(f).filter(g);',
        '```',
        '',
        '- [x] `map`',
        '',
        '  > A step that turns each record into another.',
        '',
        '- [X] `filter`',
        '',
        '  > A step that keeps some records.',
        '',
        '- [ ] `env`',
        '',
        '  > The environment builds the pipeline;',
        '  > it is not a step of it.',
        ':::',
      ),
    ).blocks[0] as QuizBlock;
    expect(quiz.detail).toContain('<pre><code class="hljs language-ts">');
    expect(quiz.choices.map((c) => [c.html, c.correct])).toEqual([
      ['<code>map</code>', true],
      ['<code>filter</code>', true],
      ['<code>env</code>', false],
    ]);
    expect(quiz.choices[2]?.explanation).toBe(
      '<p>The environment builds the pipeline;\nit is not a step of it.</p>\n',
    );
  });

  it('lets a ::: line end the paragraph above it and reads ::: inside code as code', () => {
    const { blocks } = build(
      md(
        'Some text',
        ':::hints',
        '- A hint showing',
        '',
        '  ```',
        '  :::quiz',
        '  ```',
        ':::',
        '',
        '```',
        ':::',
        '```',
      ),
    );
    expect(blocks.map((b) => b.kind)).toEqual(['html', 'hints', 'html']);
    expect((blocks[1] as HintsBlock).hints[0]).toContain(':::quiz');
    expect(blocks[2]?.kind === 'html' && blocks[2].html).toContain('<code class="hljs">:::');
  });

  it('counts lines the same with Windows line endings', () => {
    expect(errorOf('Intro\r\n\r\n:::tip\r\n:::\r\n').line).toBe(12);
  });
});

describe('buildProse refuses malformed blocks, naming file and line', () => {
  it.each([
    ['an unclosed block', md('Intro', '', ':::hints', '- A hint.'), 12, /:::hints is not closed/],
    [
      'a block left open when the next one starts',
      md(':::hints', '- A hint.', '', QUIZ),
      10,
      /:::hints is not closed before the :::quiz on line 13/,
    ],
    ['an unknown block', md('Intro', ':::tip', 'Hello', ':::'), 11, /unknown block ":::tip"/],
    ['a ::: that closes nothing', md('Intro', '', ':::'), 12, /closes no block/],
    [
      'a block inside a list',
      md('1. Step one.', '', '   :::hints', '   - A hint.', '   :::'),
      12,
      /must start at the left margin/,
    ],
    [
      'a block inside a quote',
      md('> :::hints', '> - A hint.', '> :::'),
      10,
      /must start at the left margin/,
    ],
    ['hints that are not a list', md(':::hints', 'Just a sentence.', ':::'), 11, /holds a list/],
    [
      'hints with more than their list',
      md(':::hints', '- A hint.', '', 'A paragraph.', ':::'),
      13,
      /holds only its list of hints/,
    ],
    ['a hint with a checkbox', md(':::hints', '- [ ] A hint.', ':::'), 11, /plain list item/],
    [
      'a quiz with no right answer',
      md(':::quiz', 'Q?', '- [ ] A.', '  > Why.', '- [ ] B.', '  > Why.', ':::'),
      10,
      /has no right answer: mark at least one with \[x\]/,
    ],
    [
      'an answer without its > explanation',
      md(':::quiz', 'Q?', '- [ ] A.', '  > Why.', '- [x] B.', '- [ ] C.', '  > Why.', ':::'),
      14,
      /the answer "B\." has no explanation/,
    ],
    [
      'an explanation not indented under its answer',
      md(':::quiz', 'Q?', '- [ ] A.', '  > Why.', '- [x] B.', '> Why.', ':::'),
      15,
      /belongs to no answer: indent it/,
    ],
    [
      'an answer without [ ] or [x]',
      md(':::quiz', 'Q?', '- A.', '  > Why.', '- [x] B.', '  > Why.', ':::'),
      12,
      /every answer starts with \[ \] .* or \[x\]/,
    ],
    [
      'an answer with more than its explanation',
      md(':::quiz', 'Q?', '- [x] A.', '  > Why.', '', '  More.', '- [ ] B.', '  > Why.', ':::'),
      12,
      /put anything more inside the >/,
    ],
    [
      'a quiz without a question',
      md(':::quiz', '- [x] A.', '  > Why.', '- [ ] B.', '  > Why.', ':::'),
      11,
      /starts with its question/,
    ],
    ['a quiz without answers', md(':::quiz', 'Q?', ':::'), 10, /has no answers/],
    [
      'a quiz with one answer',
      md(':::quiz', 'Q?', '- [x] A.', '  > Why.', ':::'),
      12,
      /two answers or more/,
    ],
    [
      'two questions in one quiz',
      md(':::quiz', 'Q?', '- [x] A.', '  > Why.', '- [ ] B.', '  > Why.', '', 'Q2?', ':::'),
      17,
      /one question and its answers/,
    ],
  ])('%s', (_, source, line, message) => {
    const error = errorOf(source);
    expect(error.file).toBe('lesson.md');
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`lesson.md:${line}: `)).toBe(true);
  });
});
