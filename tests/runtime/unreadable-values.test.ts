import { describe, expect, it } from 'vitest';
import type { AdvanceResult, LoadResult, RunUpdate } from '../../src/runtime/worker/api';
import { toSafeJson, MAX_JSON_DEPTH } from '../../src/runtime/worker/safe-json';
import { RunSession } from '../../src/runtime/worker/session';

const decoder = new TextDecoder();
const decode = (r: LoadResult | AdvanceResult): RunUpdate =>
  JSON.parse(decoder.decode(r.update)) as RunUpdate;

let fakeNow = 0;

/** Loads a pipeline whose body is `lines` (line 3 onwards) and runs it to the end. */
function runPipeline(...lines: string[]) {
  const source = [
    "import type { StreamExecutionEnvironment } from 'streamlab';",
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    ...lines,
    '}',
    '',
  ].join('\n');
  const session = new RunSession({ now: () => (fakeNow += 0.01) });
  const loaded = session.load({ files: { 'pipeline.ts': source }, entry: 'pipeline.ts' });
  if (!loaded.ok) return { loaded, failure: loaded.failure, update: decode(loaded) };
  const result = session.advance({ kind: 'end' }, 1000);
  return { loaded, failure: result.failure, update: decode(result) };
}

const identity = (_key: string, value: unknown) => value;

describe('toSafeJson', () => {
  it('is JSON.stringify for values JSON can carry', () => {
    const value = { a: [1, 'two', null, { b: true }] };
    expect(toSafeJson(value, identity)).toBe(JSON.stringify(value));
  });

  it('shows a cycle as [Circular], but a value seen twice side by side in full', () => {
    const shared = { n: 1 };
    const node: Record<string, unknown> = { name: 'root', shared, again: shared };
    node.self = node;
    expect(JSON.parse(toSafeJson(node, identity))).toEqual({
      name: 'root',
      shared: { n: 1 },
      again: { n: 1 },
      self: '[Circular]',
    });
  });

  it('says what a throwing toJSON, getter or Proxy trap said, and keeps the rest', () => {
    const value = {
      ok: 1,
      json: {
        toJSON() {
          throw new Error('no JSON today');
        },
      },
      get broken() {
        throw new TypeError('getter says no');
      },
      proxy: new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap');
          },
        },
      ),
    };
    expect(JSON.parse(toSafeJson(value, identity))).toEqual({
      ok: 1,
      json: '[cannot be read: Error: no JSON today]',
      broken: '[cannot be read: TypeError: getter says no]',
      proxy: '[cannot be read: Error: trap]',
    });
  });

  it('cuts nesting deeper than the call stack allows', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { deep };
    const text = toSafeJson(deep, identity);
    expect(text).toContain(`[nested more than ${MAX_JSON_DEPTH} levels deep]`);
    expect(text).not.toContain('bottom');
  });

  it('keeps a field named __proto__ a field', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "loop": null}') as Record<string, unknown>;
    value.loop = value;
    expect(toSafeJson(value, identity)).toBe('{"__proto__":{"x":1},"loop":"[Circular]"}');
  });
});

describe('records that JSON cannot carry', () => {
  it('shows a cyclic record with [Circular] and finishes the run', () => {
    const { failure, update } = runPipeline(
      "  const parent: any = { name: 'parent', children: [] };",
      "  parent.children.push({ name: 'child', parent });",
      "  env.fromElements(1).map(() => parent).sinkTo(env.collect('tree'));",
    );
    expect(failure).toBeUndefined();
    expect(update.finished).toBe(true);
    expect(update.outputs.tree?.[0]?.value).toEqual({
      name: 'parent',
      children: [{ name: 'child', parent: '[Circular]' }],
    });
  });

  it('shows a record whose toJSON throws, or a Proxy whose traps throw, as unreadable', () => {
    const { failure, update } = runPipeline(
      '  env.fromElements(1, 2)',
      "    .map((n) => n === 1 ? { toJSON() { throw new Error('no'); } } : new Proxy({}, { ownKeys() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }))",
      "    .sinkTo(env.collect('odd'));",
    );
    expect(failure).toBeUndefined();
    // What crosses to the page is bounded first, which reads each part once and says what threw.
    expect(update.outputs.odd?.map((r) => r.value)).toEqual(['[unreadable]', '[unreadable]']);
    expect(update.outputs.odd?.map((r) => r.cut)).toEqual([
      expect.stringContaining('a part could not be read (Error: no)'),
      expect.stringContaining('a part could not be read (Error: trap)'),
    ]);
  });

  it('cuts a record nested 100,000 deep', () => {
    const { failure, update } = runPipeline(
      '  env.fromElements(1).map(() => {',
      '    let o: any = {};',
      '    for (let i = 0; i < 100000; i++) o = { o };',
      '    return o;',
      "  }).sinkTo(env.collect('deep'));",
    );
    expect(failure).toBeUndefined();
    expect(update.outputs.deep?.[0]?.cut).toContain('nesting deeper than 12 levels is summarised');
  });
});

