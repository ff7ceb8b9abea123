/**
 * A run stopped by a bad row of a text source, said at the row: in the data file the program
 * imported, when the text is one, so the editor can mark that file's line and column.
 */
import type { SourceFormatError } from 'streamlab';
import { dataFileHolding } from '../compile';
import type { RunFailure } from './api';

/** The failure for `error`, or `undefined` when it cannot be read (a learner's odd subclass). */
export function dataFailure(
  error: SourceFormatError,
  files: Readonly<Record<string, string>>,
): RunFailure | undefined {
  try {
    const { line, column, reason, source } = error;
    const file = dataFileHolding(files, error.sourceText);
    if (file === undefined) {
      // The text was written in the program (or changed after the import): its lines are not a
      // file's, so no file is marked.
      return {
        kind: 'data',
        message: `Source "${source}" read a bad row at line ${line}, column ${column} of its text: ${reason}`,
      };
    }
    return {
      kind: 'data',
      message: `${file}, line ${line}, column ${column}: ${reason}`,
      file,
      line,
      column,
    };
  } catch {
    return undefined;
  }
}
