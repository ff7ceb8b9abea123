import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AdvanceResult, LoadResult, RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';

const decoder = new TextDecoder();
const decode = (r: LoadResult | AdvanceResult): RunUpdate =>
  JSON.parse(decoder.decode(r.update)) as RunUpdate;

let fakeNow = 0;
const session = () => new RunSession({ now: () => (fakeNow += 0.01) });

const lessonFile = (path: string) =>
  readFileSync(
    new URL(`../../lessons/01-basics/01-what-is-a-stream/${path}`, import.meta.url),
    'utf8',
  );

function load(source: string, s = session(), provenance = false) {
  const loaded = s.load({ files: { 'pipeline.ts': source }, entry: 'pipeline.ts', provenance });
  return { s, loaded };
}

describe('RunSession', () => {
  it("runs the first lesson's solution to the end and reports its sink", () => {
    const { s, loaded } = load(lessonFile('solution/pipeline.ts'));
    expect(loaded.ok).toBe(true);
    const result = s.advance({ kind: 'end' }, 1000);
    expect(result.done).toBe(true);
    const update = decode(result);
    expect(update.finished).toBe(true);
    expect(update.outputs.alerts?.map((r) => r.value)).toHaveLength(5);
    expect(update.trace.length).toBeGreaterThan(0);
  });

  it('sends each sink row once, across updates', () => {
    const { s } = load(lessonFile('starter/pipeline.ts'));
    const first = decode(s.advance({ kind: 'arrivals', count: 3 }, 1000));
    const rest = decode(s.advance({ kind: 'end' }, 1000));
    const all = [...(first.outputs.alerts ?? []), ...(rest.outputs.alerts ?? [])];
    expect(all.map((r) => (r.value as { timestamp: number }).timestamp)).toEqual([
      1000, 2000, 3000, 4000, 6000, 5000, 7000, 8000, 9000, 10000,
    ]);
  });

  it('reports a syntax error at its place, before anything runs', () => {
    const { loaded } = load('export default function pipeline(env) {\n  env.fromElements(1,\n}\n');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure).toMatchObject({ kind: 'syntax', file: 'pipeline.ts', line: 3 });
  });

  it('refuses an import of anything but the engine, at its line', () => {
    const { loaded } = load("import fs from 'node:fs';\nexport default () => fs;\n");
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure.kind).toBe('import');
    expect(loaded.failure.message).toContain('"node:fs" cannot be imported here');
    expect(loaded.failure.line).toBe(1);
  });

  it('says when the module has no pipeline to run', () => {
    const { loaded } = load('export const x = 1;\n');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure.message).toMatch(/no default export that builds a pipeline/);
  });

  it("maps an exception in a learner's function to its line, with the operator and record", () => {
    const { s, loaded } = load(
      [
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        'export default function pipeline(env: StreamExecutionEnvironment) {',
        '  env',
        '    .fromElements({ n: 1 }, { n: 2 }, { n: 3 })',
        '    .map((e: { n: number }) => {',
        "      if (e.n === 2) throw new Error('two is not allowed');",
        '      return e.n;',
        '    })',
        "    .sinkTo(env.collect('out'));",
        '}',
      ].join('\n'),
    );
    expect(loaded.ok).toBe(true);
    const result = s.advance({ kind: 'end' }, 1000);
    expect(result.done).toBe(true);
    expect(result.failure).toMatchObject({
      kind: 'runtime',
      file: 'pipeline.ts',
      line: 6,
      column: 28,
    });
    expect(result.failure?.message).toContain('two is not allowed');
    expect(result.failure?.record?.value).toContain('2');
    // What ran before the failure is still shown.
    expect(decode(result).outputs.out?.map((r) => r.value)).toEqual([1]);
  });

  it('answers a method called on the wrong kind of stream at the line that called it', () => {
    const { loaded } = load(
      [
        "import { TumblingProcessingTimeWindows } from 'streamlab';",
        'export default function pipeline(env: any) {',
        '  env',
        '    .fromElements(1, 2, 3)',
        '    .window(TumblingProcessingTimeWindows.of(1000))',
        '    .sum()',
        "    .sinkTo(env.collect('out'));",
        '}',
      ].join('\n'),
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure).toMatchObject({ kind: 'pipeline', file: 'pipeline.ts', line: 5 });
    expect(loaded.failure.message).toMatch(
      /^window\(\.\.\.\) needs a keyed stream, but this stream is not keyed: call \.keyBy\(\.\.\.\) first/,
    );
  });

  it('stops an endless loop inside an operator and names the line', () => {
    let now = 0;
    const s = new RunSession({ now: () => (now += 1) });
    const { loaded } = load(
      [
        'export default function pipeline(env: any) {',
        '  env.fromElements(1).map((n: number) => {',
        '    while (n > 0) { n++; }',
        '    return n;',
        "  }).sinkTo(env.collect('out'));",
        '}',
      ].join('\n'),
      s,
    );
    expect(loaded.ok).toBe(true);
    const result = s.advance({ kind: 'end' }, 10_000_000);
    expect(result.failure?.kind).toBe('loop');
    expect(result.failure?.line).toBe(3);
    expect(result.failure?.message).toMatch(/endless loop near line 3/);
  });

  it('passes console output to the page with the line that logged it', () => {
    const { s } = load(
      [
        'export default function pipeline(env: any) {',
        "  console.log('building', { step: 1 });",
        '  env.fromElements(1, 2).map((n: number) => {',
        "    console.warn('saw', n);",
        '    return n;',
        "  }).sinkTo(env.collect('out'));",
        '}',
      ].join('\n'),
    );
    const update = decode(s.advance({ kind: 'end' }, 1000));
    expect(update.console).toEqual([
      expect.objectContaining({ level: 'warn', text: 'saw 1', line: 4 }),
      expect.objectContaining({ level: 'warn', text: 'saw 2', line: 4 }),
    ]);
  });
});

