/**
 * What may cross from the sandbox to the page. The engine keeps every value whole (a lesson's
 * check grades the real thing); the page only shows them, and a 16 MB string rendered in a table
 * cell, or ten thousand tables, freezes it for seconds. So everything sent is cut here, in the
 * worker, before it travels, with a note that says what was cut.
 */

/** How much of one sink row's value is sent: a screenful of text, enough to recognise it. */
export const VALUE_CHARS = 10 * 1024;
/**
 * Value text one update may carry in all. Past it, each further row's value is cut to
 * {@link SPENT_VALUE_CHARS}: the rows still arrive (their count and times are right), only shorter.
 */
export const UPDATE_VALUE_CHARS = 1024 * 1024;
export const SPENT_VALUE_CHARS = 200;
/** Nesting shown of a value; deeper levels are summarised (`{…3 fields}`). */
export const VALUE_DEPTH = 12;
/** Items of one array, or fields of one object, shown. */
export const VALUE_ITEMS = 100;
/** One line of a failure's message: a banner's worth. */
export const MESSAGE_CHARS = 2 * 1024;
/** One key, name or summary in a trace event, a graph or a failure's record. */
export const LABEL_CHARS = 1024;
/**
 * Collect sinks, side outputs and upsert tables shown, each: twenty tables fill several screens,
 * and fifty, their rows arriving together, held the page for a tenth of a second and more.
 */
export const MAX_SECTIONS = 20;

/** A value ready to send, and what was cut from it (absent when nothing was). */
export interface BoundedValue {
  readonly value: unknown;
  /** About how many characters the sent value takes, as JSON. */
  readonly size: number;
  readonly cut?: string;
}

/** A size of text as a learner reads it: `16 MB`, `10 kB`, `812 characters`. */
export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} ${chars === 1 ? 'character' : 'characters'}`;
  if (chars < 1024 * 1024) return `${trim(chars / 1024)} kB`;
  return `${trim(chars / (1024 * 1024))} MB`;
}

const trim = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, ''));

/** Thousands with separators, as the notes write counts: `10,000`. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * `text`, or its first `max` characters and a note of the original size, as
 * `"…\n(message of 16 MB, shown cut to 2 kB)"`. `what` names the text in the note.
 */
export function boundText(text: string, max: number, what: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…\n(${what} of ${formatSize(text.length)}, shown cut to ${formatSize(max)})`;
}

/**
 * A message or a stack, line by line: each line cut to `lineChars`, at most `maxLines` lines, and
 * at the end a note of what was cut, as `(message of 16 MB, shown cut to 2 kB)`. Lines are cut
 * one by one so that a stack's frames survive a huge first line (V8 puts the message there).
 */
export function boundLines(
  text: string,
  lineChars: number,
  maxLines: number,
  what: string,
): string {
  if (text.length <= lineChars) return text;
  const lines: string[] = [];
  let from = 0;
  let cut = false;
  let whole = false;
  while (lines.length < maxLines) {
    const end = text.indexOf('\n', from);
    const to = end === -1 ? text.length : end;
    const line = text.slice(from, Math.min(to, from + lineChars));
    cut ||= to - from > lineChars;
    lines.push(to - from > lineChars ? `${line}…` : line);
    if (end === -1) {
      whole = true;
      break;
    }
    from = end + 1;
  }
  cut ||= !whole;
  if (!cut) return text;
  const shown = lines.join('\n');
  return `${shown}\n(${what} of ${formatSize(text.length)}, shown cut to ${formatSize(shown.length)})`;
}

