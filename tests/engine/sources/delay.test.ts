import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/engine/random';
import {
  type EventTimeDelay,
  maxDelayOf,
  sampleDelay,
  validateDelay,
} from '../../../src/engine/sources/generator/delay';

const delayArbitrary: fc.Arbitrary<EventTimeDelay> = fc.oneof(
  fc.constant({ distribution: 'none' as const }),
  fc.record({ distribution: fc.constant('uniform' as const), maxMs: fc.nat(10_000) }),
  fc.record({
    distribution: fc.constant('exponential' as const),
    meanMs: fc.integer({ min: 1, max: 20_000 }),
    maxMs: fc.nat(10_000),
  }),
  fc.record({
    distribution: fc.constant('lognormal' as const),
    meanMs: fc.integer({ min: 1, max: 20_000 }),
    maxMs: fc.nat(10_000),
    sigma: fc.double({ min: 0.1, max: 2, noNaN: true }),
  }),
);

describe('event-time delays', () => {
  it('are whole milliseconds in [0, maxMs], whatever the distribution', () => {
    fc.assert(
      fc.property(delayArbitrary, fc.integer(), (delay, seed) => {
        const random = Random.create(seed);
        for (let i = 0; i < 50; i++) {
          const drawn = sampleDelay(delay, random);
          expect(Number.isInteger(drawn)).toBe(true);
          expect(drawn).toBeGreaterThanOrEqual(0);
          expect(drawn).toBeLessThanOrEqual(maxDelayOf(delay));
        }
      }),
    );
  });

  it('follow their distribution’s shape', () => {
    const random = Random.create(3);
    const sample = (delay: EventTimeDelay) =>
      Array.from({ length: 20_000 }, () => sampleDelay(delay, random));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

    expect(sample({ distribution: 'none' }).every((d) => d === 0)).toBe(true);
    expect(mean(sample({ distribution: 'uniform', maxMs: 1_000 })) / 500).toBeCloseTo(1, 1);
    // A bound far above the mean barely truncates: the mean is kept.
    const exponential = sample({ distribution: 'exponential', meanMs: 100, maxMs: 5_000 });
    expect(mean(exponential) / 100).toBeCloseTo(1, 1);
    // Most exponential delays are short: the median is ln 2 of the mean.
    const sorted = [...exponential].sort((a, b) => a - b);
    expect((sorted[10_000] as number) / 69).toBeCloseTo(1, 0);
    const logNormal = sample({ distribution: 'lognormal', meanMs: 200, maxMs: 100_000 });
    expect(mean(logNormal) / 200).toBeCloseTo(1, 1);
  });

  it('pile up below the bound when the bound cuts the distribution', () => {
    const random = Random.create(4);
    const delays = Array.from({ length: 2_000 }, () =>
      sampleDelay({ distribution: 'lognormal', meanMs: 10_000, maxMs: 50 }, random),
    );
    expect(Math.max(...delays)).toBe(50);
  });

  it('refuse nonsensical parameters', () => {
    expect(() => validateDelay({ distribution: 'uniform', maxMs: -1 })).toThrow('maxMs');
    expect(() => validateDelay({ distribution: 'exponential', meanMs: 0, maxMs: 5 })).toThrow(
      'meanMs',
    );
    expect(() =>
      validateDelay({ distribution: 'lognormal', meanMs: 5, maxMs: 5, sigma: 0 }),
    ).toThrow('sigma');
    expect(() => validateDelay({ distribution: 'uniform', maxMs: Infinity })).toThrow('maxMs');
  });
});
