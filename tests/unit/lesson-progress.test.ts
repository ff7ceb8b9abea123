import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromStored,
  merge,
  NOT_STARTED,
  record,
  statusOf,
  type LessonProgress,
  type LessonStatus,
  type ProgressEvent,
} from '../../src/ui/progress/lesson-progress';

const started = (at: number): ProgressEvent => ({ kind: 'started', at });
const passed = (at: number, message = 'All good.'): ProgressEvent => ({
  kind: 'passed',
  at,
  message,
});
const read = (at: number): ProgressEvent => ({ kind: 'read', at });

const after = (...events: ProgressEvent[]) => events.reduce(record, NOT_STARTED);

describe('a lesson’s status', () => {
  it('is not started until the learner edits or runs its code', () => {
    expect(statusOf(NOT_STARTED)).toBe('not-started');
    expect(statusOf(after(started(10)))).toBe('in-progress');
  });

  it('is done once its check passes, and a pass starts it too', () => {
    const progress = after(passed(20, 'Five alerts.'));
    expect(statusOf(progress)).toBe('done');
    expect(progress).toEqual({ startedAt: 20, passed: { at: 20, message: 'Five alerts.' } });
  });

  it('stays done when the learner edits and runs it again', () => {
    const progress = after(started(10), passed(20), started(30));
    expect(statusOf(progress)).toBe('done');
    expect(progress.startedAt).toBe(10);
  });

  it('is done once a lesson with no check is marked read', () => {
    expect(after(started(5), read(9))).toEqual({ startedAt: 5, readAt: 9 });
    expect(statusOf(after(read(9)))).toBe('done');
  });

  it('remembers the newest pass, with what the check said then', () => {
    const progress = after(passed(20, 'first'), passed(50, 'second'), passed(40, 'older'));
    expect(progress.passed).toEqual({ at: 50, message: 'second' });
  });

  it('gives back the same record when an event adds nothing, so nothing is written', () => {
    const progress = after(started(10), read(12));
    expect(record(progress, started(30))).toBe(progress);
    expect(record(progress, read(40))).toBe(progress);
    const withPass = record(progress, passed(50));
    expect(record(withPass, passed(45))).toBe(withPass);
  });
});

const anEvent: fc.Arbitrary<ProgressEvent> = fc.oneof(
  fc.nat().map(started),
  fc.tuple(fc.nat(), fc.string()).map(([at, message]) => passed(at, message)),
  fc.nat().map(read),
);
const aProgress: fc.Arbitrary<LessonProgress> = fc
  .array(anEvent, { maxLength: 6 })
  .map((events) => after(...events));
const rank: Record<LessonStatus, number> = { 'not-started': 0, 'in-progress': 1, done: 2 };

describe('progress, whatever the learner does', () => {
  it('never moves back: a later event cannot undo a start or a pass', () => {
    fc.assert(
      fc.property(aProgress, anEvent, (progress, event) => {
        expect(rank[statusOf(record(progress, event))]).toBeGreaterThanOrEqual(
          rank[statusOf(progress)],
        );
      }),
    );
  });

  it('merges two records (two tabs) the same in either order, losing neither', () => {
    fc.assert(
      fc.property(aProgress, aProgress, (a, b) => {
        const merged = merge(a, b);
        const flipped = merge(b, a);
        expect(statusOf(merged)).toBe(statusOf(flipped));
        expect(merged.startedAt).toBe(flipped.startedAt);
        expect(merged.readAt).toBe(flipped.readAt);
        expect(merged.passed?.at).toBe(flipped.passed?.at);
        expect(rank[statusOf(merged)]).toBe(Math.max(rank[statusOf(a)], rank[statusOf(b)]));
        expect(merge(merged, a)).toEqual(merged);
      }),
    );
  });

  it('reads back what it stored', () => {
    fc.assert(
      fc.property(aProgress, (progress) => {
        expect(fromStored(structuredClone(progress))).toEqual(progress);
      }),
    );
  });
});

describe('a stored record', () => {
  it('drops fields of the wrong shape instead of trusting them', () => {
    expect(fromStored(undefined)).toEqual({});
    expect(fromStored('done')).toEqual({});
    expect(fromStored({ startedAt: '2024', readAt: -1, passed: { message: 'x' } })).toEqual({});
    expect(fromStored({ startedAt: Number.NaN, passed: { at: 7 } })).toEqual({
      passed: { at: 7, message: '' },
    });
  });
});
