import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FieldType, SourceFormatError, csvSource } from '../../../src/engine/sources';
import { expectResumesExactly, readAll } from './read';

const values = (text: string, options: Parameters<typeof csvSource>[1]) =>
  readAll(csvSource(text, options).createReader(0)).map((e) => (e.kind === 'record' ? e.value : e));

/** The error reading `text` throws with `onError: 'fail'`. */
function failure(text: string, options: Omit<Parameters<typeof csvSource>[1], 'onError'>) {
  try {
    readAll(csvSource(text, { ...options, onError: 'fail' }).createReader(0));
  } catch (error) {
    return error as SourceFormatError;
  }
  throw new Error('expected the source to fail');
}

describe('csvSource', () => {
  it('reads a header and typed rows, with the timestamp as event time', () => {
    const source = csvSource('sensor,ts,celsius,ok\ns1,1000,21.5,true\ns2,1500,-3,false\n', {
      timestampField: 'ts',
      types: { celsius: 'number', ok: 'boolean' },
      arrivalIntervalMs: 50,
    });
    expect(source).toMatchObject({ name: 'csv', partitions: 1, bounded: true });
    expect(readAll(source.createReader(0))).toEqual([
      {
        kind: 'record',
        arrivalTime: 0,
        timestamp: 1000,
        value: { sensor: 's1', ts: 1000, celsius: 21.5, ok: true },
      },
      {
        kind: 'record',
        arrivalTime: 50,
        timestamp: 1500,
        value: { sensor: 's2', ts: 1500, celsius: -3, ok: false },
      },
    ]);
    expect(source.problems).toEqual([]);
  });

  it('handles quoted fields, doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'name,ts,note\n"Smith, Ada",1,"said ""hi""\nthen left"\n"",2,plain\n';
    expect(values(text, { timestampField: 'ts' })).toEqual([
      { name: 'Smith, Ada', ts: 1, note: 'said "hi"\nthen left' },
      { name: '', ts: 2, note: 'plain' },
    ]);
  });

  it('accepts CRLF and CR line ends, empty lines, a byte-order mark and indentation', () => {
    const text = '\uFEFFname,ts\r\n\r\na,1\r\n   \rb,2\r\n\n';
    expect(values(text, { timestampField: 'ts' })).toEqual([
      { name: 'a', ts: 1 },
      { name: 'b', ts: 2 },
    ]);
    const indented = `
      sensor, ts, celsius
      s1, 1000, 21.5
      "s 2" , 2000, 19
    `;
    expect(values(indented, { timestampField: 'ts', types: { celsius: 'number' } })).toEqual([
      { sensor: 's1', ts: 1000, celsius: 21.5 },
      { sensor: 's 2', ts: 2000, celsius: 19 },
    ]);
  });

  it('uses given columns instead of a header, or renames a header', () => {
    expect(values('1,x\n2,y', { timestampField: 'ts', columns: ['ts', 'v'] })).toEqual([
      { ts: 1, v: 'x' },
      { ts: 2, v: 'y' },
    ]);
    expect(
      values('a,b\n1,x', { timestampField: 'ts', columns: ['ts', 'v'], header: true }),
    ).toEqual([{ ts: 1, v: 'x' }]);
  });

  it('reads other delimiters, integers and ISO-8601 timestamps', () => {
    const text = 'ts;n\n2024-03-01T10:30:00+01:00;7\n1970-01-01T00:00:01.5Z;-2\n2024-02-29;0';
    expect(values(text, { timestampField: 'ts', delimiter: ';', types: { n: 'integer' } })).toEqual(
      [
        { ts: Date.UTC(2024, 2, 1, 9, 30), n: 7 },
        { ts: 1_500, n: -2 },
        { ts: Date.UTC(2024, 1, 29), n: 0 },
      ],
    );
  });

  it('keeps ISO-8601 parsing exact across the calendar', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = `ts\n${date.toISOString()}`;
          expect(values(text, { timestampField: 'ts' })).toEqual([{ ts: date.getTime() }]);
        },
      ),
    );
  });

  it('resumes exactly from every position, also after skipped rows', () => {
    const text = 'k,ts\na,1\n"b\nb",2\nbad,x\n\nc,3\n';
    expectResumesExactly(csvSource(text, { timestampField: 'ts', onError: 'skip' }), 0);
  });

  describe('names the line and column of a bad row', () => {
    const cases: [string, string, string, Record<string, FieldType>?][] = [
      [
        'a type error',
        'sensor,ts,celsius\ns1,1000,21.5\ns1,2000,21.7\ns2,3000,abc',
        'line 4, column 9: expected a number in "celsius", got "abc"',
        { celsius: 'number' },
      ],
      [
        'a bad timestamp',
        'sensor,ts\ns1,12:00',
        'line 2, column 4: expected a timestamp (milliseconds, or an ISO-8601 date-time with a time zone) in "ts", got "12:00"',
      ],
      [
        'a timestamp without a time zone',
        'ts\n2024-01-01T10:00:00',
        'line 2, column 1: expected a timestamp (milliseconds, or an ISO-8601 date-time with a time zone) in "ts", got "2024-01-01T10:00:00"',
      ],
      [
        'an impossible date',
        'ts\n2023-02-29T10:00:00Z',
        'line 2, column 1: expected a timestamp (milliseconds, or an ISO-8601 date-time with a time zone) in "ts", got "2023-02-29T10:00:00Z"',
      ],
      ['too many fields', 'a,ts\n1,2,3', 'line 2, column 5: expected 2 fields, found 3'],
      ['too few fields', 'a,b,ts\n1,2', 'line 2, column 4: expected 3 fields, found 2'],
      [
        'a quote inside an unquoted field',
        'a,ts\nab"c,1',
        'line 2, column 3: a quote inside an unquoted field; quote the whole field and write the quote twice ("")',
      ],
      [
        'text after a closing quote',
        'a,ts\n"ab"c,1',
        'line 2, column 5: unexpected "c" after a closing quote; a quote inside a quoted field is written twice ("")',
      ],
      [
        'an unclosed quote',
        'a,ts\n1,2\nx,"3\n4\n',
        'line 3, column 3: this quoted field is never closed',
      ],
      [
        'a field after a multi-line quoted field',
        'a,b,ts\n"x\ny",z,nope',
        'line 3, column 6: expected a timestamp (milliseconds, or an ISO-8601 date-time with a time zone) in "ts", got "nope"',
      ],
      [
        'an integer with a fraction',
        'ts,n\n1,2.5',
        'line 2, column 3: expected an integer in "n", got "2.5"',
        { n: 'integer' },
      ],
      [
        'a non-boolean',
        'ts,b\n1,yes',
        'line 2, column 3: expected `true` or `false` in "b", got "yes"',
        { b: 'boolean' },
      ],
      [
        'a row after a byte-order mark and CRLF',
        '\uFEFFts,n\r\n1,2\r\n2,x\r\n',
        'line 3, column 3: expected a number in "n", got "x"',
        { n: 'number' },
      ],
    ];
    it.each(cases)('%s', (_, text, message, types) => {
      const error = failure(text, { timestampField: 'ts', types });
      expect(error).toBeInstanceOf(SourceFormatError);
      expect(error.message).toBe(message);
      expect(error.source).toBe('csv');
      expect(`line ${error.line}, column ${error.column}: ${error.reason}`).toBe(message);
    });
  });

  it('throws at the bad row with `fail`, after the rows before it', () => {
    const reader = csvSource('ts\n1\nx\n3', { timestampField: 'ts' }).createReader(0);
    expect(reader.next()).toMatchObject({ value: { ts: 1 } });
    expect(() => reader.next()).toThrow('line 3, column 1');
    // A restarted job fails again on the same row.
    expect(() => reader.next()).toThrow('line 3, column 1');
  });

  it('skips bad rows with `skip` and lists each once, in text order', () => {
    const source = csvSource('name,ts\na,1\nb,x\nc,3,extra\nd,4\ne,"5', {
      name: 'people.csv',
      timestampField: 'ts',
      onError: 'skip',
    });
    expect(readAll(source.createReader(0)).map((e) => e.kind === 'record' && e.value)).toEqual([
      { name: 'a', ts: 1 },
      { name: 'd', ts: 4 },
    ]);
    readAll(source.createReader(0));
    expect(source.problems).toEqual([
      {
        source: 'people.csv',
        line: 3,
        column: 3,
        reason: expect.stringContaining('in "ts", got "x"'),
        message: expect.stringMatching(/^line 3, column 3: expected a timestamp/),
      },
      expect.objectContaining({ line: 4, column: 5, reason: 'expected 2 fields, found 3' }),
      expect.objectContaining({ line: 6, column: 3, reason: 'this quoted field is never closed' }),
    ]);
    // Problems are plain data, ready for the UI.
    expect(structuredClone(source.problems)).toEqual(source.problems);
  });

  it('carries on at the next line after a syntax error', () => {
    const source = csvSource('a,ts\n"x"y,1\nok,2', { timestampField: 'ts', onError: 'skip' });
    expect(readAll(source.createReader(0)).map((e) => e.kind === 'record' && e.value)).toEqual([
      { a: 'ok', ts: 2 },
    ]);
  });

  it('fails whatever the policy when the header cannot be used', () => {
    const header =
      (text: string, options = {}) =>
      () =>
        csvSource(text, { timestampField: 'ts', onError: 'skip', ...options }).createReader(0);
    expect(header('a,b\n1,2')).toThrow(
      'line 1, column 1: there is no column "ts" (the columns are a, b)',
    );
    expect(header('ts,a,a\n1,2,3')).toThrow(
      'line 1, column 6: the header names the column "a" twice',
    );
    expect(header('ts,,a')).toThrow('line 1, column 4: a column in the header has no name');
    expect(header('')).toThrow('line 1, column 1: the text is empty; expected a header row');
    expect(header('ts,"a')).toThrow('line 1, column 4: this quoted field is never closed');
    expect(header('ts,a', { types: { celsius: 'number' } })).toThrow('no column "celsius"');
  });

  it('checks its options when it is created', () => {
    expect(() => csvSource('', { timestampField: 'ts', columns: ['a'] })).toThrow(
      'there is no column "ts" (the columns are a)',
    );
    expect(() => csvSource('', { timestampField: 'ts', delimiter: ';;' })).toThrow('delimiter');
    expect(() => csvSource('', { timestampField: 'ts', types: { ts: 'string' } })).toThrow(
      "its type is always 'timestamp'",
    );
    expect(() => csvSource('', { timestampField: '' })).toThrow('timestampField');
    expect(() => csvSource('', { timestampField: 'ts', header: false })).toThrow(
      'Without a header row, `columns` must name the fields.',
    );
  });

  it('round-trips any table written with quotes', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' x', 'é') });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, fc.integer({ min: -1e9, max: 1e9 })), { maxLength: 8 }),
        (rows) => {
          const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
          const text = ['text,ts', ...rows.map(([t, ts]) => `${quote(t)},${ts}`)].join('\r\n');
          expect(values(text, { timestampField: 'ts' })).toEqual(
            rows.map(([text, ts]) => ({ text, ts })),
          );
        },
      ),
    );
  });
});
