import { describe, expect, it } from 'vitest';
import { dataFileName } from '../../src/ui/data/data-file-name';
import { dataVerdict } from '../../src/ui/data/data-verdict';
import { importLine, sourceCall } from '../../src/ui/data/import-snippet';
import { sniffFormat } from '../../src/ui/data/sniff-format';
import { fitFiles } from '../../src/ui/work/work-session.svelte';

describe('data file names', () => {
  it('come from the upload, allowed characters only, never one taken', () => {
    expect(dataFileName('C:\\fakepath\\Late readings (2024).CSV', 'csv', [])).toBe(
      'Late-readings-2024.csv',
    );
    expect(dataFileName('readings.csv', 'csv', ['readings.csv', 'readings-2.csv'])).toBe(
      'readings-3.csv',
    );
    expect(dataFileName('events.ndjson', 'jsonl', [])).toBe('events.jsonl');
    expect(dataFileName('..', 'csv', [])).toBe('data.csv');
    expect(dataFileName('x'.repeat(100), 'csv', []).length).toBe(64);
  });
});

describe('the verdict before adding', () => {
  it('checks as numbers the columns that mostly hold numbers, naming line and column', () => {
    const verdict = dataVerdict(
      'sensor,ts,celsius\ns1,1000,21.5\ns2,2000,abc\ns1,3000,22\n',
      'csv',
    );
    expect(verdict.rows).toBe(2);
    expect(verdict.problems.map((p) => p.message)).toEqual([
      'line 3, column 9: expected a number in "celsius", got "abc"',
    ]);
    expect(verdict.types).toEqual({ ts: 'number', celsius: 'number' });
  });

  it('reads JSON Lines, sniffed from the text or the name', () => {
    const text = '{"k":"a","v":1}\n{"k":"b","v":"two"}\n{"k":"c","v":3}\n';
    expect(sniffFormat(text)).toBe('jsonl');
    expect(sniffFormat('k,v\n', 'x.jsonl')).toBe('jsonl');
    expect(sniffFormat('k,v\n')).toBe('csv');
    const verdict = dataVerdict(text, 'jsonl');
    expect(verdict.rows).toBe(2);
    expect(verdict.problems[0]?.line).toBe(2);
  });
});

describe('the lines to copy into pipeline.ts', () => {
  it('import the file and read it with its event-time, arrival and number columns', () => {
    expect(importLine('late-readings.csv')).toBe("import lateReadings from './late-readings.csv';");
    expect(importLine('2024.csv')).toBe("import data2024 from './2024.csv';");
    expect(
      sourceCall('readings.csv', 'csv', ['sensor', 'ts', 'celsius', 'arrival'], {
        ts: 'number',
        celsius: 'number',
        arrival: 'number',
      }),
    ).toBe(
      "csvSource(readings, { timestampField: 'ts', arrivalField: 'arrival', types: { celsius: 'number' } })",
    );
    expect(sourceCall('a.csv', 'csv', ['x', 'y'], {})).toBeUndefined();
  });
});

describe('saved files, fitted', () => {
  const starter = { 'pipeline.ts': 'start', 'util.ts': 'u' };
  it('to a lesson starter: its files only', () => {
    expect(fitFiles({ 'pipeline.ts': 'mine', 'old.ts': 'x' }, starter, 'fixed')).toEqual({
      'pipeline.ts': 'mine',
      'util.ts': 'u',
    });
  });

  it('in a sandbox: the saved set as it is, the entry file back if it went missing', () => {
    const saved = { 'pipeline.ts': 'mine', 'readings.csv': 'k\n1\n' };
    expect(fitFiles(saved, starter, 'open')).toEqual(saved);
    expect(fitFiles({ 'readings.csv': 'k\n' }, starter, 'open')).toEqual({
      'pipeline.ts': 'start',
      'readings.csv': 'k\n',
    });
  });
});
