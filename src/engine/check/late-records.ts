/** Late records, counted the way a check asks about them. */
import type { CheckInput } from './check-input';

/**
 * How many records the run's windows and joins dropped as late, over all operators (Flink's
 * `numLateRecordsDropped`). A check tells a record that never reached a window because it was
 * late from one a program filtered out.
 */
export function lateRecordsDropped(run: CheckInput): number {
  return Object.values(run.metrics.operators).reduce((sum, m) => sum + m.lateRecordsDropped, 0);
}
