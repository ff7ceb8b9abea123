import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Topic, topicSource } from '../../../src/engine/sources';
import { expectResumesExactly, readAll } from './read';

const valuesOf = <T>(source: ReturnType<typeof topicSource<T>>, partition: number) =>
  readAll(source.createReader(partition)).map((e) => (e.kind === 'record' ? e.value : e));

describe('Topic', () => {
  it('gives each partition its own offsets, from 0, in produce order', () => {
    const topic = Topic.create<string>({ name: 'orders', partitions: 2 });
    expect(topic.produce('a', { partition: 1 })).toEqual({ partition: 1, offset: 0 });
    expect(topic.produce('b', { partition: 0 })).toEqual({ partition: 0, offset: 0 });
    expect(topic.produce('c', { partition: 1, timestamp: 5 })).toEqual({ partition: 1, offset: 1 });
    expect(topic.records(1)).toEqual([
      { partition: 1, offset: 0, key: undefined, value: 'a', timestamp: undefined },
      { partition: 1, offset: 1, key: undefined, value: 'c', timestamp: 5 },
    ]);
    expect([topic.endOffset(0), topic.endOffset(1)]).toEqual([1, 2]);
    expect(topic.records(1, 1).map((r) => r.value)).toEqual(['c']);
  });

  it('sends equal keys to the same partition and unkeyed records round-robin', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.integer())),
        fc.integer({ min: 1, max: 8 }),
        (keys, partitions) => {
          const topic = Topic.create<number>({ name: 't', partitions });
          const placed = new Map<string | number, number>();
          keys.forEach((key, i) => {
            const { partition } = topic.produce(i, { key });
            expect(placed.get(key) ?? partition).toBe(partition);
            placed.set(key, partition);
          });
        },
      ),
    );
    const topic = Topic.create<number>({ name: 't', partitions: 3 });
    expect([1, 2, 3, 4].map((v) => topic.produce(v).partition)).toEqual([0, 1, 2, 0]);
  });

  it('keeps each partition in produce order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 2 }), { maxLength: 50 }), (keys) => {
        const topic = Topic.create<number>({ name: 't', partitions: 3 });
        keys.forEach((key, i) => topic.produce(i, { key }));
        for (let p = 0; p < 3; p++) {
          const records = topic.records(p);
          expect(records.map((r) => r.offset)).toEqual(records.map((_, i) => i));
          const values = records.map((r) => r.value);
          expect(values).toEqual([...values].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('uses a custom partitioner', () => {
    const topic = Topic.create<{ region: string }>({
      name: 't',
      partitions: 2,
      partitioner: ({ value }) => (value.region === 'eu' ? 0 : 1),
    });
    expect(topic.produce({ region: 'us' }).partition).toBe(1);
    expect(topic.produce({ region: 'eu' }, { key: 'x' }).partition).toBe(0);
  });

  it('refuses partitions that do not exist', () => {
    const topic = Topic.create<number>({ name: 'orders', partitions: 2 });
    expect(() => topic.produce(1, { partition: 2 })).toThrow(
      'Topic "orders" has partitions 0 to 1; there is no partition 2.',
    );
    const bad = Topic.create<number>({ name: 'bad', partitions: 2, partitioner: () => 7 });
    expect(() => bad.produce(1)).toThrow('no partition 7');
    expect(() => Topic.create({ name: 'x', partitions: 0 })).toThrow('partitions');
    expect(() => topic.produce(1, { timestamp: NaN })).toThrow('timestamp');
  });
});

describe('topicSource', () => {
  function orders() {
    const topic = Topic.create<string>({ name: 'orders', partitions: 2 });
    ['a0', 'a1', 'a2'].forEach((v) => topic.produce(v, { partition: 0, timestamp: 10 }));
    ['b0', 'b1'].forEach((v) => topic.produce(v, { partition: 1 }));
    return topic;
  }

  it('reads each topic partition as a source partition, from the earliest offset by default', () => {
    const source = topicSource(orders(), { arrivalIntervalMs: 5 });
    expect(source).toMatchObject({ name: 'orders', partitions: 2, bounded: true });
    expect(readAll(source.createReader(0))).toEqual([
      { kind: 'record', arrivalTime: 0, value: 'a0', timestamp: 10 },
      { kind: 'record', arrivalTime: 5, value: 'a1', timestamp: 10 },
      { kind: 'record', arrivalTime: 10, value: 'a2', timestamp: 10 },
    ]);
    expect(valuesOf(source, 1)).toEqual(['b0', 'b1']);
  });

  it('starts from given offsets; unlisted partitions start at 0', () => {
    const source = topicSource(orders(), { startingOffsets: { 0: 2 } });
    expect(valuesOf(source, 0)).toEqual(['a2']);
    expect(valuesOf(source, 1)).toEqual(['b0', 'b1']);
  });

  it('starts `latest` at the end of the log when the reader opens', () => {
    const topic = orders();
    const source = topicSource(topic, { startingOffsets: 'latest' });
    topic.produce('a3', { partition: 0 });
    const reader = source.createReader(0);
    expect(reader.next()).toBeUndefined();
    topic.produce('a4', { partition: 0 });
    expect(reader.next()).toMatchObject({ value: 'a4' });
  });

  it('sees records produced before the reader catches up', () => {
    const topic = orders();
    const reader = topicSource(topic).createReader(1);
    expect(reader.next()).toMatchObject({ value: 'b0' });
    topic.produce('b2', { partition: 1 });
    expect(readAll(reader).map((e) => e.kind === 'record' && e.value)).toEqual(['b1', 'b2']);
  });

  it('resumes from a position exactly once from there (offsets are the position)', () => {
    const source = topicSource(orders());
    expectResumesExactly(source, 0);
    const reader = source.createReader(0);
    reader.next();
    expect(reader.position()).toEqual([1, 1]);
  });

  it('refuses offsets and partitions the topic does not have', () => {
    const topic = orders();
    expect(() => topicSource(topic, { startingOffsets: { 2: 0 } })).toThrow(
      'startingOffsets names partition 2',
    );
    expect(() => topicSource(topic, { startingOffsets: { 0: -1 } })).toThrow('offset ≥ 0');
    expect(() => topicSource(topic, { startingOffsets: { 0: 9 } }).createReader(0)).toThrow(
      'partition 0 has no offset 9',
    );
    expect(() => topicSource(topic).createReader(2)).toThrow('no partition 2');
  });
});
