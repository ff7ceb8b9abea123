import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatErrorOf, md } from './fixtures/markdown';
import { glossaryTarget, loadGlossary, termId, termPreviews } from '../../src/content/glossary';

const errorOf = (source: string) =>
  formatErrorOf(() => loadGlossary('lessons/glossary.md', source));

const SMALL = md(
  'Terms used in the course.',
  '',
  '## Event time',
  '',
  'When an event *happened*, from its timestamp.',
  '',
  'See also: [watermark](#/glossary/watermark).',
  '',
  '## Out-of-orderness',
  '',
  'Events arriving in another order than their timestamps.',
  '',
  '## Watermark {#wm}',
  '',
  'Declares that event time has reached `t`; see [event time](#/glossary/event-time).',
);

describe('loadGlossary', () => {
  it('reads an introduction and the terms in order, ids from headings or {#id}', () => {
    const fixed = SMALL.replace('[watermark](#/glossary/watermark)', '[watermark](#/glossary/wm)');
    const glossary = loadGlossary('lessons/glossary.md', fixed);
    expect(glossary.intro).toBe('<p>Terms used in the course.</p>\n');
    expect(glossary.terms.map((t) => [t.id, t.term])).toEqual([
      ['event-time', 'Event time'],
      ['out-of-orderness', 'Out-of-orderness'],
      ['wm', 'Watermark'],
    ]);
    expect(glossary.terms[0]?.html).toBe(
      '<p>When an event <em>happened</em>, from its timestamp.</p>\n',
    );
    expect(glossary.terms[0]?.seeAlso).toEqual([{ id: 'wm', term: 'Watermark' }]);
    expect(glossary.terms[1]?.seeAlso).toEqual([]);
  });

  it.each([
    [
      'a link to a term it does not define',
      SMALL,
      7,
      /"Event time" links to "watermark", which the glossary does not define/,
    ],
    [
      'a term without a definition',
      md(
        '## Event',
        '',
        'See also: [stream](#/glossary/stream).',
        '',
        '## Stream',
        '',
        'A sequence.',
      ),
      1,
      /"Event" needs a definition/,
    ],
    [
      'a term with more than a definition and a See also line',
      md('## Event', '', 'One thing that happened.', '', '- a list', ''),
      5,
      /one paragraph of definition and optionally a "See also:" line/,
    ],
    [
      'two terms with one id',
      md('## Event', '', 'A.', '', '## Event', '', 'B.'),
      5,
      /already used on line 1/,
    ],
    [
      'terms out of alphabetical order',
      md('## Watermark', '', 'A marker.', '', '## Event', '', 'A fact.'),
      5,
      /"Event" comes before "Watermark"/,
    ],
    [
      'an id that is not lowercase-hyphenated',
      md('## Event {#Event_1}', '', 'A.'),
      1,
      /not lowercase-hyphenated/,
    ],
    ['a title of its own', md('# Glossary', '', '## Event', '', 'A.'), 1, /has its own title/],
    ['a sub-heading in a term', md('## Event', '', 'A.', '', '### More'), 5, /no sub-headings/],
    [
      'a See also link that is not to a term',
      md('## Event', '', 'A.', '', 'See also: [Flink](https://flink.apache.org).'),
      5,
      /links to other terms only/,
    ],
    ['a ::: block', md('## Event', '', 'A.', '', ':::hints', '- x', ':::'), 5, /no ::: blocks/],
  ])('refuses %s, naming the line', (_, source, line, message) => {
    const error = errorOf(source);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });
});

describe('glossary links', () => {
  it('tells glossary links from others and derives ids from headings', () => {
    expect(glossaryTarget('#/glossary/late-event')).toBe('late-event');
    expect(glossaryTarget('#/glossary')).toBe('');
    expect(glossaryTarget('#/learn/what-is-a-stream')).toBeUndefined();
    expect(termId('Allowed lateness')).toBe('allowed-lateness');
    expect(termId('At-least-once')).toBe('at-least-once');
  });

  it('previews the linked terms, links in a definition flattened to text', () => {
    const glossary = loadGlossary(
      'lessons/glossary.md',
      SMALL.replace('#/glossary/watermark', '#/glossary/wm'),
    );
    const previews = termPreviews(
      ['#/glossary/wm', 'https://flink.apache.org', '#/glossary/wm'],
      glossary,
      {
        file: 'lesson.md',
        source: '',
        firstLine: 1,
      },
    );
    expect(previews).toEqual({
      wm: {
        term: 'Watermark',
        html: '<p>Declares that event time has reached <code>t</code>; see event time.</p>\n',
      },
    });
  });

  it('refuses a link to a term the glossary lacks, naming the line of the link', () => {
    const glossary = loadGlossary('lessons/glossary.md', md('## Window', '', 'A slice.'));
    const source = md('A [window](#/glossary/window).', '', 'And a [wind](#/glossary/wind).');
    expect(() =>
      termPreviews(['#/glossary/window', '#/glossary/wind'], glossary, {
        file: 'lesson.md',
        source,
        firstLine: 5,
      }),
    ).toThrow(
      /^lesson\.md:7: the link to #\/glossary\/wind names no term in lessons\/glossary\.md/,
    );

    // An id that is also a name every object has is no exception.
    const place = { file: 'lesson.md', source: '[c](#/glossary/constructor)', firstLine: 1 };
    expect(() => termPreviews(['#/glossary/constructor'], glossary, place)).toThrow(
      /^lesson\.md:1: the link to #\/glossary\/constructor names no term/,
    );
  });
});

describe('the glossary in this repository', () => {
  const source = readFileSync(new URL('../../lessons/glossary.md', import.meta.url), 'utf8');
  const glossary = loadGlossary('lessons/glossary.md', source);

  it('defines every term the lesson conventions name', () => {
    const ids = glossary.terms.map((t) => t.id);
    for (const id of [
      'stream',
      'event',
      'event-time',
      'processing-time',
      'window',
      'pane',
      'trigger',
      'watermark',
      'allowed-lateness',
      'side-output',
      'state',
      'timer',
      'checkpoint',
      'keyed-stream',
      'operator',
      'source',
      'sink',
      'late-event',
      'out-of-orderness',
      'bounded-stream',
      'unbounded-stream',
      'exactly-once',
      'at-least-once',
      'backpressure',
      'parallelism',
      'idleness',
      'tumbling-window',
      'sliding-window',
      'session-window',
      'window-function',
      'rolling-aggregation',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('keeps each definition short enough for a preview', () => {
    for (const term of glossary.terms) {
      const text = term.html.replace(/<[^>]+>/g, '');
      expect(text.length, term.id).toBeLessThan(420);
      expect(text.match(/[.!?](\s|$)/g)?.length ?? 0, term.id).toBeLessThanOrEqual(2);
    }
  });
});
