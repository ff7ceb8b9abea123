import { describe, expect, it } from 'vitest';

// Runs in a child context so freezing does not leak into the rest of the test run.
import { runInNewContext } from 'node:vm';
import { readFileSync } from 'node:fs';
import { transform } from 'sucrase';

const compiled = (file: string) =>
  transform(readFileSync(new URL(`../../src/runtime/worker/${file}`, import.meta.url), 'utf8'), {
    transforms: ['typescript', 'imports'],
  }).code;

/** harden.ts and the one module it imports, as CommonJS for a fresh realm. */
const hardenSource = `
const overrides = { exports: {} };
(function (exports) { ${compiled('override-taming.ts')} })(overrides.exports);
const require = () => overrides.exports;
${compiled('harden.ts')}`;

function inHardenedRealm(code: string): unknown {
  const sandbox: Record<string, unknown> = { exports: {}, result: undefined };
  runInNewContext(
    `${hardenSource}\nexports.hardenIntrinsics([]);\nresult = (() => { 'use strict'; ${code} })();`,
    sandbox,
  );
  return sandbox.result;
}

describe('hardenIntrinsics', () => {
  it('stops a learner from replacing Array.prototype methods', () => {
    expect(() => inHardenedRealm('Array.prototype.push = () => 0;')).toThrow(/read only|read-only/);
    expect(inHardenedRealm('const a = [1]; a.push(2); return a.length;')).toBe(2);
  });

  it('leaves ordinary code that shadows Object and Error properties working', () => {
    expect(
      inHardenedRealm(
        "class MyError extends Error { constructor() { super('x'); this.name = 'MyError'; } } return new MyError().name;",
      ),
    ).toBe('MyError');
    expect(
      inHardenedRealm("const o = { a: 1 }; o.toString = () => 'mine'; return String(o);"),
    ).toBe('mine');
    expect(
      inHardenedRealm(
        "function F() {} F.prototype.constructor = F; const e = new Error('x'); e.message = 'y'; return e.message + Object.keys({ valueOf: 1 }).length;",
      ),
    ).toBe('y1');
  });

  it('freezes Object.prototype, Function.prototype and Error.prototype against new members', () => {
    expect(() =>
      inHardenedRealm("Object.defineProperty(Object.prototype, 'then', { get() { return 1; } });"),
    ).toThrow(/not extensible/);
    expect(() => inHardenedRealm('Object.prototype.toJSON = () => 0;')).toThrow(/not extensible/);
    expect(() => inHardenedRealm('Object.prototype.toString = () => "forged";')).toThrow(
      /read only property 'toString'/,
    );
    expect(() => inHardenedRealm('Function.prototype.apply = () => 0;')).toThrow(/read only/);
    expect(() => inHardenedRealm("Error.prototype.name = 'x';")).toThrow(/read only/);
  });
});
