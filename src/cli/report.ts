/**
 * A grading report, one row per submission: CSV (csv-stringify, which quotes commas, quotes and
 * line breaks in messages as RFC 4180 says, so any spreadsheet reads it back) or JSON.
 */
import { stringify } from 'csv-stringify/sync';

export interface ReportRow {
  /** The submission, as its path names it. */
  readonly file: string;
  readonly result: 'pass' | 'fail';
  /** The check's message, or why the program could not be graded. */
  readonly message: string;
}

export type ReportFormat = 'csv' | 'json';

export const REPORT_FORMATS: readonly ReportFormat[] = ['csv', 'json'];

export function reportText(rows: readonly ReportRow[], format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  return stringify(
    rows.map((row) => [row.file, row.result, row.message]),
    { header: true, columns: ['file', 'result', 'message'] },
  );
}
