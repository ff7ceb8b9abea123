/** Receives the records a function emits; a function may call `collect` any number of times. */
export interface Collector<T> {
  collect(value: T): void;
}