describe('warmUp', () => {
  it('runs its own program cleanly', async () => {
    const { warmUp } = await import('../../src/runtime/worker/session');
    expect(warmUp({ now: () => 0 })).toBe(true);
  });
});

describe('checking a lesson', () => {
  const check = lessonFile('check.ts');

  it('fails the starter of the first lesson, saying what to change', () => {
    const { s } = load(lessonFile('starter/pipeline.ts'), session(), true);
    s.advance({ kind: 'end' }, 1000);
    const outcome = s.check(check);
    expect(outcome).toMatchObject({ ok: true, pass: false });
    if (outcome.ok)
      expect(outcome.message).toMatch(/Every reading reached the sink: add a \.filter/);
  });

  it('passes its solution', () => {
    const { s } = load(lessonFile('solution/pipeline.ts'), session(), true);
    s.advance({ kind: 'end' }, 1000);
    expect(s.check(check)).toMatchObject({ ok: true, pass: true });
  });

  it('says so when the check itself is broken, without blaming the learner', () => {
    const { s } = load(lessonFile('solution/pipeline.ts'));
    s.advance({ kind: 'end' }, 1000);
    expect(s.check('export default () => 42;')).toEqual({
      ok: false,
      message: "The lesson's check did not answer { pass, message }.",
    });
    expect(s.check('export default () => { throw new Error("oops"); };')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^The lesson's check failed: Error: oops/),
    });
  });
});

describe('a streamlab name used without its import', () => {
  it('says where it comes from and to import it, at the line', () => {
    const { loaded } = load(
      [
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        'export default function pipeline(env: StreamExecutionEnvironment) {',
        '  env.fromElements(1, 2)',
        '    .keyBy((n) => n % 2)',
        '    .window(TumblingEventTimeWindows.of(Time.seconds(5)))',
        '    .reduce((a, b) => a + b)',
        "    .sinkTo(env.collect('sums'));",
        '}',
      ].join('\n'),
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure.message).toBe(
      "`TumblingEventTimeWindows` comes from 'streamlab': add it to the import at the top of the file, as in import { TumblingEventTimeWindows } from 'streamlab';",
    );
    expect(loaded.failure.line).toBe(5);
  });

  it('leaves other undefined names to the plain message', () => {
    const { loaded } = load(
      [
        "import type { StreamExecutionEnvironment } from 'streamlab';",
        'export default function pipeline(env: StreamExecutionEnvironment) {',
        "  env.fromElements(notDeclared).sinkTo(env.collect('x'));",
        '}',
      ].join('\n'),
    );
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      expect(loaded.failure.message).toBe('ReferenceError: notDeclared is not defined');
  });
});

