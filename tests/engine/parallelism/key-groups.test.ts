/**
 * Key groups as Flink computes them. The expected values were computed with Java's own
 * `hashCode` and Flink's `MathUtils.murmurHash`, so a key lands on the same subtask here as in a
 * Flink job of the same parallelism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultMaxParallelism,
  javaHashCode,
  keyGroupOf,
  keyGroupRange,
  murmurHash,
  subtaskOfKey,
  subtaskOfKeyGroup,
} from '../../../src/engine/parallelism/key-groups';

describe('key groups', () => {
  it("hash keys with Java's hashCode", () => {
    expect(javaHashCode('hello')).toBe(99162322);
    expect(javaHashCode('')).toBe(0);
    expect(javaHashCode(-1)).toBe(-1);
    expect(javaHashCode(1.5)).toBe(1073217536); // Double.hashCode
    expect(javaHashCode(2 ** 40)).toBe(256); // Long.hashCode
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode(false)).toBe(1237);
  });

  it("mix the hash with Flink's murmurHash", () => {
    expect(murmurHash(2)).toBe(1085422463);
    expect(murmurHash(0x80000000 | 0)).toBeGreaterThanOrEqual(0);
  });

  it('send each key to the subtask Flink sends it to', () => {
    // key, key group of 128, subtask at parallelism 2, at parallelism 3
    const expected: [string | number | boolean, number, number, number][] = [
      ['ada', 90, 1, 2],
      ['bo', 23, 0, 0],
      ['cy', 4, 0, 0],
      ['sensor-1', 51, 0, 1],
      ['sensor-2', 64, 1, 1],
      ['sensor-3', 19, 0, 0],
      [7, 113, 1, 2],
      [true, 77, 1, 1],
    ];
    for (const [key, group, atTwo, atThree] of expected) {
      expect(keyGroupOf(key, 128), String(key)).toBe(group);
      expect(subtaskOfKey(key, 2, 128), String(key)).toBe(atTwo);
      expect(subtaskOfKey(key, 3, 128), String(key)).toBe(atThree);
    }
  });

  it("default to Flink's number of key groups", () => {
    expect(defaultMaxParallelism(1)).toBe(128);
    expect(defaultMaxParallelism(85)).toBe(128);
    expect(defaultMaxParallelism(86)).toBe(256);
    expect(defaultMaxParallelism(30_000)).toBe(32_768);
  });

  it('give each subtask a contiguous range, together all key groups, each once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 64 }), (max, p) => {
        fc.pre(p <= max);
        let next = 0;
        for (let subtask = 0; subtask < p; subtask++) {
          const { first, last } = keyGroupRange(subtask, p, max);
          expect(first).toBe(next);
          for (let group = first; group <= last; group++) {
            expect(subtaskOfKeyGroup(group, p, max)).toBe(subtask);
          }
          next = last + 1;
        }
        expect(next).toBe(max);
      }),
    );
  });
});
