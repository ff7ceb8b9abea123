/**
 * What the learner has chosen across the views of one run: the moment shown, the operator in
 * focus, the key filter and the lineage being traced. Every view reads it; clicking in one view
 * (an operator in the graph, a result row) moves the others.
 */
import type { TraceModel } from './trace-model';
import { lineageOf } from './lineage';
import type { Moment } from './moment';
import type { Step } from './steps';

export interface LineageSelection {
  /** The result record traced back. */
  readonly id: number;
  /** What was clicked, for the caption ("pane [0 s, 5 s) of key a"). */
  readonly label: string;
  readonly ids: ReadonlySet<number>;
  /** How many of them entered at a source (records no operator emitted). */
  readonly sources: number;
}

/** A step the learner moved to, and which step of the run it is (from 1). */
export interface ShownStep {
  readonly step: Step;
  readonly number: number;
}

export class VizState {
  /**
   * The moment shown; null follows the run as it goes. Raw: views compare it by identity with
   * the shown step's moment.
   */
  scrub: Moment | null = $state.raw(null);
  /** The step moved to with Step or Step back; it is shown while `scrub` is its moment. */
  step: ShownStep | null = $state.raw(null);
  /** The operator the chart and the state inspector show; undefined picks a default. */
  focus: string | undefined = $state();
  /** Only this key (a `keyId`), or every key. */
  key: string | null = $state(null);
  lineage: LineageSelection | null = $state.raw(null);

  /** Traces record `id` back to its sources; tracing the same record again clears it. */
  trace(model: TraceModel, id: number, label: string): void {
    if (this.lineage?.id === id) {
      this.lineage = null;
      return;
    }
    const ids = lineageOf(model, id);
    let sources = 0;
    for (const each of ids) if (!model.emitsById.has(each)) sources++;
    this.lineage = { id, label, ids, sources };
  }

  /** Shows a step: its moment, and its caption in the status line. */
  showStep(step: Step, number: number): void {
    this.step = { step, number };
    this.scrub = step.moment;
  }

  /** The step shown, or null when the learner chose some other moment since. */
  get shownStep(): ShownStep | null {
    return this.step !== null && this.scrub === this.step.step.moment ? this.step : null;
  }

  /** Follows the run as it goes, leaving the step shown. */
  follow(): void {
    this.scrub = null;
    this.step = null;
  }

  /** A new run: nothing chosen carries over but the learner's focus, if it still exists. */
  reset(): void {
    this.follow();
    this.key = null;
    this.lineage = null;
  }
}
