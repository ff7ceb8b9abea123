/**
 * Option checks shared by the sources. A learner's typo (a negative rate, 1.5 partitions) should
 * fail when the source is created, with a message naming the option, not as a strange run later.
 */
import type { SourcePosition } from './source';

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(value: number, option: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${option} must be an integer ≥ ${min}, got ${value}.`);
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(value: number, option: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${option} must be a finite number > 0, got ${value}.`);
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(value: number, option: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${option} must be a finite number ≥ 0, got ${value}.`);
  }
}

/** Throws unless `value` is a finite number. */
export function requireFinite(value: number, option: string): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${option} must be a finite number, got ${value}.`);
}

/** Throws unless `partition` is one of the source's partitions. */
export function requirePartition(sourceName: string, partition: number, partitions: number): void {
  if (!Number.isInteger(partition) || partition < 0 || partition >= partitions) {
    const range = partitions === 1 ? 'only partition 0' : `partitions 0 to ${partitions - 1}`;
    throw new RangeError(
      `Source "${sourceName}" has ${range}; there is no partition ${partition}.`,
    );
  }
}

/**
 * Reads a position made of `length` finite numbers, as the sources in this folder produce them.
 * Anything else was taken from another source (or edited by hand), so it is refused.
 */
export function numbersOf(sourceName: string, position: SourcePosition, length: number): number[] {
  const values = typeof position === 'object' ? position : [position];
  if (
    values.length !== length ||
    !values.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new TypeError(
      `Source "${sourceName}" cannot resume from position ${JSON.stringify(position)}: ` +
        'it was not taken from a reader of this source.',
    );
  }
  return values as number[];
}
