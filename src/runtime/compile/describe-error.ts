import { FUNCTION_HEADER_LINES } from './evaluate';
import { EndlessLoopError } from './loop-guard';
import type { SourcePositions } from './source-position';

/** A thrown value, said plainly, at the learner's line when it can be told. */
export interface DescribedError {
  readonly name: string;
  readonly message: string;
  /** Where in the learner's file (1-based), when the stack reaches their code. */
  readonly line?: number;
  readonly column?: number;
  /** The stack with the learner's frames mapped to their file and lines. */
  readonly stack?: string;
}

/**
 * Turns anything thrown (an Error, a string, an object, a stack overflow) into a message a learner
 * can act on, mapped to the place in their file.
 */
export function describeError(
  thrown: unknown,
  sourceUrl: string,
  file: string,
  positions: SourcePositions,
  modules: Readonly<Record<string, unknown>> = {},
): DescribedError {
  // Learner code can throw anything, including a Proxy whose every trap throws or an Error whose
  // getters do: describing it must not throw in turn, or the run would end in the sandbox's voice.
  try {
    return describeThrown(thrown, sourceUrl, file, positions, modules);
  } catch {
    return {
      name: 'Thrown value',
      message:
        "Your code threw a value that cannot be read (looking at it throws again). Throw `new Error('…')` to get a message and a line number.",
    };
  }
}

function describeThrown(
  thrown: unknown,
  sourceUrl: string,
  file: string,
  positions: SourcePositions,
  modules: Readonly<Record<string, unknown>>,
): DescribedError {
  if (!isError(thrown)) {
    return {
      name: 'Thrown value',
      message: `Your code threw ${kindOf(thrown)} instead of an Error: ${preview(thrown)}. Throw \`new Error('…')\` to get a message and a line number.`,
    };
  }
  const name = read(() => thrown.name);
  const text = read(() => thrown.message);
  const stackText = read(() => thrown.stack);
  // An Error whose getters throw: the getter's own error still says where it was defined.
  const unreadable = [name, text, stackText].find((r) => !r.ok);
  const stackOf = stackText.ok ? stackText.value : unreadable?.ok === false ? unreadable.stack : '';
  const frames = learnerFrames(typeof stackOf === 'string' ? stackOf : '', sourceUrl).map((f) => ({
    ...positions.toSource(f.line, f.column),
    fn: f.fn,
  }));
  const top = frames[0];
  const at = top ? { line: top.line, column: top.column } : {};
  if (thrown instanceof EndlessLoopError) {
    // The loop's own place is better than wherever the clock happened to be read.
    const loop = positions.fromTranspiled(thrown.line, thrown.column);
    return {
      name: thrown.name,
      message: `Your code ran for ${(thrown.budgetMs / 1000).toFixed(1)} s without finishing: is there an endless loop near line ${loop.line}?`,
      ...loop,
    };
  }
  if (unreadable !== undefined) {
    const near = top ? ` near line ${top.line}` : '';
    return {
      name: 'Error',
      message: `Your code threw an Error whose message cannot be read${near}: reading it threw ${unreadable.ok ? '' : unreadable.said}. Throw \`new Error('…')\` with a plain message.`,
      ...at,
    };
  }
  const errorName = String(name.ok ? name.value : 'Error');
  const errorMessage = String(text.ok ? text.value : '');
  const stack = frames.map(
    (f) => `    at ${f.fn ?? '<anonymous>'} (${file}:${f.line}:${f.column})`,
  );
  const message = plainMessage(thrown, errorName, errorMessage, top?.line, modules);
  return {
    name: errorName,
    message,
    ...at,
    ...(stack.length > 0 ? { stack: `${errorName}: ${errorMessage}\n${stack.join('\n')}` } : {}),
  };
}

type Read =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly said: string; readonly stack: string };

/** Reads a property that may be a throwing getter; on a throw, what it threw, said safely. */
function read(get: () => unknown): Read {
  try {
    return { ok: true, value: get() };
  } catch (error) {
    const stack = isError(error) ? read(() => error.stack) : undefined;
    let said: string;
    try {
      said = isError(error) ? `"${error.name}: ${error.message}"` : preview(error);
    } catch {
      said = 'a value that cannot be read';
    }
    return {
      ok: false,
      said,
      stack: stack?.ok && typeof stack.value === 'string' ? stack.value : '',
    };
  }
}

/** `instanceof Error`, false for a Proxy whose prototype trap throws. */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

function plainMessage(
  error: Error,
  name: string,
  text: string,
  line: number | undefined,
  modules: Readonly<Record<string, unknown>>,
): string {
  const near = line ? ` near line ${line}` : '';
  const missing = error instanceof ReferenceError ? missingImport(text, modules) : undefined;
  if (missing !== undefined) {
    const { name, from } = missing;
    return `\`${name}\` comes from '${from}': add it to the import at the top of the file, as in import { ${name} } from '${from}';`;
  }
  if (error instanceof RangeError && /call stack/i.test(text)) {
    return `Your code recursed too deeply${near}: a function keeps calling itself without reaching a case that stops it.`;
  }
  if (
    error instanceof RangeError &&
    /(array length|allocation failed|invalid typed array length|out of memory|string length|in one allocation)/i.test(
      text,
    )
  ) {
    return `Your code asked for more memory than the playground can give${near} (${text}).`;
  }
  return `${name}: ${text}`;
}

/**
 * The module that exports the name a ReferenceError says is not defined, when one does: the
 * learner used it without importing it.
 */
function missingImport(
  message: string,
  modules: Readonly<Record<string, unknown>>,
): { name: string; from: string } | undefined {
  const name = /^(\S+) is not defined$/.exec(message)?.[1];
  if (name === undefined) return undefined;
  for (const [from, exports] of Object.entries(modules)) {
    if (typeof exports === 'object' && exports !== null && Object.hasOwn(exports, name)) {
      return { name, from };
    }
  }
  return undefined;
}

/** Frames of the learner's code in a V8 or SpiderMonkey stack, with module-body positions. */
function learnerFrames(stack: string, sourceUrl: string) {
  const frames: { fn: string | undefined; line: number; column: number }[] = [];
  const escaped = sourceUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const v8 = new RegExp(`at (?:(.*?) \\()?${escaped}:(\\d+):(\\d+)\\)?`);
  const gecko = new RegExp(`^(.*?)@${escaped}:(\\d+):(\\d+)`);
  for (const raw of stack.split('\n')) {
    const m = v8.exec(raw) ?? gecko.exec(raw.trim());
    if (!m) continue;
    const line = Number(m[2]) - FUNCTION_HEADER_LINES;
    if (line < 1) continue;
    frames.push({ fn: m[1] || undefined, line, column: Number(m[3]) });
  }
  return frames;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = String(JSON.stringify(value));
  } catch {
    try {
      text = String(value);
    } catch {
      // A Proxy whose traps throw, or an object whose toString does.
      return 'a value that cannot be read';
    }
  }
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
