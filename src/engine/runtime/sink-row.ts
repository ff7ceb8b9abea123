/**
 * How a record looks in the job result: the row sinks and side outputs keep.
 */
import type { CollectedRecord } from '../result';
import type { WindowOrigin } from '../records';
import type { Millis } from '../time';

/** A record as a sink row: only the fields that apply, so rows compare and serialise cleanly. */
export function collected(
  value: unknown,
  timestamp: Millis | undefined,
  origin: WindowOrigin | undefined,
  now: Millis,
): CollectedRecord {
  // Built without spreads: sinks collect every record, so this is on the hot path.
  if (origin === undefined) {
    return timestamp === undefined
      ? { value, processingTime: now }
      : { value, timestamp, processingTime: now };
  }
  const row: { -readonly [F in keyof CollectedRecord]: CollectedRecord[F] } =
    timestamp === undefined
      ? { value, processingTime: now }
      : { value, timestamp, processingTime: now };
  if (origin.key !== undefined) row.key = origin.key;
  row.window = origin.window;
  row.pane = origin.pane;
  return row as CollectedRecord;
}
