import { describe, expect, it } from 'vitest';
import { describeData } from '../../src/engine/sources/text/describe-data';
import { readCsvTable } from '../../src/ui/data/csv-table';
import { DATASETS, MAX_DATASET_ROWS, datasetCsv } from '../../src/ui/data/dataset-csv';

describe('a bundled dataset as a CSV file', () => {
  it.each(DATASETS.map((d) => [d.name]))('%s: the same seed makes the same file', (name) => {
    const size = { keys: 5, seconds: 60 };
    const once = datasetCsv(name, size, 7);
    expect(datasetCsv(name, size, 7)).toEqual(once);
    expect(datasetCsv(name, size, 8).text).not.toBe(once.text);
    expect(once.rows).toBeGreaterThan(0);
  });

  it.each(DATASETS.map((d) => [d.name]))(
    '%s: has event time and arrival columns, arrivals never go back, every row reads',
    (name) => {
      const { text, rows } = datasetCsv(name, { keys: 4, seconds: 120 }, 3);
      const described = describeData(text, 'csv', {
        types: { ts: 'timestamp', arrival: 'integer' },
      });
      expect(described.problems).toEqual([]);
      expect(described.rows).toBe(rows);
      expect(described.columns).toContain('ts');
      expect(described.columns.at(-1)).toBe('arrival');
      const read = readCsvTable(text);
      if (!read.ok) throw new Error('not a table');
      const arrival = read.table.columns.indexOf('arrival');
      const times = read.table.rows.map((row) => Number(row[arrival]));
      times.slice(1).forEach((time, i) => expect(time).toBeGreaterThanOrEqual(times[i] as number));
      // Out of order in event time, as the datasets are: arrival is not just event time again.
      const ts = read.table.columns.indexOf('ts');
      expect(read.table.rows.some((row) => Number(row[arrival]) > Number(row[ts]))).toBe(true);
    },
  );

  it('follows the options: more sensors, more rows', () => {
    const few = datasetCsv('sensor-readings', { keys: 2, seconds: 30 }, 1);
    const many = datasetCsv('sensor-readings', { keys: 6, seconds: 30 }, 1);
    expect(few.rows).toBe(60);
    expect(many.rows).toBe(180);
    expect(
      new Set(
        many.text
          .split('\n')
          .slice(1, -1)
          .map((line) => line.split(',')[0]),
      ).size,
    ).toBe(6);
  });

  it('keeps the first rows of a dataset too big for a sandbox, and says so', () => {
    const big = datasetCsv('sensor-readings', { keys: 100, seconds: 100 }, 1);
    expect(big).toMatchObject({ rows: MAX_DATASET_ROWS, cut: true });
  });
});
