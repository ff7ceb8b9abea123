import { describe, expect, it } from 'vitest';
import {
  compileModule,
  createLoopGuard,
  EndlessLoopError,
  ImportNotAllowedError,
  type CompiledModule,
} from '../../src/runtime/compile';

const engine = { double: (n: number) => n * 2 };
const scope = (guard = (_line: number, _column: number) => {}) => ({
  modules: { streamlab: engine },
  console,
  guard,
});

function compile(source: string): CompiledModule {
  const result = compileModule(source, 'pipeline.ts');
  if (!result.ok) throw new Error(result.problem.message);
  return result.module;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('compileModule', () => {
  it('strips types, resolves the engine and returns the default export', () => {
    const module = compile(
      [
        "import { double } from 'streamlab';",
        'interface Reading { celsius: number }',
        'export default function pipeline(r: Reading): number {',
        '  return double(r.celsius);',
        '}',
      ].join('\n'),
    );
    const exports = module.evaluate(scope());
    expect((exports.default as (r: { celsius: number }) => number)({ celsius: 21 })).toBe(42);
  });

  it('reports a syntax error at its line and column', () => {
    const result = compileModule('const a = 1;\nconst b: number = ;\n', 'pipeline.ts');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ file: 'pipeline.ts', line: 2, column: 19 });
    expect(result.problem.message).toMatch(/^Unexpected token/);
  });

  it('refuses imports other than the engine, naming them', () => {
    const module = compile("import _ from 'lodash';\nexport default () => _;\n");
    const error = thrownBy(() => module.evaluate(scope()));
    expect(error).toBeInstanceOf(ImportNotAllowedError);
    expect((error as Error).message).toContain('"lodash" cannot be imported here');
  });

  it('maps a runtime error back to the line and column the learner wrote', () => {
    const module = compile(
      [
        'type Reading = { celsius: number };', // 1
        'export default function pipeline(r: Reading | undefined): number {', // 2
        '  const x: number = 1;', // 3
        '  return (r as Reading).celsius + x;', // 4
        '}',
      ].join('\n'),
    );
    const fn = module.evaluate(scope()).default as (r: unknown) => number;
    const described = module.describe(thrownBy(() => fn(undefined)));
    expect(described.message).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(described.line).toBe(4);
    expect(described.column).toBe(25);
    expect(described.stack).toContain('at pipeline (pipeline.ts:4:25)');
  });

  it('keeps columns right on lines where a loop guard was inserted', () => {
    const module = compile(
      [
        'export default function f(xs: number[]): number {',
        '  let s: number = 0; for (const x of xs) { s += (x as any).y.z; } return s;',
        '}',
      ].join('\n'),
    );
    const fn = module.evaluate(scope()).default as (xs: number[]) => number;
    const described = module.describe(thrownBy(() => fn([1])));
    // V8 points at the property it could not read: the `z` of `.y.z`.
    expect(described.line).toBe(2);
    expect(described.column).toBe(62);
  });

  it('stops an endless loop and names its line', () => {
    const module = compile(
      ['export default function spin() {', '  let i = 0;', '  while (true) { i++; }', '}'].join(
        '\n',
      ),
    );
    let clock = 0;
    const loops = createLoopGuard(1500, () => (clock += 1));
    const fn = module.evaluate(scope(loops.guard)).default as () => void;
    const error = thrownBy(fn);
    expect(error).toBeInstanceOf(EndlessLoopError);
    const described = module.describe(error);
    expect(described.line).toBe(3);
    expect(described.column).toBe(3);
    expect(described.message).toBe(
      'Your code ran for 1.5 s without finishing: is there an endless loop near line 3?',
    );
  });

  it('guards loops without braces too', () => {
    const module = compile('export default () => { let n = 0; for (;;) n++; };');
    let clock = 0;
    const loops = createLoopGuard(10, () => (clock += 1));
    const fn = module.evaluate(scope(loops.guard)).default as () => void;
    expect(thrownBy(fn)).toBeInstanceOf(EndlessLoopError);
  });

  it('explains deep recursion, thrown non-Errors and huge allocations', () => {
    const module = compile(
      [
        'export const recurse = (n: number): number => recurse(n + 1);',
        "export const throwString = () => { throw 'nope'; };",
        'export const allocate = () => new Array(2 ** 32 + 1);',
      ].join('\n'),
    );
    const exports = module.evaluate(scope()) as Record<string, () => unknown>;
    const recursion = module.describe(thrownBy(() => exports.recurse?.()));
    expect(recursion.message).toMatch(/recursed too deeply near line 1/);
    const thrown = module.describe(thrownBy(() => exports.throwString?.()));
    expect(thrown.message).toBe(
      'Your code threw a string instead of an Error: "nope". Throw `new Error(\'…\')` to get a message and a line number.',
    );
    const allocation = module.describe(thrownBy(() => exports.allocate?.()));
    expect(allocation.message).toMatch(/more memory than the playground can give near line 3/);
  });
});
