import { describe, expect, it } from 'vitest';
import { formatNumber, formatTime, formatValue, roundNumbersIn } from '../../src/ui/run/format';

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

describe('formatNumber', () => {
  it.each([
    [197.99999999999997, '198'],
    [812.5, '812.5'],
    [812.49, '812.5'],
    [23.456789, '23.46'],
    [0.0123456, '0.01235'],
    [0.1 + 0.2, '0.3'],
    [-1.23456, '-1.23'],
    [42, '42'],
    [-0, '0'],
    [1e21, '1e+21'],
    [NaN, 'NaN'],
  ])('%s → %s', (n, text) => expect(formatNumber(n)).toBe(text));
});

describe('rounded values', () => {
  it('round the numbers in a summary, and leave strings and whole numbers alone', () => {
    expect(roundNumbersIn('{ sensor: "b-1.23456", celsius: 197.99999999999997, n: 3 }')).toBe(
      '{ sensor: "b-1.23456", celsius: 198, n: 3 }',
    );
    expect(roundNumbersIn('21.5')).toBe('21.5');
  });

  it('are rounded in tables unless asked for exact values', () => {
    const value = { sensor: 'a', celsius: 197.99999999999997 };
    expect(formatValue(value)).toBe('{"sensor": "a", "celsius": 198}');
    expect(formatValue(value, { exact: true })).toBe(
      '{"sensor": "a", "celsius": 197.99999999999997}',
    );
    expect(formatValue(0.30000000000000004)).toBe('0.3');
  });
});
