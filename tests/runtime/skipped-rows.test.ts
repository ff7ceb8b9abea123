/**
 * Rows a text source skips (`onError: 'skip'`) reach the page with the updates of the run, each
 * once, at its line and column of the data file the program imported.
 */
import { describe, expect, it } from 'vitest';
import { checkRunUpdate } from '../../src/runtime/replies';
import type { AdvanceResult, LoadResult, RunUpdate } from '../../src/runtime/worker/api';
import { RunSession } from '../../src/runtime/worker/session';
import { MAX_SKIPPED_ROWS } from '../../src/runtime/worker/skipped-rows';

const decoder = new TextDecoder();
/** An update as the page reads it: decoded, and checked as every reply from the sandbox is. */
const decode = (r: LoadResult | AdvanceResult): RunUpdate =>
  checkRunUpdate(JSON.parse(decoder.decode(r.update)));

/** Line 3: a celsius that is no number (column 9); line 5: a fourth field (column 14). */
const READINGS = [
  'sensor,ts,celsius',
  's1,1000,21.5',
  's1,2000,warm',
  's2,3000,19.0',
  's2,4000,18.5,x',
  's1,5000,22.0',
].join('\n');

/** Reads `text` (an expression of the program) with `onError: 'skip'`. */
const program = (text = 'readings') =>
  [
    "import { csvSource, WatermarkStrategy, type StreamExecutionEnvironment } from 'streamlab';",
    "import readings from './readings.csv';",
    'type Reading = { sensor: string; ts: number; celsius: number };',
    'export default function pipeline(env: StreamExecutionEnvironment) {',
    '  env',
    '    .fromSource(',
    `      csvSource<Reading>(${text}, { timestampField: 'ts', types: { celsius: 'number' }, onError: 'skip' }),`,
    '      WatermarkStrategy.forMonotonousTimestamps<Reading>(),',
    "      'readings',",
    '    )',
    '    .map((r: Reading) => r.celsius)',
    "    .sinkTo(env.collect('celsius'));",
    '}',
  ].join('\n');

function load(files: Record<string, string>) {
  let now = 0;
  const session = new RunSession({ now: () => (now += 0.01) });
  const loaded = session.load({ files, entry: 'pipeline.ts' });
  expect(loaded.ok).toBe(true);
  return { session, loaded };
}

describe('skipped rows', () => {
  it('reach the page with the updates, each once, at their place in the data file', () => {
    const { session, loaded } = load({ 'pipeline.ts': program(), 'readings.csv': READINGS });
    const updates = [decode(loaded)];
    updates.push(decode(session.advance({ kind: 'arrivals', count: 1 }, 1000)));
    const end = session.advance({ kind: 'end' }, 1000);
    expect(end.failure).toBeUndefined();
    updates.push(decode(end));

    // Nothing is read before the run starts; its first arrival reads on past line 3.
    expect(updates.map((u) => u.skipped.rows.map((row) => row.line))).toEqual([[], [3], [5]]);
    expect(updates.map((u) => u.skipped.total)).toEqual([0, 1, 2]);
    expect(updates.flatMap((u) => u.skipped.rows)).toEqual([
      {
        file: 'readings.csv',
        line: 3,
        column: 9,
        reason: 'expected a number in "celsius", got "warm"',
        source: 'csv',
      },
      {
        file: 'readings.csv',
        line: 5,
        column: 14,
        reason: 'expected 3 fields, found 4',
        source: 'csv',
      },
    ]);
    // The good rows went on.
    expect(updates.flatMap((u) => u.outputs.celsius ?? []).map((r) => r.value)).toEqual([
      21.5, 19, 22,
    ]);
  });

  it('name no file when the text was written in the program', () => {
    // The file's text, changed on the way: its lines are no longer the file's.
    const text = 'readings.replace("s1,1000", "s9,1000")';
    const { session } = load({ 'pipeline.ts': program(text), 'readings.csv': READINGS });
    const { skipped } = decode(session.advance({ kind: 'end' }, 1000));
    expect(skipped.rows).toHaveLength(2);
    expect(skipped.rows[0]).toEqual({
      line: 3,
      column: 9,
      reason: 'expected a number in "celsius", got "warm"',
      source: 'csv',
    });
  });

  it('are listed up to a limit, and counted past it', () => {
    const bad = Array.from({ length: 250 }, (_, i) => `s1,${i},warm`);
    const text = ['sensor,ts,celsius', ...bad, 's1,9000,1'].join('\n');
    const { session } = load({ 'pipeline.ts': program(), 'readings.csv': text });
    const updates: RunUpdate[] = [];
    for (let done = false; !done;) {
      const result = session.advance({ kind: 'arrivals', count: 1 }, 1000);
      updates.push(decode(result));
      done = result.done;
    }
    const listed = updates.flatMap((u) => u.skipped.rows);
    expect(listed).toHaveLength(MAX_SKIPPED_ROWS);
    expect(listed.map((row) => row.line)).toEqual(
      Array.from({ length: MAX_SKIPPED_ROWS }, (_, i) => i + 2),
    );
    expect(updates.at(-1)?.skipped.total).toBe(250);
  });

  it('are none when every row is good', () => {
    const good = READINGS.replace('warm', '20').replace(',18.5,x', ',18.5');
    const { session } = load({ 'pipeline.ts': program(), 'readings.csv': good });
    expect(decode(session.advance({ kind: 'end' }, 1000)).skipped).toEqual({ rows: [], total: 0 });
  });

  it("leave out what a learner's own source passes off as a skipped row", () => {
    const source = [
      'export default function pipeline(env: any) {',
      '  let done = false;',
      '  let handed = false;',
      '  const odd = { source: "mine", line: { toString() { return "1" } }, column: 1, reason: "x" };',
      '  const fine = { source: "mine", line: 2, column: 3, reason: "too cold" };',
      '  env.fromSource({ name: "mine", partitions: 1, bounded: true, createReader: () => ({',
      '    next: () => (done ? undefined : ((done = true), { kind: "record", arrivalTime: 0, value: 1 })),',
      '    takeSkipped: () => (done && !handed ? ((handed = true), [odd, fine]) : undefined),',
      '    position: () => 0,',
      "  }) }).sinkTo(env.collect('out'));",
      '}',
    ].join('\n');
    const { session } = load({ 'pipeline.ts': source });
    const { skipped } = decode(session.advance({ kind: 'end' }, 1000));
    expect(skipped).toEqual({
      rows: [{ line: 2, column: 3, reason: 'too cold', source: 'mine' }],
      total: 2,
    });
  });
});
