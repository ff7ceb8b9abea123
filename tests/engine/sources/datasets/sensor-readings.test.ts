import { describe, expect, it } from 'vitest';
import { type SensorReading, sensorReadings } from '../../../../src/engine/datasets';
import { expectNonDecreasingArrivals, expectResumesExactly, readAll, recordsOf } from '../read';

const readings = (source: ReturnType<typeof sensorReadings>) =>
  Array.from({ length: source.partitions }, (_, p) => readAll(source.createReader(p)));

describe('sensorReadings', () => {
  it('just works with the sandbox’s options', () => {
    const source = sensorReadings({ sensors: 3, maxDelayMs: 4_000 });
    expect(source).toMatchObject({ name: 'sensor-readings', partitions: 1, bounded: true });
    const records = recordsOf(readAll(source.createReader(0)));
    // One reading a second from each of 3 sensors, for 60 s.
    expect(records).toHaveLength(180);
    expect(new Set(records.map((r) => r.value.sensor))).toEqual(
      new Set(['sensor-1', 'sensor-2', 'sensor-3']),
    );
    for (const { value, timestamp, arrivalTime } of records) {
      expect(value.ts).toBe(timestamp);
      expect(value.ts).toBeGreaterThanOrEqual(0);
      expect(value.ts).toBeLessThan(60_000);
      expect(arrivalTime - value.ts).toBeGreaterThanOrEqual(0);
      expect(arrivalTime - value.ts).toBeLessThanOrEqual(4_000);
      expect(value.celsius).toBeGreaterThan(10);
      expect(value.celsius).toBeLessThan(30);
      expect(Math.round(value.celsius * 10) / 10).toBe(value.celsius);
    }
  });

  it('arrives out of order, but in non-decreasing arrival time', () => {
    const events = readAll(sensorReadings({ maxDelayMs: 4_000 }).createReader(0));
    expectNonDecreasingArrivals(events);
    const ts = recordsOf(events).map((r) => r.value.ts);
    const overtaken = ts.filter((t, i) => i > 0 && t < Math.max(...ts.slice(0, i)));
    expect(overtaken.length).toBeGreaterThan(10);
  });

  it('reports on each sensor’s own clock, with temperatures that drift smoothly', () => {
    const records = recordsOf(
      readAll(sensorReadings({ ratePerSecond: 2, maxDelayMs: 0 }).createReader(0)),
    );
    const bySensor = new Map<string, SensorReading[]>();
    for (const { value } of records)
      bySensor.set(value.sensor, [...(bySensor.get(value.sensor) ?? []), value]);
    for (const series of bySensor.values()) {
      const sorted = series.toSorted((a, b) => a.ts - b.ts);
      sorted.slice(1).forEach((reading, i) => {
        const previous = sorted[i] as SensorReading;
        expect(reading.ts - previous.ts).toBe(500);
        expect(Math.abs(reading.celsius - previous.celsius)).toBeLessThan(1);
      });
    }
    // Sensors sit at different levels.
    const means = [...bySensor.values()].map(
      (series) => series.reduce((sum, r) => sum + r.celsius, 0) / series.length,
    );
    expect(new Set(means.map((m) => m.toFixed(1))).size).toBe(3);
  });

  it('is deterministic per seed, and dialling the delay keeps the readings', () => {
    const sorted = (source: ReturnType<typeof sensorReadings>) =>
      recordsOf(readings(source).flat())
        .map((r) => r.value)
        .toSorted((a, b) => a.ts - b.ts || a.sensor.localeCompare(b.sensor));
    expect(readings(sensorReadings({}, 7))).toEqual(readings(sensorReadings({}, 7)));
    expect(sorted(sensorReadings({}, 7))).not.toEqual(sorted(sensorReadings({}, 8)));
    expect(sorted(sensorReadings({ maxDelayMs: 0 }, 7))).toEqual(
      sorted(sensorReadings({ maxDelayMs: 9_000 }, 7)),
    );
  });

  it('spreads sensors over partitions, each sensor in one', () => {
    const source = sensorReadings({ sensors: 5, partitions: 2 });
    const sensorsPerPartition = readings(source).map(
      (events) => new Set(recordsOf(events).map((r) => r.value.sensor)),
    );
    expect(sensorsPerPartition).toEqual([
      new Set(['sensor-1', 'sensor-3', 'sensor-5']),
      new Set(['sensor-2', 'sensor-4']),
    ]);
    expect(() => sensorReadings({ sensors: 2, partitions: 3 })).toThrow('at least 3 sensors');
  });

  it('goes idle and comes back when asked', () => {
    const source = sensorReadings({
      sensors: 2,
      partitions: 2,
      durationMs: 120_000,
      idleGaps: { meanIntervalMs: 20_000, durationMs: 15_000, partitions: [1] },
    });
    const [steady, gappy] = readings(source);
    expect(steady?.some((e) => e.kind === 'idle')).toBe(false);
    expect(gappy?.filter((e) => e.kind === 'idle').length).toBeGreaterThan(0);
  });

  it('resumes exactly from any position', () => {
    expectResumesExactly(sensorReadings({ sensors: 3, maxDelayMs: 3_000, durationMs: 20_000 }), 0);
  });

  it('can run without end', () => {
    const source = sensorReadings({ durationMs: Infinity });
    expect(source.bounded).toBe(false);
  });
});
