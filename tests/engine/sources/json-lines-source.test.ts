import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FieldType, SourceFormatError, jsonLinesSource } from '../../../src/engine/sources';
import { expectResumesExactly, readAll } from './read';

const values = (text: string, options: Parameters<typeof jsonLinesSource>[1]) =>
  readAll(jsonLinesSource(text, options).createReader(0)).map((e) =>
    e.kind === 'record' ? e.value : e,
  );

function failure(text: string, types?: Record<string, FieldType>) {
  try {
    readAll(jsonLinesSource(text, { timestampField: 'ts', types }).createReader(0));
  } catch (error) {
    return error as SourceFormatError;
  }
  throw new Error('expected the source to fail');
}

describe('jsonLinesSource', () => {
  it('reads one object per line with its timestamp as event time', () => {
    const source = jsonLinesSource(
      '{"user":"ada","ts":1000}\n{"user":"bob","ts":"1970-01-01T00:00:02Z"}',
      {
        name: 'clicks.jsonl',
        timestampField: 'ts',
        arrivalIntervalMs: 10,
      },
    );
    expect(source).toMatchObject({ name: 'clicks.jsonl', partitions: 1, bounded: true });
    expect(readAll(source.createReader(0))).toEqual([
      { kind: 'record', arrivalTime: 0, timestamp: 1000, value: { user: 'ada', ts: 1000 } },
      { kind: 'record', arrivalTime: 10, timestamp: 2000, value: { user: 'bob', ts: 2000 } },
    ]);
  });

  it('skips blank lines and accepts CRLF, a byte-order mark and no final newline', () => {
    expect(
      values('\uFEFF{"ts":1}\r\n\r\n   \n{"ts":2,"nested":{"a":[1,2]}}', { timestampField: 'ts' }),
    ).toEqual([{ ts: 1 }, { ts: 2, nested: { a: [1, 2] } }]);
  });

  it('checks declared types', () => {
    const text = '{"ts":1,"n":2,"s":"x","b":true,"i":3}';
    const types = { n: 'number', s: 'string', b: 'boolean', i: 'integer' } as const;
    expect(values(text, { timestampField: 'ts', types })).toEqual([
      { ts: 1, n: 2, s: 'x', b: true, i: 3 },
    ]);
  });

  it('resumes exactly from every position, also after skipped lines', () => {
    const text = '{"ts":1}\n\n{"ts":"x"}\n{"ts":3}\n{oops\n{"ts":4}\n';
    expectResumesExactly(jsonLinesSource(text, { timestampField: 'ts', onError: 'skip' }), 0);
  });

  describe('names the line and column of a bad line', () => {
    const cases: [string, string, string, Record<string, FieldType>?][] = [
      [
        'a type error',
        '{"ts":1,"celsius":20}\n{"ts":2, "celsius": "abc"}',
        'line 2, column 21: expected a number in "celsius", got "abc"',
        { celsius: 'number' },
      ],
      [
        'a bad timestamp',
        '{"ts":true}',
        'line 1, column 7: expected a timestamp (milliseconds, or an ISO-8601 date-time with a time zone) in "ts", got true',
      ],
      ['a missing field', '  {"t":1}', 'line 1, column 3: missing "ts"'],
      ['a missing declared field', '{"ts":1}', 'line 1, column 1: missing "n"', { n: 'number' }],
      ['an array', '[1,2]', 'line 1, column 1: expected a JSON object, got an array'],
      ['a number', '\n\n 42', 'line 3, column 2: expected a JSON object, got a number'],
      ['null', 'null', 'line 1, column 1: expected a JSON object, got null'],
      [
        'a missing value',
        '{"ts":1,"a":}',
        'line 1, column 13: invalid JSON: unexpected "}" where a value should start',
      ],
      [
        'a trailing comma',
        '{"ts":1,}',
        'line 1, column 9: invalid JSON: unexpected "}" where a member name in double quotes should be',
      ],
      [
        'a single-quoted name',
        "{'ts':1}",
        'line 1, column 2: invalid JSON: unexpected "\'" where a member name in double quotes should be',
      ],
      [
        'an unclosed string',
        '{"ts":1,"a":"abc}',
        'line 1, column 13: invalid JSON: this string is never closed',
      ],
      [
        'an unclosed object',
        '{"ts":1',
        'line 1, column 8: invalid JSON: unexpected end of line where "," or "}" should be',
      ],
      [
        'a bad escape',
        '{"ts":1,"a":"\\x"}',
        'line 1, column 14: invalid JSON: unexpected "\\" (not a valid escape sequence)',
      ],
      [
        'a number with a leading zero',
        '{"ts":01}',
        'line 1, column 8: invalid JSON: unexpected "1" where "," or "}" should be',
      ],
      [
        'a missing colon',
        '{"ts" 1}',
        'line 1, column 7: invalid JSON: unexpected "1" where ":" should follow the member name',
      ],
      [
        'two values on one line',
        '{"ts":1} {"ts":2}',
        'line 1, column 10: invalid JSON: unexpected "{" after the end of the JSON value',
      ],
      [
        'a bad literal',
        '{"ts":1,"ok":tru}',
        'line 1, column 14: invalid JSON: unexpected "t" where a value should start',
      ],
      [
        'a bare fraction',
        '{"ts":1.}',
        'line 1, column 9: invalid JSON: unexpected "}" after the decimal point',
      ],
      [
        'a type error after a CRLF line',
        '{"ts":1,"i":1}\r\n{"ts":2,"i":2.5}\r\n',
        'line 2, column 13: expected an integer in "i", got 2.5',
        { i: 'integer' },
      ],
    ];
    it.each(cases)('%s', (_, text, message, types) => {
      const error = failure(text, types);
      expect(error).toBeInstanceOf(SourceFormatError);
      expect(error.message).toBe(message);
      expect(error.source).toBe('json-lines');
    });
  });

  it('agrees with JSON.parse on which lines are valid', () => {
    const noise = fc.string({
      maxLength: 3,
      unit: fc.constantFrom(...'{}[],:"\\01-.eE+tnxu '.split('')),
    });
    fc.assert(
      fc.property(fc.json(), fc.nat(30), noise, fc.nat(3), (json, at, inserted, deleted) => {
        // A valid line, damaged by inserting and deleting a few characters somewhere.
        const line = `{"ts":0,"v":${json.slice(0, at) + inserted + json.slice(at + deleted)}}`;
        let valid = true;
        try {
          JSON.parse(line);
        } catch {
          valid = false;
        }
        const reading = () =>
          readAll(jsonLinesSource(line, { timestampField: 'ts' }).createReader(0));
        if (valid) expect(reading).not.toThrow();
        else expect(reading).toThrow(/^line 1, column \d+: invalid JSON: /);
      }),
      { numRuns: 2_000 },
    );
  });

  it('skips bad lines with `skip` and lists them', () => {
    const source = jsonLinesSource('{"ts":1}\n{"ts":\n{"ts":3}', {
      timestampField: 'ts',
      onError: 'skip',
    });
    expect(readAll(source.createReader(0)).map((e) => e.kind === 'record' && e.value)).toEqual([
      { ts: 1 },
      { ts: 3 },
    ]);
    expect(source.problems).toEqual([
      {
        source: 'json-lines',
        line: 2,
        column: 7,
        reason: 'invalid JSON: unexpected end of line where a value should start',
        message:
          'line 2, column 7: invalid JSON: unexpected end of line where a value should start',
      },
    ]);
  });
});
