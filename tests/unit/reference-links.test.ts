import { describe, expect, it } from 'vitest';
import {
  describeBrokenLinks,
  findBrokenReferenceLinks,
} from '../../src/build/reference/lesson-links';

const targets = new Map([
  ['WatermarkStrategy', new Set(['forBoundedOutOfOrderness', 'withIdleness'])],
  ['KeyedStream', new Set(['window', 'map'])],
]);

const lesson = (...lines: string[]) => [
  { path: 'lessons/01-a/01-b/index.md', text: lines.join('\n') },
];

describe('findBrokenReferenceLinks', () => {
  it('accepts links to the index, an export, and a member (inherited ones too)', () => {
    const links = lesson(
      'See the [reference](#/reference) and [strategies](#/reference/WatermarkStrategy).',
      'Use [forBoundedOutOfOrderness](#/reference/WatermarkStrategy#forBoundedOutOfOrderness),',
      'and [map](#/reference/KeyedStream#map "map on a keyed stream").',
      '[idle]: #/reference/WatermarkStrategy#withIdleness',
    );
    expect(findBrokenReferenceLinks(links, targets)).toEqual([]);
  });

  it('names the file, line and what is wrong for a missing export or member', () => {
    const links = lesson(
      '# Watermarks',
      '',
      'Read [the strategy](#/reference/WatermarkStrategies) and',
      '[bounded](#/reference/WatermarkStrategy#forBoundedOutOfOrder), then',
      '<a href="#/reference/keyedStream#window">window</a> and [new](#/reference/KeyedStream#Window).',
    );
    const broken = findBrokenReferenceLinks(links, targets);
    expect(broken).toEqual([
      {
        file: 'lessons/01-a/01-b/index.md',
        line: 3,
        link: '#/reference/WatermarkStrategies',
        problem: 'streamlab exports no WatermarkStrategies',
      },
      {
        file: 'lessons/01-a/01-b/index.md',
        line: 4,
        link: '#/reference/WatermarkStrategy#forBoundedOutOfOrder',
        problem: 'WatermarkStrategy has no member forBoundedOutOfOrder',
      },
      {
        file: 'lessons/01-a/01-b/index.md',
        line: 5,
        link: '#/reference/keyedStream#window',
        problem: 'streamlab exports no keyedStream (did you mean KeyedStream?)',
      },
      {
        file: 'lessons/01-a/01-b/index.md',
        line: 5,
        link: '#/reference/KeyedStream#Window',
        problem: 'KeyedStream has no member Window (did you mean window?)',
      },
    ]);
    expect(describeBrokenLinks(broken).split('\n')[0]).toBe(
      'lessons/01-a/01-b/index.md:3: #/reference/WatermarkStrategies: streamlab exports no WatermarkStrategies',
    );
  });

  it('ignores links inside fenced code, which are examples rather than links', () => {
    const links = lesson(
      '```md',
      '[x](#/reference/NoSuchThing)',
      '```',
      '~~~',
      '```',
      '[y](#/reference/StillInside)',
      '~~~',
      '[z](#/reference/Outside)',
    );
    expect(findBrokenReferenceLinks(links, targets).map((b) => [b.line, b.link])).toEqual([
      [8, '#/reference/Outside'],
    ]);
  });
});
