/**
 * What a lesson's check sees of a run, and what it answers. A check grades behaviour — what
 * reached each sink, which windows fired, what was late — never the text of the code.
 *
 * ```ts
 * import type { CheckInput, CheckResult } from 'streamlab';
 *
 * export default function check(run: CheckInput): CheckResult {
 *   const alerts = run.sinks['alerts'] ?? [];
 *   return alerts.length === 4
 *     ? { pass: true, message: 'All four hot readings raised an alert.' }
 *     : { pass: false, message: `Expected 4 alerts, got ${alerts.length}.` };
 * }
 * ```
 */
import type { CollectedRecord, JobMetrics, JobResult, UpsertRow } from '../result';
import { byName } from '../by-name';
import type { ProvenanceView, SourceRecord } from '../runtime/provenance';

/**
 * What a lesson's check receives: everything the learner's run produced, and where each result
 * came from. A check grades behaviour with it, never the program's text.
 *
 * @example
 * ```ts
 * export default function check(run: CheckInput): CheckResult {
 *   const alerts = run.sinks['alerts'] ?? [];
 *   if (run.inputs.length !== 12) {
 *     return { pass: false, message: 'Read the readings from the lesson\'s source.' };
 *   }
 *   return alerts.length === 4
 *     ? { pass: true, message: 'All four hot readings raised an alert.' }
 *     : { pass: false, message: `Expected 4 alerts, got ${alerts.length}.` };
 * }
 * ```
 */
export interface CheckInput {
  /** The values that reached each collect sink, in arrival order. */
  readonly sinks: Readonly<Record<string, readonly unknown[]>>;
  /** The same sinks as rows: value, event time, processing time, and for window results key, window and pane. */
  readonly outputs: Readonly<Record<string, readonly CollectedRecord[]>>;
  /** Records sent to each side output (late data, …), by tag id. */
  readonly sideOutputs: Readonly<Record<string, readonly CollectedRecord[]>>;
  /** Upsert tables: the latest row per key. */
  readonly tables: Readonly<Record<string, readonly UpsertRow[]>>;
  /** Counters per operator (records in and out, late records dropped, windows fired). */
  readonly metrics: JobMetrics;
  /** True when every source ended (the run was not cut short). */
  readonly finished: boolean;
  /**
   * Every record the pipeline's sources read, in the order they arrived, with the source's name
   * and event time. A check compares them with the lesson's input, so a program that swaps the
   * source for the expected answers does not pass.
   */
  readonly inputs: readonly SourceRecord[];
  /**
   * Where each collected value came from: `origins[sink][i]` lists the positions in `inputs` of
   * the source records behind `sinks[sink][i]` (one for a filtered or mapped record, a pane's
   * contents for a window result). A check uses it to see that each answer was computed from the
   * records it should have been.
   */
  readonly origins: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/** A check's verdict on a run, shown to the learner. */
export interface CheckResult {
  /** True when the exercise is done. */
  readonly pass: boolean;
  /** Said to the learner: what was right, or what to change. */
  readonly message: string;
}

/** The check's view of a run's result, and of where its records came from. */
export function checkInputFrom(result: JobResult, provenance?: ProvenanceView): CheckInput {
  const sinks: Record<string, unknown[]> = byName();
  for (const [name, rows] of Object.entries(result.outputs)) sinks[name] = rows.map((r) => r.value);
  return {
    sinks,
    outputs: result.outputs,
    sideOutputs: result.sideOutputs,
    tables: result.tables,
    metrics: result.metrics,
    finished: result.finished,
    inputs: provenance?.inputs ?? [],
    origins: provenance?.origins ?? {},
  };
}
