import { describe, expect, it } from 'vitest';
import { describeData } from '../../../src/engine/sources/text/describe-data';

describe('describeData', () => {
  it('gives the columns and row count of good CSV', () => {
    expect(describeData('sensor,ts,celsius\ns1,1000,21.5\ns2,1500,19\n', 'csv')).toEqual({
      columns: ['sensor', 'ts', 'celsius'],
      rows: 2,
      problems: [],
    });
  });

  it('lists every bad CSV row with its line and column, counting the rest', () => {
    const text = [
      'sensor,ts,celsius',
      's1,1000,21.5',
      's2,1500,abc',
      's3,2000',
      's4,2500,"unclosed',
    ].join('\n');
    const described = describeData(text, 'csv', { types: { ts: 'timestamp', celsius: 'number' } });
    expect(described.rows).toBe(1);
    expect(described.problems).toEqual([
      {
        line: 3,
        column: 9,
        reason: 'expected a number in "celsius", got "abc"',
        message: 'line 3, column 9: expected a number in "celsius", got "abc"',
      },
      expect.objectContaining({ line: 4, column: 8, reason: 'expected 3 fields, found 2' }),
      expect.objectContaining({ line: 5, column: 9 }),
    ]);
  });

  it('checks types only when asked', () => {
    expect(describeData('ts,celsius\n1,abc\n', 'csv').problems).toEqual([]);
  });

  it('reports a header that cannot be used as the only problem', () => {
    expect(describeData('ts,ts\n1,2\n', 'csv')).toEqual({
      columns: [],
      rows: 0,
      problems: [expect.objectContaining({ line: 1, column: 4 })],
    });
    expect(describeData('a,b\n1,2\n', 'csv', { types: { c: 'number' } }).problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 1,
        reason: expect.stringMatching(/no column "c"/),
      }),
    ]);
  });

  it('reads other delimiters', () => {
    expect(describeData('a;b\n1;2\n', 'csv', { delimiter: ';' })).toMatchObject({
      columns: ['a', 'b'],
      rows: 1,
    });
  });

  it('gives JSON Lines fields in order of appearance and its bad lines', () => {
    const text = '{"user":"ada","ts":1}\n\n{"user":"bob","ts":2,"page":"/"}\n[1]\n{"ts":}\n';
    const described = describeData(text, 'jsonl', { types: { ts: 'integer' } });
    expect(described.columns).toEqual(['user', 'ts', 'page']);
    expect(described.rows).toBe(2);
    expect(described.problems.map((p) => [p.line, p.column])).toEqual([
      [4, 1],
      [5, 7],
    ]);
    expect(described.problems[0]?.reason).toBe('expected a JSON object, got an array');
  });

  it('describes an empty text', () => {
    expect(describeData('', 'jsonl')).toEqual({ columns: [], rows: 0, problems: [] });
    expect(describeData('', 'csv').problems[0]?.reason).toBe(
      'the text is empty; expected a header row',
    );
  });
});
