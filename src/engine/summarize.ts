/**
 * Short, printable summaries of records and state values, for the trace, the print sink and error
 * messages. A summary never throws and never grows past its limit, whatever the learner put in.
 */

/** Renders a value the way a learner would write it, cut to `limit` characters. */
export function summarize(value: unknown, limit = 120): string {
  let text: string;
  try {
    text = render(value, 0);
  } catch {
    // A Proxy whose traps throw, a getter that throws: the summary says so instead of failing.
    text = '[a value that cannot be read]';
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

const MAX_DEPTH = 3;
const MAX_ITEMS = 8;

function render(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
    case 'symbol':
      return String(value);
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    default:
      return renderObject(value as object | null, depth);
  }
}

function renderObject(value: object | null, depth: number): string {
  if (value === null) return 'null';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) return `[${items(value, depth)}]`;
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]) => [render(k, depth + 1), v] as const);
    return `Map {${entries.map(([k, v]) => `${k} => ${render(v, depth + 1)}`).join(', ')}}`;
  }
  if (value instanceof Set) return `Set {${items([...value], depth)}}`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return '{?}';
  }
  const shown = keys.slice(0, MAX_ITEMS).map((key) => {
    const field = (value as Record<string, unknown>)[key];
    return `${key}: ${render(field, depth + 1)}`;
  });
  if (keys.length > MAX_ITEMS) shown.push('…');
  return `{ ${shown.join(', ')} }`;
}

function items(values: readonly unknown[], depth: number): string {
  const shown = values.slice(0, MAX_ITEMS).map((item) => render(item, depth + 1));
  if (values.length > MAX_ITEMS) shown.push('…');
  return shown.join(', ');
}
