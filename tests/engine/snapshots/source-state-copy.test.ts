/**
 * A source operator's state is copied for a checkpoint without `copyState`'s walk when it can be
 * (see `source-state-copy.ts`). These check that the shortcut changes nothing a snapshot promises:
 * the same copy and the same size as the walk, and a copy that keeps nothing the source still
 * holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copySourceState } from '../../../src/engine/operators/source-state-copy';
import type { SourceState } from '../../../src/engine/operators/source-state-copy';
import type { SourceSplitSnapshot } from '../../../src/engine/runtime/snapshot';
import { copyState } from '../../../src/engine/state/copy-state';

/** A split's snapshot, with the values a source's splits take, and some they do not. */
const split: fc.Arbitrary<SourceSplitSnapshot> = fc.record({
  partition: fc.nat(7),
  finished: fc.boolean(),
  lastArrival: fc.oneof(fc.integer(), fc.constant(-Infinity)),
  watermark: fc.oneof(fc.integer(), fc.constant(-Infinity)),
  idle: fc.boolean(),
  generator: fc.oneof(
    fc.constant(undefined),
    fc.record({ maxTimestamp: fc.integer() }),
    fc.record({ lastSeen: fc.integer(), idle: fc.boolean(), label: fc.string() }),
    fc.record({ nested: fc.record({ at: fc.integer() }) }),
  ),
  position: fc.oneof(
    fc.constant(undefined),
    fc.nat(),
    fc.string(),
    fc.array(fc.oneof(fc.nat(), fc.string()), { maxLength: 3 }),
  ),
  skip: fc.nat(20),
  pending: fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('record' as const),
        arrivalTime: fc.nat(),
        value: fc.record({ id: fc.nat(), name: fc.string() }),
      }),
    },
  ),
});

describe('the quick copy of a source operator’s state', () => {
  it('is the walk’s copy, with the walk’s size, whenever it is taken', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.array(split, { minLength: 0, maxLength: 4 }), (splits) => {
        // The state is fresh for every copy, as `snapshotOwnState` makes it: the shortcut may put
        // copies into it, so the walk copies one of its own.
        const fresh = (): SourceState => ({ partitions: structuredClone(splits) });
        const walked = copyState(fresh());
        const state = fresh();
        const held = state.partitions.map((copied) => copied.generator);
        const quick = copySourceState(state);
        if (quick === undefined) return;
        taken++;
        expect(quick.bytes).toBe(walked.bytes);
        expect(quick.value).toEqual(walked.value);
        // Nothing the source still holds is in the copy: a generator's state is a copy.
        quick.value.partitions.forEach((copied, i) => {
          const original = held[i];
          if (typeof original === 'object') expect(copied.generator).not.toBe(original);
        });
      }),
      { numRuns: 400 },
    );
    // The shortcut is taken for the common shapes, not only left to the walk.
    expect(taken).toBeGreaterThan(50);
  });

  it('leaves to the walk a split that read ahead, or whose position is a list', () => {
    const base: SourceSplitSnapshot = {
      partition: 0,
      finished: false,
      lastArrival: 5,
      watermark: 3,
      idle: false,
      generator: { maxTimestamp: 4 },
      position: 2,
      skip: 0,
      pending: undefined,
    };
    expect(copySourceState({ partitions: [{ ...base }] })).toBeDefined();
    const pending = { kind: 'record' as const, arrivalTime: 6, value: { id: 1 } };
    expect(copySourceState({ partitions: [{ ...base, pending }] })).toBeUndefined();
    expect(copySourceState({ partitions: [{ ...base, position: [1, 'a'] }] })).toBeUndefined();
  });
});
