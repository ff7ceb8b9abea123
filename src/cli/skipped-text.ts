/**
 * Rows a text source skipped (`onError: 'skip'`), said the way compilers say warnings, so editors
 * and terminals can jump to each: `readings.csv:3:9: skipped row: expected a number in …`.
 */
import { dirname, join } from 'node:path';
import type { RunLog } from './run-program';

/**
 * The lines for `skipped`, with a last line that counts them; none when no row was skipped.
 * `path` is the program's path as given: its data files sit beside it.
 */
export function skippedText(skipped: RunLog['skipped'], path: string): string[] {
  const { rows, total } = skipped;
  if (total === 0) return [];
  const lines = rows.map((row) =>
    row.file === undefined
      ? `${path}: skipped row: source "${row.source}", line ${row.line}, column ${row.column} of its text: ${row.reason}`
      : `${join(dirname(path), row.file)}:${row.line}:${row.column}: skipped row: ${row.reason}`,
  );
  const counted = `${total.toLocaleString('en-US')} ${total === 1 ? 'row was' : 'rows were'} skipped (onError: 'skip')`;
  lines.push(
    total > rows.length ? `${counted}; the first ${rows.length} are listed.` : `${counted}.`,
  );
  return lines;
}
