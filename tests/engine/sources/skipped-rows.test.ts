/**
 * A text source that skips bad rows (`onError: 'skip'`) reports each one to the run as it reads
 * it, so the page and the command line can say which rows were left out while the run goes on.
 */
import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  csvSource,
  jsonLinesSource,
  type Source,
  type TraceLevel,
} from '../../../src/engine/index';

/** Line 3 has a bad celsius (column 9), line 5 an extra field (column 14). */
const READINGS = `sensor,ts,celsius
s1,1000,21.5
s1,2000,warm
s2,3000,19.0
s2,4000,18.5,x
s1,5000,22.0`;

function env(level: TraceLevel = 'counters') {
  return StreamExecutionEnvironment.create({ trace: { level } });
}

function run<T>(source: Source<T>, level?: TraceLevel) {
  const e = env(level);
  e.fromSource(source, undefined, 'readings').sinkTo(e.collect('out'));
  return e.execute();
}

const skipping = (text: string) =>
  csvSource(text, {
    name: 'readings.csv',
    timestampField: 'ts',
    types: { celsius: 'number' },
    arrivalIntervalMs: 100,
    onError: 'skip',
  });

describe('skipped rows', () => {
  it('are reported by the run, in text order, with line, column, reason and source', () => {
    const result = run(skipping(READINGS));
    expect(result.outputs.out?.map((r) => (r.value as { ts: number }).ts)).toEqual([
      1000, 3000, 5000,
    ]);
    const op = result.graph.operators.find((o) => o.kind === 'source')?.id;
    expect(result.skippedRows).toEqual([
      {
        op,
        // Read right after the record before it arrived: the first at 0 ms, the second at 100.
        time: 0,
        source: 'readings.csv',
        line: 3,
        column: 9,
        reason: 'expected a number in "celsius", got "warm"',
        message: 'line 3, column 9: expected a number in "celsius", got "warm"',
      },
      {
        op,
        time: 100,
        source: 'readings.csv',
        line: 5,
        column: 14,
        reason: 'expected 3 fields, found 4',
        message: 'line 5, column 14: expected 3 fields, found 4',
      },
    ]);
  });

  it('are reported whatever the trace keeps', () => {
    const lines = (level: TraceLevel) =>
      run(skipping(READINGS), level).skippedRows.map((row) => [row.line, row.column, row.time]);
    expect(lines('full')).toEqual(lines('counters'));
    expect(lines('sampled')).toEqual(lines('counters'));
  });

  it('show up while the run goes on, not only at its end', () => {
    const e = env();
    e.fromSource(skipping(READINGS), undefined, 'readings').sinkTo(e.collect('out'));
    const job = e.executeStepwise();
    job.step();
    // The first record arrived and the reader read on past line 3 to the next good row.
    expect(job.result().skippedRows.map((row) => row.line)).toEqual([3]);
    job.step();
    expect(job.result().skippedRows.map((row) => row.line)).toEqual([3, 5]);
    expect(job.result().finished).toBe(false);
  });

  it('keep the text they are in, without posting or printing it', () => {
    const [row] = run(skipping(READINGS)).skippedRows;
    expect(row?.sourceText).toBe(READINGS);
    expect(JSON.stringify(row)).not.toContain('s1,1000');
    expect(structuredClone(row)).not.toHaveProperty('sourceText');
  });

  it('come from JSON Lines sources too', () => {
    const text = '{"ts":1}\n{"ts":"soon"}\n\n[1]\n{"ts":4}';
    const result = run(
      jsonLinesSource(text, { name: 'events.jsonl', timestampField: 'ts', onError: 'skip' }),
    );
    expect(
      result.skippedRows.map(({ line, column, source }) => ({ line, column, source })),
    ).toEqual([
      { line: 2, column: 7, source: 'events.jsonl' },
      { line: 4, column: 1, source: 'events.jsonl' },
    ]);
  });

  it('are handed over by the reader once each, as it reads past them', () => {
    const reader = skipping(READINGS).createReader(0);
    expect(reader.takeSkipped?.()).toBeUndefined();
    reader.next();
    expect(reader.takeSkipped?.()).toBeUndefined();
    reader.next();
    expect(reader.takeSkipped?.()?.map((problem) => problem.line)).toEqual([3]);
    expect(reader.takeSkipped?.()).toBeUndefined();
  });

  it('are none when no row is bad', () => {
    const result = run(skipping('sensor,ts,celsius\ns1,1000,21.5\ns2,2000,19'));
    expect(result.outputs.out).toHaveLength(2);
    expect(result.skippedRows).toEqual([]);
  });

  it('are none when the source fails on a bad row instead', () => {
    const source = csvSource(READINGS, { timestampField: 'ts', types: { celsius: 'number' } });
    const e = env();
    e.fromSource(source, undefined, 'readings').sinkTo(e.collect('out'));
    const job = e.executeStepwise();
    expect(() => job.runToEnd()).toThrow('line 3, column 9');
    expect(job.result().skippedRows).toEqual([]);
  });

  it('of two sources come in the order they were read', () => {
    const e = env();
    const north = csvSource('ts,v\n0,1\nx,2\n300,3', {
      name: 'north.csv',
      timestampField: 'ts',
      onError: 'skip',
    });
    const south = csvSource('ts,v\n0,1\n100,2\ny,3\n400,4', {
      name: 'south.csv',
      timestampField: 'ts',
      onError: 'skip',
    });
    e.fromSource(north, undefined, 'north')
      .union(e.fromSource(south, undefined, 'south'))
      .sinkTo(e.collect('out'));
    const rows = e.execute().skippedRows;
    expect(rows.map((row) => [row.source, row.line, row.time])).toEqual([
      ['north.csv', 3, 0],
      ['south.csv', 4, 100],
    ]);
  });
});
