import type { CodeProblem } from './problem';

/** What acorn says when it rejects code (its `SyntaxError` carries the place). */
interface AcornSyntaxError extends SyntaxError {
  /** 0-based offset into the parsed code. */
  readonly pos: number;
  /** 1-based line, 0-based column. */
  readonly loc: { readonly line: number; readonly column: number };
}

export function isAcornSyntaxError(error: unknown): error is AcornSyntaxError {
  return (
    error instanceof SyntaxError &&
    typeof (error as Partial<AcornSyntaxError>).pos === 'number' &&
    typeof (error as Partial<AcornSyntaxError>).loc?.line === 'number'
  );
}

/**
 * Sucrase only strips types; it lets through code that a JavaScript parser refuses (a `const`
 * declared twice, `break` outside a loop, `await` outside an async function, an octal literal in a
 * module). The loop-guard parser is the first to see it: its error, said in the learner's terms at
 * their place. `toSource` maps a 1-based position in the transpiled code to the TypeScript.
 */
export function strictSyntaxProblem(
  error: AcornSyntaxError,
  code: string,
  file: string,
  toSource: (line: number, column: number) => { line: number; column: number },
): CodeProblem {
  // acorn appends "(line:column)" of the transpiled code: the learner's place is given apart.
  const said = error.message.replace(/\s*\(\d+:\d+\)$/, '');
  const { line } = error.loc;
  let { column } = error.loc;
  let message = PLAINER.get(said) ?? said;
  const before = code.slice(0, error.pos);
  const awaited = /\bawait\s*$/.exec(before);
  if (said === 'Unexpected token' && awaited) {
    // Outside an async function `await` is a plain name, so the parser trips on what follows it.
    column -= before.length - awaited.index;
    message =
      '`await` works only inside an async function, and a pipeline is built and run synchronously: compute the value directly instead of awaiting it.';
  } else if (said === 'Invalid number' && /^0\d/.test(code.slice(error.pos))) {
    message =
      'A number starting with 0 (like 010) is an old octal form a module does not allow: write 0o10 for octal, or drop the leading 0.';
  }
  return { message, file, ...toSource(line, column + 1) };
}

/** acorn's terse wordings, said plainly. */
const PLAINER: ReadonlyMap<string, string> = new Map([
  ['Unsyntactic break', '`break` is allowed only inside a loop or a `switch`.'],
  ['Unsyntactic continue', '`continue` is allowed only inside a loop.'],
  [
    "'return' outside of function",
    '`return` is allowed only inside a function: the top level of a file cannot return.',
  ],
  ['Argument name clash', 'Two parameters of this function have the same name.'],
  [
    'Deleting local variable in strict mode',
    '`delete` removes properties of objects, not variables: set the variable to undefined instead.',
  ],
]);
