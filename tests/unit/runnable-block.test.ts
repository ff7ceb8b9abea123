import { describe, expect, it } from 'vitest';
import { formatErrorOf, md } from './fixtures/markdown';
import { buildProse } from '../../src/content/blocks';

const build = (source: string) => buildProse(source, 'lesson.md', 10);

const errorOf = (source: string) => formatErrorOf(() => build(source));

const PROGRAM = md(
  "import type { StreamExecutionEnvironment } from 'streamlab';",
  'export default function pipeline(env: StreamExecutionEnvironment) {',
  "  env.fromElements(1, 2, 3).map((n) => n * 2).sinkTo(env.collect('doubled'));",
  '}',
);

describe('```ts runnable', () => {
  it('becomes a block of its own, with the program as written and its highlighted HTML', () => {
    const { blocks } = build(md('Before.', '', '```ts runnable', PROGRAM + '```', '', 'After.'));
    expect(blocks.map((b) => b.kind)).toEqual(['html', 'runnable', 'html']);
    const block = blocks[1];
    if (block?.kind !== 'runnable') throw new Error('expected a runnable block');
    expect(block.source).toBe(PROGRAM);
    expect(block.html).toContain('<pre><code class="hljs language-ts">');
    expect(block.html).toContain('<span class="hljs-keyword">export</span>');
  });

  it('leaves a code block without the word as ordinary highlighted Markdown', () => {
    const { blocks } = build(md('```ts', PROGRAM + '```'));
    expect(blocks.map((b) => b.kind)).toEqual(['html']);
  });

  it('keeps a fence of tildes and a longer fence', () => {
    const { blocks } = build(md('~~~~typescript runnable', PROGRAM + '~~~~'));
    expect(blocks[0]).toMatchObject({ kind: 'runnable', source: PROGRAM });
  });

  it('refuses another language, naming the fence line', () => {
    const error = errorOf(md('Intro.', '', '```js runnable', PROGRAM + '```'));
    expect(error.message).toBe(
      'lesson.md:12: a runnable code block is TypeScript: write ```ts runnable',
    );
  });

  it('refuses a fragment that is not a whole program', () => {
    const error = errorOf(
      md('```ts runnable', "env.fromElements(1).sinkTo(env.collect('x'));", '```'),
    );
    expect(error.message).toMatch(/^lesson\.md:10: a runnable code block is a whole program/);
  });

  it('refuses one inside a list, where it could not stand alone', () => {
    const error = errorOf(md('- an item', '', '  ```ts runnable', '  export default 1;', '  ```'));
    expect(error.message).toMatch(/must start at the left margin/);
  });
});
