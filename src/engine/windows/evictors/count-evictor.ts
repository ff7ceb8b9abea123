import { PipelineDefinitionError } from '../../errors';
import { Evictor } from './evictor';
import type { TimestampedValue } from './evictor';

/**
 * Keeps at most `maxCount` elements, removing the oldest, as Flink's `CountEvictor`. It is how
 * sliding count windows (`countWindow(size, slide)`) keep only the last `size` elements.
 */
export class CountEvictor extends Evictor {
  private constructor(
    private readonly maxCount: number,
    private readonly afterFunction: boolean,
  ) {
    super();
  }

  /** Keeps the last `maxCount` elements; evicts before the function runs unless `doEvictAfter`. */
  static of(maxCount: number, doEvictAfter = false): CountEvictor {
    if (!Number.isSafeInteger(maxCount) || maxCount <= 0) {
      throw new PipelineDefinitionError(
        `CountEvictor.of needs a positive whole number of elements, got ${maxCount}.`,
      );
    }
    return new CountEvictor(maxCount, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[], size: number): void {
    if (!this.afterFunction) this.evict(elements, size);
  }

  evictAfter(elements: TimestampedValue<unknown>[], size: number): void {
    if (this.afterFunction) this.evict(elements, size);
  }

  toString(): string {
    return `CountEvictor(${this.maxCount})`;
  }

  private evict(elements: TimestampedValue<unknown>[], size: number): void {
    if (size > this.maxCount) elements.splice(0, size - this.maxCount);
  }
}
