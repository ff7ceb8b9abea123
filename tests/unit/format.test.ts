import { describe, expect, it } from 'vitest';
import { formatTime, formatValue } from '../../src/ui/run/format';

describe('formatTime', () => {
  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [-500, '-500 ms'],
    [1000, '1 s'],
    [12_500, '12.5 s'],
    [1234, '1.234 s'],
    [Number.MAX_SAFE_INTEGER, '+∞'],
    [Number.MIN_SAFE_INTEGER, '−∞'],
    [undefined, '–'],
  ])('%s → %s', (ms, text) => expect(formatTime(ms)).toBe(text));
});

describe('formatValue', () => {
  it('shows objects compactly on one line and strings quoted', () => {
    expect(formatValue({ sensor: 'a', celsius: 21.5 })).toBe('{"sensor": "a", "celsius": 21.5}');
    expect(formatValue('x')).toBe('"x"');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(undefined)).toBe('undefined');
  });
});
