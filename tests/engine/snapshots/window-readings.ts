/** What the window snapshot tests aggregate, and where in a job's snapshot the windows are. */
import type { JobSnapshot, OperatorSnapshot } from '../../../src/engine/runtime/snapshot';

export interface Reading {
  readonly key: string;
  readonly ts: number;
  readonly n: number;
  readonly label: string;
  readonly where?: { readonly room: string };
}

/** The window operator's snapshot (a job with one window operator). */
export function windowOperator(snapshot: JobSnapshot): OperatorSnapshot {
  return [...snapshot.operators.values()].find((o) => o.kind === 'window') as OperatorSnapshot;
}
