import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventTimeDelay,
  type GeneratorSourceOptions,
  type SourceEvent,
  generatorSource,
} from '../../../src/engine/sources';
import {
  expectNonDecreasingArrivals,
  expectResumesExactly,
  readAll,
  readSome,
  recordsOf,
} from './read';

type Item = { n: number; roll: number };
const make: GeneratorSourceOptions<Item>['make'] = ({ index, random }) => ({
  n: index,
  roll: random.int(1, 6),
});

function readPartitions<T>(source: ReturnType<typeof generatorSource<T>>): SourceEvent<T>[][] {
  return Array.from({ length: source.partitions }, (_, p) => readAll(source.createReader(p)));
}

const delayArbitrary: fc.Arbitrary<EventTimeDelay> = fc.oneof(
  fc.constant({ distribution: 'none' as const }),
  fc.record({ distribution: fc.constant('uniform' as const), maxMs: fc.nat(3_000) }),
  fc.record({
    distribution: fc.constant('exponential' as const),
    meanMs: fc.integer({ min: 1, max: 2_000 }),
    maxMs: fc.nat(3_000),
  }),
  fc.record({
    distribution: fc.constant('lognormal' as const),
    meanMs: fc.integer({ min: 1, max: 2_000 }),
    maxMs: fc.nat(3_000),
  }),
);

const optionsArbitrary: fc.Arbitrary<GeneratorSourceOptions<Item>> = fc.record({
  seed: fc.integer(),
  partitions: fc.integer({ min: 1, max: 3 }),
  ratePerSecond: fc.integer({ min: 1, max: 50 }),
  spacing: fc.constantFrom('exponential' as const, 'fixed' as const),
  count: fc.nat(120),
  eventTimeDelay: delayArbitrary,
  bursts: fc.option(
    fc.record({
      meanIntervalMs: fc.integer({ min: 100, max: 5_000 }),
      durationMs: fc.integer({ min: 100, max: 2_000 }),
      rateMultiplier: fc.integer({ min: 2, max: 10 }),
    }),
    { nil: undefined },
  ),
  idleGaps: fc.option(
    fc.record({
      meanIntervalMs: fc.integer({ min: 100, max: 5_000 }),
      durationMs: fc.integer({ min: 100, max: 5_000 }),
    }),
    { nil: undefined },
  ),
  make: fc.constant(make),
});

