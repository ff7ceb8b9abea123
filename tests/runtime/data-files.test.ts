/**
 * A program reads the data files beside it: `import readings from './readings.csv'` gives the
 * file's text, and a bad row stops the run at that file's line and column.
 */
import { describe, expect, it } from 'vitest';
import { dataFileHolding, dataFileModules, isDataFile } from '../../src/runtime/compile';
import type { AdvanceResult, LoadResult, RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';
import { checkAdvanceResult, checkLoadResult } from '../../src/runtime/replies';

const decoder = new TextDecoder();
const decode = (r: LoadResult | AdvanceResult): RunUpdate =>
  JSON.parse(decoder.decode(r.update)) as RunUpdate;

const READINGS = ['sensor,ts,celsius', 's1,1000,21.5', 's2,1500,19.0', 's1,2500,22.5'].join('\n');

const PROGRAM = [
  "import { csvSource, WatermarkStrategy, type StreamExecutionEnvironment } from 'streamlab';",
  "import readings from './readings.csv';",
  '',
  'type Reading = { sensor: string; ts: number; celsius: number };',
  '',
  'export default function pipeline(env: StreamExecutionEnvironment) {',
  '  env',
  '    .fromSource(',
  "      csvSource<Reading>(readings, { timestampField: 'ts', types: { celsius: 'number' } }),",
  '      WatermarkStrategy.forMonotonousTimestamps<Reading>(),',
  "      'readings',",
  '    )',
  '    .map((r: Reading) => r.celsius)',
  "    .sinkTo(env.collect('celsius'));",
  '}',
].join('\n');

function run(files: Record<string, string>) {
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const loaded = session.load({ files, entry: 'pipeline.ts' });
  if (!loaded.ok) return { loaded, result: undefined };
  return { loaded, result: session.advance({ kind: 'end' }, 1000) };
}

describe('data files', () => {
  it('are imported as their text and read by a text source', () => {
    const { loaded, result } = run({ 'pipeline.ts': PROGRAM, 'readings.csv': READINGS });
    expect(loaded.ok).toBe(true);
    expect(result?.failure).toBeUndefined();
    expect(decode(result as AdvanceResult).outputs.celsius?.map((r) => r.value)).toEqual([
      21.5, 19, 22.5,
    ]);
  });

  it("stop the run at a bad row's line and column in the data file", () => {
    const bad = READINGS.replace('19.0', '19,0');
    const { result } = run({ 'pipeline.ts': PROGRAM, 'readings.csv': bad });
    expect(result?.done).toBe(true);
    expect(result?.failure).toEqual({
      kind: 'data',
      message: 'readings.csv, line 3, column 12: expected 3 fields, found 4',
      file: 'readings.csv',
      line: 3,
      column: 12,
    });
    // The rows before it reached the sink.
    expect(decode(result as AdvanceResult).outputs.celsius?.map((r) => r.value)).toEqual([21.5]);
  });

  it('name the right file when a program reads two', () => {
    const program = PROGRAM.replace(
      "import readings from './readings.csv';",
      "import other from './other.csv';\nimport readings from './readings.csv';",
    ).replace(
      '.map(',
      '.union(env.fromSource(csvSource<Reading>(other, { timestampField: "ts" }), WatermarkStrategy.noWatermarks<Reading>(), "other"))\n    .map(',
    );
    const { result } = run({
      'pipeline.ts': program,
      'other.csv': 'sensor,ts,celsius\ns9,1,0\n',
      'readings.csv': READINGS.replace('s2,1500', 's2,later'),
    });
    expect(result?.failure).toMatchObject({
      kind: 'data',
      file: 'readings.csv',
      line: 3,
      column: 4,
    });
  });

  it('pass a failure the page accepts from the sandbox', () => {
    const files = { 'pipeline.ts': PROGRAM, 'readings.csv': 'sensor,celsius\ns1,1\n' };
    const { loaded, result } = run(files);
    const reply = loaded.ok ? result : loaded;
    expect(reply?.failure).toMatchObject({
      kind: 'data',
      file: 'readings.csv',
      line: 1,
      column: 1,
    });
    expect(reply?.failure?.message).toBe(
      'readings.csv, line 1, column 1: there is no column "ts" (the columns are sensor, celsius)',
    );
    const check = () => (loaded.ok ? checkAdvanceResult(result) : checkLoadResult(loaded));
    expect(check).not.toThrow();
  });

  it('do not mark a file when the bad text was not one', () => {
    const program = PROGRAM.replace(
      'csvSource<Reading>(readings,',
      'csvSource<Reading>(readings.trim() + "\\nbad",',
    );
    const { result } = run({ 'pipeline.ts': program, 'readings.csv': READINGS });
    expect(result?.failure?.kind).toBe('data');
    expect(result?.failure?.file).toBeUndefined();
    expect(result?.failure?.line).toBeUndefined();
    expect(result?.failure?.message).toBe(
      'Source "csv" read a bad row at line 5, column 4 of its text: expected 3 fields, found 1',
    );
  });

  it('fail clearly, at the import, when the file is not there', () => {
    const { loaded } = run({ 'pipeline.ts': PROGRAM, 'other.jsonl': '' });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.failure).toMatchObject({ kind: 'import', file: 'pipeline.ts', line: 2 });
    expect(loaded.failure.message).toContain(
      'There is no file "readings.csv" to import: the data files are other.jsonl.',
    );
    const none = run({ 'pipeline.ts': PROGRAM }).loaded;
    expect(!none.ok && none.failure.message).toContain(
      'There is no file "readings.csv" to import: there are no data files yet.',
    );
  });

  it('are importable only by their exact relative name', () => {
    const files = { 'readings.csv': READINGS, 'notes.txt': 'hi', 'helper.ts': 'export {}' };
    for (const specifier of [
      'readings.csv',
      '../readings.csv',
      './Readings.csv',
      '/readings.csv',
      './helper.ts',
      './helper',
    ]) {
      const { loaded } = run({
        ...files,
        'pipeline.ts': `import data from '${specifier}';\nexport default () => data;\n`,
      });
      expect(loaded.ok, specifier).toBe(false);
      if (loaded.ok) continue;
      expect(loaded.failure.kind, specifier).toBe('import');
      expect(loaded.failure.line, specifier).toBe(1);
    }
    const { loaded } = run({
      ...files,
      'pipeline.ts': "import fs from 'node:fs';\nexport default () => fs;\n",
    });
    expect(!loaded.ok && loaded.failure.message).toMatch(
      /"node:fs" cannot be imported here: a pipeline can import only from 'streamlab', the engine, and its data files/,
    );
  });

  it('make modules only of files with a data ending', () => {
    const modules = dataFileModules({
      'pipeline.ts': 'code',
      'a.csv': 'x',
      'b.jsonl': 'y',
      'c.json': '{}',
      'd.txt': 't',
      'e.md': 'no',
    });
    expect(Object.keys(modules).sort()).toEqual(['./a.csv', './b.jsonl', './c.json', './d.txt']);
    expect(modules['./a.csv']).toEqual({ __esModule: true, default: 'x' });
    expect(isDataFile('pipeline.ts')).toBe(false);
    expect(dataFileHolding({ 'pipeline.ts': 'x', 'a.csv': 'x' }, 'x')).toBe('a.csv');
    expect(dataFileHolding({ 'a.csv': 'x' }, undefined)).toBeUndefined();
  });
});
