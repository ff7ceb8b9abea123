import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PipelineDefinitionError } from '../../../src/engine/errors';
import { type SourceEvent, TestStream, TimestampedValue } from '../../../src/engine/sources';
import { expectResumesExactly, readAll } from './read';

describe('TestStream', () => {
  it('plays elements, watermarks and processing-time advances in script order', () => {
    const source = TestStream.create<string>()
      .addElements(TimestampedValue.of('a', 1_000), TimestampedValue.of('b', 2_000))
      .advanceWatermarkTo(2_000)
      .advanceProcessingTime(5_000)
      .addElements(TimestampedValue.of('late', 1_500))
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

  it('gives a bare record the watermark as its timestamp, whatever its fields say', () => {
    const reading = { key: 'a', value: 1, ts: 5_000 };
    const events = readAll(
      TestStream.create<typeof reading>()
        .advanceWatermarkTo(1_000)
        .addElements(reading)
        .addElements(TimestampedValue.of(reading, 5_000))
        .build()
        .createReader(0),
    );
    expect(events).toEqual([
      { kind: 'watermark', arrivalTime: 0, watermark: 1_000 },
      // Bare: the watermark's 1_000, by Beam's rule; its `ts` is data, not read.
      {
        kind: 'record',
        arrivalTime: 0,
        value: { key: 'a', value: 1, ts: 5_000 },
        timestamp: 1_000,
      },
      // Wrapped: its own 5_000.
      {
        kind: 'record',
        arrivalTime: 0,
        value: { key: 'a', value: 1, ts: 5_000 },
        timestamp: 5_000,
      },
    ]);
    // The element itself goes through untouched, in both forms.
    expect(events[1]).toHaveProperty('value', reading);
    expect((events[1] as { value: unknown }).value).toBe(reading);
    expect((events[2] as { value: unknown }).value).toBe(reading);
    expect(reading).toEqual({ key: 'a', value: 1, ts: 5_000 });
  });

  it('reads `{ value, timestamp }` objects as values: only TimestampedValue.of gives a timestamp', () => {
    type Row = { value: number; timestamp: number };
    const events = readAll(
      TestStream.create<Row>()
        .addElements({ value: 1, timestamp: 10 })
        .advanceWatermarkTo(100)
        .addElements(
          { value: 2, timestamp: 20 },
          TimestampedValue.of({ value: 3, timestamp: 30 }, 30),
        )
        .build()
        .createReader(0),
    );
    expect(events).toEqual([
      { kind: 'record', arrivalTime: 0, value: { value: 1, timestamp: 10 } },
      { kind: 'watermark', arrivalTime: 0, watermark: 100 },
      { kind: 'record', arrivalTime: 0, value: { value: 2, timestamp: 20 }, timestamp: 100 },
      { kind: 'record', arrivalTime: 0, value: { value: 3, timestamp: 30 }, timestamp: 30 },
    ]);
  });

  it('keeps the timestamp of an element behind the watermark: it is late, not re-timed', () => {
    const events = readAll(
      TestStream.create<string>()
        .advanceWatermarkTo(3_000)
        .addElements(TimestampedValue.of('late', 1_000), TimestampedValue.of('at the mark', 3_000))
        .build()
        .createReader(0),
    );
    expect(events.slice(1)).toEqual([
      { kind: 'record', arrivalTime: 0, value: 'late', timestamp: 1_000 },
      { kind: 'record', arrivalTime: 0, value: 'at the mark', timestamp: 3_000 },
    ]);
  });

  it('types a timestamped element by the script, tuples included', () => {
    const pairs = TestStream.create<[string, number]>().addElements(
      TimestampedValue.of(['a', 1], 1_000),
      ['b', 2],
    );
    expect(readAll(pairs.build().createReader(0))).toHaveLength(2);
    const strings = TestStream.create<string>();
    // @ts-expect-error a `{ value, timestamp }` object is not a TimestampedValue, nor a string
    expect(() => strings.addElements({ value: 'a', timestamp: 1 })).not.toThrow();
    // @ts-expect-error the value must be of the script's type
    expect(() => strings.addElements(TimestampedValue.of(5, 1))).not.toThrow();
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
    expect(() => stream.advanceWatermarkTo(Infinity)).toThrow(
      'advanceWatermarkTo(Infinity): to end the stream, call advanceWatermarkToInfinity().',
    );
    for (const bad of [NaN, 1.5, -Infinity]) {
      expect(() => stream.advanceWatermarkTo(bad)).toThrow(
        `advanceWatermarkTo(${bad}): a watermark must be a whole number of milliseconds`,
      );
    }
    for (const bad of [0, -5, 0.5, NaN]) {
      expect(() => stream.advanceProcessingTime(bad)).toThrow(
        `advanceProcessingTime(${bad}): processing time only moves forward, by a positive whole number`,
      );
    }
    // The first watermark may be anything finite, negative included.
    expect(() => TestStream.create().advanceWatermarkTo(-10)).not.toThrow();
  });

  it('lets the watermark stay where it is, as Beam does: a step that moves nothing', () => {
    const stream = TestStream.create<number>()
      .advanceWatermarkTo(1_000)
      .advanceProcessingTime(500)
      .advanceWatermarkTo(1_000);
    expect(readAll(stream.build().createReader(0))).toEqual([
      { kind: 'watermark', arrivalTime: 0, watermark: 1_000 },
      { kind: 'watermark', arrivalTime: 500, watermark: 1_000 },
    ]);
  });

  it('refuses to move the watermark back, saying so', () => {
    const stream = TestStream.create<number>().advanceWatermarkTo(3_000);
    const error = catching(() => stream.advanceWatermarkTo(1_000));
    expect(error).toBeInstanceOf(PipelineDefinitionError);
    expect((error as Error).message).toMatch(
      /^advanceWatermarkTo\(1000\) would move the watermark back from 3000: a watermark only moves forward\./,
    );
    expect((error as Error).message).toContain('TimestampedValue.of(element, 1000)');
  });

  it('refuses a timestamp that is not a whole number of milliseconds, naming the element', () => {
    const reading = { sensor: 's1', celsius: 21 };
    for (const bad of [1.5, NaN, Infinity, -Infinity]) {
      const error = catching(() => TimestampedValue.of(reading, bad));
      expect(error).toBeInstanceOf(PipelineDefinitionError);
      expect((error as Error).message).toBe(
        `TimestampedValue.of({ sensor: "s1", celsius: 21 }, ${bad}): the timestamp must be a ` +
          "whole number of milliseconds, such as 5_000 or Date.parse('2024-05-01T12:00:00Z').",
      );
    }
    // Dates in another form: the message names it and says how to turn it into milliseconds.
    expect(() => TimestampedValue.of('a', '2024-05-01' as unknown as number)).toThrow(
      /^TimestampedValue\.of\("a", "2024-05-01"\): .* For a date written as text, pass Date\.parse\(text\)\.$/,
    );
    expect(() => TimestampedValue.of('a', new Date(0) as unknown as number)).toThrow(
      /^TimestampedValue\.of\("a", new Date\("1970-01-01T00:00:00\.000Z"\)\): .* For a Date, pass date\.getTime\(\)\.$/,
    );
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

  it('gives every element its TimestampedValue timestamp, or else the watermark, in any script', () => {
    // Elements of any shape, `{ value, timestamp }` included, wrapped or not; the watermark may stay.
    const element = fc.oneof(
      fc.anything(),
      fc.record({ value: fc.anything(), timestamp: fc.integer() }),
    );
    type Step =
      | { kind: 'elements'; items: { value: unknown; stamp: number | undefined }[] }
      | { kind: 'watermark'; by: number }
      | { kind: 'time'; by: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('elements' as const),
        items: fc.array(
          fc.record({
            value: element,
            stamp: fc.option(fc.integer({ min: -5_000, max: 5_000 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      fc.record({
        kind: fc.constant('watermark' as const),
        by: fc.integer({ min: 0, max: 1_000 }),
      }),
      fc.record({ kind: fc.constant('time' as const), by: fc.integer({ min: 1, max: 1_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 15 }), (steps) => {
        let stream = TestStream.create<unknown>();
        const expected: SourceEvent<unknown>[] = [];
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
            const items = s.items.map(({ value, stamp }) =>
              stamp === undefined ? value : TimestampedValue.of(value, stamp),
            );
            stream = stream.addElements(items[0], ...items.slice(1));
            for (const { value, stamp } of s.items) {
              const timestamp = stamp ?? watermark;
              expected.push(
                timestamp === undefined
                  ? { kind: 'record', arrivalTime: now, value }
                  : { kind: 'record', arrivalTime: now, value, timestamp },
              );
            }
          }
        }
        const events = readAll(stream.build().createReader(0));
        expect(events).toEqual(expected);
        // The elements themselves are handed on, not copies.
        events.forEach((event, i) => {
          if (event.kind === 'record')
            expect(event.value).toBe((expected[i] as { value: unknown }).value);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('resumes exactly from every position', () => {
    const source = TestStream.create<string>()
      .addElements('a', 'b')
      .advanceWatermarkTo(10)
      .advanceProcessingTime(50)
      .addElements(TimestampedValue.of('c', 5))
      .advanceWatermarkToInfinity()
      .build();
    expectResumesExactly(source, 0);
  });
});

function catching(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
