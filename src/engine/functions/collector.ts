/** Receives the records a function emits; a function may call `collect` any number of times. */
export interface Collector<T> {
  /** Emits `value` downstream; a function may emit any number of values, or none. */
  collect(value: T): void;
}
