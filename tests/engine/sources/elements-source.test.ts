import { describe, expect, it } from 'vitest';
import { elementsSource } from '../../../src/engine/sources';
import { expectResumesExactly, readAll } from './read';

describe('elementsSource', () => {
  it('emits the values in order, 100 ms apart by default, without timestamps', () => {
    const source = elementsSource(['a', 'b', 'c']);
    expect(source).toMatchObject({ name: 'elements', partitions: 1, bounded: true });
    expect(readAll(source.createReader(0))).toEqual([
      { kind: 'record', arrivalTime: 0, value: 'a' },
      { kind: 'record', arrivalTime: 100, value: 'b' },
      { kind: 'record', arrivalTime: 200, value: 'c' },
    ]);
  });

  it('spaces arrivals by arrivalIntervalMs and takes a name', () => {
    const source = elementsSource([1, 2], { name: 'numbers', arrivalIntervalMs: 1_000 });
    expect(source.name).toBe('numbers');
    expect(readAll(source.createReader(0)).map((e) => e.arrivalTime)).toEqual([0, 1_000]);
  });

  it('reads the caller’s array as it runs, without copying it first', () => {
    // Copying a million elements would cost more than processing them; the docs say so.
    const values = [1, 2];
    const source = elementsSource(values);
    values.push(3);
    expect(readAll(source.createReader(0)).map((e) => e.kind === 'record' && e.value)).toEqual([
      1, 2, 3,
    ]);
  });

  it('lends its records in place, exactly as next() would read them', () => {
    const values = ['a', 'b', 'c', 'd', 'e'];
    const source = elementsSource(values, { arrivalIntervalMs: 10 });
    const reader = source.createReader(0);
    reader.next();
    const run = reader.readRecords?.();
    expect(run).toMatchObject({ from: 1, to: 5 });
    expect(run?.values).toBe(values);
    expect([1, 2, 3, 4].map((i) => run?.arrivalTime(i))).toEqual([10, 20, 30, 40]);
    expect(reader.position()).toBe(5);
    expect(reader.readRecords?.()).toBeUndefined();
    expect(reader.next()).toBeUndefined();
  });

  it('resumes exactly from every position', () => {
    expectResumesExactly(elementsSource(['x', 'y', 'z', 'w']), 0);
  });

  it('refuses other partitions, foreign positions and negative intervals', () => {
    const source = elementsSource([1]);
    expect(() => source.createReader(1)).toThrow('only partition 0; there is no partition 1');
    expect(() => source.createReader(0, 'x')).toThrow('cannot resume from position "x"');
    expect(() => source.createReader(0, 5)).toThrow('cannot resume at 5');
    expect(() => elementsSource([1], { arrivalIntervalMs: -1 })).toThrow('arrivalIntervalMs');
  });
});
