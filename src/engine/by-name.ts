/**
 * An empty record for values keyed by names the learner chose (sinks, side-output tags, operators).
 * It has no prototype, so a sink named `constructor`, `toString` or `__proto__` is a key like any
 * other: on a plain `{}`, `out['__proto__'] = rows` would replace the prototype and lose the sink,
 * and `out['constructor'] ??= []` would find `Object` already there.
 */
export function byName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
