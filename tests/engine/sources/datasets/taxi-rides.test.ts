import { describe, expect, it } from 'vitest';
import { type TaxiRide, taxiRides } from '../../../../src/engine/datasets';
import { expectNonDecreasingArrivals, expectResumesExactly, readAll, recordsOf } from '../read';

describe('taxiRides', () => {
  const source = taxiRides({ partitions: 2 }, 5);
  const perPartition = [0, 1].map((p) => readAll(source.createReader(p)));
  const rides = perPartition.flatMap((events) => recordsOf(events).map((r) => r.value));

  it('pairs every start with exactly one later end of the same ride', () => {
    const byId = new Map<number, TaxiRide[]>();
    for (const ride of rides) byId.set(ride.rideId, [...(byId.get(ride.rideId) ?? []), ride]);
    // About one ride a second for 30 minutes.
    expect(byId.size).toBeGreaterThan(1_600);
    expect(byId.size).toBeLessThan(2_000);
    for (const events of byId.values()) {
      const start = events.find((e) => e.event === 'start');
      const end = events.find((e) => e.event === 'end');
      expect(events).toHaveLength(2);
      if (!start || !end || end.event !== 'end')
        throw new Error('a ride without a start or an end');
      expect(end.ts).toBeGreaterThan(start.ts);
      expect(end.taxiId).toBe(start.taxiId);
      expect(end.passengerCount).toBe(start.passengerCount);
      expect(end.fare).toBeGreaterThan(3);
      expect(end.distanceKm).toBeGreaterThanOrEqual(0);
    }
  });

  it('looks like taxi rides: mostly single passengers, quarter-hour trips, a few very long ones', () => {
    const starts = rides.filter((r) => r.event === 'start');
    const singles = starts.filter((r) => r.passengerCount === 1).length / starts.length;
    expect(singles).toBeGreaterThan(0.6);
    expect(singles).toBeLessThan(0.8);
    expect(starts.every((r) => r.passengerCount >= 1 && r.passengerCount <= 6)).toBe(true);
    const startOf = new Map(starts.map((s) => [s.rideId, s.ts]));
    const minutes = rides
      .filter((r) => r.event === 'end')
      .map((end) => (end.ts - (startOf.get(end.rideId) ?? 0)) / 60_000)
      .toSorted((a, b) => a - b);
    const median = minutes[Math.floor(minutes.length / 2)] as number;
    expect(median).toBeGreaterThan(8);
    expect(median).toBeLessThan(20);
    expect(minutes.filter((m) => m >= 120).length).toBeGreaterThan(0);
  });

  it('starts rides only within the duration and arrives in order per partition', () => {
    for (const events of perPartition) expectNonDecreasingArrivals(events);
    expect(rides.filter((r) => r.event === 'start').every((r) => r.ts < 1_800_000)).toBe(true);
    expect(source.bounded).toBe(true);
  });

  it('is deterministic per seed', () => {
    const again = taxiRides({ partitions: 2 }, 5);
    expect(readAll(again.createReader(1))).toEqual(perPartition[1]);
  });

  it('resumes exactly from any position', () => {
    expectResumesExactly(taxiRides({ durationMs: 120_000, ratePerSecond: 0.5 }, 3), 0);
  });

  it('checks its options', () => {
    expect(() => taxiRides({ ratePerSecond: -1 })).toThrow('ratePerSecond');
    expect(() => taxiRides({ taxis: 0 })).toThrow('taxis');
  });
});