describe("a figure's program", () => {
  it('gets the sliders’ values after the environment', () => {
    const s = session();
    const loaded = s.load({
      files: {
        'figure.ts': [
          "import type { StreamExecutionEnvironment } from 'streamlab';",
          'export default function pipeline(env: StreamExecutionEnvironment, params: { n: number }) {',
          "  env.fromElements(params.n, params.n * 2).sinkTo(env.collect('out'));",
          '}',
        ].join('\n'),
      },
      entry: 'figure.ts',
      params: { n: 21 },
    });
    expect(loaded.ok).toBe(true);
    const update = decode(s.advance({ kind: 'end' }, 1000));
    expect(update.outputs.out?.map((r) => r.value)).toEqual([21, 42]);
  });
});

describe('RunSession under failures', () => {
  const gallery = (path: string) =>
    readFileSync(
      new URL(`../../lessons/sandbox/gallery/13-exactly-once/${path}`, import.meta.url),
      'utf8',
    );
  // The gallery's exactly-once example without its planned failure: Fail now brings one.
  const unplanned = gallery('pipeline.ts').replace(
    /env\.injectFailure\(Failure\.atProcessingTime\(7_500\)\);/,
    'void Failure;',
  );

  it('sends a transactional sink whole whenever a commit or an abort changed it', () => {
    const { s } = load(gallery('pipeline.ts'));
    const seen: RunUpdate[] = [];
    for (let i = 0; i < 200; i++) {
      const step = s.advance({ kind: 'arrivals', count: 5 }, 1000);
      seen.push(decode(step));
      if (step.done) break;
    }
    const last = seen.findLast((u) => u.transactional.transactional !== undefined);
    const rows = last?.transactional.transactional ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.committed === true)).toBe(true);
    // Some update showed rows not yet committed, which a later one replaced.
    expect(
      seen.some((u) => u.transactional.transactional?.some((row) => row.committed === false)),
    ).toBe(true);
    expect(
      seen.every(
        (u) => u.outputs.transactional === undefined || u.outputs.transactional.length === 0,
      ),
    ).toBe(true);
    const plain = seen.flatMap((u) => u.outputs.plain ?? []);
    expect(plain.filter((row) => row.duplicate).length).toBeGreaterThan(0);
    expect(plain.filter((row) => !row.duplicate)).toHaveLength(rows.length);
  });

  it('fails the running job now: it restarts from its last checkpoint and plays on', () => {
    const { s } = load(unplanned);
    s.advance({ kind: 'time', to: 4_400 }, 1000);
    const failed = s.failNow();
    expect(failed.failure).toBeUndefined();
    expect(failed.done).toBe(false);
    expect(decode(failed).trace).toContainEqual(
      expect.objectContaining({ type: 'failure', time: 4_400, injected: true, restarting: true }),
    );
    const rest = decode(s.advance({ kind: 'end' }, 1000));
    expect(rest.trace).toContainEqual(
      expect.objectContaining({ type: 'restart', attempt: 1, checkpoint: 4 }),
    );
  });

  it('arms a failure on the next record of an operator: it comes as the run goes on', () => {
    const { s, loaded } = load(unplanned);
    if (!loaded.ok) throw new Error('the gallery example should load');
    const count = loaded.graph.operators.find((o) => o.name === 'count per sensor')?.id ?? '';
    s.advance({ kind: 'time', to: 2_500 }, 1000);
    expect(s.failOnNextRecord(count)).toBe(true);
    const rest = decode(s.advance({ kind: 'end' }, 1000));
    const failures = rest.trace.filter((e) => e.type === 'failure');
    expect(failures).toEqual([
      expect.objectContaining({ op: count, injected: true, restarting: true }),
    ]);
    expect(failures[0]?.time).toBeGreaterThanOrEqual(2_500);
    expect(rest.trace).toContainEqual(
      expect.objectContaining({ type: 'restart', attempt: 1, checkpoint: 2 }),
    );
  });

  it('fails a job without checkpointing with the engine’s message', () => {
    const { s } = load(lessonFile('starter/pipeline.ts'));
    s.advance({ kind: 'arrivals', count: 2 }, 1000);
    const failed = s.failNow();
    expect(failed.done).toBe(true);
    expect(failed.failure).toMatchObject({ kind: 'runtime', injected: true });
    expect(failed.failure?.message).toMatch(
      /injected failure \(Failure\.atProcessingTime\(\d+\)\)/,
    );
    expect(() => s.failNow()).toThrow(/Load a program/);
  });
});
