/**
 * Which view a run opens: the event-time chart when records at any operator carry an event time,
 * the results otherwise. A tab the learner picks while the run goes is their choice, and the run
 * leaves it alone.
 */

/** What the choice reads of the trace: each operator's arrivals, in arrival order. */
export interface ArrivalsByOperator {
  readonly operators: ReadonlyMap<
    string,
    { readonly arrivals: readonly { readonly eventTime: number | null }[] }
  >;
}

export type OpeningView = 'Event time' | 'Results';

export class TimeTab {
  #picked = false;
  #decided = false;
  #found = false;
  /** Arrivals already looked at, per operator: a playing run asks every frame. */
  #scanned = new Map<string, number>();

  /** A new run begins: its opening view is still to choose. */
  started(): void {
    this.#picked = false;
    this.#decided = false;
    this.#found = false;
    this.#scanned.clear();
  }

  /** The learner chose a tab themselves. */
  picked(): void {
    this.#picked = true;
  }

  /**
   * The view to open now, or undefined to leave the tab as it is. Event time as soon as a record
   * with an event time has arrived anywhere; Results once the run `ended` without one. Each run
   * chooses once.
   */
  next(trace: ArrivalsByOperator, ended: boolean): OpeningView | undefined {
    if (this.#picked || this.#decided) return undefined;
    if (this.#sawEventTime(trace)) {
      this.#decided = true;
      return 'Event time';
    }
    if (!ended) return undefined;
    this.#decided = true;
    return 'Results';
  }

  #sawEventTime(trace: ArrivalsByOperator): boolean {
    if (this.#found) return true;
    for (const [op, { arrivals }] of trace.operators) {
      for (let i = this.#scanned.get(op) ?? 0; i < arrivals.length; i++) {
        if (arrivals[i]?.eventTime != null) {
          this.#found = true;
          return true;
        }
      }
      this.#scanned.set(op, arrivals.length);
    }
    return false;
  }
}
