import { describe, expect, it } from 'vitest';
import type { AdvanceResult, LoadResult, RunUpdate } from '../../src/runtime/worker/api';
import { MAX_OPERATORS } from '../../src/runtime/worker/bound-update';
import { MAX_SECTIONS, VALUE_CHARS } from '../../src/runtime/worker/bounded';
import { RunSession } from '../../src/runtime/worker/session';

/**
 * What the session sends the page is cut to what the page can show; what the engine keeps (and a
 * lesson's check grades) stays whole.
 */
const decoder = new TextDecoder();
const decode = (r: LoadResult | AdvanceResult): RunUpdate =>
  JSON.parse(decoder.decode(r.update)) as RunUpdate;

function start(...body: string[]) {
  let now = 0;
  const s = new RunSession({ now: () => (now += 0.01) });
  const loaded = s.load({
    entry: 'pipeline.ts',
    files: {
      'pipeline.ts': ['export default function pipeline(env: any) {', ...body, '}', ''].join('\n'),
    },
  });
  return { s, loaded };
}

/** Runs to the end, slice by slice; every update and the last result. */
function runToEnd(s: RunSession) {
  const updates: { bytes: number; update: RunUpdate }[] = [];
  for (;;) {
    const result = s.advance({ kind: 'end' }, 25);
    updates.push({ bytes: result.update.byteLength, update: decode(result) });
    if (result.done) return { result, updates };
  }
}

const MB = 1024 * 1024;

