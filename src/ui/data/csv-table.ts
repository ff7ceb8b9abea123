/**
 * A CSV file as a grid: read with the engine's own CSV reader (so the grid and a run agree on
 * every field), written back with csv-stringify (a well-kept writer that quotes what must be
 * quoted). The grid is the text's other view: both edit the same file.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { CsvParser } from '../../engine/sources/text/csv-parser';
import type { TextCursor } from '../../engine/sources/text/text-source';

/** A CSV text's header and rows, each row with the line it starts on. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line each row starts on, to place a bad row's message on it. */
  readonly lines: readonly number[];
}

/** Why a text cannot be shown as a grid without changing what it says. */
export interface NotATable {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export type TableRead = { ok: true; table: CsvTable } | { ok: false; problem: NotATable };

/**
 * Reads a CSV text with a header row into a grid. A row with fewer fields than the header is
 * shown with empty cells (describeData still reports it, and the grid marks it); text the grid
 * could only show by dropping some of it (broken quoting, more fields than columns) is refused,
 * to be fixed in the text editor first.
 */
export function readCsvTable(text: string): TableRead {
  const parser = new CsvParser(text, ',');
  let cursor: TextCursor = { offset: text.startsWith('\uFEFF') ? 1 : 0, line: 1 };
  const header = parser.read(cursor);
  if (header === undefined) return { ok: true, table: { columns: [], rows: [], lines: [] } };
  if (header.kind === 'error') return { ok: false, problem: header };
  const columns = header.fields.map((field) => field.text.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  cursor = header.next;
  for (let row = parser.read(cursor); row !== undefined; row = parser.read(cursor)) {
    if (row.kind === 'error') return { ok: false, problem: row };
    const extra = row.fields[columns.length];
    if (extra) {
      const reason = `this row has ${row.fields.length} fields and the header names ${columns.length} columns`;
      return { ok: false, problem: { line: extra.line, column: extra.column, reason } };
    }
    const cells = row.fields.map((field) => field.text);
    while (cells.length < columns.length) cells.push('');
    rows.push(cells);
    lines.push(row.fields[0]?.line ?? cursor.line);
    cursor = row.next;
  }
  return { ok: true, table: { columns, rows, lines } };
}

/**
 * The CSV text of a grid: a header row, then one line per row. Fields with a comma, a quote or a
 * line break are quoted (csv-stringify's rule), and so are fields with spaces at either end, which
 * a reader would otherwise trim. With a single column an empty field is quoted too: an empty line
 * would be skipped as no row at all.
 */
export function writeCsvTable(columns: readonly string[], rows: readonly (readonly string[])[]) {
  if (columns.length === 0) return '';
  return stringify([columns, ...rows.map((row) => columns.map((_, i) => row[i] ?? ''))], {
    quoted_match: /^\s|\s$/,
    quoted_empty: columns.length === 1,
    record_delimiter: 'unix',
  });
}

/** The row each problem's line falls in (rows may span lines), by index; -1 for the header. */
export function rowOfLine(lines: readonly number[], line: number): number {
  let found = -1;
  for (let i = 0; i < lines.length && (lines[i] as number) <= line; i++) found = i;
  return found;
}

/**
 * Rows in order of their arrival time (the cell at `arrival`, as a number), stable: rows with the
 * same arrival keep their order, and rows whose arrival is not a number yet stay last, in order.
 */
export function sortByArrival<Row extends readonly string[]>(
  rows: readonly Row[],
  arrival: number,
) {
  const time = (row: Row) => {
    const text = (row[arrival] ?? '').trim();
    return text === '' || !Number.isFinite(Number(text)) ? Infinity : Number(text);
  };
  return rows
    .map((row, index) => ({ row, index, at: time(row) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ row }) => row);
}
