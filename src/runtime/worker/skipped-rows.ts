/**
 * The rows text sources left out (`onError: 'skip'`), as each update carries them to the page:
 * each at its place in the data file the program imported, as a data failure is (see
 * `data-failure.ts`), and bounded like everything else that crosses: a run with a bad row in
 * every line lists the first hundred and counts the rest.
 */
import type { SkippedRow } from 'streamlab';
import { dataFileHolding } from '../compile';
import type { SentSkippedRow, SkippedRows } from './api';
import { boundLabel } from './bounded';

/** Rows of a run listed in full; the page says how many more there were. */
export const MAX_SKIPPED_ROWS = 100;

/** Follows one run's skipped rows, handing each update those it has not sent yet. */
export class SkippedRowSender {
  /** How many of the run's rows earlier updates covered (listed, or counted past the limit). */
  #covered = 0;

  constructor(private readonly files: Readonly<Record<string, string>>) {}

  /** The rows of `all` (the run's, in the order they were read) that are new since the last call. */
  take(all: readonly SkippedRow[]): SkippedRows {
    const from = Math.min(this.#covered, MAX_SKIPPED_ROWS);
    const to = Math.min(all.length, MAX_SKIPPED_ROWS);
    this.#covered = all.length;
    const rows: SentSkippedRow[] = [];
    for (const row of all.slice(from, to)) {
      const sent = this.#sent(row);
      if (sent) rows.push(sent);
    }
    return { rows, total: all.length };
  }

  /**
   * The row as the page gets it, or `undefined` when it cannot be read: a learner's own source
   * may hand the engine anything as a skipped row, and the page only takes plain places.
   */
  #sent(row: SkippedRow): SentSkippedRow | undefined {
    const { line, column, reason, source, sourceText } = row;
    if (!isPlace(line) || !isPlace(column)) return undefined;
    if (typeof reason !== 'string' || typeof source !== 'string') return undefined;
    const file = dataFileHolding(
      this.files,
      typeof sourceText === 'string' ? sourceText : undefined,
    );
    const place = { line, column, reason: boundLabel(reason), source: boundLabel(source) };
    // The text was written in the program (or changed after the import): no file holds its lines.
    return file === undefined ? place : { file, ...place };
  }
}

const isPlace = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1;