/** A short label (a key, a name): cut with an ellipsis and its size, on one line. */
export function boundLabel(text: string, max = LABEL_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${formatSize(text.length)})`;
}

/**
 * A copy of `value` as JSON would see it, with strings cut, long arrays and objects shortened and
 * deep nesting summarised so that its text stays within about `max` characters. Never throws:
 * a getter or a `toJSON` that throws shows as a note in its place; a cycle shows as `[Circular]`.
 */
export function boundValue(value: unknown, max = VALUE_CHARS): BoundedValue {
  // The common case costs nothing: a number, a short string.
  if (typeof value !== 'object' && typeof value !== 'string') return { value, size: 8 };
  if (typeof value === 'string' && value.length <= max) return { value, size: value.length + 2 };
  const walk = new Walk(max);
  const bounded = walk.copy(value, 0);
  const cut = walk.note();
  const size = walk.size;
  return cut === undefined ? { value: bounded, size } : { value: bounded, size, cut };
}

/** One bounded copy: the budget left, and what had to be cut, for the note. */
class Walk {
  #left: number;
  /** Characters of text met, whole, and whether anything was cut. */
  #seen = 0;
  #cutText = false;
  #longest: { length: number; shown: number; what: 'list' | 'record' } | undefined;
  #deep = false;
  #circular = false;
  #unreadable: string | undefined;
  readonly #ancestors = new Set<object>();

  constructor(private readonly max: number) {
    this.#left = max;
  }

  copy(value: unknown, depth: number): unknown {
    switch (typeof value) {
      case 'string':
        return this.#string(value, depth);
      case 'number':
      case 'boolean':
      case 'bigint':
        this.#spend(String(value).length);
        return value;
      case 'object':
        return value === null ? (this.#spend(4), null) : this.#object(value, depth);
      default:
        // undefined, functions and symbols: JSON leaves them out, and so may we.
        return value;
    }
  }

  /** Characters spent on the copy (its JSON, give or take). */
  get size(): number {
    return this.max - Math.max(0, this.#left);
  }

  note(): string | undefined {
    const parts: string[] = [];
    if (this.#cutText) {
      parts.push(`value of ${formatSize(this.#seen)}, shown cut to ${formatSize(this.max)}`);
    }
    const longest = this.#longest;
    if (longest !== undefined) {
      const [whole, part] = longest.what === 'list' ? ['items', ''] : ['fields', ' fields'];
      parts.push(
        `a ${longest.what} of ${formatCount(longest.length)} ${whole} shows its first ${formatCount(longest.shown)}${part}`,
      );
    }
    if (this.#deep) parts.push(`nesting deeper than ${VALUE_DEPTH} levels is summarised`);
    if (this.#circular) parts.push('a part that contains itself shows as [Circular]');
    if (this.#unreadable !== undefined)
      parts.push(`a part could not be read (${this.#unreadable})`);
    return parts.length === 0 ? undefined : parts.join('; ');
  }

  #spend(chars: number): void {
    this.#seen += chars;
    this.#left -= chars;
  }

  /** A string inside a record gets half of what is left, so the fields after it still show. */
  #string(text: string, depth: number): string {
    const room = Math.max(0, depth === 0 ? this.#left : Math.floor(this.#left / 2));
    this.#seen += text.length + 2;
    if (text.length <= room) {
      this.#left -= text.length + 2;
      return text;
    }
    this.#left -= room + 3;
    this.#cutText = true;
    return `${text.slice(0, room)}…`;
  }

  #object(value: object, depth: number): unknown {
    if (this.#ancestors.has(value)) {
      this.#circular = true;
      return '[Circular]';
    }
    let plain: unknown;
    try {
      plain = jsonView(value);
    } catch (error) {
      return this.#unreadablePart(error);
    }
    if (typeof plain !== 'object' || plain === null) return this.copy(plain, depth);
    if (depth >= VALUE_DEPTH) {
      this.#deep = true;
      return summary(plain);
    }
    this.#ancestors.add(value);
    try {
      return Array.isArray(plain) ? this.#array(plain, depth) : this.#record(plain, depth);
    } catch (error) {
      return this.#unreadablePart(error);
    } finally {
      this.#ancestors.delete(value);
    }
  }

  #array(items: readonly unknown[], depth: number): unknown[] {
    const out: unknown[] = [];
    const shown = Math.min(items.length, VALUE_ITEMS);
    for (let i = 0; i < shown && this.#left > 0; i++) {
      out.push(this.copy(items[i], depth + 1));
      this.#spend(1);
    }
    if (out.length < items.length) {
      this.#noteLong('list', items.length, out.length);
      out.push(`… ${formatCount(items.length - out.length)} more`);
    }
    return out;
  }

  #record(value: object, depth: number): Record<string, unknown> {
    // A null prototype: a field named `__proto__` stays a field.
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const keys = Object.keys(value);
    const shown = Math.min(keys.length, VALUE_ITEMS);
    let i = 0;
    for (; i < shown && this.#left > 0; i++) {
      const key = keys[i]!;
      const name = boundLabel(key, Math.max(16, Math.min(LABEL_CHARS, this.#left)));
      if (name !== key) this.#cutText = true;
      this.#spend(Math.min(key.length, name.length) + 4);
      let field: unknown;
      try {
        field = (value as Record<string, unknown>)[key];
      } catch (error) {
        out[name] = this.#unreadablePart(error);
        continue;
      }
      out[name] = this.copy(field, depth + 1);
    }
    if (i < keys.length) {
      this.#noteLong('record', keys.length, i);
      out['…'] = `${formatCount(keys.length - i)} more fields`;
    }
    return out;
  }

  #noteLong(what: 'list' | 'record', length: number, shown: number): void {
    if (this.#longest === undefined || length > this.#longest.length) {
      this.#longest = { length, shown, what };
    }
  }

  #unreadablePart(error: unknown): string {
    let message: string;
    try {
      message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } catch {
      message = 'it threw when read';
    }
    this.#unreadable ??= boundLabel(message, 200);
    return '[unreadable]';
  }
}

/** What JSON.stringify would serialise in place of `value`: its `toJSON`, a Map's entries. */
function jsonView(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return (toJSON as () => unknown).call(value);
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** A part past the depth limit, named by its size: `[…4 items]`, `{…3 fields}`. */
function summary(value: object): string {
  if (Array.isArray(value)) return `[…${formatCount(value.length)} items]`;
  let fields: number;
  try {
    fields = Object.keys(value).length;
  } catch {
    return '{…}';
  }
  return `{…${formatCount(fields)} ${fields === 1 ? 'field' : 'fields'}}`;
}
