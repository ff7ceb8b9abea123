import { describe, expect, it } from 'vitest';
import { compileModule } from '../../src/runtime/compile';

/** `statement` at line 3 of a pipeline, after a type import and the function's first line. */
function problemOf(statement: string) {
  const source = [
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    `  ${statement}`,
    "  env.fromElements(1).sinkTo(env.collect('out'));",
    '}',
    '',
  ].join('\n');
  const result = compileModule(source, 'pipeline.ts');
  if (result.ok) throw new Error(`expected a syntax problem in: ${statement}`);
  return result.problem;
}

/** Code TypeScript's stripper lets through and a JavaScript parser refuses, with where and what. */
const cases: { statement: string; column: number; message: RegExp }[] = [
  {
    statement: 'const a = 1; const a = 2;',
    column: 22,
    message: /Identifier 'a' has already been declared/,
  },
  {
    statement: 'const r = await Promise.resolve(1);',
    column: 13,
    message: /`await` works only inside an async function/,
  },
  {
    statement: 'if (env) break;',
    column: 12,
    message: /`break` is allowed only inside a loop or a `switch`/,
  },
  { statement: 'continue;', column: 3, message: /`continue` is allowed only inside a loop/ },
  { statement: 'a: a: for (;;) {}', column: 6, message: /Label 'a' is already declared/ },
  {
    statement: 'function f(x: number, x: number) { return x; }',
    column: 25,
    message: /Two parameters of this function have the same name/,
  },
  { statement: 'const mode = 010;', column: 16, message: /0o10 for octal/ },
  {
    statement: 'let n = 1; delete n;',
    column: 14,
    message: /`delete` removes properties of objects, not variables/,
  },
];

describe('syntax the loop-guard parser refuses', () => {
  for (const { statement, column, message } of cases) {
    it(`is a syntax problem at the learner's place: ${statement}`, () => {
      const problem = problemOf(statement);
      expect(problem).toMatchObject({ file: 'pipeline.ts', line: 3, column });
      expect(problem.message).toMatch(message);
    });
  }

  it('maps the place through the types the first compiler removed', () => {
    const problem = problemOf('const a: Map<string, number> = new Map(); const a: number = 2;');
    expect(problem).toMatchObject({ line: 3, column: 51 });
  });

  it('says where a top-level return is, outside any function', () => {
    const result = compileModule(
      "import { double } from 'streamlab';\nconst x = double(2);\nreturn x;\n",
      'pipeline.ts',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ line: 3, column: 1 });
    expect(result.problem.message).toMatch(/`return` is allowed only inside a function/);
  });
});
