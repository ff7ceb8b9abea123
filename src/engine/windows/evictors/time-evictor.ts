import { PipelineDefinitionError } from '../../errors';
import type { Millis } from '../../time';
import { Evictor } from './evictor';
import type { TimestampedValue } from './evictor';

/**
 * Keeps only elements within `windowSize` of the newest one: removes every element whose timestamp
 * is at or before `newest − windowSize`, as Flink's `TimeEvictor`.
 */
export class TimeEvictor extends Evictor {
  private constructor(
    private readonly windowSize: Millis,
    private readonly afterFunction: boolean,
  ) {
    super();
  }

  /**
   * Keeps the elements within `windowSize` of the newest; evicts before the function runs unless
   * `doEvictAfter`.
   */
  static of(windowSize: Millis, doEvictAfter = false): TimeEvictor {
    if (!Number.isSafeInteger(windowSize) || windowSize < 0) {
      throw new PipelineDefinitionError(
        `TimeEvictor.of needs a non-negative whole number of milliseconds, got ${windowSize}.`,
      );
    }
    return new TimeEvictor(windowSize, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.afterFunction) this.evict(elements);
  }

  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.afterFunction) this.evict(elements);
  }

  toString(): string {
    return `TimeEvictor(${this.windowSize})`;
  }

  private evict(elements: TimestampedValue<unknown>[]): void {
    // Elements without a timestamp give the evictor nothing to go by: Flink leaves them all.
    let newest = -Infinity;
    for (const element of elements) {
      if (element.timestamp !== undefined && element.timestamp > newest) newest = element.timestamp;
    }
    if (newest === -Infinity) return;
    const cutoff = newest - this.windowSize;
    const kept = elements.filter((e) => e.timestamp === undefined || e.timestamp > cutoff);
    elements.splice(0, elements.length, ...kept);
  }
}
