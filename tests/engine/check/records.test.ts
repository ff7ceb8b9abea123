import { describe, expect, it } from 'vitest';
import { hasFields, sameRecord } from '../../../src/engine';

describe('hasFields', () => {
  it('is true for objects with fields, not for null, arrays or plain values', () => {
    expect(hasFields({ user: 'ana' })).toBe(true);
    expect(hasFields({})).toBe(true);
    expect(hasFields(null)).toBe(false);
    expect(hasFields([1])).toBe(false);
    expect(hasFields('ana')).toBe(false);
    expect(hasFields(undefined)).toBe(false);
  });
});

describe('sameRecord', () => {
  const packet = { gateway: 'east', readings: [{ sensor: 'boiler-1', takenAt: 1 }] };

  it('matches a record with the same fields and values, in any field order', () => {
    expect(sameRecord({ ts: 0, user: 'ana' }, { user: 'ana', ts: 0 })).toBe(true);
    expect(sameRecord(structuredClone(packet), packet)).toBe(true);
    expect(sameRecord('sunrise', 'sunrise')).toBe(true);
  });

  it('tells a changed, a missing or an extra field apart from the record', () => {
    expect(sameRecord({ user: 'ana', ts: 1 }, { user: 'ana', ts: 0 })).toBe(false);
    expect(sameRecord({ user: 'ana' }, { user: 'ana', ts: 0 })).toBe(false);
    expect(sameRecord({ user: 'ana', ts: 0, page: '/' }, { user: 'ana', ts: 0 })).toBe(false);
    // An extra field that is explicitly undefined is still a field the lesson's record lacks.
    expect(sameRecord({ user: 'ana', ts: undefined }, { user: 'ana' })).toBe(false);
  });

  it('compares nested arrays element by element', () => {
    const moved = { ...packet, readings: [{ sensor: 'boiler-1', takenAt: 1000 }] };
    expect(sameRecord(moved, packet)).toBe(false);
    expect(sameRecord({ ...packet, readings: [] }, packet)).toBe(false);
    expect(sameRecord({ ...packet, readings: {} }, packet)).toBe(false);
    expect(sameRecord([1, 2], [1, 2])).toBe(true);
    expect(sameRecord([1, 2, 3], [1, 2])).toBe(false);
  });

  it('does not take an array for an object with the same indexes', () => {
    expect(sameRecord(['ana'], { 0: 'ana' })).toBe(false);
    expect(sameRecord({ 0: 'ana', length: 1 }, ['ana'])).toBe(false);
  });
});
