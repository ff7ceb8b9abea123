/**
 * What a page shows of a data file before any pipeline reads it: its columns, how many rows read
 * well, and every bad row with its line and column, found by the same readers `csvSource` and
 * `jsonLinesSource` use, so the page and a run never disagree about which rows are bad.
 */
import { csvLayout, openCsv } from './csv-source';
import type { FieldType } from './field-types';
import { jsonLines } from './json-lines-source';
import { declaredSchema } from './schema';
import { SourceFormatError } from './source-format-error';
import { type RowFormat, type TextCursor, problemAt } from './text-source';

/** A data file's format: CSV with a header row, or JSON Lines. */
export type DataFormat = 'csv' | 'jsonl';

/** A bad row of a data file. */
export interface DataProblem {
  /** 1-based line of the text. */
  readonly line: number;
  /** 1-based column (UTF-16 code units, as editors count them). */
  readonly column: number;
  /** What is wrong: `expected a number in "celsius", got "abc"`. */
  readonly reason: string;
  /** Location and reason: `line 7, column 12: expected a number in "celsius", got "abc"`. */
  readonly message: string;
}

/** What a data file holds. */
export interface DataDescription {
  /** CSV: the header's names. JSON Lines: every field of the good rows, in order of appearance. */
  readonly columns: readonly string[];
  /** How many rows read well. */
  readonly rows: number;
  /** The bad rows, in text order. A header that cannot be used is the only problem, with 0 rows. */
  readonly problems: readonly DataProblem[];
}

/** How to read the text: types of fields to check (as a source's `types`) and CSV's delimiter. */
export interface DescribeDataOptions {
  readonly types?: Readonly<Record<string, FieldType>>;
  readonly delimiter?: string;
}

/**
 * Reads a whole data file without running a pipeline. Rows are checked for what a source checks
 * whatever its options (CSV syntax and field counts, JSON objects), and for the `types` given.
 */
export function describeData(
  text: string,
  format: DataFormat,
  options: DescribeDataOptions = {},
): DataDescription {
  const schema = declaredSchema(options.types);
  const problem = problemAt('data', text);
  let columns: readonly string[] = [];
  let rows: RowFormat<Record<string, unknown>>;
  try {
    if (format === 'csv') {
      const layout = csvLayout({ delimiter: options.delimiter ?? ',' });
      ({ names: columns, rows } = openCsv<Record<string, unknown>>(text, layout, schema, problem));
    } else {
      rows = jsonLines<Record<string, unknown>>(problem, text, schema);
    }
  } catch (error) {
    if (error instanceof SourceFormatError) return { columns, rows: 0, problems: [of(error)] };
    throw error;
  }
  const seen = new Set(columns);
  const problems: DataProblem[] = [];
  let good = 0;
  let cursor: TextCursor | undefined = rows.start;
  while (cursor !== undefined) {
    const row = rows.read(cursor);
    if (row === undefined) break;
    if (row.kind === 'record') {
      good++;
      for (const field of Object.keys(row.value)) seen.add(field);
    } else {
      problems.push(of(row.error));
    }
    cursor = row.next;
  }
  return { columns: [...seen], rows: good, problems };
}

function of(error: SourceFormatError): DataProblem {
  const { line, column, reason, message } = error;
  return { line, column, reason, message };
}