describe('generatorSource', () => {
  it('is deterministic: the same options give the same events, another seed others', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const once = readPartitions(generatorSource(options));
        expect(readPartitions(generatorSource(options))).toEqual(once);
      }),
      { numRuns: 50 },
    );
    const options = { seed: 1, ratePerSecond: 10, count: 20, make };
    expect(readPartitions(generatorSource({ ...options, seed: 2 }))).not.toEqual(
      readPartitions(generatorSource(options)),
    );
  });

  it('emits each partition in non-decreasing arrival order, never more than maxMs late', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const source = generatorSource(options);
        const maxMs =
          options.eventTimeDelay?.distribution === 'none'
            ? 0
            : (options.eventTimeDelay?.maxMs ?? 0);
        for (const events of readPartitions(source)) {
          expectNonDecreasingArrivals(events);
          for (const record of recordsOf(events)) {
            const delay = record.arrivalTime - (record.timestamp as number);
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(maxMs);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('resumes exactly from any position', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const source = generatorSource({ ...options, count: Math.min(options.count ?? 0, 40) });
        for (let p = 0; p < source.partitions; p++) expectResumesExactly(source, p);
      }),
      { numRuns: 40 },
    );
  });

  it('resumes exactly within an unbounded stream', () => {
    const source = generatorSource({
      seed: 5,
      ratePerSecond: 100,
      eventTimeDelay: { distribution: 'exponential', meanMs: 200, maxMs: 1_000 },
      idleGaps: { meanIntervalMs: 2_000, durationMs: 1_500 },
      make,
    });
    expect(source.bounded).toBe(false);
    expectResumesExactly(source, 0, 300);
  });

  it('deals `count` records over the partitions and numbers them per partition', () => {
    const source = generatorSource({ seed: 3, partitions: 3, ratePerSecond: 30, count: 10, make });
    const counts = readPartitions(source).map((events) => recordsOf(events).length);
    expect(counts).toEqual([4, 3, 3]);
    const first = recordsOf(readAll(source.createReader(0)));
    expect(first.map((r) => r.value.n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    expect(source.bounded).toBe(true);
  });

  it('stops before untilEventTime and starts at startEventTime', () => {
    const source = generatorSource({
      seed: 3,
      ratePerSecond: 50,
      startEventTime: 10_000,
      untilEventTime: 20_000,
      make,
    });
    const timestamps = recordsOf(readAll(source.createReader(0))).map((r) => r.timestamp as number);
    expect(Math.min(...timestamps)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...timestamps)).toBeLessThan(20_000);
    // About 50 a second over 10 s.
    expect(timestamps.length).toBeGreaterThan(400);
    expect(timestamps.length).toBeLessThan(600);
  });

  it('spaces `fixed` records exactly 1000 / rate apart per partition', () => {
    const source = generatorSource({
      seed: 1,
      partitions: 2,
      ratePerSecond: 20,
      count: 8,
      spacing: 'fixed',
      make,
    });
    for (let p = 0; p < 2; p++) {
      const records = recordsOf(readAll(source.createReader(p)));
      expect(records.map((r) => r.timestamp)).toEqual([0, 100, 200, 300]);
      expect(records.map((r) => r.arrivalTime)).toEqual([0, 100, 200, 300]);
    }
  });

  it('passes make its index, partition, event time and a per-record random stream', () => {
    const seen: unknown[] = [];
    const source = generatorSource({
      seed: 9,
      partitions: 2,
      ratePerSecond: 10,
      count: 4,
      make: (context) => {
        seen.push({ ...context, random: undefined });
        return context.random.float();
      },
    });
    const records = readPartitions(source).flatMap((events) => recordsOf(events));
    expect(seen).toHaveLength(4);
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 0, partition: 0 }),
        expect.objectContaining({ index: 1, partition: 0 }),
        expect.objectContaining({ index: 0, partition: 1 }),
        expect.objectContaining({ index: 1, partition: 1 }),
      ]),
    );
    for (const context of seen as { eventTime: number }[]) {
      expect(records.map((r) => r.timestamp)).toContain(context.eventTime);
    }
  });

  it('changes only arrivals, not records or event times, when the delay is dialled', () => {
    const base = { seed: 4, ratePerSecond: 20, count: 200, make };
    const inOrder = recordsOf(readAll(generatorSource(base).createReader(0)));
    const outOfOrder = recordsOf(
      readAll(
        generatorSource({
          ...base,
          eventTimeDelay: { distribution: 'uniform', maxMs: 2_000 },
        }).createReader(0),
      ),
    );
    const byIndex = (records: typeof inOrder) =>
      records.map((r) => [r.value.n, r.timestamp, r.value.roll]).sort((a, b) => a[0]! - b[0]!);
    expect(byIndex(outOfOrder)).toEqual(byIndex(inOrder));
    expect(inOrder.every((r) => r.arrivalTime === r.timestamp)).toBe(true);
    // With up to 2 s of delay at 20 records a second, records overtake each other.
    const timestamps = outOfOrder.map((r) => r.timestamp as number);
    expect(timestamps.some((t, i) => i > 0 && t < (timestamps[i - 1] as number))).toBe(true);
  });

  it('multiplies the rate during bursts', () => {
    const perSecond = (events: SourceEvent<Item>[]) => {
      const counts = new Map<number, number>();
      for (const r of recordsOf(events)) {
        const second = Math.floor((r.timestamp as number) / 1_000);
        counts.set(second, (counts.get(second) ?? 0) + 1);
      }
      return [...counts.values()];
    };
    const base = { seed: 2, ratePerSecond: 10, untilEventTime: 120_000, make };
    const calm = perSecond(readAll(generatorSource(base).createReader(0)));
    const bursty = perSecond(
      readAll(
        generatorSource({
          ...base,
          bursts: { meanIntervalMs: 20_000, durationMs: 5_000, rateMultiplier: 10 },
        }).createReader(0),
      ),
    );
    expect(Math.max(...calm)).toBeLessThan(30);
    expect(Math.max(...bursty)).toBeGreaterThan(60);
  });

  it('goes quiet in idle gaps, saying `idle` after its last record arrived and `active` before the next', () => {
    const source = generatorSource({
      seed: 8,
      partitions: 2,
      ratePerSecond: 40,
      untilEventTime: 60_000,
      eventTimeDelay: { distribution: 'exponential', meanMs: 300, maxMs: 1_000 },
      idleGaps: { meanIntervalMs: 10_000, durationMs: 5_000, partitions: [1] },
      make,
    });
    const [steady, gappy] = readPartitions(source) as [SourceEvent<Item>[], SourceEvent<Item>[]];
    expect(steady.every((e) => e.kind === 'record')).toBe(true);
    const kinds = gappy.filter((e) => e.kind !== 'record').map((e) => e.kind);
    expect(kinds.length).toBeGreaterThanOrEqual(4);
    expect(kinds.join(',')).toMatch(/^(idle,active,)*(idle,?)?(active)?$/);

    gappy.forEach((event, i) => {
      if (event.kind === 'idle') {
        const next = gappy[i + 1];
        if (next) expect(next.kind).toBe('active');
        // Nothing generated before the gap is still on its way.
        expect(
          gappy.slice(i + 1).every((e) => e.kind !== 'record' || e.arrivalTime > event.arrivalTime),
        ).toBe(true);
      }
      if (event.kind === 'active') {
        const idleAt = (gappy[i - 1] as SourceEvent<Item>).arrivalTime;
        expect(event.arrivalTime - idleAt).toBeGreaterThan(0);
        // The records of the quiet period: none with an event time inside the gap.
        const during = recordsOf(gappy).filter(
          (r) => (r.timestamp as number) > idleAt && (r.timestamp as number) < event.arrivalTime,
        );
        expect(during).toEqual([]);
      }
    });
  });

  it('keeps an unbounded source readable far into the stream', () => {
    const source = generatorSource({
      seed: 1,
      ratePerSecond: 1_000,
      eventTimeDelay: { distribution: 'lognormal', meanMs: 500, maxMs: 5_000 },
      make,
    });
    const events = readSome(source.createReader(0), 100_000);
    expect(events).toHaveLength(100_000);
    expectNonDecreasingArrivals(events);
  });

  it('refuses options that make no sense, naming the option', () => {
    const ok = { seed: 1, ratePerSecond: 1, make };
    expect(() => generatorSource({ ...ok, ratePerSecond: 0 })).toThrow('ratePerSecond');
    expect(() => generatorSource({ ...ok, partitions: 1.5 })).toThrow('partitions');
    expect(() => generatorSource({ ...ok, count: -1 })).toThrow('count');
    expect(() => generatorSource({ ...ok, seed: 0.5 })).toThrow('seed');
    expect(() => generatorSource({ ...ok, untilEventTime: Infinity })).toThrow('untilEventTime');
    expect(() =>
      generatorSource({ ...ok, bursts: { meanIntervalMs: 1, durationMs: 0, rateMultiplier: 2 } }),
    ).toThrow('bursts.durationMs');
    expect(() =>
      generatorSource({ ...ok, idleGaps: { meanIntervalMs: 1, durationMs: 1, partitions: [1] } }),
    ).toThrow('idleGaps.partitions names partition 1');
    expect(() =>
      generatorSource({
        ...ok,
        eventTimeDelay: { distribution: 'exponential', meanMs: -1, maxMs: 1 },
      }),
    ).toThrow('meanMs');
    expect(() => generatorSource(ok).createReader(0, [1, 2])).toThrow('cannot resume');
  });
});
