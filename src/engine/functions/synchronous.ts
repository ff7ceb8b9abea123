/**
 * Operator functions run synchronously: the engine uses what a `map` returns the moment it returns.
 * An `async` function returns a Promise instead, which would flow on as the record (shown as `{}`),
 * and whatever it emitted after an `await` would go nowhere. Flink has no such check (its functions
 * are Java methods that return their result; asynchronous calls go through a separate operator,
 * `AsyncDataStream`), so this guard is the playground's own: it fails the run, naming the function
 * and the record, rather than let a Promise pass for a result.
 *
 * Every place the engine calls a learner's function checks its result with
 * {@link requireSynchronous}. Where a result is already checked for its type (a key must be a
 * string, a number or a boolean; a timestamp a whole number), only the failure path asks
 * {@link isPromise}, so that the per-record path pays nothing more.
 */
export function requireSynchronous<T>(result: T, what: string): T {
  if (isPromise(result)) throw notSynchronous(what);
  return result;
}

/** The failure for a learner's function (named by `what`) that returned a Promise. */
export function notSynchronous(what: string): TypeError {
  return new TypeError(
    `${what} returned a Promise: operator functions must be synchronous. An async function (or one ` +
      'that returns a Promise) hands the engine a Promise, not its result: drop `async` and ' +
      '`await`, and compute the result directly.',
  );
}

/** True for a Promise: one `typeof` for every other value, and an `instanceof` for objects. */
export function isPromise(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return value instanceof Promise;
  } catch {
    // A Proxy whose prototype trap throws is no Promise: the record's own business.
    return false;
  }
}
