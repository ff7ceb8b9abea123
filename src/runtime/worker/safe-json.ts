/**
 * JSON for what the sandbox sends the page, whatever the learner's records hold. A record can be
 * cyclic (a node that points back at its parent), nested past the call stack, have a `toJSON` that
 * throws, or be a Proxy whose traps throw: `JSON.stringify` throws on each, and the run would end
 * in the sandbox's voice. Such values are shown as readable stand-ins instead.
 */

type Replacer = (key: string, value: unknown) => unknown;

/** Deeper than this, a value is shown cut: no learner reads a record nested 100 levels deep. */
export const MAX_JSON_DEPTH = 100;

/**
 * `JSON.stringify(value, replacer)` when it can; otherwise the same with every part that cannot
 * be serialised replaced by a note: `[Circular]` for a value that contains itself, `[nested more
 * than 100 levels deep]`, `[cannot be read: …]` for a throwing `toJSON`, getter or Proxy trap.
 * Only a value that fails takes the slower, careful way.
 */
export function toSafeJson(value: unknown, replacer: Replacer): string {
  try {
    return JSON.stringify(value, replacer);
  } catch {
    return JSON.stringify(plainCopy(value, replacer));
  }
}

/** A copy of `root` that `JSON.stringify` cannot fail on, made as `JSON.stringify` would see it. */
function plainCopy(root: unknown, replacer: Replacer): unknown {
  /** The objects on the path from the root to the value being copied: a repeat is a cycle. */
  const path: object[] = [];
  const copy = (key: string, read: () => unknown): unknown => {
    let value: unknown;
    try {
      // Read here, not by the caller: a throwing getter spoils its own field, not its parent.
      value = read();
      if (typeof value === 'object' && value !== null) {
        const toJson = (value as { toJSON?: unknown }).toJSON;
        if (typeof toJson === 'function')
          value = (toJson as (key: string) => unknown).call(value, key);
      }
      value = replacer(key, value);
    } catch (error) {
      return `[cannot be read: ${reason(error)}]`;
    }
    if (typeof value !== 'object' || value === null) return value;
    if (path.includes(value)) return '[Circular]';
    if (path.length >= MAX_JSON_DEPTH) return `[nested more than ${MAX_JSON_DEPTH} levels deep]`;
    path.push(value);
    try {
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (let i = 0; i < value.length; i++) items.push(copy(String(i), () => value[i]));
        return items;
      }
      // No prototype: a field named `__proto__` stays a field.
      const fields = Object.create(null) as Record<string, unknown>;
      for (const name of Object.keys(value)) {
        fields[name] = copy(name, () => (value as Record<string, unknown>)[name]);
      }
      return fields;
    } catch (error) {
      return `[cannot be read: ${reason(error)}]`;
    } finally {
      path.pop();
    }
  };
  return copy('', () => root);
}

/** What a throw said, without trusting it: it may be a Proxy too. */
function reason(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return `threw ${String(error)}`;
  } catch {
    return 'reading it throws';
  }
}
