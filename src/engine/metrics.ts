/**
 * Counters every run keeps, whatever the trace level: they are cheap increments on plain objects.
 */

/** The counters of one operator. */
export interface OperatorMetrics {
  /** Records that reached the operator's inputs. */
  recordsIn: number;
  /** Records it emitted on its main output. */
  recordsOut: number;
  /** Records it emitted to side outputs (late data included). */
  recordsToSideOutputs: number;
  /** Late records a window or join dropped (Flink's `numLateRecordsDropped`). */
  lateRecordsDropped: number;
  /** Late records a window or join sent to its late-data side output. */
  lateRecordsSideOutput: number;
  /** Records behind the watermark that a window still accepted, within allowed lateness. */
  lateRecordsAccepted: number;
  /** Window firings that emitted a result. */
  windowsFired: number;
  /** Timers that fired, both domains. */
  timersFired: number;
}

/** Fresh, zeroed counters. */
export function emptyMetrics(): OperatorMetrics {
  return {
    recordsIn: 0,
    recordsOut: 0,
    recordsToSideOutputs: 0,
    lateRecordsDropped: 0,
    lateRecordsSideOutput: 0,
    lateRecordsAccepted: 0,
    windowsFired: 0,
    timersFired: 0,
  };
}

/** The counters of two subtasks of one operator, added up. */
export function addMetrics(a: OperatorMetrics, b: Readonly<OperatorMetrics>): OperatorMetrics {
  const sum = emptyMetrics();
  for (const name of Object.keys(sum) as (keyof OperatorMetrics)[]) sum[name] = a[name] + b[name];
  return sum;
}