describe('a sink named like a built-in member', () => {
  it('reaches the page under its name', () => {
    const { failure, update } = runPipeline(
      "  env.fromElements(1, 2).sinkTo(env.collect('__proto__'));",
      "  env.fromElements(3).sinkTo(env.collect('constructor'));",
    );
    expect(failure).toBeUndefined();
    expect(Object.keys(update.outputs).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(update.outputs, '__proto__')).toBe(true);
    expect(update.outputs['__proto__']?.map((r) => r.value)).toEqual([1, 2]);
    expect(update.outputs['constructor']?.map((r) => r.value)).toEqual([3]);
  });
});

describe('a thrown value that cannot be read', () => {
  const hostileProxy =
    "new Proxy({}, { get() { throw new Error('get'); }, getPrototypeOf() { throw new Error('proto'); }, ownKeys() { throw new Error('keys'); } })";
  const hostileError = [
    "const e = new Error('hidden');",
    "Object.defineProperty(e, 'stack', { get() { throw new Error('no stack'); } });",
    "Object.defineProperty(e, 'message', { get() { throw new Error('no message'); } });",
    'throw e;',
  ].join(' ');

  it('is reported the same at top level and inside an operator: a Proxy whose traps throw', () => {
    const top = runPipeline(`  throw ${hostileProxy};`).failure;
    const inside = runPipeline(
      `  env.fromElements(1).map(() => { throw ${hostileProxy}; }).sinkTo(env.collect('x'));`,
    ).failure;
    const plain = /Your code threw an object instead of an Error: a value that cannot be read/;
    expect(top).toMatchObject({ kind: 'runtime', message: expect.stringMatching(plain) });
    expect(inside).toMatchObject({ kind: 'runtime', operator: 'Map', record: { value: '1' } });
    expect(inside?.message).toMatch(plain);
    expect(inside?.message).toContain(top?.message);
  });

  it('is reported the same at top level and inside an operator: an Error whose getters throw', () => {
    const top = runPipeline(`  ${hostileError}`).failure;
    const inside = runPipeline(
      `  env.fromElements(1).map(() => { ${hostileError} }).sinkTo(env.collect('x'));`,
    ).failure;
    const plain =
      /Your code threw an Error whose message cannot be read near line 3: reading it threw "Error: no message"/;
    expect(top).toMatchObject({ kind: 'runtime', line: 3, message: expect.stringMatching(plain) });
    expect(inside).toMatchObject({ kind: 'runtime', line: 3, operator: 'Map' });
    expect(inside?.message).toMatch(plain);
  });
});

describe('an async operator function', () => {
  it('fails the run, saying operator functions must be synchronous', () => {
    const { failure, update } = runPipeline(
      "  env.fromElements(1, 2).map(async (n) => n + 1).sinkTo(env.collect('out'));",
    );
    expect(failure).toMatchObject({ kind: 'runtime', operator: 'Map', record: { value: '1' } });
    expect(failure?.message).toMatch(
      /map\(\.\.\.\) returned a Promise: operator functions must be synchronous/,
    );
    expect(update.outputs.out ?? []).toEqual([]);
  });
});
