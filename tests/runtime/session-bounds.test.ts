import { describe, expect, it } from 'vitest';
import type { AdvanceResult, LoadResult, RunUpdate } from '../../src/runtime/worker/api';
import type { JobGraph, TraceEvent } from 'streamlab';
import { MAX_OPERATORS, ShownOperators } from '../../src/runtime/worker/bound-update';
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

  it('sends the first 20 of 10,000 sinks and the first 100 operators, and says how many', () => {
    const { s, loaded } = start(
      "  for (let i = 0; i < 10000; i++) env.fromElements(i).sinkTo(env.collect('s' + i));",
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const first = decode(loaded);
    expect(Object.keys(first.outputs)).toHaveLength(MAX_SECTIONS);
    expect(first.sections).toEqual({
      outputs: 10_000,
      sideOutputs: 0,
      tables: 0,
      operators: 20_000,
    });
    // The graph is the first pipelines, whole: each shown sink with the source it reads.
    const shown = new Set(loaded.graph.operators.map((op) => op.id));
    expect(shown.size).toBe(MAX_OPERATORS);
    expect(loaded.graph.edges).toHaveLength(MAX_OPERATORS / 2);
    for (const edge of loaded.graph.edges) {
      expect(shown.has(edge.from) && shown.has(edge.to)).toBe(true);
    }
    expect(Object.keys(first.metrics.operators).sort()).toEqual([...shown].sort());
    expect(first.watermarks.map((w) => w.operator).sort()).toEqual([...shown].sort());
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
    expect(sent.get(`s${MAX_SECTIONS - 1}`)).toEqual([MAX_SECTIONS - 1]);
    expect(Math.max(...updates.map((u) => u.bytes))).toBeLessThan(500_000);
    // The trace covers the shown operators (each source's record and its sink's arrival) and the
    // job's end, and nothing of the 19,900 others.
    const trace = updates.flatMap(({ update }) => update.trace);
    expect(trace.every((e) => shown.has(e.op) || e.type === 'job-end')).toBe(true);
    expect(new Set(trace.filter((e) => e.type === 'arrival').map((e) => e.op)).size).toBe(
      MAX_OPERATORS,
    );
    expect(trace.some((e) => e.type === 'job-end')).toBe(true);
    const last = updates.at(-1)!.update;
    expect(Object.keys(last.metrics.operators)).toHaveLength(MAX_OPERATORS);
    const check = `export default (input: any) => ({
      pass: Object.keys(input.sinks).length === 10000 && input.sinks.s9999[0] === 9999,
      message: 'all sinks',
    });`;
    expect(s.check(check)).toMatchObject({ ok: true, pass: true });
  }, 60_000);

  it('sends the whole graph, trace and counters of a pipeline of usual size', () => {
    const { s, loaded } = start(
      '  const words = env.fromElements("a", "b", "a").map((w: string) => w.toUpperCase());',
      "  words.keyBy((w: string) => w).reduce((a: string, b: string) => a + b).sinkTo(env.collect('out'));",
      "  words.sinkTo(env.collect('all'));",
    );
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const ids = loaded.graph.operators.map((op) => op.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(decode(loaded).sections.operators).toBe(ids.length);
    expect(loaded.graph.edges.length).toBeGreaterThanOrEqual(ids.length - 1);
    const { updates } = runToEnd(s);
    const arrivals = new Set(
      updates
        .flatMap(({ update }) => update.trace.filter((e) => e.type === 'arrival'))
        .map((e) => e.op),
    );
    // Every operator saw records: a source its elements, the others their inputs.
    expect([...arrivals].sort()).toEqual([...ids].sort());
    expect(Object.keys(updates.at(-1)!.update.metrics.operators).sort()).toEqual([...ids].sort());
  });

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
    // About 3 s on a quiet machine (a 16 MB key through a run, its trace and its cuts), and past
    // the default 5 s on a loaded one: a full run timed it out once.
  }, 30_000);
});

describe('the operators the page is sent', () => {
  const op = (i: number) => ({
    id: `op-${i}`,
    name: `op ${i}`,
    kind: 'chain' as const,
    parallelism: 1,
  });
  const edge = (from: number, to: number) => ({
    from: `op-${from}`,
    to: `op-${to}`,
    input: 0,
    tag: null,
    keyed: false,
    partitioning: 'forward' as const,
  });
  const event = (id: string): TraceEvent =>
    ({
      type: 'watermark',
      seq: 0,
      time: 0,
      op: id,
      watermark: 0,
    }) as unknown as TraceEvent;

  it('are all of a graph that fits, the same objects', () => {
    const graph: JobGraph = {
      operators: Array.from({ length: MAX_OPERATORS }, (_, i) => op(i)),
      edges: [edge(0, 1)],
    };
    const shown = new ShownOperators(graph);
    expect(shown.graph).toBe(graph);
    expect(shown.total).toBe(MAX_OPERATORS);
    expect(shown.shows(event(`op-${MAX_OPERATORS - 1}`))).toBe(true);
    const metrics = { operators: {}, traceEventsDropped: 0 };
    expect(shown.metrics(metrics)).toBe(metrics);
  });

  it('are the first of a larger graph, with the edges between them only', () => {
    const n = MAX_OPERATORS + 3;
    const graph: JobGraph = {
      operators: Array.from({ length: n }, (_, i) => op(i)),
      // A chain through every operator: the edge that leaves the shown ones is left out.
      edges: Array.from({ length: n - 1 }, (_, i) => edge(i, i + 1)),
    };
    const shown = new ShownOperators(graph);
    expect(shown.total).toBe(n);
    expect(shown.graph.operators.map((o) => o.id)).toEqual(
      graph.operators.slice(0, MAX_OPERATORS).map((o) => o.id),
    );
    expect(shown.graph.edges).toEqual(graph.edges.slice(0, MAX_OPERATORS - 1));
    expect(shown.shows(event(`op-${MAX_OPERATORS - 1}`))).toBe(true);
    expect(shown.shows(event(`op-${MAX_OPERATORS}`))).toBe(false);
    // The job's own events name no operator.
    expect(shown.shows(event('-'))).toBe(true);

    const counters = { recordsIn: 1 };
    const metrics = shown.metrics({
      operators: Object.fromEntries(graph.operators.map((o) => [o.id, counters])),
      traceEventsDropped: 2,
    } as never);
    expect(Object.keys(metrics.operators)).toHaveLength(MAX_OPERATORS);
    expect(metrics.operators[`op-${MAX_OPERATORS}`]).toBeUndefined();
    expect(metrics.traceEventsDropped).toBe(2);
    const watermarks = shown.watermarks(
      graph.operators.map((o) => ({ operator: o.id, subtask: 0, watermark: 0, inputs: [] })),
    );
    expect(watermarks.map((w) => w.operator)).toEqual(shown.graph.operators.map((o) => o.id));
  });
});
