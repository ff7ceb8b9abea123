import { describe, expect, it } from 'vitest';
import { formatCount, formatRecord, formatSeconds } from '../../../src/engine';

describe('how check messages write values', () => {
  it('shows a record as its JSON', () => {
    expect(formatRecord({ sensor: 'boiler-1', celsius: 80 })).toBe(
      '{"sensor":"boiler-1","celsius":80}',
    );
    expect(formatRecord('sunrise')).toBe('"sunrise"');
    expect(formatRecord([1, 2])).toBe('[1,2]');
  });

  it('shows in plain text what JSON cannot write, rather than failing the check', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(formatRecord(undefined)).toBe('undefined');
    expect(formatRecord(10n)).toBe('10');
    expect(formatRecord(loop)).toBe('[object Object]');
  });

  it('writes milliseconds as seconds', () => {
    expect(formatSeconds(30_000)).toBe('30 s');
    expect(formatSeconds(2_500)).toBe('2.5 s');
    expect(formatSeconds(0)).toBe('0 s');
  });

  it('counts with a singular noun for one and a plural otherwise', () => {
    expect(formatCount(1, 'view')).toBe('1 view');
    expect(formatCount(0, 'view')).toBe('0 views');
    expect(formatCount(3, 'other record')).toBe('3 other records');
  });
});
