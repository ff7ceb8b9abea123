/** How `streamlab run` says the rows a text source skipped: one warning line each, then a count. */
import { describe, expect, it } from 'vitest';
import { skippedText } from '../../src/cli/skipped-text';

const row = (line: number, file?: string) => ({
  ...(file === undefined ? {} : { file }),
  line,
  column: 2,
  reason: 'expected 3 fields, found 1',
  source: 'csv',
});

describe('skippedText', () => {
  it('names each row at its data file, beside the program', () => {
    expect(skippedText({ rows: [row(4, 'readings.csv')], total: 1 }, 'course/pipeline.ts')).toEqual(
      [
        'course/readings.csv:4:2: skipped row: expected 3 fields, found 1',
        "1 row was skipped (onError: 'skip').",
      ],
    );
  });

  it('names the source when the text was written in the program', () => {
    expect(skippedText({ rows: [row(2)], total: 1 }, 'pipeline.ts')[0]).toBe(
      'pipeline.ts: skipped row: source "csv", line 2, column 2 of its text: expected 3 fields, found 1',
    );
  });

  it('says how many rows were not listed', () => {
    const rows = [row(2, 'a.csv'), row(3, 'a.csv')];
    expect(skippedText({ rows, total: 1234 }, 'p.ts').at(-1)).toBe(
      "1,234 rows were skipped (onError: 'skip'); the first 2 are listed.",
    );
  });

  it('says nothing when no row was skipped', () => {
    expect(skippedText({ rows: [], total: 0 }, 'p.ts')).toEqual([]);
  });
});
