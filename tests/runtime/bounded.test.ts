import { describe, expect, it } from 'vitest';
import {
  boundLabel,
  boundLines,
  boundText,
  boundValue,
  formatSize,
  VALUE_CHARS,
  VALUE_DEPTH,
  VALUE_ITEMS,
} from '../../src/runtime/worker/bounded';

const MB = 1024 * 1024;

describe('formatSize', () => {
  it('reads as a learner would say it', () => {
    expect(formatSize(1)).toBe('1 character');
    expect(formatSize(812)).toBe('812 characters');
    expect(formatSize(10 * 1024)).toBe('10 kB');
    expect(formatSize(1536)).toBe('1.5 kB');
    expect(formatSize(16 * MB)).toBe('16 MB');
    expect(formatSize(128 * MB + 5)).toBe('128 MB');
  });
});

describe('boundValue', () => {
  it('leaves small values as they are', () => {
    expect(boundValue(42)).toEqual({ value: 42, size: 8 });
    expect(boundValue('short')).toEqual({ value: 'short', size: 7 });
    const record = { sensor: 'a', celsius: 21.5, tags: ['x', 'y'] };
    const bounded = boundValue(record);
    expect(bounded.cut).toBeUndefined();
    expect(JSON.stringify(bounded.value)).toBe(JSON.stringify(record));
  });

  it('cuts a 16 MB string to 10 kB and says so', () => {
    const bounded = boundValue('x'.repeat(16 * MB));
    expect(bounded.cut).toBe('value of 16 MB, shown cut to 10 kB');
    expect(bounded.value).toBe(`${'x'.repeat(VALUE_CHARS)}…`);
  });

  it('cuts strings inside a record, keeping the record and its other fields', () => {
    const bounded = boundValue({ id: 7, body: 'y'.repeat(2 * MB), after: 'kept?' });
    const value = bounded.value as { id: number; body: string };
    expect(value.id).toBe(7);
    expect(value.body.length).toBeLessThanOrEqual(VALUE_CHARS + 1);
    expect(value.body.endsWith('…')).toBe(true);
    expect(bounded.cut).toMatch(/^value of 2 MB, shown cut to 10 kB/);
    expect(JSON.stringify(bounded.value).length).toBeLessThan(VALUE_CHARS + 200);
  });

  it('shows the first items of a long list, and how many more there are', () => {
    const bounded = boundValue(Array.from({ length: 1_000_000 }, (_, i) => i));
    const value = bounded.value as unknown[];
    expect(value.slice(0, 3)).toEqual([0, 1, 2]);
    expect(value).toHaveLength(VALUE_ITEMS + 1);
    expect(value.at(-1)).toBe(`… ${(1_000_000 - VALUE_ITEMS).toLocaleString('en-US')} more`);
    expect(bounded.cut).toBe(`a list of 1,000,000 items shows its first ${VALUE_ITEMS}`);
  });

  it('spends one budget across many strings, however many there are', () => {
    const bounded = boundValue(Array.from({ length: 50 }, () => 'z'.repeat(1000)));
    expect(JSON.stringify(bounded.value).length).toBeLessThan(VALUE_CHARS + 200);
    expect(bounded.cut).toMatch(/shown cut to 10 kB/);
  });

  it('summarises a value nested 100,000 deep', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    const bounded = boundValue(deep);
    const text = JSON.stringify(bounded.value);
    expect(text.match(/next/g)).toHaveLength(VALUE_DEPTH);
    expect(text).toContain('{…1 field}');
    expect(bounded.cut).toBe(`nesting deeper than ${VALUE_DEPTH} levels is summarised`);
  });

  it('shows a cycle as [Circular] and a throwing getter as unreadable, without throwing', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const cycled = boundValue(cyclic);
    expect(cycled.value).toEqual({ name: 'loop', self: '[Circular]' });
    expect(cycled.cut).toMatch(/\[Circular\]/);

    const hostile = {
      ok: 1,
      get bad(): never {
        throw new Error('no reading');
      },
    };
    const read = boundValue(hostile);
    expect(read.value).toEqual({ ok: 1, bad: '[unreadable]' });
    expect(read.cut).toBe('a part could not be read (Error: no reading)');
  });

  it('reads values as JSON does: toJSON, Maps and Sets', () => {
    const date = new Date(0);
    expect(boundValue({ at: date }).value).toEqual({ at: date.toJSON() });
    expect(boundValue(new Map([['a', 1]])).value).toEqual({ a: 1 });
    expect(boundValue(new Set([1, 2])).value).toEqual([1, 2]);
  });

  it('keeps a field named __proto__ as a field', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as object;
    expect(JSON.stringify(boundValue(value).value)).toBe('{"__proto__":{"x":1},"y":2}');
  });
});

describe('boundText, boundLines and boundLabel', () => {
  it('leave short text alone', () => {
    expect(boundText('hello', 10, 'line')).toBe('hello');
    expect(boundLines('a\nb', 10, 5, 'message')).toBe('a\nb');
    expect(boundLabel('key')).toBe('key');
  });

  it('cut a long line with a note of its size', () => {
    expect(boundText('a'.repeat(5000), 2000, 'line')).toBe(
      `${'a'.repeat(2000)}…\n(line of 4.9 kB, shown cut to 2 kB)`,
    );
    expect(boundLabel('k'.repeat(3 * MB), 4)).toBe('kkkk… (3 MB)');
  });

  it('cut a message line by line, so the lines after a huge one survive', () => {
    const message = `Error: ${'y'.repeat(16 * MB)}\n  in operator "Map"`;
    const bounded = boundLines(message, 2048, 20, 'message');
    const lines = bounded.split('\n');
    expect(lines[0]).toHaveLength(2049);
    expect(lines[1]).toBe('  in operator "Map"');
    expect(lines[2]).toMatch(/^\(message of 16 MB, shown cut to 2 kB\)$/);
  });

  it('keep at most the given number of lines', () => {
    const stack = Array.from({ length: 1000 }, (_, i) => `    at f${i} (pipeline.ts:${i}:1)`);
    const bounded = boundLines(stack.join('\n'), 100, 40, 'stack');
    expect(bounded.split('\n')).toHaveLength(41);
    expect(bounded).toMatch(/\(stack of .* kB, shown cut to .*\)$/);
  });
});
