/**
 * Where each collected record came from, for lesson checks. A check must see that the lesson's
 * input went through the learner's pipeline: a program that replaces the source with the expected
 * answers collects the right values, but not from the lesson's records. The trace's record ids
 * and lineage say which source records are behind each emitted record; this keeps the source
 * records' values (the trace only has summaries) and walks the lineage back for each sink row.
 *
 * It needs record ids, so it only works while tracing, and it costs an entry per record, so only
 * runs that are checked keep it (see `EnvironmentOptions.provenance`).
 */
import type { Millis } from '../time';
import { byName } from '../by-name';

/** A record as a source put it into the pipeline. */
export interface SourceRecord {
  /** The source's name, as given to `fromSource` or the default one of `fromElements`, …. */
  readonly source: string;
  /** The record as the source read it. */
  readonly value: unknown;
  /** Event time, when the source assigned one. */
  readonly timestamp?: Millis;
}

/** The source records behind every collected record, as positions in `inputs`. */
export interface ProvenanceView {
  /** Every record the sources put into the pipeline, in the order they arrived. */
  readonly inputs: readonly SourceRecord[];
  /** For each collect sink, one list per collected value (in order) of positions in `inputs`. */
  readonly origins: Readonly<Record<string, readonly (readonly number[])[]>>;
  /** False when the run had more source records than are kept (see {@link MAX_INPUTS}). */
  readonly complete: boolean;
}

/** Source records kept, at most: a lesson's input is far smaller. */
export const MAX_INPUTS = 100_000;

export class Provenance {
  private readonly inputs: SourceRecord[] = [];
  /** Record id → position in `inputs`, for records as their source read them. */
  private readonly inputOf = new Map<number, number>();
  /** Record id → ids of the records behind it, for every emitted record. */
  private readonly parents = new Map<number, readonly number[]>();
  /** Collect sink → id of each record it collected, in order. */
  private readonly collected = new Map<string, number[]>();
  private complete = true;

  /** A source read `value`; `id` is the id of its arrival in the trace. */
  input(id: number, source: string, value: unknown, timestamp: Millis | undefined): void {
    if (this.inputs.length >= MAX_INPUTS) {
      this.complete = false;
      return;
    }
    this.inputOf.set(id, this.inputs.length);
    this.inputs.push(timestamp === undefined ? { source, value } : { source, value, timestamp });
  }

  /** An operator emitted record `id` from the records `lineage`. */
  derived(id: number, lineage: readonly number[]): void {
    if (lineage.length > 0) this.parents.set(id, lineage);
  }

  /** The collect sink `sink` got record `id`. */
  collect(sink: string, id: number): void {
    let ids = this.collected.get(sink);
    if (ids === undefined) {
      ids = [];
      this.collected.set(sink, ids);
    }
    ids.push(id);
  }

  view(): ProvenanceView {
    const origins: Record<string, number[][]> = byName();
    for (const [sink, ids] of this.collected) origins[sink] = ids.map((id) => this.originsOf(id));
    return { inputs: this.inputs, origins, complete: this.complete };
  }

  /** The positions of the source records behind record `id`, in order, each once. */
  private originsOf(id: number): number[] {
    const found = new Set<number>();
    const seen = new Set<number>();
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop() as number;
      if (seen.has(next)) continue;
      seen.add(next);
      const input = this.inputOf.get(next);
      if (input !== undefined) found.add(input);
      for (const parent of this.parents.get(next) ?? []) stack.push(parent);
    }
    return [...found].sort((a, b) => a - b);
  }
}
