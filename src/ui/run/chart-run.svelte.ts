import type { JobGraph } from 'streamlab';
import { defaultFocus } from '../viz/event-time-view';
import type { Moment } from '../viz/moment';
import { VizState } from '../viz/viz-state.svelte';
import type { FigureParams } from '../../runtime/worker/api';
import { RunStore } from './run-store.svelte';

/**
 * A run of its own with what an event-time chart reads of it, for a chart set in the prose (a
 * figure, a runnable example): such a chart follows its run to the end, with no scrubber or
 * stepping, and is never graded.
 */
export class ChartRun {
  readonly run = new RunStore(null);
  readonly viz = new VizState();
  /** The run's operators, or none before it has loaded. */
  readonly graph: JobGraph = $derived(this.run.graph ?? { operators: [], edges: [] });
  /** The trace folded so far; `revision` tells the chart it changed. */
  readonly model = $derived(this.run.model);
  readonly revision = $derived.by(() => {
    void this.run.version;
    return this.model.size;
  });
  /** The operator the chart opens on: the first that shows time at work. */
  readonly focus = $derived.by(() => {
    void this.revision;
    return defaultFocus(this.run.graph, this.model);
  });
  /** The chart shows the run as far as it has gone. */
  readonly at: Moment = $derived({ time: this.run.processingTime, seq: Infinity });

  /** Runs `source` again from the start, the chart cleared. */
  start(source: string, params?: FigureParams): void {
    this.viz.reset();
    void this.run.run({ [ENTRY]: source }, ENTRY, params);
  }

  dispose(): void {
    this.run.dispose();
  }
}

const ENTRY = 'pipeline.ts';
