import { describe, expect, it } from 'vitest';
import type { ReferenceGroup } from '../../src/content/reference-types';
import { filterIndex } from '../../src/ui/reference/filter';

const groups: ReferenceGroup[] = [
  {
    title: 'Streams',
    entries: [
      { name: 'DataStream', kind: 'class', summary: '', members: ['map', 'windowAll', 'keyBy'] },
      { name: 'KeyedStream', kind: 'class', summary: '', members: ['window', 'sum', 'map'] },
    ],
  },
  {
    title: 'Windows and assigners',
    entries: [
      { name: 'TumblingEventTimeWindows', kind: 'class', summary: '', members: ['of'] },
      { name: 'TimeWindow', kind: 'class', summary: '', members: ['start', 'end'] },
    ],
  },
];

const shown = (query: string) =>
  filterIndex(groups, query).map((g) => [
    g.title,
    g.entries.map((e) => `${e.name}${e.matchingMembers.map((m) => ` .${m}`).join('')}`),
  ]);

describe('filterIndex', () => {
  it('keeps everything, without member hits, for an empty filter', () => {
    expect(shown('  ')).toEqual([
      ['Streams', ['DataStream', 'KeyedStream']],
      ['Windows and assigners', ['TumblingEventTimeWindows', 'TimeWindow']],
    ]);
  });

  it('matches export and member names in any case, listing matching members, dropping empty sections', () => {
    expect(shown('WINDOW')).toEqual([
      ['Streams', ['DataStream .windowAll', 'KeyedStream .window']],
      ['Windows and assigners', ['TumblingEventTimeWindows', 'TimeWindow']],
    ]);
    expect(shown('sum')).toEqual([['Streams', ['KeyedStream .sum']]]);
    expect(shown('nothing like it')).toEqual([]);
  });

  it('narrows export and member at once with Export.member', () => {
    expect(shown('keyed.ma')).toEqual([['Streams', ['KeyedStream .map']]]);
    // A trailing dot lists every member, as the editor's completion would.
    expect(shown('keyedstream.')).toEqual([['Streams', ['KeyedStream .window .sum .map']]]);
    expect(shown('Tumbling.start')).toEqual([]);
  });
});
