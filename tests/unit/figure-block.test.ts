import { describe, expect, it } from 'vitest';
import { formatErrorOf, md } from './fixtures/markdown';
import { buildProse } from '../../src/content/blocks';

const PROGRAMS = { 'delay-and-bound': 'export default function pipeline() {}' };
const build = (source: string) => buildProse(source, 'lesson.md', 10, PROGRAMS);

const errorOf = (source: string) => formatErrorOf(() => build(source));

const FIGURE = md(
  ':::figure delay-and-bound',
  '',
  '- delay: Network delay, up to (ms), 0 to 3000 by 100, starts at 1000',
  '- bound: Watermark bound (ms), 0 to 3000 by 100, starts at 0',
  '',
  'Raise the **bound** until nothing is dropped.',
  ':::',
);

describe(':::figure', () => {
  it('gives its program, its sliders in order and its caption', () => {
    const { blocks } = build(FIGURE);
    expect(blocks).toHaveLength(1);
    const block = blocks[0];
    if (block?.kind !== 'figure') throw new Error('expected a figure');
    expect(block.name).toBe('delay-and-bound');
    expect(block.figure.program).toBe(PROGRAMS['delay-and-bound']);
    expect(block.figure.params).toEqual([
      {
        name: 'delay',
        label: 'Network delay, up to',
        unit: 'ms',
        min: 0,
        max: 3000,
        step: 100,
        value: 1000,
      },
      {
        name: 'bound',
        label: 'Watermark bound',
        unit: 'ms',
        min: 0,
        max: 3000,
        step: 100,
        value: 0,
      },
    ]);
    expect(block.figure.caption).toContain('<strong>bound</strong>');
  });

  it('names a missing program and the ones the lesson has', () => {
    const error = errorOf(
      md('Text.', '', ':::figure skew', '- a: A, 0 to 1 by 1, starts at 0', ':::'),
    );
    expect(error.line).toBe(12);
    expect(error.message).toMatch(/needs figures\/skew\.ts.*it has delay-and-bound\.ts/);
  });

  it('refuses a slider it cannot read, at its line', () => {
    const error = errorOf(
      md(':::figure delay-and-bound', '- delay: Network delay, 0 to 3000, starts at 1000', ':::'),
    );
    expect(error.line).toBe(11);
    expect(error.message).toMatch(/does not read as "- name: Label \(unit\), MIN to MAX by STEP/);
  });

  it('refuses a start outside the range, two sliders with one name, and a figure with no program', () => {
    expect(
      errorOf(md(':::figure delay-and-bound', '- d: D, 0 to 10 by 1, starts at 11', ':::')).message,
    ).toMatch(/does not read as/);
    expect(
      errorOf(
        md(
          ':::figure delay-and-bound',
          '- d: D, 0 to 10 by 1, starts at 1',
          '- d: E, 0 to 5 by 1, starts at 1',
          ':::',
        ),
      ).message,
    ).toMatch(/two sliders set "d"/);
    expect(errorOf(md(':::figure', '- d: D, 0 to 10 by 1, starts at 1', ':::')).message).toMatch(
      /:::figure names its program/,
    );
    expect(errorOf(md(':::hints extra', '- a hint', ':::')).message).toMatch(
      /:::hints takes nothing after its name/,
    );
  });
});
