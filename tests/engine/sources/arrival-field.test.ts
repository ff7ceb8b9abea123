import { describe, expect, it } from 'vitest';
import {
  SourceFormatError,
  csvSource,
  jsonLinesSource,
  type TextSource,
} from '../../../src/engine/sources';
import { expectResumesExactly, readAll, recordsOf } from './read';

const arrivals = <T>(source: TextSource<T>) =>
  recordsOf(readAll(source.createReader(0))).map((e) => [e.timestamp, e.arrivalTime]);

/** The error reading `source` throws (its `onError` must be `'fail'`). */
function failure<T>(source: TextSource<T>): SourceFormatError {
  try {
    readAll(source.createReader(0));
  } catch (error) {
    if (error instanceof SourceFormatError) return error;
    throw error;
  }
  throw new Error('expected the source to fail');
}

const LATE = [
  'sensor,ts,celsius,arrival',
  's1,1000,21.5,1000',
  's1,2000,22.0,2000',
  's1,1500,21.8,5000',
  's1,3000,22.4,5000',
].join('\n');

describe('arrivalField', () => {
  it('makes each CSV row arrive when it says, keeping the field as a number', () => {
    const source = csvSource(LATE, { timestampField: 'ts', arrivalField: 'arrival' });
    expect(arrivals(source)).toEqual([
      [1000, 1000],
      [2000, 2000],
      [1500, 5000],
      [3000, 5000],
    ]);
    const first = recordsOf(readAll(source.createReader(0)))[0];
    expect(first?.value).toEqual({ sensor: 's1', ts: 1000, celsius: '21.5', arrival: 1000 });
  });

  it('keeps arrivals every arrivalIntervalMs without it', () => {
    expect(arrivals(csvSource(LATE, { timestampField: 'ts' })).map(([, at]) => at)).toEqual([
      0, 100, 200, 300,
    ]);
  });

  it('works the same for JSON Lines', () => {
    const text = '{"ts":1000,"at":0}\n{"ts":500,"at":2500}\n';
    const source = jsonLinesSource(text, { timestampField: 'ts', arrivalField: 'at' });
    expect(arrivals(source)).toEqual([
      [1000, 0],
      [500, 2500],
    ]);
  });

  it('fails at a row whose arrival goes back, naming its line and column', () => {
    const text = 'ts,arrival\n1,1000\n2,900\n3,1100\n';
    const source = csvSource(text, { timestampField: 'ts', arrivalField: 'arrival' });
    const error = failure(source);
    expect(error).toMatchObject({ line: 3, column: 3 });
    expect(error.message).toBe(
      'line 3, column 3: arrives at 900 ms, before the row above at 1,000 ms: rows arrive in the order they are written, so arrival times must not go back',
    );
    expect(source.problems.map((p) => p.line)).toEqual([3]);
  });

  it('locates the arrival field of a JSON line that goes back', () => {
    const text = '{"ts":1,"at":2000}\n{"ts":2, "at":  1999}\n';
    const error = failure(jsonLinesSource(text, { timestampField: 'ts', arrivalField: 'at' }));
    expect(error).toMatchObject({ line: 2, column: 17 });
    expect(error.reason).toMatch(/^arrives at 1,999 ms, before the row above at 2,000 ms/);
  });

  it('refuses a negative arrival time and one that is not a whole number', () => {
    const options = { timestampField: 'ts', arrivalField: 'arrival' } as const;
    expect(failure(csvSource('ts,arrival\n1,-5\n', options))).toMatchObject({
      line: 2,
      column: 3,
      reason:
        'arrives at -5 ms, before the run starts at 0 ms: arrival times count from the start of the run',
    });
    expect(failure(csvSource('ts,arrival\n1,1.5\n', options))).toMatchObject({
      line: 2,
      column: 3,
      reason: 'expected an integer in "arrival", got "1.5"',
    });
  });

  it('skips rows that go back with `skip`, and compares the next row with the last one kept', () => {
    const text = 'ts,arrival\n1,1000\n2,900\n3,950\n4,1000\n5,3000\n';
    const source = csvSource(text, {
      timestampField: 'ts',
      arrivalField: 'arrival',
      onError: 'skip',
    });
    expect(arrivals(source)).toEqual([
      [1, 1000],
      [4, 1000],
      [5, 3000],
    ]);
    expect(source.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 3],
      [4, 3],
    ]);
    expect(source.problems[1]?.reason).toMatch(/^arrives at 950 ms, before the row above at 1,000/);
  });

  it('resumes exactly from every position, remembering the last arrival', () => {
    const text = 'ts,arrival\n1,1000\n2,900\n3,1000\n4,2000\n5,1500\n6,2500\n';
    const options = { timestampField: 'ts', arrivalField: 'arrival', onError: 'skip' } as const;
    expectResumesExactly(csvSource(text, options), 0);
  });

  it('checks its options when the source is created', () => {
    expect(() =>
      csvSource(LATE, { timestampField: 'ts', arrivalField: 'arrival', arrivalIntervalMs: 10 }),
    ).toThrow(/arrivalField .* or arrivalIntervalMs .*, not both/);
    expect(() => csvSource(LATE, { timestampField: 'ts', arrivalField: 'ts' })).toThrow(
      /cannot be both the timestampField and the arrivalField/,
    );
    expect(() =>
      csvSource(LATE, {
        timestampField: 'ts',
        arrivalField: 'arrival',
        types: { arrival: 'number' },
      }),
    ).toThrow(/its type is always 'integer'/);
    expect(() =>
      csvSource('ts,celsius\n1,2\n', { timestampField: 'ts', arrivalField: 'arrival' }),
    ).not.toThrow();
    expect(() =>
      readAll(
        csvSource('ts,celsius\n1,2\n', {
          timestampField: 'ts',
          arrivalField: 'arrival',
        }).createReader(0),
      ),
    ).toThrow('line 1, column 1: there is no column "arrival" (the columns are ts, celsius)');
  });
});
