/**
 * `OutputTag`: names a side output, as in Flink. A process function, a window's late data or an
 * interval join sends records to it; `getSideOutput(tag)` turns them into a stream.
 */
import { PipelineDefinitionError } from './errors';

/**
 * Names a side output carrying records of type `T`. Two tags are the same side output when their
 * ids are equal.
 *
 * @example
 * ```ts
 * const late = new OutputTag<SensorReading>('late-readings');
 * const counts = readings
 *   .keyBy((r) => r.sensor)
 *   .window(TumblingEventTimeWindows.of(Time.seconds(10)))
 *   .sideOutputLateData(late)
 *   .sum('celsius');
 * counts.getSideOutput(late).sinkTo(env.collect('late readings'));
 * ```
 */
export class OutputTag<T> {
  /** Keeps `T` in the type, so a tag for readings cannot be read as a tag for strings. */
  declare readonly __type?: T;

  /**
   * A tag for the side output named `id`.
   *
   * @param id - Names the side output; the sinks and the trace show it.
   */
  constructor(
    /** The side output's name. */
    readonly id: string,
  ) {
    if (typeof id !== 'string' || id.length === 0) {
      throw new PipelineDefinitionError(
        'An OutputTag needs a non-empty id, e.g. new OutputTag<Reading>("late").',
      );
    }
  }

  /** `OutputTag(<id>)`, as messages show it. */
  toString(): string {
    return `OutputTag(${this.id})`;
  }
}
