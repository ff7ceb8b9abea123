/**
 * What a sink row's delivery flags mean, in words: a plain sink's row written again after a
 * restart (at-least-once), a transactional sink's row committed or still waiting for its commit.
 * The page's output tables and the command line's tables say the same thing.
 */
import type { CollectedRecord } from 'streamlab';

/** A restart of the job, as the trace tells it: when, and from which checkpoint. */
export interface RestartMoment {
  /** Processing time of the restart. */
  readonly time: number;
  /** The checkpoint the job restarted from; `null`: from the beginning. */
  readonly checkpoint: number | null;
}

export interface RowMark {
  readonly kind: 'duplicate' | 'committed' | 'uncommitted';
  /** The badge's word. */
  readonly label: string;
  /** The sentence behind it. */
  readonly title: string;
}

/**
 * The mark of one row, or `undefined` for a row with none. `restarts` (in time order) name the
 * checkpoint a duplicate was written again after: the latest restart at or before its arrival.
 */
export function rowMark(
  row: CollectedRecord,
  restarts: readonly RestartMoment[] = [],
): RowMark | undefined {
  if (row.duplicate === true) {
    const restart = restarts.findLast((r) => r.time <= row.processingTime);
    const from =
      restart === undefined
        ? 'a restart'
        : restart.checkpoint === null
          ? 'the restart from the beginning (no checkpoint had completed)'
          : `the restart from checkpoint ${restart.checkpoint}`;
    return {
      kind: 'duplicate',
      label: 'duplicate',
      title: `Written again after ${from}: at-least-once.`,
    };
  }
  if (row.committed === true) {
    return {
      kind: 'committed',
      label: 'committed',
      title: `Committed with transaction ${row.transaction ?? '?'}: readers see this row.`,
    };
  }
  if (row.committed === false) {
    return {
      kind: 'uncommitted',
      label: 'not yet committed',
      title: `In transaction ${row.transaction ?? '?'}, which commits when the next checkpoint completes: readers do not see this row yet.`,
    };
  }
  return undefined;
}

/**
 * The one line above a table that says what its marks mean, or `undefined` when no row has one
 * (such a table shows no marks at all).
 */
export function marksLegend(rows: readonly CollectedRecord[]): string | undefined {
  const transactional = rows.some((row) => row.committed !== undefined);
  if (transactional) {
    return 'Transactional sink (exactly-once): rows are committed when the checkpoint after them completes; a failure aborts rows not yet committed, and they are written again.';
  }
  if (rows.some((row) => row.duplicate === true)) {
    return 'duplicate: a row this sink had already written, written again after the job restarted from a checkpoint (at-least-once).';
  }
  return undefined;
}
