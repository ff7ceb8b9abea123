import { CsvParser, type CsvField } from './csv-parser';
import { convertText, expectation } from './field-types';
import { type Schema, schemaOf } from './schema';
import { SourceFormatError } from './source-format-error';
import {
  type RowFormat,
  type RowRead,
  type TextSource,
  type TextCursor,
  type TextSourceOptions,
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
 * the run or is skipped and listed in `problems`.
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
  const { name = 'csv', columns, header = columns === undefined, delimiter = ',' } = options;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new TypeError(`delimiter must be one character other than a quote or a line break.`);
  }
  if (!header && columns === undefined) {
    throw new TypeError('Without a header row, `columns` must name the fields.');
  }
  const schema = schemaOf(options.timestampField, options.types);
  if (columns) requireColumns(columns, schema, (reason) => new TypeError(reason));
  return textSource(name, options, () => {
    const parser = new CsvParser(text, delimiter);
    const start: TextCursor = { offset: text.startsWith('\uFEFF') ? 1 : 0, line: 1 };
    const { names, firstRow } = header
      ? readHeader(name, parser, start, columns, schema)
      : { names: columns ?? [], firstRow: start };
    return csvRows(name, parser, firstRow, names, schema);
  });
}

function readHeader(
  source: string,
  parser: CsvParser,
  start: TextCursor,
  columns: readonly string[] | undefined,
  schema: Schema,
): { names: readonly string[]; firstRow: TextCursor } {
  const row = parser.read(start);
  if (row === undefined) {
    if (columns) return { names: columns, firstRow: start };
    throw new SourceFormatError(source, start.line, 1, 'the text is empty; expected a header row');
  }
  if (row.kind === 'error') throw new SourceFormatError(source, row.line, row.column, row.reason);
  if (columns) return { names: columns, firstRow: row.next };
  const names = row.fields.map((field) => field.text.trim());
  row.fields.forEach((field, i) => {
    const name = names[i] as string;
    const fail = (reason: string) =>
      new SourceFormatError(source, field.line, field.column, reason);
    if (name === '') throw fail('a column in the header has no name');
    if (names.indexOf(name) !== i) throw fail(`the header names the column "${name}" twice`);
  });
  requireColumns(names, schema, (reason) => new SourceFormatError(source, start.line, 1, reason));
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
  source: string,
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
        error: new SourceFormatError(source, line, column, reason),
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
      const timestamp = record[schema.timestampField] as number;
      return { kind: 'record', value: record as T, timestamp, next: row.next };
    },
  };
}
