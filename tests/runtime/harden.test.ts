import { describe, expect, it } from 'vitest';

// Runs in a child context so freezing does not leak into the rest of the test run.
import { runInNewContext } from 'node:vm';
import { readFileSync } from 'node:fs';
import { transform } from 'sucrase';

const hardenSource = transform(
  readFileSync(new URL('../../src/runtime/worker/harden.ts', import.meta.url), 'utf8'),
  { transforms: ['typescript', 'imports'] },
).code;

function inHardenedRealm(code: string): unknown {
  const sandbox: Record<string, unknown> = { exports: {}, result: undefined };
  runInNewContext(
    `${hardenSource}\nexports.hardenIntrinsics([]);\n"use strict";\nresult = (() => { 'use strict'; ${code} })();`,
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
  });
});
