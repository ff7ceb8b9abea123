import { CsvParser, type CsvField } from './csv-parser';
import { convertText, expectation } from './field-types';
import { type Schema, schemaOf } from './schema';
import {
  type ProblemAt,
  type RowFormat,
  type RowRead,
  type TextSource,
  type TextCursor,
  type TextSourceOptions,
  problemAt,
  textSource,
} from './text-source';

/** Options of {@link csvSource}. */
export interface CsvSourceOptions extends TextSourceOptions {
  /**
   * Column names. When given, the text has no header row, unless `header` is `true`: then its
   * first row is skipped and these names are used instead.
   */
  readonly columns?: readonly string[];
  /** Whether the first row names the columns. Default: `true` unless `columns` are given. */
  readonly header?: boolean;
  /** The character between fields. Default `','`. */
  readonly delimiter?: string;
}

/**
 * A bounded, single-partition source of CSV rows, each an object from column name to value.
 * Fields are strings unless `types` says otherwise; the `timestampField` becomes the record's event
 * time (and a number in the record).
 *
 * Quoted fields may contain delimiters, line breaks and doubled quotes (`""`); CRLF line ends, empty
 * lines and a byte-order mark are fine. A bad row names its line and column, e.g.
 * `line 7, column 12: expected a number in "celsius", got "abc"`; `onError` decides whether it stops
 * the run or is skipped (and listed, with its line and column, on the run's Results).
 *
 * @example
 * ```ts
 * csvSource<{ sensor: string; ts: number; celsius: number }>(
 *   `sensor,ts,celsius
 *    s1,1000,21.5
 *    s2,1500,19.0`,
 *   { timestampField: 'ts', types: { celsius: 'number' } },
 * );
 * ```
 */
export function csvSource<T = Record<string, unknown>>(
  text: string,
  options: CsvSourceOptions,
): TextSource<T> {
  const { name = 'csv' } = options;
  const layout = csvLayout(options);
  const schema = schemaOf(options.timestampField, options.types, options.arrivalField);
  if (layout.columns) requireColumns(layout.columns, schema, (reason) => new TypeError(reason));
  const problem = problemAt(name, text);
  return textSource(name, options, problem, () => openCsv<T>(text, layout, schema, problem).rows);
}

/** How a CSV text is laid out: its delimiter, and where its column names come from. */
export interface CsvLayout {
  readonly columns: readonly string[] | undefined;
  readonly header: boolean;
  readonly delimiter: string;
}

/** The layout `options` describe, refusing one that cannot be read. */
export function csvLayout(
  options: Pick<CsvSourceOptions, 'columns' | 'header' | 'delimiter'>,
): CsvLayout {
  const { columns, header = columns === undefined, delimiter = ',' } = options;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new TypeError(`delimiter must be one character other than a quote or a line break.`);
  }
  if (!header && columns === undefined) {
    throw new TypeError('Without a header row, `columns` must name the fields.');
  }
  return { columns, header, delimiter };
}

/**
 * Reads the header (if any) and returns the column names and the rows after it. Throws a
 * `SourceFormatError` when the header cannot be used.
 */
export function openCsv<T>(
  text: string,
  layout: CsvLayout,
  schema: Schema,
  problem: ProblemAt,
): { names: readonly string[]; rows: RowFormat<T> } {
  const parser = new CsvParser(text, layout.delimiter);
  const start: TextCursor = { offset: text.startsWith('\uFEFF') ? 1 : 0, line: 1 };
  const { names, firstRow } = layout.header
    ? readHeader(problem, parser, start, layout.columns, schema)
    : { names: layout.columns ?? [], firstRow: start };
  return { names, rows: csvRows(problem, parser, firstRow, names, schema) };
}

function readHeader(
  problem: ProblemAt,
  parser: CsvParser,
  start: TextCursor,
  columns: readonly string[] | undefined,
  schema: Schema,
): { names: readonly string[]; firstRow: TextCursor } {
  const row = parser.read(start);
  if (row === undefined) {
    if (columns) return { names: columns, firstRow: start };
    throw problem(start.line, 1, 'the text is empty; expected a header row');
  }
  if (row.kind === 'error') throw problem(row.line, row.column, row.reason);
  if (columns) return { names: columns, firstRow: row.next };
  const names = row.fields.map((field) => field.text.trim());
  row.fields.forEach((field, i) => {
    const name = names[i] as string;
    const fail = (reason: string) => problem(field.line, field.column, reason);
    if (name === '') throw fail('a column in the header has no name');
    if (names.indexOf(name) !== i) throw fail(`the header names the column "${name}" twice`);
  });
  requireColumns(names, schema, (reason) => problem(start.line, 1, reason));
  return { names, firstRow: row.next };
}

function requireColumns(names: readonly string[], schema: Schema, fail: (reason: string) => Error) {
  for (const [field] of schema.fields) {
    if (!names.includes(field)) {
      throw fail(`there is no column "${field}" (the columns are ${names.join(', ') || 'none'})`);
    }
  }
}

function csvRows<T>(
  errorAt: ProblemAt,
  parser: CsvParser,
  start: TextCursor,
  names: readonly string[],
  schema: Schema,
): RowFormat<T> {
  return {
    start,
    read(cursor: TextCursor): RowRead<T> | undefined {
      const row = parser.read(cursor);
      if (row === undefined) return undefined;
      const problem = (line: number, column: number, reason: string): RowRead<T> => ({
        kind: 'problem',
        error: errorAt(line, column, reason),
        next: row.next,
      });
      if (row.kind === 'error') return problem(row.line, row.column, row.reason);
      const { fields } = row;
      const extra = fields[names.length];
      const expected = `expected ${names.length} fields, found ${fields.length}`;
      if (extra) return problem(extra.line, extra.column, expected);
      if (fields.length < names.length) return problem(row.endLine, row.endColumn, expected);

      const record: Record<string, unknown> = {};
      names.forEach((name, i) => (record[name] = (fields[i] as CsvField).text));
      for (const [field, type] of schema.fields) {
        const at = fields[names.indexOf(field)] as CsvField;
        const converted = convertText(at.text, type);
        if (!converted.ok) {
          return problem(at.line, at.column, expectation(type, field, JSON.stringify(at.text)));
        }
        record[field] = converted.value;
      }
      const { timestampField, arrivalField } = schema;
      const timestamp = timestampField === undefined ? 0 : (record[timestampField] as number);
      if (arrivalField === undefined) {
        return { kind: 'record', value: record as T, timestamp, next: row.next };
      }
      const at = fields[names.indexOf(arrivalField)] as CsvField;
      const arrival = { time: record[arrivalField] as number, locate: () => at };
      return { kind: 'record', value: record as T, timestamp, arrival, next: row.next };
    },
  };
}
