/**
 * Step and Step back: the views move one engine event at a time (see `steps.ts`). Steps already
 * folded are walked without the worker; at the end of what it sent, Step asks a paused run for its
 * next arrival (the worker's coarse step, which can bring a watermark, a firing and a late record
 * at once) and then shows the first of the new steps.
 */
import type { Moment } from '../viz/moment';
import { stepAfter, stepBefore, stepNumber, type Step } from '../viz/steps';
import type { VizState } from '../viz/viz-state.svelte';
import type { RunStore } from './run-store.svelte';

/** Before a run's first event: the first step is the one after it. */
const BEFORE_RUN: Moment = { time: -Infinity, seq: -Infinity };

export class Stepper {
  /** Where Step was pressed while waiting for the worker, or null. */
  #pending: Moment | null = null;

  /** @param advance asks the run for its next arrival (a fresh stepwise run when idle or finished). */
  constructor(
    private readonly run: RunStore,
    private readonly viz: VizState,
    private readonly advance: () => void,
  ) {}

  /** Shows the step after `at`, asking the run for more when the trace so far has none. */
  forward(at: Moment): void {
    const { run } = this;
    const walkable = run.status === 'paused' || run.status === 'finished';
    const next = walkable && run.graph ? stepAfter(run.model, run.graph, at) : null;
    if (next !== null) {
      this.#show(next);
      return;
    }
    this.#pending =
      run.status === 'paused' ? { time: run.model.endTime, seq: run.model.lastSeq } : BEFORE_RUN;
    this.advance();
  }

  /**
   * Shows the first step of kind `kind` after `at` in the trace folded so far (Fail now shows
   * the failure it caused, past the records still due at that time); false when there is none.
   */
  forwardTo(at: Moment, kind: Step['kind']): boolean {
    const { run } = this;
    if (run.graph === undefined || run.busy) return false;
    for (let step = stepAfter(run.model, run.graph, at); step !== null;) {
      if (step.kind === kind) {
        this.#show(step);
        return true;
      }
      step = stepAfter(run.model, run.graph, step.moment);
    }
    return false;
  }

  /** Shows the step before the one shown at `at`. */
  back(at: Moment): void {
    const previous = this.#before(at);
    if (previous !== null) this.#show(previous);
  }

  /** True when there is a step to go back to from `at`. */
  canGoBack(at: Moment): boolean {
    return this.#before(at) !== null;
  }

  /**
   * Call when the run's trace grew or its status changed: once the steps Step asked for have
   * arrived, shows the first of them.
   */
  arrived(): void {
    const { run } = this;
    if (this.#pending === null) return;
    if (run.status === 'failed' || run.status === 'idle') {
      this.#pending = null;
      return;
    }
    if (run.graph === undefined || run.busy) return;
    const next = stepAfter(run.model, run.graph, this.#pending);
    if (next !== null) {
      this.#pending = null;
      this.#show(next);
    } else if (run.status === 'finished') {
      this.#pending = null;
    }
  }

  #before(at: Moment): Step | null {
    const { run } = this;
    if (run.busy || run.graph === undefined || run.model.size === 0) return null;
    return stepBefore(run.model, run.graph, at);
  }

  #show(step: Step): void {
    const graph = this.run.graph;
    if (graph === undefined) return;
    this.viz.showStep(step, stepNumber(this.run.model, graph, step));
  }
}