describe('what a session sends the page', () => {
  it('cuts a 16 MB string in a sink to 10 kB with a note, while the check sees it whole', () => {
    const { s, loaded } = start(
      "  const big = 'x'.repeat(16 * 1024 * 1024);",
      "  env.fromElements(big, 'small').sinkTo(env.collect('big'));",
    );
    expect(loaded.ok).toBe(true);
    const { result, updates } = runToEnd(s);
    expect(result.failure).toBeUndefined();
    const rows = updates.flatMap(({ update }) => update.outputs.big ?? []);
    expect(rows.map((r) => r.cut)).toEqual(['value of 16 MB, shown cut to 10 kB', undefined]);
    expect(rows[0]?.value).toBe(`${'x'.repeat(VALUE_CHARS)}…`);
    expect(rows[1]?.value).toBe('small');
    expect(Math.max(...updates.map((u) => u.bytes))).toBeLessThan(100_000);

    const check = `export default function check(input: any) {
      const length = input.sinks.big[0].length;
      return { pass: length === 16 * 1024 * 1024, message: 'length ' + length };
    }`;
    expect(s.check(check)).toEqual({ ok: true, pass: true, message: `length ${16 * MB}` });
  });

  it('cuts an Error with a 16 MB message thrown at top level, in its message and its stack', () => {
    const { loaded } = start("  throw new Error('y'.repeat(16 * 1024 * 1024));");
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const { failure } = loaded;
    expect(failure).toMatchObject({ kind: 'runtime', line: 2 });
    expect(failure.message).toMatch(/^Error: y{2041}…\n\(message of 16 MB, shown cut to 2 kB\)$/);
    expect(failure.stack?.length).toBeLessThan(10_000);
    // The stack still names the learner's line after its huge first line.
    expect(failure.stack).toContain('pipeline.ts:2:');
    expect(loaded.update.byteLength).toBeLessThan(10_000);
  });

  it('cuts a 16 MB message thrown inside an operator, keeping the operator and record', () => {
    const { s, loaded } = start(
      '  env.fromElements(1, 2).map((n: number) => {',
      "    if (n === 2) throw new Error('z'.repeat(16 * 1024 * 1024));",
      '    return n;',
      "  }).sinkTo(env.collect('out'));",
    );
    expect(loaded.ok).toBe(true);
    const { result, updates } = runToEnd(s);
    const failure = result.failure;
    expect(failure).toMatchObject({ kind: 'runtime', line: 3, record: { value: '2' } });
    const lines = failure?.message.split('\n') ?? [];
    expect(lines[0]).toMatch(/^Error: z{2041}…$/);
    expect(lines[1]).toMatch(/in operator "Map", on record 2/);
    expect(lines.at(-1)).toMatch(/^\(message of 16 MB, shown cut to 2 kB\)$/);
    expect(failure?.stack?.length).toBeLessThan(10_000);
    expect(updates.flatMap(({ update }) => update.outputs.out ?? []).map((r) => r.value)).toEqual([
      1,
    ]);
  });

  it('sends the first 50 of 10,000 sinks, and says how many there are', () => {
    const { s, loaded } = start(
      "  for (let i = 0; i < 10000; i++) env.fromElements(i).sinkTo(env.collect('s' + i));",
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const first = decode(loaded);
    expect(Object.keys(first.outputs)).toHaveLength(MAX_SECTIONS);
    expect(first.sections).toEqual({ outputs: 10_000, sideOutputs: 0, tables: 0 });
    expect(Object.keys(first.metrics.operators)).toHaveLength(MAX_OPERATORS);
    expect(first.watermarks).toHaveLength(MAX_OPERATORS);
    expect(loaded.update.byteLength).toBeLessThan(200_000);

    const { result, updates } = runToEnd(s);
    expect(result.failure).toBeUndefined();
    const sent = new Map<string, unknown[]>();
    for (const { update } of updates) {
      for (const [name, rows] of Object.entries(update.outputs)) {
        sent.set(name, [...(sent.get(name) ?? []), ...rows.map((r) => r.value)]);
      }
    }
    expect([...sent.keys()].every((name) => Number(name.slice(1)) < MAX_SECTIONS)).toBe(true);
    expect(sent.get('s0')).toEqual([0]);
    expect(sent.get('s49')).toEqual([49]);
    expect(Math.max(...updates.map((u) => u.bytes))).toBeLessThan(500_000);
    const check = `export default (input: any) => ({
      pass: Object.keys(input.sinks).length === 10000 && input.sinks.s9999[0] === 9999,
      message: 'all sinks',
    });`;
    expect(s.check(check)).toMatchObject({ ok: true, pass: true });
  }, 60_000);

  it('summarises a value nested 100,000 deep instead of failing to send it', () => {
    const { s, loaded } = start(
      "  let deep: any = 'bottom';",
      '  for (let i = 0; i < 100000; i++) deep = { next: deep };',
      "  env.fromElements(deep).sinkTo(env.collect('deep'));",
    );
    expect(loaded.ok).toBe(true);
    const { result, updates } = runToEnd(s);
    expect(result.failure).toBeUndefined();
    const row = updates.flatMap(({ update }) => update.outputs.deep ?? [])[0];
    expect(row?.cut).toBe('nesting deeper than 12 levels is summarised');
    expect(JSON.stringify(row?.value)).toMatch(/\{…1 field\}/);
  });

  it('bounds the value text of one update, and still sends every row', () => {
    const { s } = start(
      "  const rows = Array.from({ length: 400 }, (_, i) => i + ':' + 'w'.repeat(1024 * 1024));",
      "  env.fromCollection(rows).sinkTo(env.collect('many'));",
    );
    const { updates } = runToEnd(s);
    const rows = updates.flatMap(({ update }) => update.outputs.many ?? []);
    expect(rows).toHaveLength(400);
    expect(rows.every((r) => r.cut !== undefined)).toBe(true);
    expect(Math.max(...updates.map((u) => u.bytes))).toBeLessThan(1.5 * MB);
  });

  it('cuts a 16 MB key in the trace, and in the values that hold it', () => {
    const { s } = start(
      "  const key = 'k'.repeat(16 * 1024 * 1024);",
      '  env',
      '    .fromElements({ key, n: 1 }, { key, n: 2 })',
      '    .keyBy((r: any) => r.key)',
      '    .reduce((a: any, b: any) => ({ key: a.key, n: a.n + b.n }))',
      "    .sinkTo(env.collect('out'));",
    );
    const { updates } = runToEnd(s);
    const keys = updates.flatMap(({ update }) =>
      update.trace.flatMap((e) => ('key' in e && typeof e.key === 'string' ? [e.key] : [])),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^k{1024}… \(16 MB\)$/);
    const rows = updates.flatMap(({ update }) => update.outputs.out ?? []);
    expect(rows.map((r) => (r.value as { n: number }).n)).toEqual([1, 3]);
    expect(rows.every((r) => r.cut === 'value of 16 MB, shown cut to 10 kB')).toBe(true);
    expect(Math.max(...updates.map((u) => u.bytes))).toBeLessThan(100_000);
  });
});
