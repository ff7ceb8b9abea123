import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeData } from '../../src/engine/sources/text/describe-data';
import { readCsvTable, rowOfLine, sortByArrival, writeCsvTable } from '../../src/ui/data/csv-table';

/** Cells as a learner might type them: commas, quotes, line breaks, spaces at the ends, nothing. */
const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\nend', ' padded ', '"'),
);
const name = fc
  .string({ minLength: 1, maxLength: 8 })
  .map((text) => text.trim())
  .filter((text) => text !== '');

describe('the table editor writes CSV', () => {
  it('that reads back, through the engine, to the same cells', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 8 }),
        (columns, cells) => {
          const rows = cells.map((row) => row.slice(0, columns.length));
          const text = writeCsvTable(columns, rows);
          const described = describeData(text, 'csv');
          expect(described.problems).toEqual([]);
          expect(described.columns).toEqual(columns);
          expect(described.rows).toBe(rows.length);
          const read = readCsvTable(text);
          expect(read.ok && read.table).toMatchObject({ columns, rows });
        },
      ),
    );
  });

  it('quotes only what needs quoting', () => {
    expect(
      writeCsvTable(
        ['k', 'note'],
        [
          ['a', 'x,y'],
          ['b', 'say "hi"'],
          ['c', ' pad'],
        ],
      ),
    ).toBe('k,note\na,"x,y"\nb,"say ""hi"""\nc," pad"\n');
  });
});

describe('reading a CSV text as a grid', () => {
  it('keeps the line each row starts on, rows spanning lines included', () => {
    const read = readCsvTable('k,v\na,"one\ntwo"\nb,2\n');
    expect(read.ok && read.table.lines).toEqual([2, 4]);
    expect(rowOfLine([2, 4], 3)).toBe(0);
    expect(rowOfLine([2, 4], 4)).toBe(1);
    expect(rowOfLine([2, 4], 1)).toBe(-1);
  });

  it('shows a short row with empty cells, and refuses what it could not show whole', () => {
    const short = readCsvTable('k,v,w\na,1\n');
    expect(short.ok && short.table.rows).toEqual([['a', '1', '']]);
    const long = readCsvTable('k,v\na,1,extra\n');
    expect(long).toMatchObject({ ok: false, problem: { line: 2, column: 5 } });
    const broken = readCsvTable('k,v\na,"open\n');
    expect(broken.ok).toBe(false);
  });
});

describe('rows by arrival', () => {
  it('sorts stably, rows without a number for arrival last', () => {
    const rows = [
      ['c', '300'],
      ['x', ''],
      ['a', '100'],
      ['b', '100'],
      ['y', 'soon'],
      ['d', '50'],
    ];
    expect(sortByArrival(rows, 1).map((row) => row[0])).toEqual(['d', 'a', 'b', 'c', 'x', 'y']);
  });
});
