import { boundText } from './bounded';

/** One line of the learner's `console` output, with where it came from. */
export interface ConsoleEntry {
  readonly level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  readonly text: string;
  /** The learner's line that logged it (1-based), when the stack shows it. */
  readonly line?: number;
  /** Processing time of the run when it was logged, if a run was under way. */
  readonly time?: number;
}

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const MAX_ENTRIES = 2000;
const MAX_TEXT = 2000;

/**
 * A `console` for the learner's module. It records instead of printing (the page shows it), caps
 * what it keeps so a log in a hot loop cannot exhaust memory, and asks `locate` for the line.
 */
export function createConsole(
  locate: (stack: string) => number | undefined,
  now: () => number | undefined,
) {
  let entries: ConsoleEntry[] = [];
  let dropped = 0;
  const record = (level: ConsoleEntry['level'], args: unknown[]) => {
    if (entries.length >= MAX_ENTRIES) {
      dropped++;
      return;
    }
    const text = args.map(format).join(' ');
    const line = locate(new Error().stack ?? '');
    const time = now();
    entries.push({
      level,
      text: boundText(text, MAX_TEXT, 'line'),
      ...(line !== undefined ? { line } : {}),
      ...(time !== undefined ? { time } : {}),
    });
  };
  const learnerConsole = Object.fromEntries(
    LEVELS.map((level) => [level, (...args: unknown[]) => record(level, args)]),
  ) as Record<(typeof LEVELS)[number], (...args: unknown[]) => void>;
  return {
    console: Object.freeze(learnerConsole),
    /** Takes what was logged since the last call. */
    drain(): ConsoleEntry[] {
      const out = entries;
      if (dropped > 0) {
        out.push({ level: 'warn', text: `… ${dropped} more console lines were not kept.` });
        dropped = 0;
      }
      entries = [];
      return out;
    },
  };
}

/** Formats a logged value the way a browser console would, compactly. */
export function format(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || value === undefined) return String(value);
  try {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (v instanceof Map) return Object.fromEntries(v);
      if (v instanceof Set) return [...v];
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[Circular]';
        seen.add(v);
      }
      return v;
    });
  } catch {
    return String(value);
  }
}
