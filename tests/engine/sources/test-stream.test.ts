import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SourceEvent, TestStream } from '../../../src/engine/sources';
import { expectResumesExactly, readAll } from './read';

describe('TestStream', () => {
  it('plays elements, watermarks and processing-time advances in script order', () => {
    const source = TestStream.create<string>()
      .addElements({ value: 'a', timestamp: 1_000 }, { value: 'b', timestamp: 2_000 })
      .advanceWatermarkTo(2_000)
      .advanceProcessingTime(5_000)
      .addElements({ value: 'late', timestamp: 1_500 })
      .advanceWatermarkToInfinity()
      .build('script');
    expect(source).toMatchObject({ name: 'script', partitions: 1, bounded: true });
    expect(readAll(source.createReader(0))).toEqual([
      { kind: 'record', arrivalTime: 0, value: 'a', timestamp: 1_000 },
      { kind: 'record', arrivalTime: 0, value: 'b', timestamp: 2_000 },
      { kind: 'watermark', arrivalTime: 0, watermark: 2_000 },
      { kind: 'record', arrivalTime: 5_000, value: 'late', timestamp: 1_500 },
      { kind: 'watermark', arrivalTime: 5_000, watermark: Number.POSITIVE_INFINITY },
    ]);
  });

  it('gives a bare value the current watermark as its timestamp, as Beam does', () => {
    const events = readAll(
      TestStream.create<string>()
        .addElements('before')
        .advanceWatermarkTo(3_000)
        .addElements('after')
        .build()
        .createReader(0),
    );
    expect(events).toEqual([
      { kind: 'record', arrivalTime: 0, value: 'before' },
      { kind: 'watermark', arrivalTime: 0, watermark: 3_000 },
      { kind: 'record', arrivalTime: 0, value: 'after', timestamp: 3_000 },
    ]);
  });

  it('reads only objects with exactly `value` and a numeric `timestamp` as timestamped', () => {
    type Row =
      { value: number; timestamp: number; extra?: boolean } | { value: string; timestamp: string };
    const events = readAll(
      TestStream.create<Row>()
        .addElements({ value: 1, timestamp: 10, extra: true })
        .addElements({ value: 'x', timestamp: 'soon' })
        .addElements({ value: { value: 2, timestamp: 20 }, timestamp: 30 })
        .build()
        .createReader(0),
    );
    expect(events).toEqual([
      { kind: 'record', arrivalTime: 0, value: { value: 1, timestamp: 10, extra: true } },
      { kind: 'record', arrivalTime: 0, value: { value: 'x', timestamp: 'soon' } },
      { kind: 'record', arrivalTime: 0, value: { value: 2, timestamp: 20 }, timestamp: 30 },
    ]);
  });

  it('accumulates processing-time advances', () => {
    const events = readAll(
      TestStream.create<number>()
        .advanceProcessingTime(100)
        .addElements(1)
        .advanceProcessingTime(200)
        .advanceProcessingTime(300)
        .addElements(2)
        .build()
        .createReader(0),
    );
    expect(events.map((e) => e.arrivalTime)).toEqual([100, 600]);
  });

  it('is immutable: each call returns a new script and leaves the old one as it was', () => {
    const base = TestStream.create<number>().addElements(1);
    const longer = base.addElements(2);
    expect(readAll(base.build().createReader(0))).toHaveLength(1);
    expect(readAll(longer.build().createReader(0))).toHaveLength(2);
  });

  it('enforces Beam’s rules', () => {
    const stream = TestStream.create<number>().advanceWatermarkTo(1_000);
    expect(() => stream.advanceWatermarkTo(1_000)).toThrow('The watermark must advance');
    expect(() => stream.advanceWatermarkTo(500)).toThrow('The watermark must advance');
    expect(() => stream.advanceWatermarkTo(Infinity)).toThrow('advanceWatermarkToInfinity');
    expect(() => stream.advanceProcessingTime(0)).toThrow('positive amount');
    expect(() => stream.advanceProcessingTime(-5)).toThrow('positive amount');
    expect(() => stream.addElements({ value: 1, timestamp: Infinity })).toThrow(
      'finite timestamps',
    );
    // The first watermark may be anything finite, negative included.
    expect(() => TestStream.create().advanceWatermarkTo(-10)).not.toThrow();
  });

  it('ends when the script ends, with or without the final watermark', () => {
    const reader = TestStream.create<number>().addElements(1).build().createReader(0);
    expect(reader.next()).toBeDefined();
    expect(reader.next()).toBeUndefined();
    expect(reader.next()).toBeUndefined();
    expect(reader.position()).toBe(1);
  });

  it('emits any script in order, at the processing time reached by the advances before each step', () => {
    type Step =
      | { kind: 'elements'; values: number[] }
      | { kind: 'watermark'; by: number }
      | { kind: 'time'; by: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('elements' as const),
        values: fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('watermark' as const),
        by: fc.integer({ min: 1, max: 1_000 }),
      }),
      fc.record({ kind: fc.constant('time' as const), by: fc.integer({ min: 1, max: 1_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let stream = TestStream.create<number>();
        const expected: SourceEvent<number>[] = [];
        let now = 0;
        let watermark: number | undefined;
        for (const s of steps) {
          if (s.kind === 'time') {
            stream = stream.advanceProcessingTime(s.by);
            now += s.by;
          } else if (s.kind === 'watermark') {
            watermark = (watermark ?? 0) + s.by;
            stream = stream.advanceWatermarkTo(watermark);
            expected.push({ kind: 'watermark', arrivalTime: now, watermark });
          } else {
            const [first, ...rest] = s.values as [number, ...number[]];
            stream = stream.addElements(first, ...rest);
            for (const value of s.values) {
              expected.push(
                watermark === undefined
                  ? { kind: 'record', arrivalTime: now, value }
                  : { kind: 'record', arrivalTime: now, value, timestamp: watermark },
              );
            }
          }
        }
        expect(readAll(stream.build().createReader(0))).toEqual(expected);
      }),
    );
  });

  it('resumes exactly from every position', () => {
    const source = TestStream.create<string>()
      .addElements('a', 'b')
      .advanceWatermarkTo(10)
      .advanceProcessingTime(50)
      .addElements({ value: 'c', timestamp: 5 })
      .advanceWatermarkToInfinity()
      .build();
    expectResumesExactly(source, 0);
  });
});
