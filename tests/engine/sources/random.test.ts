import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/engine/random';

const draws = (random: Random, n = 8) => Array.from({ length: n }, () => random.float());

describe('Random', () => {
  it('gives the same draws for the same seed and path', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(), (seed, index) => {
        expect(draws(Random.derive(seed, 'record', index))).toEqual(
          draws(Random.derive(seed, 'record', index)),
        );
      }),
    );
  });

  it('gives unrelated draws for neighbouring seeds and paths', () => {
    const first = (random: Random) => random.float();
    const values = new Set([
      first(Random.create(1)),
      first(Random.create(2)),
      first(Random.derive(1, 'a')),
      first(Random.derive(1, 'b')),
      first(Random.derive(1, 'ab')),
      first(Random.derive(1, 'a', 'b')),
      first(Random.derive(1, 0)),
      first(Random.derive(1, 1)),
    ]);
    expect(values.size).toBe(8);
  });

  it('continues exactly from a captured state', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(20), (seed, skip) => {
        const random = Random.create(seed);
        draws(random, skip);
        const restored = Random.restore(structuredClone(random.state()));
        expect(draws(restored)).toEqual(draws(random));
      }),
    );
  });

  it('keeps every draw in its range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.nat(50),
        (seed, min, span) => {
          const random = Random.create(seed);
          const int = random.int(min, min + span);
          expect(Number.isInteger(int) && int >= min && int <= min + span).toBe(true);
          const between = random.between(min, min + span + 1);
          expect(between >= min && between < min + span + 1).toBe(true);
          expect(random.exponential(100)).toBeGreaterThanOrEqual(0);
          expect(random.logNormal(100)).toBeGreaterThan(0);
          expect(['a', 'b']).toContain(random.pick(['a', 'b']));
          expect(
            random.weighted([
              ['never', 0],
              ['always', 1],
            ]),
          ).toBe('always');
        },
      ),
    );
  });

  it('has the requested means', () => {
    const random = Random.create(7);
    const mean = (draw: () => number, n = 20_000) =>
      Array.from({ length: n }, draw).reduce((a, b) => a + b, 0) / n;
    expect(mean(() => random.float())).toBeCloseTo(0.5, 1);
    expect(mean(() => random.exponential(200)) / 200).toBeCloseTo(1, 1);
    expect(mean(() => random.normal(5, 2))).toBeCloseTo(5, 1);
    expect(mean(() => random.logNormal(50, 0.5)) / 50).toBeCloseTo(1, 1);
    expect(mean(() => (random.chance(0.3) ? 1 : 0))).toBeCloseTo(0.3, 1);
  });

  it('refuses seeds and ranges it cannot honour', () => {
    expect(() => Random.create(0.5)).toThrow('safe integer');
    expect(() => Random.create(2).int(3, 1)).toThrow('min ≤ max');
    expect(() => Random.create(2).pick([])).toThrow('at least one');
    expect(() => Random.create(2).weighted([['x', 0]])).toThrow('positive weight');
    expect(() => Random.restore([1, 2, 3] as never)).toThrow('four 32-bit integers');
  });
});
